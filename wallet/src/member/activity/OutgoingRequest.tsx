import { cancelPaymentRequest, type ListedPaymentRequest } from "komuno";
import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { formatMoney } from "../../shared/format.js";
import { useMember } from "../context.js";
import { ConfirmPanel } from "./ConfirmPanel.js";
import { RequestFacts } from "./RequestStatus.js";
import { useSend } from "./useSend.js";

/** A request the member made: to whom, how much, its status as the chain has it now; cancel it while open. */
export function OutgoingRequest({
  request,
  onChanged,
}: {
  request: ListedPaymentRequest;
  onChanged: (notice: string) => void;
}) {
  const { client, symbol } = useMember();
  const [confirming, setConfirming] = useState(false);
  const send = useSend();
  const titleId = `outgoing-${request.id}`;
  const cancel = async () => {
    if (await send.run(() => cancelPaymentRequest(client, { id: request.id }))) {
      setConfirming(false);
      onChanged(t("requests.cancelledNotice", { id: String(request.id) }));
    }
  };
  return (
    <article class="card" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {t("requests.outgoing.item", { id: String(request.id), amount: formatMoney(request.amount, symbol) })}
      </h3>
      <RequestFacts request={request} party="payer" />
      {request.status === "open" && !confirming && (
        <button type="button" class="secondary" disabled={send.busy} onClick={() => setConfirming(true)}>
          {t("requests.cancel")}
        </button>
      )}
      {confirming && (
        <ConfirmPanel
          confirmLabel={t("requests.confirmCancel.button")}
          onConfirm={cancel}
          onBack={() => setConfirming(false)}
          busy={send.busy}
          danger
        >
          <p>{t("requests.confirmCancel.text")}</p>
        </ConfirmPanel>
      )}
      {send.error !== undefined && <p role="alert">{send.error}</p>}
    </article>
  );
}
