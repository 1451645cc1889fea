import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface SetMintAllowanceParams {
  treasurer: string;
  /** Cents the treasurer may still mint (replaces the current allowance). */
  allowance: bigint;
}

/**
 * Sets what a treasurer may still mint (governor only).
 * @example await setMintAllowance(client, { treasurer: "0x…", allowance: parseAmount("50000.00") })
 */
export async function setMintAllowance(
  client: KomunoClient,
  { treasurer, allowance }: SetMintAllowanceParams,
): Promise<TransactionResult> {
  const address = requireAddress(treasurer);
  if (typeof allowance !== "bigint" || allowance < 0n) throw new InvalidInputError("allowance", "cents, zero or more");
  return sendTransaction(client, "Mint allowance", (c) => c.setMintAllowance(address, allowance));
}
