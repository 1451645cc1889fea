import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { mutualCreditOf } from "../../internal/mutualCreditContract.js";
import { read, sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface ProposeMigrationParams {
  /** A key the member holds that was never admitted. */
  newAccount: string;
}

/**
 * Called with the member's current key: proposes to move the membership and the whole balance to a new key. It
 * waits the currency's member-move delay (`executableAt`), during which the current key may cancel it; then the
 * new key accepts (acceptMigration).
 * @example const { executableAt } = await proposeMigration(client, { newAccount: "0x…" })
 */
export async function proposeMigration(
  client: KomunoClient,
  { newAccount }: ProposeMigrationParams,
): Promise<TransactionResult & { executableAt: Date }> {
  const target = requireAddress(newAccount);
  const result = await sendTransaction(client, "Proposing a move to a new key", (c) => c.proposeMigration(target));
  const [, executableAt] = await read(client, "Reading the pending move", async () =>
    client.currency.pendingMigration(await client.signer!.getAddress()),
  );
  return { ...result, executableAt: new Date(Number(executableAt) * 1000) };
}

/**
 * Called with the member's current key: cancels its pending move to a new key (a key it did not mean, or a thief's).
 * @example await cancelMigration(client)
 */
export async function cancelMigration(client: KomunoClient): Promise<TransactionResult> {
  return sendTransaction(client, "Cancelling a move to a new key", (c) => c.cancelMigration());
}

export interface AcceptMigrationParams {
  /** The member's previous key, which proposed the move. */
  oldAccount: string;
}

/**
 * Called with the new key once the delay has passed: takes over the membership and the balance of the old key,
 * which is closed; the member's mutual-credit account follows in a second transaction when the currency has
 * mutual credit and the old key has a credit account.
 * @example await acceptMigration(client, { oldAccount: "0x…" })
 */
export async function acceptMigration(
  client: KomunoClient,
  { oldAccount }: AcceptMigrationParams,
): Promise<TransactionResult & { creditMoved: TransactionResult | null }> {
  const source = requireAddress(oldAccount);
  if (client.signer === undefined) throw new InvalidInputError("signer", "the new key must sign");
  const result = await sendTransaction(client, "Accepting a move to a new key", (c) => c.acceptMigration(source));
  if (client.extensions.mutualCredit === undefined) return { ...result, creditMoved: null };
  const credit = mutualCreditOf(client);
  const [balance, [floor, ceiling]] = await read(client, "Reading the credit account", () =>
    Promise.all([credit.creditBalanceOf(source), credit.creditLimitsOf(source)]),
  );
  if (balance === 0n && floor === 0n && ceiling === 0n) return { ...result, creditMoved: null };
  const creditMoved = await sendTransaction(client, "Moving the credit account to the new key", () =>
    credit.followMigration(source),
  );
  return { ...result, creditMoved };
}
