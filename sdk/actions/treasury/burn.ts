import type { KomunoClient } from "../../client.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requirePositiveAmount } from "../../internal/validate.js";
import { referenceFromText } from "../../references.js";

export interface BurnParams {
  /** Cents held by the treasurer. */
  amount: bigint;
  /** The operation's reference (e.g. the batch of paper notes exchanged back); used once, ever. */
  reference: string;
}

/**
 * Destroys currency the treasurer holds (treasurer only).
 * @example await burn(client, { amount: parseAmount("120.00"), reference: "NOTES-2026-11" })
 */
export async function burn(client: KomunoClient, { amount, reference }: BurnParams): Promise<TransactionResult> {
  requirePositiveAmount(amount);
  const burnRef = referenceFromText(reference);
  return sendTransaction(client, "Burn", (c) => c.burn(amount, burnRef));
}
