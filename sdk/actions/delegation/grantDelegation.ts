import { MaxUint256 } from "ethers";

import type { KomunoClient } from "../../client.js";
import { InvalidInputError, MissingSignerError } from "../../errors.js";
import { delegationsOf } from "../../internal/delegationsContract.js";
import { requireBoundExtension } from "../../internal/extensions.js";
import { signCurrencyPermit } from "../../internal/permits.js";
import { chainTime, read, sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress, requirePositiveAmount } from "../../internal/validate.js";
import { formatAmount } from "../../amounts.js";

/** Caps are stored in 64 bits on chain. */
export const MAX_DELEGATION_CAP = 2n ** 64n - 1n;

export interface GrantDelegationParams {
  delegate: string;
  /** The most one payment may move, in cents. */
  perPaymentCap: bigint;
  /** The most all payments may move together, in cents; none by default. */
  totalCap?: bigint;
  /** When the grant stops working; never by default. */
  expiresAt?: Date;
  /**
   * The signer's allowance to the Delegations contract, which all its delegates share. "unlimited" (default):
   * when the allowance is not unlimited yet, a permit for it is signed and sent with the grant, in the same
   * transaction. "keep": the allowance is left as it is (the owner manages it).
   */
  allowance?: "unlimited" | "keep";
}

/**
 * The transaction, or `alreadyGranted` when the very same grant (caps and expiry) was already in force: it is
 * not sent again, since a new grant would restart the delegate's spending.
 */
export type GrantDelegationResult =
  | (TransactionResult & {
      alreadyGranted: false;
      /** Whether the transaction also set the unlimited allowance. */
      approved: boolean;
    })
  | { alreadyGranted: true; approved: false };

/**
 * Lets `delegate` pay on the signer's behalf within caps; replaces an earlier grant to it (its spent count
 * restarts), unless that grant is the very same one (then nothing is sent: retrying is safe).
 *
 * Why an unlimited allowance is safe here: the Delegations contract is not upgradeable, has no owner, and pulls
 * from a member only when a delegate that member named pays, within that grant's caps, before its expiry and
 * until revoked. The caps are the limit; one allowance serves every delegate, and the ledger never has to
 * lower an unlimited allowance, which makes each payment cheaper.
 * @example await grantDelegation(client, { delegate: "0x…", perPaymentCap: parseAmount("20.00"), totalCap: parseAmount("200.00") })
 */
export async function grantDelegation(
  client: KomunoClient,
  { delegate, perPaymentCap, totalCap, expiresAt, allowance = "unlimited" }: GrantDelegationParams,
): Promise<GrantDelegationResult> {
  const delegateAddress = requireAddress(delegate);
  requireCap(perPaymentCap, "perPaymentCap");
  if (totalCap !== undefined) {
    requireCap(totalCap, "totalCap");
    if (totalCap < perPaymentCap) throw new InvalidInputError("totalCap", "it must be at least the per-payment cap");
  }
  const expiry = expiresAt === undefined ? 0n : requireFutureDate(expiresAt);
  if (allowance !== "unlimited" && allowance !== "keep") {
    throw new InvalidInputError("allowance", 'expected "unlimited" or "keep"');
  }
  const signer = client.signer;
  if (signer === undefined) throw new MissingSignerError("Delegation");
  const delegations = delegationsOf(client);
  const args = [delegateAddress, perPaymentCap, totalCap ?? 0n, expiry] as const;

  const spender = await delegations.getAddress();
  const owner = await signer.getAddress();
  if (owner === delegateAddress) throw new InvalidInputError("delegate", "a member cannot be their own delegate");
  // A grant restarts the delegate's spending: sent again after a lost answer or a double click, an identical
  // grant would hand the delegate its total cap a second time. The same grant in force is not sent again.
  const existing = await read(client, "Reading the delegation", () => delegations.delegationOf(owner, delegateAddress));
  if (
    existing.perPaymentCap === perPaymentCap &&
    existing.totalCap === (totalCap ?? 0n) &&
    existing.expiresAt === expiry &&
    existing.perPaymentCap !== 0n
  ) {
    return { alreadyGranted: true, approved: false };
  }
  const current = await read(client, "Reading the allowance", () => client.currency.allowance(owner, spender));
  if (allowance === "keep" || current === MaxUint256) {
    const result = await sendTransaction(client, "Delegation", () => delegations.grant(...args));
    return { ...result, alreadyGranted: false, approved: false };
  }
  await requireBoundExtension(client, "delegations", delegations);
  // An hour of the chain's own time: enough to be mined, short enough that a leaked signature soon expires.
  const { deadline, v, r, s } = await signCurrencyPermit(client, signer, {
    owner,
    spender,
    value: MaxUint256,
    now: await chainTime(client),
    lifetime: 3_600n,
    what: "The permit for the delegations contract",
  });
  const result = await sendTransaction(client, "Delegation", () =>
    delegations.grantWithPermit(...args, MaxUint256, deadline, v, r, s),
  );
  return { ...result, alreadyGranted: false, approved: true };
}

function requireCap(cap: bigint, field: string): void {
  requirePositiveAmount(cap, field);
  if (cap > MAX_DELEGATION_CAP) throw new InvalidInputError(field, `at most ${formatAmount(MAX_DELEGATION_CAP)}`);
}

function requireFutureDate(date: Date): bigint {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new InvalidInputError("expiresAt", "not a date");
  if (date.getTime() <= Date.now()) throw new InvalidInputError("expiresAt", "it must be in the future");
  return BigInt(Math.ceil(date.getTime() / 1000));
}
