import type { KomunoClient } from "../../client.js";
import { ContractRevertError } from "../../errors.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress, requirePositiveAmount } from "../../internal/validate.js";
import { canonicalReference, referenceFromText, type Bytes32 } from "../../references.js";

export interface MintParams {
  to: string;
  /** Cents deposited in the fund. */
  amount: bigint;
  /** The bank's reference of the deposit, as on the statement (read in its canonical form). */
  reference: string;
}

/**
 * Mints one euro deposit to a member (treasurer only). A retried call fails with DepositAlreadyMinted: a
 * deposit is never credited twice.
 * @example await mint(client, { to: "0x…", amount: parseAmount("50.00"), reference: "VIR-2026-11-0001" })
 */
export async function mint(
  client: KomunoClient,
  { to, amount, reference }: MintParams,
): Promise<TransactionResult & { depositRef: Bytes32; reference: string }> {
  const recipient = requireAddress(to);
  requirePositiveAmount(amount);
  const canonical = canonicalReference(reference);
  const depositRef = referenceFromText(canonical);
  try {
    const result = await sendTransaction(client, "Mint", (c) => c.mint(recipient, amount, depositRef));
    return { ...result, depositRef, reference: canonical };
  } catch (error) {
    // Name the deposit as the treasurer knows it, not only by its hash.
    if (error instanceof ContractRevertError && error.errorName === "DepositAlreadyMinted") {
      throw new ContractRevertError(
        "Mint",
        error.errorName,
        error.args,
        `deposit ${canonical} was already minted`,
        error,
      );
    }
    throw error;
  }
}
