import type { KomunoClient } from "../../client.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress, requirePositiveAmount } from "../../internal/validate.js";

export interface PayParams {
  to: string;
  /** Cents. */
  amount: bigint;
}

export interface PayResult extends TransactionResult {
  /** Cents taken by the payment fee (zero without one), read from the PaymentFeeCharged event. */
  fee: bigint;
  /** Cents the recipient received: `amount - fee`. */
  received: bigint;
}

/**
 * Pays a member from the client's signer. The signer pays `amount`; with a fee on payments to the recipient's
 * kind, the recipient receives `amount - fee` (see quotePayment to show it before paying).
 * @example await pay(client, { to: "0x…", amount: parseAmount("12.50") })
 */
export async function pay(client: KomunoClient, { to, amount }: PayParams): Promise<PayResult> {
  const recipient = requireAddress(to);
  requirePositiveAmount(amount);
  const result = await sendTransaction(client, "Payment", (currency) => currency.transfer(recipient, amount));
  let fee = 0n;
  for (const log of result.receipt.logs) {
    const event = client.currency.interface.parseLog(log);
    if (event?.name === "PaymentFeeCharged") fee += event.args.fee as bigint;
  }
  return { ...result, fee, received: amount - fee };
}
