import type { KomunoClient } from "../../client.js";
import { mutualCreditOf } from "../../internal/mutualCreditContract.js";
import { read } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface GetCreditAccountParams {
  account: string;
}

export interface CreditAccount {
  account: string;
  /** Cents; negative when the account owes the network. */
  balance: bigint;
  /** Cents: the balance may go down to -floor. */
  floor: bigint;
  /** Cents: the balance may go up to ceiling. */
  ceiling: bigint;
  /** What the account can still pay within its limits (0 when at or below its floor). */
  canPay: bigint;
  /** What it can still receive within its limits (0 when at or above its ceiling). */
  canReceive: bigint;
}

/**
 * An account's mutual-credit balance and limits, and the room they leave. Membership and the pause switch
 * still apply to payments.
 * @example await getCreditAccount(client, { account: "0x…" }) // { balance: -2500n, floor: 10000n, canPay: 7500n, … }
 */
export async function getCreditAccount(
  client: KomunoClient,
  { account }: GetCreditAccountParams,
): Promise<CreditAccount> {
  const address = requireAddress(account);
  const credit = mutualCreditOf(client);
  const [balance, [floor, ceiling]] = await read(client, "Reading the credit account", () =>
    Promise.all([credit.creditBalanceOf(address), credit.creditLimitsOf(address)]),
  );
  // Limits may have been lowered below the balance: the room is then zero, never negative.
  const canPay = balance + floor > 0n ? balance + floor : 0n;
  const canReceive = ceiling - balance > 0n ? ceiling - balance : 0n;
  return { account: address, balance, floor, ceiling, canPay, canReceive };
}
