import {
  payPaymentRequest,
  quotePayment,
  rejectPaymentRequest,
  type ListedPaymentRequest,
  type PaymentQuote,
} from "komuno";
import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { formatMoney } from "../../shared/format.js";
import { useMember } from "../context.js";
import { ConfirmPanel } from "./ConfirmPanel.js";
import { RequestFacts } from "./RequestStatus.js";
import { useSend } from "./useSend.js";

type Step = { kind: "idle" } | { kind: "confirmPay"; quote: PaymentQuote } | { kind: "confirmReject" };

/** A request addressed to the member: who asks, how much, for what, until when; pay it or refuse it. */
export function IncomingRequest({
  request,
  onChanged,
}: {
  request: ListedPaymentRequest;
  onChanged: (notice: string) => void;
}) {
  const { client, symbol } = useMember();
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const send = useSend();
  const payable = request.status === "open" && !request.expired;
  const titleId = `incoming-${request.id}`;

  const preparePayment = () =>
    send.run(async () => {
      const quote = await quotePayment(client, { to: request.requester, amount: request.amount });
      setStep({ kind: "confirmPay", quote });
    });
  const pay = async () => {
    // expectedAmount: the amount the member confirmed, so a request changed meanwhile is not paid blindly.
    const done = await send.run(() => payPaymentRequest(client, { id: request.id, expectedAmount: request.amount }));
    if (done) {
      setStep({ kind: "idle" });
      onChanged(t("requests.paidNotice", { id: String(request.id), amount: formatMoney(request.amount, symbol) }));
    }
  };
  const reject = async () => {
    const done = await send.run(() => rejectPaymentRequest(client, { id: request.id }));
    if (done) {
      setStep({ kind: "idle" });
      onChanged(t("requests.rejectedNotice", { id: String(request.id) }));
    }
  };

  return (
    <article class="card" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {t("requests.incoming.item", { id: String(request.id), amount: formatMoney(request.amount, symbol) })}
      </h3>
      <RequestFacts request={request} party="requester" />
      {step.kind === "idle" && request.status === "open" && (
        <>
          {payable && (
            <button type="button" disabled={send.busy} onClick={preparePayment}>
              {t("requests.pay")}
            </button>
          )}
          <button
            type="button"
            class="secondary"
            disabled={send.busy}
            onClick={() => setStep({ kind: "confirmReject" })}
          >
            {t("requests.reject")}
          </button>
        </>
      )}
      {step.kind === "confirmPay" && (
        <ConfirmPanel
          confirmLabel={t("requests.confirmPay.button", { amount: formatMoney(step.quote.amount, symbol) })}
          onConfirm={pay}
          onBack={() => setStep({ kind: "idle" })}
          backLabel={t("app.cancel")}
          busy={send.busy}
        >
          <p>{t("requests.confirmPay.youPay", { amount: formatMoney(step.quote.amount, symbol) })}</p>
          <p>{t("requests.confirmPay.fee", { fee: formatMoney(step.quote.fee, symbol) })}</p>
          <p>{t("requests.confirmPay.received", { received: formatMoney(step.quote.received, symbol) })}</p>
        </ConfirmPanel>
      )}
      {step.kind === "confirmReject" && (
        <ConfirmPanel
          confirmLabel={t("requests.confirmReject.button")}
          onConfirm={reject}
          onBack={() => setStep({ kind: "idle" })}
          backLabel={t("app.cancel")}
          busy={send.busy}
          danger
        >
          <p>{t("requests.confirmReject.text")}</p>
        </ConfirmPanel>
      )}
      {send.busy && (
        <p aria-live="polite" class="hint">
          {t("activity.sending")}
        </p>
      )}
      {send.error !== undefined && <p role="alert">{send.error}</p>}
    </article>
  );
}
