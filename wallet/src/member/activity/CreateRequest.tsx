import { createPaymentRequest, MAX_MEMO_BYTES, quotePayment, type PaymentQuote } from "komuno";
import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { formatMoney, readAmount } from "../../shared/format.js";
import { useMember } from "../context.js";
import { ConfirmPanel } from "./ConfirmPanel.js";
import { whyNotActive } from "./activeMember.js";
import { readAddress, readDateTime } from "./entry.js";
import { Address } from "./parts.js";
import { useSend } from "./useSend.js";

interface Draft {
  payer: string;
  amount: bigint;
  memo: string;
  expiresAt: Date | undefined;
  quote: PaymentQuote;
}

/** A business asks a member to pay: checked in the browser, then shown (fee included) before it is sent. */
export function CreateRequest({ onCreated }: { onCreated: () => void }) {
  const { client, symbol, address } = useMember();
  const [payer, setPayer] = useState("");
  const [amount, setAmount] = useState("");
  const [memo, setMemo] = useState("");
  const [expiry, setExpiry] = useState("");
  const [problem, setProblem] = useState<string>();
  const [draft, setDraft] = useState<Draft>();
  const [created, setCreated] = useState<string>();
  const send = useSend();

  const check = (event: Event) => {
    event.preventDefault();
    setCreated(undefined);
    const payerEntry = readAddress(payer);
    const amountEntry = readAmount(amount);
    const expiresAt = expiry === "" ? undefined : readDateTime(expiry);
    const problem = !payerEntry.ok
      ? payerEntry.message
      : payerEntry.address.toLowerCase() === address.toLowerCase()
        ? t("requests.create.self")
        : !amountEntry.ok
          ? amountEntry.message
          : new TextEncoder().encode(memo.trim()).length > MAX_MEMO_BYTES
            ? t("requests.create.memoTooLong", { max: MAX_MEMO_BYTES })
            : expiry !== "" && (expiresAt === undefined || expiresAt.getTime() <= Date.now())
              ? t("requests.create.expiryPast")
              : undefined;
    setProblem(problem);
    if (problem !== undefined || !payerEntry.ok || !amountEntry.ok) return;
    // The fee the payer's payment will leave with the association: what this request will bring in.
    void send.run(async () => {
      const stranger = await whyNotActive(client, payerEntry.address);
      if (stranger !== undefined) return setProblem(stranger);
      const quote = await quotePayment(client, { to: address, amount: amountEntry.cents });
      setDraft({ payer: payerEntry.address, amount: amountEntry.cents, memo: memo.trim(), expiresAt, quote });
    });
  };

  const create = async (draft: Draft) => {
    const done = await send.run(() =>
      createPaymentRequest(client, {
        payer: draft.payer,
        amount: draft.amount,
        memo: draft.memo,
        expiresAt: draft.expiresAt,
      }),
    );
    if (done) {
      setDraft(undefined);
      setPayer("");
      setAmount("");
      setMemo("");
      setExpiry("");
      setCreated(t("requests.create.done"));
      onCreated();
    }
  };

  return (
    <section aria-labelledby="create-request-title" class="card">
      <h2 id="create-request-title">{t("requests.create.title")}</h2>
      {draft === undefined ? (
        <form onSubmit={check} noValidate>
          <label for="request-payer">{t("requests.create.payer")}</label>
          <input
            id="request-payer"
            autocomplete="off"
            spellcheck={false}
            placeholder="0x…"
            value={payer}
            onInput={(e) => setPayer((e.target as HTMLInputElement).value)}
          />
          <label for="request-amount">{t("requests.create.amount", { symbol })}</label>
          <input
            id="request-amount"
            inputMode="decimal"
            aria-describedby="request-amount-hint"
            value={amount}
            onInput={(e) => setAmount((e.target as HTMLInputElement).value)}
          />
          <p id="request-amount-hint" class="hint">
            {t("amount.hint", { symbol })}
          </p>
          <label for="request-memo">{t("requests.create.memo")}</label>
          <input id="request-memo" value={memo} onInput={(e) => setMemo((e.target as HTMLInputElement).value)} />
          <label for="request-expiry">{t("requests.create.expiry")}</label>
          <input
            id="request-expiry"
            type="datetime-local"
            aria-describedby="request-expiry-hint"
            value={expiry}
            onInput={(e) => setExpiry((e.target as HTMLInputElement).value)}
          />
          <p id="request-expiry-hint" class="hint">
            {t("requests.create.expiryHint")}
          </p>
          <button type="submit" disabled={send.busy}>
            {t("requests.create.check")}
          </button>
          {problem !== undefined && <p role="alert">{problem}</p>}
        </form>
      ) : (
        <ConfirmPanel
          confirmLabel={t("requests.create.send", { amount: formatMoney(draft.amount, symbol) })}
          onConfirm={() => create(draft)}
          onBack={() => setDraft(undefined)}
          busy={send.busy}
        >
          <p>
            {t("requests.create.summary", { amount: formatMoney(draft.amount, symbol) })}{" "}
            <Address address={draft.payer} />
          </p>
          <p>{t("requests.create.summaryFee", { fee: formatMoney(draft.quote.fee, symbol) })}</p>
          <p>{t("requests.create.summaryReceived", { received: formatMoney(draft.quote.received, symbol) })}</p>
          {draft.memo !== "" && <p>{t("requests.create.summaryMemo", { memo: draft.memo })}</p>}
        </ConfirmPanel>
      )}
      {send.busy && (
        <p aria-live="polite" class="hint">
          {t("activity.sending")}
        </p>
      )}
      {send.error !== undefined && <p role="alert">{send.error}</p>}
      {created !== undefined && (
        <p class="success" role="status">
          {created}
        </p>
      )}
    </section>
  );
}
