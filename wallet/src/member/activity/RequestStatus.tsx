import type { PaymentRequest } from "komuno";

import { t, type MessageKey } from "../../i18n/index.js";
import { Address, Expiry } from "./parts.js";

const STATUS: Record<PaymentRequest["status"], MessageKey> = {
  none: "requests.status.open",
  open: "requests.status.open",
  paid: "requests.status.paid",
  rejected: "requests.status.rejected",
  cancelled: "requests.status.cancelled",
};

/** A request's status in words; an open one past its expiry says it has expired. */
export function RequestStatus({ request }: { request: PaymentRequest }) {
  const key = request.expired ? "requests.status.expired" : STATUS[request.status];
  return (
    <strong class={`activity-status activity-status-${request.expired ? "expired" : request.status}`}>{t(key)}</strong>
  );
}

/** What a request says, from either side: the other party (who asks, or who is asked), memo, expiry, status. */
export function RequestFacts({ request, party }: { request: PaymentRequest; party: "requester" | "payer" }) {
  return (
    <dl class="activity-facts">
      <dt>{t(party === "requester" ? "requests.requester" : "requests.payer")}</dt>
      <dd>
        <Address address={party === "requester" ? request.requester : request.payer} />
      </dd>
      <dt>{t("requests.memo")}</dt>
      <dd>{request.memo === "" ? t("requests.noMemo") : request.memo}</dd>
      <dt>{t("requests.expiry")}</dt>
      <dd>
        <Expiry when={request.expiresAt === null ? null : new Date(request.expiresAt * 1000)} />
      </dd>
      <dt>{t("requests.status")}</dt>
      <dd>
        <RequestStatus request={request} />
      </dd>
    </dl>
  );
}
