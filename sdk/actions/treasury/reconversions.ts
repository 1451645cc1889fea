import { ZeroAddress } from "ethers";

import { RECONVERSION_STATUSES, type ReconversionStatusName } from "../../accounts.js";
import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { getLogsInChunks } from "../../internal/logs.js";
import { readSettlements, settlementIn } from "../../internal/settlements.js";
import { read, sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";
import { canonicalReference, referenceFromText, type Bytes32 } from "../../references.js";

export interface Reconversion {
  id: bigint;
  member: string;
  /** Cents in escrow: the gross amount the member asked to change back. */
  amount: bigint;
  status: ReconversionStatusName;
  /** The commission rate in force when the request was made, in basis points. */
  commissionBps: number;
  /**
   * Cents kept as the association's commission (credited to its fee account, never wired): for a pending
   * request, what a settlement would keep now, rounded down as the contract does (none while no fee account is
   * configured); for a settled one, what it kept. 0 for a rejected one.
   */
  commission: bigint;
  /**
   * The euros the treasurer wires to the member (pending) or wired (settled): the amount less the commission,
   * the units the settlement burns. This net payout is what the bank statement lists. 0 for a rejected one.
   */
  netPayout: bigint;
  /** A settled request's payout reference (its hash: the chain stores no text) and settlement transaction. */
  payoutRef: Bytes32 | null;
  settledInTransaction: string | null;
}

export interface ListReconversionsParams {
  status?: ReconversionStatusName;
  /**
   * Only this member's requests (a wallet's own list): their numbers come from the member's
   * ReconversionRequested events (member is indexed), so only those requests are read, not every one.
   */
  member?: string;
}

/**
 * Every reconversion request, optionally only those with a status or of one member, each with its gross amount, commission and
 * net payout (the euros to wire, as the contract will compute them at settlement).
 * @example
 * const pending = await listReconversions(client, { status: "pending" })
 * const toWire = reconversionTotals(pending).netPayout
 * const mine = await listReconversions(client, { member: "0x…" })
 */
export async function listReconversions(
  client: KomunoClient,
  { status, member }: ListReconversionsParams = {},
): Promise<Reconversion[]> {
  const memberAddress = member === undefined ? undefined : requireAddress(member);
  const { requests, feeAccount } = await read(client, "Listing reconversions", async () => {
    const [ids, [, , feeAccount]] = await Promise.all([
      memberAddress === undefined ? allReconversionIds(client) : reconversionIdsOf(client, memberAddress),
      client.currency.reconversionPolicy(),
    ]);
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
    return { requests, feeAccount };
  });
  const wanted = status === undefined ? requests : requests.filter((r) => r.status === status);
  const settlements = wanted.some((r) => r.status === "settled") ? await readSettlements(client) : new Map();
  return wanted.map((r) => {
    if (r.status === "settled") {
      const settled = settlements.get(r.id);
      return {
        ...r,
        commission: settled?.commission ?? 0n,
        netPayout: settled?.burned ?? r.amount,
        payoutRef: settled?.payoutRef ?? null,
        settledInTransaction: settled?.transactionHash ?? null,
      };
    }
    const commission = r.status === "pending" ? commissionOf(r.amount, r.commissionBps, feeAccount) : 0n;
    const netPayout = r.status === "pending" ? r.amount - commission : 0n;
    return { ...r, commission, netPayout, payoutRef: null, settledInTransaction: null };
  });
}

async function allReconversionIds(client: KomunoClient): Promise<bigint[]> {
  const count = await client.currency.reconversionCount();
  return Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
}

async function reconversionIdsOf(client: KomunoClient, member: string): Promise<bigint[]> {
  const [topics, toBlock] = await Promise.all([
    client.currency.filters.ReconversionRequested(undefined, member).getTopicFilter(),
    client.provider.getBlockNumber(),
  ]);
  const logs = await getLogsInChunks(
    client.provider,
    { address: client.address, topics },
    { fromBlock: client.deploymentBlock, toBlock },
  );
  return logs.map((log) => client.currency.interface.parseLog(log)!.args.id as bigint);
}

/** Sums of a list of reconversions. */
export interface ReconversionTotals {
  count: number;
  amount: bigint;
  commission: bigint;
  netPayout: bigint;
}

/**
 * The totals of the pending requests of a list: how many, their gross amount, the commissions kept and the
 * euros to wire.
 * @example const { netPayout } = reconversionTotals(await listReconversions(client, { status: "pending" }))
 */
export function reconversionTotals(reconversions: readonly Reconversion[]): ReconversionTotals {
  const pending = reconversions.filter((r) => r.status === "pending");
  const sum = (pick: (r: Reconversion) => bigint) => pending.reduce((total, r) => total + pick(r), 0n);
  return {
    count: pending.length,
    amount: sum((r) => r.amount),
    commission: sum((r) => r.commission),
    netPayout: sum((r) => r.netPayout),
  };
}

/**
 * The commission a settlement keeps, exactly as the contract computes it: the request's rate, rounded down, and
 * none at all while no fee account is configured.
 * @example commissionOf(3_333n, 250, feeAccount) // 83n: 33.33 at 2.5 % keeps 0.83 and wires 32.50
 */
export function commissionOf(amount: bigint, commissionBps: number, feeAccount: string): bigint {
  if (feeAccount === ZeroAddress) return 0n;
  return (amount * BigInt(commissionBps)) / 10_000n;
}

export interface SettleReconversionParams {
  id: bigint;
  /** The bank reference of the euro payout. */
  payoutReference: string;
}

export interface SettledReconversion extends TransactionResult {
  /** The payout reference in its canonical text. */
  payoutReference: string;
  /** The euros wired, as the settlement recorded them: the units it burned. */
  netPayout: bigint;
  commission: bigint;
}

/**
 * Settles a pending request once its euros were paid out (treasurer only); returns the payout and the
 * commission as the contract recorded them.
 * @example const { netPayout } = await settleReconversion(client, { id: 3n, payoutReference: "VIR-OUT-2026-0042" })
 */
export async function settleReconversion(
  client: KomunoClient,
  { id, payoutReference }: SettleReconversionParams,
): Promise<SettledReconversion> {
  const reference = canonicalReference(payoutReference);
  const payoutRef = referenceFromText(reference);
  const result = await sendTransaction(client, "Settlement", (c) => c.settleReconversion(requireId(id), payoutRef));
  return { ...result, payoutReference: reference, ...settlementIn(client, result.receipt) };
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
