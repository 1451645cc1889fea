import { getPaymentPolicy, localCurrencyAbi, MAX_FEE_BPS, setPaymentFees, type PaymentFees } from "komuno";
import { Interface } from "ethers";
import { useEffect, useState } from "preact/hooks";

import { locale, t, type MessageKey } from "../../i18n/index.js";
import { describeError, sendFailureText } from "../../shared/errors.js";
import { useOffice, type RoleKey } from "../context.js";
import { formatBps, operationText } from "./operationText.js";
import { governedText, ScheduleReview } from "./ScheduleReview.js";
import type { TimelockFacts } from "./timelock.js";

const currencyInterface = new Interface(localCurrencyAbi);
const KINDS = ["person", "business", "association"] as const;
const KIND_LABELS: Record<(typeof KINDS)[number], MessageKey> = {
  person: "gov.fees.person",
  business: "gov.fees.business",
  association: "gov.fees.association",
};

/** "1,50" or "1.5" percent as basis points (150); undefined when it is not a percentage with two decimals at most. */
function readPercent(text: string): number | undefined {
  const match = /^([0-9]{1,3})(?:[.,]([0-9]{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ""));
  if (match === null) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** Today's fee as the person would type it, in the screen's decimal mark: "1,50" in French. */
const percentText = (bps: number) => {
  const text = (bps / 100).toFixed(2);
  return locale() === "fr" ? text.replace(".", ",") : text;
};

/** Change the fee on payments to each kind of account, shown as percentages with today's beside. */
export function ScheduleFees({
  roleKey,
  facts,
  onScheduled,
}: {
  roleKey: RoleKey;
  facts: TimelockFacts | undefined;
  onScheduled: () => void;
}) {
  const { reader } = useOffice();
  const [current, setCurrent] = useState<PaymentFees>();
  const [texts, setTexts] = useState<Record<(typeof KINDS)[number], string>>({
    person: "",
    business: "",
    association: "",
  });
  const [plan, setPlan] = useState<{ fees: PaymentFees; what: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    getPaymentPolicy(reader).then(
      ({ fees }) => {
        setCurrent(fees);
        setTexts({
          person: percentText(fees.person),
          business: percentText(fees.business),
          association: percentText(fees.association),
        });
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  }, [reader, loads]);

  function review(event: Event) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    const fees = {} as PaymentFees;
    for (const kind of KINDS) {
      const bps = readPercent(texts[kind]);
      if (bps === undefined || bps > MAX_FEE_BPS) {
        return setError(t("gov.fees.invalid", { kind: t(KIND_LABELS[kind]), max: formatBps(MAX_FEE_BPS) }));
      }
      fees[kind] = bps;
    }
    if (current !== undefined && KINDS.every((kind) => fees[kind] === current[kind])) {
      return setError(t("gov.fees.unchanged"));
    }
    const data = currencyInterface.encodeFunctionData("setPaymentFees", [fees.person, fees.business, fees.association]);
    setPlan({ fees, what: operationText(reader, { target: reader.address, data, description: "setPaymentFees" }) });
  }

  async function confirm() {
    if (plan === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await setPaymentFees(roleKey.client, plan.fees);
      setDone(governedText(plan.what, result));
      setPlan(undefined);
      setLoads((n) => n + 1);
      onScheduled();
    } catch (failure) {
      setError(sendFailureText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="gov-fees-title">
      <h2 id="gov-fees-title">{t("gov.fees.title")}</h2>
      <p class="hint">{t("gov.fees.hint", { max: formatBps(MAX_FEE_BPS) })}</p>
      {plan === undefined ? (
        <form onSubmit={review}>
          {KINDS.map((kind) => (
            <div key={kind}>
              <label for={`gov-fees-${kind}`}>{t(KIND_LABELS[kind])}</label>
              <input
                id={`gov-fees-${kind}`}
                inputMode="decimal"
                autocomplete="off"
                aria-describedby={`gov-fees-${kind}-now`}
                value={texts[kind]}
                onInput={(e) => setTexts({ ...texts, [kind]: (e.target as HTMLInputElement).value })}
              />
              <p id={`gov-fees-${kind}-now`} class="hint">
                {current === undefined ? t("app.loading") : t("gov.fees.now", { fee: formatBps(current[kind]) })}
              </p>
            </div>
          ))}
          <button type="submit" disabled={current === undefined}>
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
        />
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
