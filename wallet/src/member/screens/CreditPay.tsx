import { getAddress, isAddress } from "ethers";
import { getCreditAccount, parsePaymentLink, payCredit, type CreditAccount, type TransactionResult } from "komuno";
import { useEffect, useRef, useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { describeError, describeSendFailure, sendFailureText } from "../../shared/errors.js";
import { formatMoney, readAmount, shortAddress } from "../../shared/format.js";
import { useFocusOnMount } from "../../shared/useFocusOnMount.js";
import { OfflineNotice } from "../components/OfflineNotice.js";
import { useMember } from "../context.js";
import "../wallet.css";

type Step =
  | { kind: "entry" }
  | { kind: "confirm"; to: string; amount: bigint; mine: CreditAccount }
  | { kind: "paid"; to: string; amount: bigint; result: TransactionResult; balance?: bigint };

/**
 * Paying in mutual credit: the member's credit balance goes down (below zero, to the floor the association
 * set), the payee's up; no euro-backed money moves and no fee is charged. Reached from the balance screen's
 * credit card, for members who have a credit line.
 */
export function CreditPay() {
  const { client, address, symbol } = useMember();
  const [mine, setMine] = useState<CreditAccount>();
  const [loadProblem, setLoadProblem] = useState<string>();
  const [step, setStep] = useState<Step>({ kind: "entry" });
  const [target, setTarget] = useState("");
  const [amount, setAmount] = useState("");
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [uncertain, setUncertain] = useState(false);
  // A state update lands after the next click could: the ref stops a double click from paying twice.
  const sent = useRef(false);
  const money = (cents: bigint) => formatMoney(cents, symbol);

  const load = () => {
    setLoadProblem(undefined);
    getCreditAccount(client, { account: address }).then(setMine, (error: unknown) =>
      setLoadProblem(describeError(error, symbol)),
    );
  };
  useEffect(load, [client, address]);

  async function check(event: Event) {
    event.preventDefault();
    if (busy) return;
    const to = recipientOf(target, client);
    if (to === undefined) return setProblem(t("pay.badRecipient"));
    if (to === getAddress(address)) return setProblem(t("pay.toSelf"));
    const entered = readAmount(amount);
    if (!entered.ok) return setProblem(entered.message);
    setBusy(true);
    setProblem(undefined);
    try {
      const [payer, payee] = await Promise.all([
        getCreditAccount(client, { account: address }),
        getCreditAccount(client, { account: to }),
      ]);
      // The contract refuses both too; said here before anything is sent, with the room left.
      if (entered.cents > payer.canPay) setProblem(t("credit.tooMuch", { canPay: money(payer.canPay) }));
      else if (entered.cents > payee.canReceive)
        setProblem(t("credit.payeeFull", { canReceive: money(payee.canReceive) }));
      else setStep({ kind: "confirm", to, amount: entered.cents, mine: payer });
    } catch (error) {
      setProblem(describeError(error, symbol));
    } finally {
      setBusy(false);
    }
  }

  async function send(event: Event) {
    event.preventDefault();
    if (step.kind !== "confirm" || sent.current) return;
    sent.current = true;
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await payCredit(client, { to: step.to, amount: step.amount });
      const after = await getCreditAccount(client, { account: address }).catch(() => undefined);
      setStep({ kind: "paid", to: step.to, amount: step.amount, result, balance: after?.balance });
      if (after) setMine(after);
    } catch (error) {
      const { maybeSent } = describeSendFailure(error, symbol);
      setProblem(sendFailureText(error, symbol));
      setUncertain(maybeSent);
      // It may have gone through: this screen will not send it again (sent.current stays set).
      if (!maybeSent) sent.current = false;
    } finally {
      setBusy(false);
    }
  }

  if (loadProblem) {
    return (
      <section aria-labelledby="credit-title">
        <h1 id="credit-title">{t("credit.title")}</h1>
        <p role="alert">{loadProblem}</p>
        <button type="button" onClick={load}>
          {t("app.retry")}
        </button>
      </section>
    );
  }
  if (mine === undefined) return <p aria-busy="true">{t("app.loading")}</p>;
  // Nothing to pay with: no line at all, or a line used down to its floor.
  if (mine.canPay === 0n && step.kind === "entry") {
    return (
      <section aria-labelledby="credit-title">
        <h1 id="credit-title">{t("credit.title")}</h1>
        <p>{mine.floor === 0n && mine.balance <= 0n ? t("credit.noLine") : t("credit.exhausted")}</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="credit-title" class="pay">
      <OfflineNotice />
      {step.kind === "entry" && (
        <>
          <h1 id="credit-title">{t("credit.title")}</h1>
          <p>{t("credit.intro", { canPay: money(mine.canPay) })}</p>
          <form onSubmit={check} noValidate>
            <label for="credit-target">{t("credit.recipient")}</label>
            <input
              id="credit-target"
              autoComplete="off"
              spellcheck={false}
              value={target}
              onInput={(event) => setTarget(event.currentTarget.value)}
            />
            <label for="credit-amount">{t("amount.label")}</label>
            <input
              id="credit-amount"
              inputMode="decimal"
              autoComplete="off"
              aria-describedby="credit-amount-hint"
              value={amount}
              onInput={(event) => setAmount(event.currentTarget.value)}
            />
            <p id="credit-amount-hint" class="hint">
              {t("amount.hint", { symbol })}
            </p>
            {problem && <p role="alert">{problem}</p>}
            <button type="submit" disabled={busy}>
              {busy ? t("pay.checking") : t("pay.continue")}
            </button>
          </form>
        </>
      )}
      {step.kind === "confirm" && (
        <CreditConfirm
          step={step}
          money={money}
          busy={busy}
          uncertain={uncertain}
          problem={problem}
          onSend={send}
          onBack={() => {
            // Back to the form, on purpose: a new payment may be checked and sent.
            sent.current = false;
            setUncertain(false);
            setProblem(undefined);
            setStep({ kind: "entry" });
          }}
        />
      )}
      {step.kind === "paid" && (
        <CreditPaid
          step={step}
          money={money}
          onAgain={() => {
            setAmount("");
            setTarget("");
            setStep({ kind: "entry" });
          }}
        />
      )}
    </section>
  );
}

/** A bare address, or the payee of a payment link of this currency. */
function recipientOf(text: string, client: Parameters<typeof parsePaymentLink>[1]): string | undefined {
  const trimmed = text.trim();
  if (isAddress(trimmed)) return getAddress(trimmed);
  try {
    return parsePaymentLink(trimmed, client).to;
  } catch {
    return undefined;
  }
}

function CreditConfirm({
  step,
  money,
  busy,
  uncertain,
  problem,
  onSend,
  onBack,
}: {
  step: Extract<Step, { kind: "confirm" }>;
  money: (cents: bigint) => string;
  busy: boolean;
  /** It may have gone through: no second send from here. */
  uncertain: boolean;
  problem?: string;
  onSend: (event: Event) => void;
  onBack: () => void;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <>
      <h1 id="credit-title" tabIndex={-1} ref={heading}>
        {t("credit.confirmTitle")}
      </h1>
      <dl class="facts">
        <dt>{t("pay.to")}</dt>
        <dd class="mono">{step.to}</dd>
        <dt>{t("pay.youPay")}</dt>
        <dd>{money(step.amount)}</dd>
        <dt>{t("pay.fee")}</dt>
        <dd>{t("pay.noFee")}</dd>
        <dt>{t("credit.balanceAfter")}</dt>
        <dd>{money(step.mine.balance - step.amount)}</dd>
        <dt>{t("home.creditFloor")}</dt>
        <dd>{money(-step.mine.floor)}</dd>
      </dl>
      {problem && <p role="alert">{problem}</p>}
      {uncertain && <a href="#/history">{t("nav.history")}</a>}
      <form onSubmit={onSend}>
        {!uncertain && (
          <button type="submit" disabled={busy}>
            {t("credit.confirm", { amount: money(step.amount) })}
          </button>
        )}
        <button type="button" class="secondary" onClick={onBack} disabled={busy}>
          {t("pay.edit")}
        </button>
        <p role="status">{busy ? t("pay.sending") : ""}</p>
      </form>
    </>
  );
}

function CreditPaid({
  step,
  money,
  onAgain,
}: {
  step: Extract<Step, { kind: "paid" }>;
  money: (cents: bigint) => string;
  onAgain: () => void;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <>
      <h1 id="credit-title" tabIndex={-1} ref={heading}>
        {t("pay.doneTitle")}
      </h1>
      <p class="success">{t("credit.paid", { amount: money(step.amount), to: shortAddress(step.to) })}</p>
      {step.balance !== undefined && <p>{t("credit.newBalance", { balance: money(step.balance) })}</p>}
      <p class="hint mono">{t("pay.transaction", { hash: step.result.hash })}</p>
      <button type="button" onClick={onAgain}>
        {t("pay.again")}
      </button>
      <a href="#/" class="button-link">
        {t("pay.seeBalance")}
      </a>
    </>
  );
}
