import { isAddress, getAddress } from "ethers";
import {
  formatAmount,
  getBalance,
  InvalidInputError,
  parsePaymentLink,
  pay,
  quotePayment,
  type KomunoClient,
  type PaymentQuote,
  type PayResult,
} from "komuno";
import { useRef, useState } from "preact/hooks";

import { locale, t } from "../../i18n/index.js";
import { describeError, describeSendFailure } from "../../shared/errors.js";
import { formatMoney, readAmount, shortAddress } from "../../shared/format.js";
import { useFocusOnMount } from "../../shared/useFocusOnMount.js";
import { OfflineNotice } from "../components/OfflineNotice.js";
import { cameraAvailable, CameraScanner, QrImageInput } from "../components/QrScanner.js";
import { useMember, type MemberSession } from "../context.js";
import "../wallet.css";

/** What the member is about to pay, as read from a link, a QR code or an address. */
interface Payment {
  to: string;
  amount: bigint;
  memo?: string;
}

/** What the member typed or scanned, kept while they go to the confirmation and back. */
interface Draft {
  target: string;
  amount: string;
  memo?: string;
}

const EMPTY_DRAFT: Draft = { target: "", amount: "" };

type Step =
  | { kind: "entry" }
  | { kind: "confirm"; payment: Payment; quote: PaymentQuote; balance: bigint }
  | { kind: "paid"; payment: Payment; result: PayResult; balance?: bigint };

/** Pay a member: enter or scan who and how much, check the fee and the balance after, confirm, see the outcome. */
export function Pay() {
  const session = useMember();
  const [step, setStep] = useState<Step>({ kind: "entry" });
  // What was typed survives a trip to the confirmation and back ("Modifier").
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);

  return (
    <section aria-labelledby="pay-title" class="pay">
      <OfflineNotice />
      {step.kind === "entry" && <PayEntry session={session} draft={draft} onDraft={setDraft} onReady={setStep} />}
      {step.kind === "confirm" && (
        <PayConfirm session={session} {...step} onBack={() => setStep({ kind: "entry" })} onPaid={setStep} />
      )}
      {step.kind === "paid" && (
        <PayDone
          session={session}
          {...step}
          onAgain={() => {
            setDraft(EMPTY_DRAFT);
            setStep({ kind: "entry" });
          }}
        />
      )}
    </section>
  );
}

type Recipient = { ok: true; to: string; amount?: bigint; memo?: string } | { ok: false; message: string };

/** A payment link of this currency, or a bare address. */
function readRecipient(text: string, client: KomunoClient, symbol: string): Recipient {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, message: t("pay.noRecipient") };
  if (isAddress(trimmed)) return { ok: true, to: getAddress(trimmed) };
  try {
    const link = parsePaymentLink(trimmed, client);
    return { ok: true, to: link.to, amount: link.amount, memo: link.memo };
  } catch (error) {
    return { ok: false, message: /^ethereum:/i.test(trimmed) ? describeError(error, symbol) : t("pay.badRecipient") };
  }
}

/** An amount as the member would type it, in the current language's decimal mark. */
function typedAmount(cents: bigint): string {
  const text = formatAmount(cents);
  return locale() === "fr" ? text.replace(".", ",") : text;
}

function PayEntry({
  session,
  draft,
  onDraft,
  onReady,
}: {
  session: MemberSession;
  draft: Draft;
  onDraft: (draft: Draft) => void;
  onReady: (step: Step) => void;
}) {
  const { client, address, symbol } = session;
  const [problem, setProblem] = useState<string>();
  const [scanning, setScanning] = useState(false);
  const [checking, setChecking] = useState(false);
  const amountInput = useRef<HTMLInputElement>(null);

  /** A scanned or pasted link fills the amount it asks for, and shows its memo. */
  function applyTarget(target: string, fromScan: boolean) {
    const recipient = readRecipient(target, client, symbol);
    const linked = recipient.ok ? recipient : undefined;
    onDraft({
      target,
      amount: linked?.amount !== undefined ? typedAmount(linked.amount) : draft.amount,
      memo: linked?.memo,
    });
    if (fromScan) {
      setProblem(recipient.ok ? undefined : recipient.message);
      if (recipient.ok) amountInput.current?.focus();
    }
  }

  async function check(event: Event) {
    event.preventDefault();
    if (checking) return;
    const recipient = readRecipient(draft.target, client, symbol);
    if (!recipient.ok) return setProblem(recipient.message);
    if (recipient.to === getAddress(address)) return setProblem(t("pay.toSelf"));
    const amount = readAmount(draft.amount);
    if (!amount.ok) return setProblem(amount.message);
    const payment: Payment = { to: recipient.to, amount: amount.cents, memo: recipient.memo };
    setProblem(undefined);
    setChecking(true);
    try {
      const [quote, balance] = await Promise.all([
        quotePayment(client, { to: payment.to, amount: payment.amount }),
        getBalance(client, { account: address }),
      ]);
      onReady({ kind: "confirm", payment, quote, balance });
    } catch (error) {
      setChecking(false);
      setProblem(
        error instanceof InvalidInputError && error.field === "to" ? t("pay.notActive") : describeError(error, symbol),
      );
    }
  }

  return (
    <>
      <h1 id="pay-title">{t("pay.title")}</h1>
      <form onSubmit={check} noValidate>
        <label for="pay-target">{t("pay.recipient")}</label>
        <textarea
          id="pay-target"
          rows={2}
          autoComplete="off"
          spellcheck={false}
          aria-describedby="pay-target-hint"
          value={draft.target}
          onInput={(event) => applyTarget(event.currentTarget.value, false)}
          onKeyDown={(event) => {
            // A link is one line: Enter sends the form, as in any other field.
            if (event.key === "Enter") {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <p id="pay-target-hint" class="hint">
          {t("pay.recipientHint")}
        </p>
        {draft.memo && (
          <p>
            {t("pay.memo")} <q>{draft.memo}</q>
          </p>
        )}
        <div class="scan">
          {cameraAvailable() &&
            (scanning ? (
              <CameraScanner
                onText={(text) => {
                  setScanning(false);
                  applyTarget(text, true);
                }}
                onClose={() => setScanning(false)}
              />
            ) : (
              <button type="button" class="secondary" onClick={() => setScanning(true)}>
                {t("scan.camera")}
              </button>
            ))}
          <QrImageInput onText={(text) => applyTarget(text, true)} onProblem={setProblem} />
        </div>
        <label for="pay-amount">{t("amount.label")}</label>
        <input
          id="pay-amount"
          ref={amountInput}
          inputMode="decimal"
          autoComplete="off"
          aria-describedby="pay-amount-hint"
          value={draft.amount}
          onInput={(event) => onDraft({ ...draft, amount: event.currentTarget.value })}
        />
        <p id="pay-amount-hint" class="hint">
          {t("amount.hint", { symbol })}
        </p>
        {problem && <p role="alert">{problem}</p>}
        <button type="submit" disabled={checking}>
          {checking ? t("pay.checking") : t("pay.continue")}
        </button>
      </form>
    </>
  );
}

function PayConfirm({
  session,
  payment,
  quote,
  balance,
  onBack,
  onPaid,
}: {
  session: MemberSession;
  payment: Payment;
  quote: PaymentQuote;
  balance: bigint;
  onBack: () => void;
  onPaid: (step: Step) => void;
}) {
  const { client, address, symbol } = session;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<{ message: string; balance?: bigint; maybeSent?: boolean }>();
  // A state update lands after the next click could: the ref stops a double click from paying twice.
  const sent = useRef(false);
  const money = (cents: bigint) => formatMoney(cents, symbol);
  const enough = payment.amount <= balance;

  async function send(event: Event) {
    event.preventDefault();
    if (sent.current || !enough) return;
    sent.current = true;
    setSending(true);
    setFailure(undefined);
    try {
      const result = await pay(client, { to: payment.to, amount: payment.amount });
      const after = await getBalance(client, { account: address }).catch(() => undefined);
      onPaid({ kind: "paid", payment, result, balance: after });
    } catch (error) {
      const { message, maybeSent } = describeSendFailure(error, symbol);
      setSending(false);
      // It may have gone through: this screen will not send it again (sent.current stays set); the history says.
      if (maybeSent) return setFailure({ message, maybeSent });
      const now = await getBalance(client, { account: address }).catch(() => undefined);
      setFailure({ message, balance: now });
      sent.current = false;
    }
  }

  return (
    <>
      <h1 id="pay-title" tabIndex={-1} ref={heading}>
        {t("pay.confirmTitle")}
      </h1>
      <dl class="facts">
        <dt>{t("pay.to")}</dt>
        <dd class="mono">{payment.to}</dd>
        {payment.memo && (
          <>
            <dt>{t("pay.memoShort")}</dt>
            <dd>{payment.memo}</dd>
          </>
        )}
        <dt>{t("pay.youPay")}</dt>
        <dd>{money(quote.amount)}</dd>
        <dt>{t("pay.fee")}</dt>
        <dd>
          {quote.fee === 0n
            ? t("pay.noFee")
            : t("pay.feeRate", { fee: money(quote.fee), rate: (quote.feeBps / 100).toLocaleString(locale()) })}
        </dd>
        <dt>{t("pay.received")}</dt>
        <dd>{money(quote.received)}</dd>
        <dt>{t("pay.balanceAfter")}</dt>
        <dd>{enough ? money(balance - payment.amount) : "—"}</dd>
      </dl>
      {!enough && (
        <p role="alert">
          {t("revert.ERC20InsufficientBalance", { needed: money(payment.amount), balance: money(balance) })}{" "}
          {t("error.nothingChanged")}
        </p>
      )}
      {failure && (
        <div role="alert">
          <p>{failure.message}</p>
          {failure.balance !== undefined && <p>{t("pay.balanceUnchanged", { balance: money(failure.balance) })}</p>}
          {failure.maybeSent && <a href="#/history">{t("nav.history")}</a>}
        </div>
      )}
      <form onSubmit={send}>
        {enough && !failure?.maybeSent && (
          <button type="submit" disabled={sending} aria-describedby="pay-sending">
            {t("pay.confirm", { amount: money(payment.amount) })}
          </button>
        )}
        <button type="button" class="secondary" onClick={onBack} disabled={sending}>
          {t("pay.edit")}
        </button>
        <p id="pay-sending" role="status">
          {sending ? t("pay.sending") : ""}
        </p>
      </form>
    </>
  );
}

function PayDone({
  session,
  payment,
  result,
  balance,
  onAgain,
}: {
  session: MemberSession;
  payment: Payment;
  result: PayResult;
  balance?: bigint;
  onAgain: () => void;
}) {
  const { symbol } = session;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const money = (cents: bigint) => formatMoney(cents, symbol);
  return (
    <>
      <h1 id="pay-title" tabIndex={-1} ref={heading}>
        {t("pay.doneTitle")}
      </h1>
      <p class="success">{t("pay.paid", { amount: money(payment.amount), to: shortAddress(payment.to) })}</p>
      <p>
        {result.fee === 0n
          ? t("pay.paidNoFee")
          : t("pay.paidFee", { fee: money(result.fee), received: money(result.received) })}
      </p>
      {balance !== undefined && <p>{t("pay.newBalance", { balance: money(balance) })}</p>}
      <p class="hint mono">{t("pay.transaction", { hash: result.hash })}</p>
      <button type="button" onClick={onAgain}>
        {t("pay.again")}
      </button>
      <a href="#/" class="button-link">
        {t("pay.seeBalance")}
      </a>
    </>
  );
}
