import type { KomunoClient } from "../../client.js";
import { withFee, type PaidTransaction } from "../../internal/fees.js";
import { sendTransaction } from "../../internal/transactions.js";
import { requireAddress, requirePositiveAmount } from "../../internal/validate.js";

export interface PayParams {
  to: string;
  /** Cents. */
  amount: bigint;
}

export type PayResult = PaidTransaction;

/**
 * Pays a member from the client's signer. The signer pays `amount`; with a fee on payments to the recipient's
 * kind, the recipient receives `amount - fee` (see quotePayment to show it before paying).
 * @example await pay(client, { to: "0x…", amount: parseAmount("12.50") })
 */
export async function pay(client: KomunoClient, { to, amount }: PayParams): Promise<PayResult> {
  const recipient = requireAddress(to);
  requirePositiveAmount(amount);
  const result = await sendTransaction(client, "Payment", (currency) => currency.transfer(recipient, amount));
  return withFee(client, result, amount);
}
