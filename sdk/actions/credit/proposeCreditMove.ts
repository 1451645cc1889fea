import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { mutualCreditOf } from "../../internal/mutualCreditContract.js";
import { read, sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";
import { referenceFromText } from "../../references.js";

export interface ProposeCreditMoveParams {
  /** A frozen or closed member (lost key recovered, key migrated, account closed). */
  from: string;
  /** An active member with no credit balance nor limits, who must accept (acceptCreditMove). */
  to: string;
  /** Why (a ticket number); only its hash goes on chain. */
  reason: string;
}

/**
 * Proposes to move a frozen or closed member's credit balance and limits to another account (member manager
 * only); the move happens when that account accepts, so nobody takes on a debt without consenting, and not before
 * the currency's member-move delay (`executableAt`), during which the governor or an auditor can cancel it.
 * @example await proposeCreditMove(client, { from: lostKey, to: newKey, reason: "ticket 2026-118" })
 */
export async function proposeCreditMove(
  client: KomunoClient,
  { from, to, reason }: ProposeCreditMoveParams,
): Promise<TransactionResult & { reasonHash: string; executableAt: Date }> {
  const source = requireAddress(from);
  const target = requireAddress(to);
  if (source === target) throw new InvalidInputError("to", "the account to move to must differ from the one moved");
  if (typeof reason !== "string" || reason.trim() === "") throw new InvalidInputError("reason", "a reason is required");
  const reasonHash = referenceFromText(reason);
  const credit = mutualCreditOf(client);
  const result = await sendTransaction(client, "Proposing a credit account move", () =>
    credit.proposeCreditMove(source, target, reasonHash),
  );
  const [, executableAt] = await read(client, "Reading the pending credit move", () =>
    credit.pendingCreditMove(source),
  );
  return { ...result, reasonHash, executableAt: new Date(Number(executableAt) * 1000) };
}
