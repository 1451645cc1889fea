import { changeMintAllowance, CURRENCY_ROLES, localCurrencyAbi } from "komuno";
import { Interface, isAddress, getAddress } from "ethers";
import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { describeError, sendFailureText } from "../../shared/errors.js";
import { formatEuros, readAmount } from "../../shared/format.js";
import { useOffice, type RoleKey } from "../context.js";
import { governedText, ScheduleReview } from "./ScheduleReview.js";
import { operationText } from "./operationText.js";
import type { TimelockFacts } from "./timelock.js";

const currencyInterface = new Interface(localCurrencyAbi);

interface AllowancePlan {
  treasurer: string;
  direction: "increase" | "decrease";
  amount: bigint;
  what: string;
  current: bigint;
}

/** Raise or lower what a treasurer may still mint: the board's most common operation. */
export function ScheduleAllowance({
  roleKey,
  facts,
  onScheduled,
}: {
  roleKey: RoleKey;
  facts: TimelockFacts | undefined;
  onScheduled: () => void;
}) {
  const { reader } = useOffice();
  const [treasurer, setTreasurer] = useState("");
  const [direction, setDirection] = useState<"increase" | "decrease">("increase");
  const [amountText, setAmountText] = useState("");
  const [plan, setPlan] = useState<AllowancePlan>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  async function review(event: Event) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    if (!isAddress(treasurer.trim())) return setError(t("address.invalid"));
    const amount = readAmount(amountText);
    if (!amount.ok) return setError(amount.message);
    const address = getAddress(treasurer.trim());
    setBusy(true);
    try {
      const [isTreasurer, current] = await Promise.all([
        reader.currency.hasRole(CURRENCY_ROLES.treasurer, address),
        reader.currency.mintAllowance(address),
      ]);
      if (!isTreasurer && direction === "increase") return setError(t("gov.allowance.notTreasurer", { address }));
      const name = direction === "increase" ? "increaseMintAllowance" : "decreaseMintAllowance";
      const data = currencyInterface.encodeFunctionData(name, [address, amount.cents]);
      const what = operationText(reader, { target: reader.address, data, description: name });
      setPlan({ treasurer: address, direction, amount: amount.cents, what, current });
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
      const result = await changeMintAllowance(roleKey.client, {
        treasurer: plan.treasurer,
        direction: plan.direction,
        amount: plan.amount,
      });
      setDone(governedText(plan.what, result));
      setPlan(undefined);
      setAmountText("");
      onScheduled();
    } catch (failure) {
      setError(sendFailureText(failure));
    } finally {
      setBusy(false);
    }
  }

  const after =
    plan === undefined
      ? 0n
      : plan.direction === "increase"
        ? plan.current + plan.amount
        : plan.current > plan.amount
          ? plan.current - plan.amount
          : 0n;
  return (
    <section class="card" aria-labelledby="gov-allowance-title">
      <h2 id="gov-allowance-title">{t("gov.allowance.title")}</h2>
      <p class="hint">{t("gov.allowance.hint")}</p>
      {plan === undefined ? (
        <form onSubmit={review}>
          <label for="gov-allowance-treasurer">{t("gov.allowance.treasurer")}</label>
          <input
            id="gov-allowance-treasurer"
            class="mono"
            autocomplete="off"
            spellcheck={false}
            value={treasurer}
            onInput={(e) => setTreasurer((e.target as HTMLInputElement).value)}
          />
          <fieldset>
            <legend>{t("gov.allowance.direction")}</legend>
            {(["increase", "decrease"] as const).map((value) => (
              <label key={value} class="inline">
                <input
                  type="radio"
                  name="gov-allowance-direction"
                  value={value}
                  checked={direction === value}
                  onChange={() => setDirection(value)}
                />{" "}
                {t(value === "increase" ? "gov.allowance.increase" : "gov.allowance.decrease")}
              </label>
            ))}
          </fieldset>
          <label for="gov-allowance-amount">{t("gov.allowance.amount")}</label>
          <input
            id="gov-allowance-amount"
            inputMode="decimal"
            autocomplete="off"
            aria-describedby="gov-allowance-amount-hint"
            value={amountText}
            onInput={(e) => setAmountText((e.target as HTMLInputElement).value)}
          />
          <p id="gov-allowance-amount-hint" class="hint">
            {t("amount.hint", { symbol: "€" })}
          </p>
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
          <dt>{t("gov.allowance.now")}</dt>
          <dd>{formatEuros(plan.current)}</dd>
          <dt>{t("gov.allowance.after")}</dt>
          <dd>{formatEuros(after)}</dd>
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
