import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { mutualCreditOf } from "../../internal/mutualCreditContract.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface MoveCreditAccountParams {
  /** A frozen or closed member (lost key recovered, key migrated, account closed). */
  from: string;
  /** An active member with no credit balance nor limits yet. */
  to: string;
}

/**
 * Moves a frozen or closed member's credit balance and limits to another account (member manager only), so
 * that no debt or claim is stranded when a key is recovered or migrated.
 * @example await moveCreditAccount(client, { from: lostKey, to: newKey })
 */
export async function moveCreditAccount(
  client: KomunoClient,
  { from, to }: MoveCreditAccountParams,
): Promise<TransactionResult> {
  const source = requireAddress(from);
  const target = requireAddress(to);
  if (source === target) throw new InvalidInputError("to", "the account to move to must differ from the one moved");
  const credit = mutualCreditOf(client);
  return sendTransaction(client, "Moving a credit account", () => credit.moveCreditAccount(source, target));
}
