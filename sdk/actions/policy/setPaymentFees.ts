import type { AccountKindName } from "../../accounts.js";
import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";

/** 10,000 basis points: 100 %. */
export const MAX_FEE_BPS = 10_000;

/** A fee in basis points of the amount paid (150 is 1.50 %), for each kind of recipient. */
export type PaymentFees = Record<AccountKindName, number>;

/**
 * Sets the fee on payments to each kind of account, in basis points (governor only). The payer pays the
 * amount; the payee receives it less the fee, which goes to the fee account. All three are set at once.
 * @example await setPaymentFees(client, { person: 0, business: 150, association: 0 })
 */
export async function setPaymentFees(client: KomunoClient, fees: PaymentFees): Promise<TransactionResult> {
  const person = requireFeeBps(fees?.person, "fees.person");
  const business = requireFeeBps(fees?.business, "fees.business");
  const association = requireFeeBps(fees?.association, "fees.association");
  return sendTransaction(client, "Setting payment fees", (c) => c.setPaymentFees(person, business, association));
}

/** A whole number of basis points from 0 to 10,000, or InvalidInputError. */
export function requireFeeBps(bps: unknown, field: string): number {
  if (typeof bps !== "number" || !Number.isInteger(bps) || bps < 0 || bps > MAX_FEE_BPS) {
    throw new InvalidInputError(field, "expected a whole number of basis points from 0 to 10,000 (100 %)");
  }
  return bps;
}

/**
 * The fee on a payment of `amount` cents at `bps` basis points, rounded down as the ledger does.
 * @example paymentFee(1_000n, 150) // 15n
 */
export function paymentFee(amount: bigint, bps: number): bigint {
  return (amount * BigInt(bps)) / BigInt(MAX_FEE_BPS);
}
