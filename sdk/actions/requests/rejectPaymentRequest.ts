import type { KomunoClient } from "../../client.js";
import { paymentRequestsOf } from "../../internal/paymentRequestsContract.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireRequestId } from "./shared.js";

export interface RejectPaymentRequestParams {
  id: bigint;
}

/**
 * Refuses a request addressed to the client's signer; it can no longer be paid.
 * @example await rejectPaymentRequest(client, { id: 7n })
 */
export async function rejectPaymentRequest(
  client: KomunoClient,
  { id }: RejectPaymentRequestParams,
): Promise<TransactionResult> {
  requireRequestId(id);
  const contract = paymentRequestsOf(client);
  return sendTransaction(client, "Rejection of a request", () => contract.reject(id));
}
