import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { isBytes32 } from "../../references.js";

export interface AttestReserveParams {
  /** Cents held by the guarantee fund at `asOf`. */
  amount: bigint;
  /** When the bank balance was taken. */
  asOf: Date;
  /** keccak256 of the evidence document (bank statement, audit report). */
  evidenceHash: string;
}

/**
 * Records the euro balance of the guarantee fund on chain (auditor only).
 * @example await attestReserve(client, { amount: 1_000_000n, asOf: new Date("2026-11-30"), evidenceHash })
 */
export async function attestReserve(client: KomunoClient, params: AttestReserveParams): Promise<TransactionResult> {
  if (typeof params.amount !== "bigint" || params.amount < 0n)
    throw new InvalidInputError("amount", "an amount of zero or more");
  if (!(params.asOf instanceof Date) || Number.isNaN(params.asOf.getTime())) {
    throw new InvalidInputError("asOf", "not a valid date");
  }
  if (!isBytes32(params.evidenceHash)) throw new InvalidInputError("evidenceHash", "expected 32 bytes in hex");
  const asOf = BigInt(Math.floor(params.asOf.getTime() / 1000));
  return sendTransaction(client, "Reserve attestation", (c) =>
    c.attestReserve(params.amount, asOf, params.evidenceHash),
  );
}
