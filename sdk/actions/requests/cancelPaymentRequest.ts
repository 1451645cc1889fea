import type { KomunoClient } from "../../client.js";
import { paymentRequestsOf } from "../../internal/paymentRequestsContract.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireRequestId } from "./shared.js";

export interface CancelPaymentRequestParams {
  id: bigint;
}

/**
 * Withdraws a request the client's signer made; it can no longer be paid.
 * @example await cancelPaymentRequest(client, { id: 7n })
 */
export async function cancelPaymentRequest(
  client: KomunoClient,
  { id }: CancelPaymentRequestParams,
): Promise<TransactionResult> {
  requireRequestId(id);
  const contract = paymentRequestsOf(client);
  return sendTransaction(client, "Cancellation of a request", () => contract.cancel(id));
}
