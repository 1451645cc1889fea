import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { mutualCreditOf } from "../../internal/mutualCreditContract.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress, requirePositiveAmount } from "../../internal/validate.js";

export interface PayCreditParams {
  to: string;
  /** Cents. */
  amount: bigint;
}

/**
 * Pays a member in mutual credit from the client's signer: the payer's credit balance goes down (below zero
 * down to its floor), the payee's up (to its ceiling). The euro-backed balance is not touched.
 * @example await payCredit(client, { to: "0x…", amount: parseAmount("120.00") })
 */
export async function payCredit(client: KomunoClient, { to, amount }: PayCreditParams): Promise<TransactionResult> {
  const recipient = requireAddress(to);
  requirePositiveAmount(amount);
  const credit = mutualCreditOf(client);
  // The contract refuses it too; saying so here spares a transaction.
  if (client.signer !== undefined && (await client.signer.getAddress()) === recipient) {
    throw new InvalidInputError("to", "a member cannot pay themselves");
  }
  return sendTransaction(client, "Credit payment", () => credit.pay(recipient, amount));
}
