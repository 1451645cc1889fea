import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { read, sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";
import { referenceFromText } from "../../references.js";

export interface RecoverMemberParams {
  lost: string;
  replacement: string;
  /** Why (a ticket number, a signed request): only its hash goes on chain, never the text. */
  reason: string;
}

/**
 * Proposes to move the whole balance of a frozen, lost account to the member's new active account (member
 * manager). Nothing moves yet: the recovery waits the currency's member-move delay, public, and the governor, an
 * auditor or a member manager can cancel it; after the delay anyone executes it (executeRecovery).
 * @example const { executableAt } = await recoverMember(client, { lost: "0x…", replacement: "0x…", reason: "ticket 2026-114" })
 */
export async function recoverMember(
  client: KomunoClient,
  { lost, replacement, reason }: RecoverMemberParams,
): Promise<TransactionResult & { reasonHash: string; executableAt: Date }> {
  const lostAddress = requireAddress(lost);
  const replacementAddress = requireAddress(replacement);
  if (lostAddress === replacementAddress) throw new InvalidInputError("replacement", "it is the lost account itself");
  const reasonHash = referenceFromText(reason);
  const result = await sendTransaction(client, "Recovery", (c) =>
    c.recover(lostAddress, replacementAddress, reasonHash),
  );
  const pending = await read(client, "Reading the pending recovery", () =>
    client.currency.pendingRecovery(lostAddress),
  );
  return { ...result, reasonHash, executableAt: new Date(Number(pending.executableAt) * 1000) };
}
