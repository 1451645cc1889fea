import type { KomunoClient } from "../../client.js";
import { mutualCreditOf } from "../../internal/mutualCreditContract.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface AcceptCreditMoveParams {
  /** The frozen or closed member whose credit account the member manager proposed to move to the signer. */
  from: string;
}

/**
 * Takes over, as the client's signer, the credit account the member manager proposed to move to it.
 * @example await acceptCreditMove(client, { from: lostKey })
 */
export async function acceptCreditMove(
  client: KomunoClient,
  { from }: AcceptCreditMoveParams,
): Promise<TransactionResult> {
  const source = requireAddress(from);
  const credit = mutualCreditOf(client);
  return sendTransaction(client, "Accepting a credit account", () => credit.acceptCreditMove(source));
}
