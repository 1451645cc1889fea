import { changeRole, CURRENCY_ROLES, localCurrencyAbi, type CurrencyRole } from "komuno";
import { getAddress, Interface, isAddress } from "ethers";
import { useState } from "preact/hooks";

import { t, type MessageKey } from "../../i18n/index.js";
import { describeError, sendFailureText } from "../../shared/errors.js";
import { useOffice, type RoleKey } from "../context.js";
import { operationText } from "./operationText.js";
import { governedText, ScheduleReview } from "./ScheduleReview.js";
import type { TimelockFacts } from "./timelock.js";

const currencyInterface = new Interface(localCurrencyAbi);
const ROLE_LABELS: Record<CurrencyRole, MessageKey> = {
  treasurer: "gov.role.treasurer",
  auditor: "gov.role.auditor",
  memberManager: "gov.role.manager",
  pauser: "gov.role.pauser",
};

interface RolePlan {
  role: CurrencyRole;
  account: string;
  change: "grant" | "revoke";
  what: string;
}

/** Give or take away one of the currency's roles: a new treasurer, an auditor replaced, a key that was lost. */
export function ScheduleRole({
  roleKey,
  facts,
  onScheduled,
}: {
  roleKey: RoleKey;
  facts: TimelockFacts | undefined;
  onScheduled: () => void;
}) {
  const { reader } = useOffice();
  const [role, setRole] = useState<CurrencyRole>("treasurer");
  const [account, setAccount] = useState("");
  const [change, setChange] = useState<"grant" | "revoke">("grant");
  const [plan, setPlan] = useState<RolePlan>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  async function review(event: Event) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    if (!isAddress(account.trim())) return setError(t("address.invalid"));
    const address = getAddress(account.trim());
    setBusy(true);
    try {
      const holds = await reader.currency.hasRole(CURRENCY_ROLES[role], address);
      const roleText = t(ROLE_LABELS[role]);
      if (change === "grant" && holds) return setError(t("gov.role.alreadyHeld", { address, role: roleText }));
      if (change === "revoke" && !holds) return setError(t("gov.role.notHeld", { address, role: roleText }));
      const name = change === "grant" ? "grantRole" : "revokeRole";
      const data = currencyInterface.encodeFunctionData(name, [CURRENCY_ROLES[role], address]);
      setPlan({
        role,
        account: address,
        change,
        what: operationText(reader, { target: reader.address, data, description: name }),
      });
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  async function confirm() {
    if (plan === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await changeRole(roleKey.client, { role: plan.role, account: plan.account, change: plan.change });
      setDone(governedText(plan.what, result));
      setPlan(undefined);
      setAccount("");
      onScheduled();
    } catch (failure) {
      setError(sendFailureText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="gov-role-title">
      <h2 id="gov-role-title">{t("gov.roles.title")}</h2>
      <p class="hint">{t("gov.roles.hint")}</p>
      {plan === undefined ? (
        <form onSubmit={review}>
          <fieldset>
            <legend>{t("gov.roles.change")}</legend>
            {(["grant", "revoke"] as const).map((value) => (
              <label key={value} class="inline">
                <input
                  type="radio"
                  name="gov-role-change"
                  value={value}
                  checked={change === value}
                  onChange={() => setChange(value)}
                />{" "}
                {t(value === "grant" ? "gov.roles.grant" : "gov.roles.revoke")}
              </label>
            ))}
          </fieldset>
          <label for="gov-role-role">{t("gov.roles.role")}</label>
          <select
            id="gov-role-role"
            value={role}
            onChange={(e) => setRole((e.target as HTMLSelectElement).value as CurrencyRole)}
          >
            {(Object.keys(ROLE_LABELS) as CurrencyRole[]).map((value) => (
              <option key={value} value={value}>
                {t(ROLE_LABELS[value])}
              </option>
            ))}
          </select>
          <label for="gov-role-account">{t("gov.roles.account")}</label>
          <input
            id="gov-role-account"
            class="mono"
            autocomplete="off"
            spellcheck={false}
            value={account}
            onInput={(e) => setAccount((e.target as HTMLInputElement).value)}
          />
          <button type="submit" disabled={busy}>
            {t("gov.review.check")}
          </button>
        </form>
      ) : (
        <ScheduleReview
          what={plan.what}
          facts={facts}
          busy={busy}
          onConfirm={confirm}
          onBack={() => setPlan(undefined)}
        >
          {plan.change === "revoke" && plan.role === "treasurer" && (
            <>
              <dt>{t("gov.roles.allowance")}</dt>
              <dd>{t("gov.roles.allowanceCleared")}</dd>
            </>
          )}
        </ScheduleReview>
      )}
      {done && (
        <p role="status" class="success">
          {done}
        </p>
      )}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
