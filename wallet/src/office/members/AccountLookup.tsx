import { closeMember, freezeMember, getMember, unfreezeMember, type Member } from "komuno";
import { isAddress } from "ethers";
import { useState } from "preact/hooks";

import { t, type MessageKey } from "../../i18n/index.js";
import { describeError } from "../../shared/errors.js";
import { formatMoney } from "../../shared/format.js";
import { useOffice, type RoleKey } from "../context.js";
import { kindName, statusName } from "./kinds.js";

type Action = "freeze" | "unfreeze" | "close";

const ACTIONS: Record<Action, { label: MessageKey; explain: MessageKey; run: typeof freezeMember }> = {
  freeze: { label: "members.look.freeze", explain: "members.look.freezeExplain", run: freezeMember },
  unfreeze: { label: "members.look.unfreeze", explain: "members.look.unfreezeExplain", run: unfreezeMember },
  close: { label: "members.look.close", explain: "members.look.closeExplain", run: closeMember },
};

/** What an account's status allows: the contract decides, this only offers the actions that can succeed. */
function actionsFor(member: Member): Action[] {
  if (member.status === "active") return ["freeze", "close"];
  if (member.status === "frozen") return ["unfreeze", "close"];
  return [];
}

/** An account looked up by address, then frozen, unfrozen or closed, each said in words before it is confirmed. */
export function AccountLookup({ roleKey }: { roleKey: RoleKey }) {
  const { symbol } = useOffice();
  const [address, setAddress] = useState("");
  const [member, setMember] = useState<Member>();
  const [chosen, setChosen] = useState<Action>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  async function lookUp(event: Event) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    setChosen(undefined);
    setMember(undefined);
    if (!isAddress(address.trim())) {
      setError(t("address.invalid"));
      return;
    }
    try {
      setMember(await getMember(roleKey.client, { account: address.trim() }));
    } catch (failure) {
      setError(describeError(failure, symbol));
    }
  }

  async function confirm(action: Action, account: string) {
    setBusy(true);
    setError(undefined);
    try {
      await ACTIONS[action].run(roleKey.client, { account });
      const after = await getMember(roleKey.client, { account });
      setMember(after);
      setChosen(undefined);
      setDone(t("members.look.done", { status: statusName(after.status) }));
    } catch (failure) {
      setError(describeError(failure, symbol));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="lookup-title">
      <h2 id="lookup-title">{t("members.look.title")}</h2>
      <form onSubmit={lookUp}>
        <label for="lookup-address">{t("members.address")}</label>
        <input
          id="lookup-address"
          class="mono"
          value={address}
          autocomplete="off"
          spellcheck={false}
          onInput={(event) => setAddress((event.target as HTMLInputElement).value)}
        />
        <button type="submit">{t("members.look.button")}</button>
      </form>
      {member && (
        <>
          <dl class="facts" aria-label={member.account}>
            <dt>{t("members.look.kind")}</dt>
            <dd>{kindName(member.kind)}</dd>
            <dt>{t("members.look.status")}</dt>
            <dd>{statusName(member.status)}</dd>
            <dt>{t("members.look.balance")}</dt>
            <dd>{formatMoney(member.balance, symbol)}</dd>
          </dl>
          {member.status === "none" && <p>{t("members.look.notMember")}</p>}
          {member.status === "closed" && <p>{t("members.look.closedForGood")}</p>}
          {actionsFor(member).map((action) => (
            <div class="action-choice" key={action}>
              <p>{t(ACTIONS[action].explain)}</p>
              {chosen === action ? (
                <button
                  type="button"
                  class={action === "unfreeze" ? undefined : "danger"}
                  disabled={busy}
                  onClick={() => confirm(action, member.account)}
                >
                  {t("members.look.confirm", { action: t(ACTIONS[action].label), account: member.account })}
                </button>
              ) : (
                <button type="button" class="secondary" onClick={() => setChosen(action)}>
                  {t(ACTIONS[action].label)}
                </button>
              )}
            </div>
          ))}
        </>
      )}
      {error && <p role="alert">{error}</p>}
      {done && (
        <p class="success" role="status">
          {done}
        </p>
      )}
    </section>
  );
}
