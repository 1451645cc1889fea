import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { mutualCreditOf } from "../../internal/mutualCreditContract.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

/** The largest limit the contract stores (64 bits of cents). */
export const MAX_CREDIT_LIMIT = 2n ** 64n - 1n;

export interface SetCreditLimitsParams {
  account: string;
  /** Cents: how far below zero the account's credit balance may go (a magnitude; 0 forbids any debt). */
  floor: bigint;
  /** Cents: how far above zero it may go (0 forbids receiving beyond zero). */
  ceiling: bigint;
}

/**
 * Sets a member's credit line (member manager only). Limits below the current balance are allowed: the
 * balance stays, and only payments that move it further out of the limits fail.
 * @example await setCreditLimits(client, { account: "0x…", floor: parseAmount("500"), ceiling: parseAmount("1000") })
 */
export async function setCreditLimits(
  client: KomunoClient,
  { account, floor, ceiling }: SetCreditLimitsParams,
): Promise<TransactionResult> {
  const address = requireAddress(account);
  requireLimit(floor, "floor");
  requireLimit(ceiling, "ceiling");
  const credit = mutualCreditOf(client);
  return sendTransaction(client, "Setting credit limits", () => credit.setCreditLimits(address, floor, ceiling));
}

function requireLimit(value: bigint, field: string): void {
  if (typeof value !== "bigint") throw new InvalidInputError(field, "expected a bigint number of cents");
  if (value < 0n) throw new InvalidInputError(field, "it cannot be negative");
  if (value > MAX_CREDIT_LIMIT) throw new InvalidInputError(field, `at most ${MAX_CREDIT_LIMIT} cents`);
}
