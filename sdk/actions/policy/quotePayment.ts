import { ACCOUNT_KIND_NAMES, ACCOUNT_STATUSES, type AccountKindName } from "../../accounts.js";
import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { read } from "../../internal/transactions.js";
import { requireAddress, requirePositiveAmount } from "../../internal/validate.js";
import { getPaymentPolicy } from "./getPaymentPolicy.js";
import { paymentFee } from "./setPaymentFees.js";

export interface QuotePaymentParams {
  to: string;
  /** Cents the payer would pay. */
  amount: bigint;
}

export interface PaymentQuote {
  /** Cents the payer pays. */
  amount: bigint;
  /** Cents kept as the fee. */
  fee: bigint;
  /** Cents the payee receives: amount − fee. */
  received: bigint;
  recipientKind: AccountKindName;
  /** The fee rate on payments to this kind of account, in basis points. */
  feeBps: number;
}

/**
 * What a payment would cost and what the payee would receive, for a wallet to show before paying. The rates
 * are read now; a governor changing them before the payment is mined changes the outcome.
 * @example await quotePayment(client, { to: shop, amount: 1_000n }) // { amount: 1000n, fee: 15n, received: 985n, recipientKind: "business", feeBps: 150 }
 */
export async function quotePayment(client: KomunoClient, { to, amount }: QuotePaymentParams): Promise<PaymentQuote> {
  const recipient = requireAddress(to);
  requirePositiveAmount(amount);
  const [policy, account] = await Promise.all([
    getPaymentPolicy(client),
    read(client, "Reading the recipient", () => client.currency.accountOf(recipient)),
  ]);
  const status = ACCOUNT_STATUSES[Number(account.status)];
  // The ledger would refuse the payment: better said now than after the payer confirms.
  if (status !== "active") throw new InvalidInputError("to", `${recipient} is not an active member (${status})`);
  const recipientKind = ACCOUNT_KIND_NAMES[Number(account.kind)] as AccountKindName;
  const feeBps = policy.fees[recipientKind];
  const fee = paymentFee(amount, feeBps);
  return { amount, fee, received: amount - fee, recipientKind, feeBps };
}
