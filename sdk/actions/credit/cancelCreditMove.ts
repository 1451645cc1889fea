import type { KomunoClient } from "../../client.js";
import { mutualCreditOf } from "../../internal/mutualCreditContract.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface CancelCreditMoveParams {
  /** The frozen or closed member whose credit account a move was proposed for. */
  from: string;
}

/**
 * Cancels a pending move of a credit account (the governor, an auditor or a member manager): the veto against a
 * stolen member manager key moving a creditor's claim or a debtor's debt.
 * @example await cancelCreditMove(client, { from: "0x…" })
 */
export async function cancelCreditMove(
  client: KomunoClient,
  { from }: CancelCreditMoveParams,
): Promise<TransactionResult> {
  const source = requireAddress(from);
  const credit = mutualCreditOf(client);
  return sendTransaction(client, "Cancelling a credit account move", () => credit.cancelCreditMove(source));
}
