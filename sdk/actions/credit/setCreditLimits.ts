import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { mutualCreditOf } from "../../internal/mutualCreditContract.js";
import { read, sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";
import { formatAmount } from "../../amounts.js";

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
 * balance stays, and only payments that move it further out of the limits fail. A higher floor waits the
 * currency's member-move delay (`pendingFloorRaise`: the governor, an auditor or a member manager may cancel it;
 * then anyone applies it with applyCreditFloorRaise); the ceiling and a lower floor apply at once.
 * @example await setCreditLimits(client, { account: "0x…", floor: parseAmount("500"), ceiling: parseAmount("1000") })
 */
export async function setCreditLimits(
  client: KomunoClient,
  { account, floor, ceiling }: SetCreditLimitsParams,
): Promise<TransactionResult & { pendingFloorRaise: { floor: bigint; executableAt: Date } | null }> {
  const address = requireAddress(account);
  requireLimit(floor, "floor");
  requireLimit(ceiling, "ceiling");
  const credit = mutualCreditOf(client);
  const result = await sendTransaction(client, "Setting credit limits", () =>
    credit.setCreditLimits(address, floor, ceiling),
  );
  const [pendingFloor, executableAt] = await read(client, "Reading the credit line", () =>
    credit.pendingCreditFloorRaise(address),
  );
  return {
    ...result,
    pendingFloorRaise:
      executableAt === 0n ? null : { floor: pendingFloor, executableAt: new Date(Number(executableAt) * 1000) },
  };
}

export interface CreditFloorRaiseParams {
  account: string;
}

/**
 * Applies a raise of a member's floor once its delay has passed (anyone may).
 * @example await applyCreditFloorRaise(client, { account: "0x…" })
 */
export async function applyCreditFloorRaise(
  client: KomunoClient,
  { account }: CreditFloorRaiseParams,
): Promise<TransactionResult> {
  const address = requireAddress(account);
  const credit = mutualCreditOf(client);
  return sendTransaction(client, "Applying a raised credit floor", () => credit.applyCreditFloorRaise(address));
}

/**
 * Cancels a raise of a member's floor still waiting (the governor, an auditor or a member manager).
 * @example await cancelCreditFloorRaise(client, { account: "0x…" })
 */
export async function cancelCreditFloorRaise(
  client: KomunoClient,
  { account }: CreditFloorRaiseParams,
): Promise<TransactionResult> {
  const address = requireAddress(account);
  const credit = mutualCreditOf(client);
  return sendTransaction(client, "Cancelling a raised credit floor", () => credit.cancelCreditFloorRaise(address));
}

function requireLimit(value: bigint, field: string): void {
  if (typeof value !== "bigint") throw new InvalidInputError(field, "expected a bigint number of cents");
  if (value < 0n) throw new InvalidInputError(field, "it cannot be negative");
  if (value > MAX_CREDIT_LIMIT) throw new InvalidInputError(field, `at most ${formatAmount(MAX_CREDIT_LIMIT)}`);
}
