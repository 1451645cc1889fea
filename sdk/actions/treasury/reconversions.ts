import { RECONVERSION_STATUSES, type ReconversionStatusName } from "../../accounts.js";
import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { read, sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { referenceFromText } from "../../references.js";

export interface Reconversion {
  id: bigint;
  member: string;
  amount: bigint;
  status: ReconversionStatusName;
  commissionBps: number;
}

export interface ListReconversionsParams {
  status?: ReconversionStatusName;
}

/**
 * Every reconversion request, optionally only those with a status.
 * @example await listReconversions(client, { status: "pending" })
 */
export async function listReconversions(
  client: KomunoClient,
  { status }: ListReconversionsParams = {},
): Promise<Reconversion[]> {
  return read(client, "Listing reconversions", async () => {
    const count = Number(await client.currency.reconversionCount());
    const ids = Array.from({ length: count }, (_, i) => BigInt(i + 1));
    const requests = await Promise.all(
      ids.map(async (id) => {
        const r = await client.currency.reconversion(id);
        return {
          id,
          member: r.member,
          amount: r.amount,
          status: RECONVERSION_STATUSES[Number(r.status)],
          commissionBps: Number(r.commissionBps),
        };
      }),
    );
    return status === undefined ? requests : requests.filter((r) => r.status === status);
  });
}

export interface SettleReconversionParams {
  id: bigint;
  /** The bank reference of the euro payout. */
  payoutReference: string;
}

/**
 * Settles a pending request once its euros were paid out (treasurer only).
 * @example await settleReconversion(client, { id: 3n, payoutReference: "VIR-OUT-2026-0042" })
 */
export async function settleReconversion(
  client: KomunoClient,
  { id, payoutReference }: SettleReconversionParams,
): Promise<TransactionResult> {
  const payoutRef = referenceFromText(payoutReference);
  return sendTransaction(client, "Settlement", (c) => c.settleReconversion(requireId(id), payoutRef));
}

export interface RejectReconversionParams {
  id: bigint;
  reason: string;
}

/**
 * Rejects a pending request and refunds its escrow (treasurer only).
 * @example await rejectReconversion(client, { id: 3n, reason: "IBAN does not match" })
 */
export async function rejectReconversion(
  client: KomunoClient,
  { id, reason }: RejectReconversionParams,
): Promise<TransactionResult> {
  if (typeof reason !== "string" || reason.trim() === "") throw new InvalidInputError("reason", "it is empty");
  return sendTransaction(client, "Rejection", (c) => c.rejectReconversion(requireId(id), reason));
}

function requireId(id: bigint): bigint {
  if (typeof id !== "bigint" || id < 1n) throw new InvalidInputError("id", "a request number from 1");
  return id;
}
