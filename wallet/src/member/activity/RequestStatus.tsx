import type { PaymentRequest } from "komuno";

import { t, type MessageKey } from "../../i18n/index.js";

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
