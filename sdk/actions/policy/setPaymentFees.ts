import { ACCOUNT_KINDS, type AccountKindName } from "../../accounts.js";
import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { currencyCall, sendAsGovernor, type GovernedResult } from "../../internal/governance.js";
import { getPaymentPolicy } from "./getPaymentPolicy.js";

/** 10,000 basis points: 100 %. */
const BPS = 10_000;

/** The contract's hard ceiling on a payment fee: 500 basis points (5 %). */
export const MAX_FEE_BPS = 500;

/** A fee in basis points of the amount paid (150 is 1.50 %), for each kind of recipient. */
export type PaymentFees = Record<AccountKindName, number>;

/**
 * Sets the fee on payments to each kind of account, in basis points (governor only). The payer pays the
 * amount; the payee receives it less the fee, which goes to the fee account. A kind left out keeps its
 * current fee (the contract sets all three at once: the others are read and written back unchanged). Governor
 * only; scheduled in the governance timelock when the governor is one, so payments see the change coming.
 * @example await setPaymentFees(client, { business: 150 }) // persons and associations unchanged
 */
export async function setPaymentFees(
  client: KomunoClient,
  fees: Partial<PaymentFees>,
): Promise<GovernedResult & { fees: PaymentFees }> {
  const given = Object.entries(fees ?? {}).filter(([, bps]) => bps !== undefined);
  if (given.length === 0) throw new InvalidInputError("fees", "give the fee of at least one kind of account");
  for (const [kind, bps] of given) {
    if (!(kind in ACCOUNT_KINDS)) throw new InvalidInputError(`fees.${kind}`, "not a kind of account");
    requireFeeBps(bps, `fees.${kind}`);
  }
  const current = given.length === 3 ? {} : (await getPaymentPolicy(client)).fees;
  const next = { ...current, ...Object.fromEntries(given) } as PaymentFees;
  const args = [next.person, next.business, next.association] as const;
  const result = await sendAsGovernor(
    client,
    "Setting payment fees",
    (c) => c.setPaymentFees(...args),
    currencyCall(client, "setPaymentFees", args),
  );
  return { ...result, fees: next };
}

/** A whole number of basis points from 0 to MAX_FEE_BPS, or InvalidInputError. */
export function requireFeeBps(bps: unknown, field: string): number {
  if (typeof bps !== "number" || !Number.isInteger(bps) || bps < 0 || bps > MAX_FEE_BPS) {
    throw new InvalidInputError(field, `expected a whole number of basis points from 0 to ${MAX_FEE_BPS} (5 %)`);
  }
  return bps;
}

/**
 * The fee on a payment of `amount` cents at `bps` basis points, rounded down as the ledger does.
 * @example paymentFee(1_000n, 150) // 15n
 */
export function paymentFee(amount: bigint, bps: number): bigint {
  return (amount * BigInt(bps)) / BigInt(BPS);
}
