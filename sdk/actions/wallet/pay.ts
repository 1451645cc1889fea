import type { KomunoClient } from "../../client.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress, requirePositiveAmount } from "../../internal/validate.js";

export interface PayParams {
  to: string;
  /** Cents. */
  amount: bigint;
}

/**
 * Pays a member from the client's signer.
 * @example await pay(client, { to: "0x…", amount: parseAmount("12.50") })
 */
export async function pay(client: KomunoClient, { to, amount }: PayParams): Promise<TransactionResult> {
  const recipient = requireAddress(to);
  requirePositiveAmount(amount);
  return sendTransaction(client, "Payment", (currency) => currency.transfer(recipient, amount));
}
