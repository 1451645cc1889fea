import type { KomunoClient } from "../../client.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requirePositiveAmount } from "../../internal/validate.js";

export interface RequestReconversionParams {
  /** Cents to change back into euros. */
  amount: bigint;
}

/**
 * Moves an amount of the signer's balance into escrow and asks the association for euros.
 * @example const { id } = await requestReconversion(client, { amount: parseAmount("400.00") })
 */
export async function requestReconversion(
  client: KomunoClient,
  { amount }: RequestReconversionParams,
): Promise<TransactionResult & { id: bigint }> {
  requirePositiveAmount(amount);
  const result = await sendTransaction(client, "Reconversion request", (c) => c.requestReconversion(amount));
  const event = result.receipt.logs
    .map((log) => client.currency.interface.parseLog(log))
    .find((parsed) => parsed?.name === "ReconversionRequested");
  return { ...result, id: event!.args.id as bigint };
}
