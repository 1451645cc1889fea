import { id as hashOf } from "ethers";

import { RECONVERSION_STATUSES } from "../../accounts.js";
import { formatAmount } from "../../amounts.js";
import type { KomunoClient } from "../../client.js";
import {
  ContractRevertError,
  InvalidInputError,
  PreflightError,
  type CsvProblem,
  type PreflightProblem,
} from "../../errors.js";
import { readMany, sendChunks } from "../../internal/batches.js";
import { checkCell, readCsvTable, type CsvDelimiter } from "../../internal/csv.js";
import { read } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";
import { canonicalReference, referenceFromText, type Bytes32 } from "../../references.js";
import { readSettlements, settlementIn } from "../../internal/settlements.js";
import { commissionOf } from "./reconversions.js";

const TREASURER_ROLE = hashOf("TREASURER_ROLE");

/** One settlement of a file: a request and the bank reference of the payout that paid it. */
export interface SettlementInput {
  id: bigint;
  /** The bank reference of the euro payout, as on the statement (read in its canonical form). */
  payoutReference: string;
  /** The file's line (or the position from 1 in a list). */
  line?: number;
}

/** A settlement as the chain will record it. */
export interface PlannedSettlement {
  line: number;
  id: bigint;
  member: string;
  payoutReference: string;
  payoutRef: Bytes32;
  /** Cents in escrow. */
  amount: bigint;
  commission: bigint;
  /** The euros to wire (or wired): the amount less the commission; what the bank statement lists. */
  netPayout: bigint;
}

/** A request the chain already holds settled with this very payout reference: skipped, counted. */
export interface AlreadySettled extends PlannedSettlement {
  transactionHash: string;
}

export interface SettlementPlan {
  source: string;
  numbering: "line" | "item";
  delimiter: CsvDelimiter | null;
  treasurer: string;
  toSettle: PlannedSettlement[];
  alreadySettled: AlreadySettled[];
  /** Empty when the file may be sent; otherwise settleReconversions throws PreflightError and sends nothing. */
  problems: PreflightProblem[];
  /** Sums over `toSettle`: what is wired with this file. */
  totals: { amount: bigint; commission: bigint; netPayout: bigint };
}

export type PlanSettlementsParams = {
  /** Who settles (default: the client's signer); must hold the treasurer role. */
  treasurer?: string;
  /** The file's name, for messages. */
  source?: string;
} & ({ csv: string; settlements?: never } | { settlements: SettlementInput[]; csv?: never });

/**
 * Reads a file of settlements: a header naming the columns `id` (the request number) and `ref` (the bank
 * reference of the payout), separated by "," or ";". Bad lines (a bad number or reference, a request or a
 * reference listed twice) are returned with their line numbers, not thrown; a header that names no such
 * columns throws InvalidCsvError.
 * @example readSettlementsCsv("id,ref\n3,VIR-OUT-2026-0042\n")
 */
export function readSettlementsCsv(text: string): {
  delimiter: CsvDelimiter;
  settlements: (SettlementInput & { line: number })[];
  problems: PreflightProblem[];
} {
  const table = readCsvTable(text, "settlements CSV", ["id", "ref"]);
  const rows = table.rows.map(({ line, cells }) => ({ line, id: cells.id, payoutReference: cells.ref }));
  const { settlements, problems } = checkRows(rows, "line");
  problems.push(...table.problems.map(({ line, message }) => ({ line, code: "invalid-row", message })));
  if (table.rows.length === 0 && table.problems.length === 0) {
    problems.push({ line: 1, code: "empty-file", message: "no settlement after the header line" });
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { delimiter: table.delimiter, settlements, problems };
}

/**
 * The pre-flight of a file (or list) of reconversion settlements, before anything is sent: each row is either to
 * settle (with the gross amount, the commission and the net payout, as the contract will compute them), already
 * settled with this very payout reference (skipped, counted: running the file again is safe), or a problem with
 * its line: unreadable, listed twice, an unknown or rejected request, one settled with another reference (a
 * conflict between the bank and the chain), a reference already used. The treasurer's role and the pause are
 * checked too.
 * @example
 * const plan = await planSettlements(client, { csv: await readFile("payouts.csv", "utf8"), source: "payouts.csv" })
 * console.log(`to wire: ${formatAmount(plan.totals.netPayout)}`)
 */
export async function planSettlements(client: KomunoClient, params: PlanSettlementsParams): Promise<SettlementPlan> {
  const treasurer = await treasurerOf(client, params.treasurer);
  const fromFile = params.csv !== undefined;
  const numbering = fromFile ? "line" : "item";
  const file = fromFile ? readSettlementsCsv(params.csv) : readSettlementList(params.settlements);
  const problems = [...file.problems];
  const rows = file.settlements;

  const [count, [, , feeAccount], paused, isTreasurer] = await read(client, "Reading the reconversions", () =>
    Promise.all([
      client.currency.reconversionCount(),
      client.currency.reconversionPolicy(),
      client.currency.paused(),
      client.currency.hasRole(TREASURER_ROLE, treasurer),
    ]),
  );
  const [requests, used] = await Promise.all([
    readMany(client, "Reading the reconversions", rows, (row) =>
      row.id <= count ? client.currency.reconversion(row.id) : Promise.resolve(null),
    ),
    readMany(client, "Checking the payout references", rows, (row) =>
      client.currency.isReferenceUsed(referenceFromText(row.payoutReference)),
    ),
  ]);
  const needsHistory = requests.some((r) => r !== null && RECONVERSION_STATUSES[Number(r.status)] === "settled");
  const settlements = needsHistory || used.some(Boolean) ? await readSettlements(client) : new Map();
  const settledWith = new Map([...settlements].map(([id, s]) => [s.payoutRef, id]));

  const toSettle: PlannedSettlement[] = [];
  const alreadySettled: AlreadySettled[] = [];
  rows.forEach((row, i) => {
    const request = requests[i];
    const problem = (code: string, message: string) => problems.push({ line: row.line, code, message });
    const status = request === null ? "none" : RECONVERSION_STATUSES[Number(request.status)];
    if (request === null || status === "none") {
      problem(
        "unknown-request",
        `reconversion #${row.id} does not exist (${count === 0n ? "there is none yet" : `the last one is #${count}`})`,
      );
      return;
    }
    const payoutRef = referenceFromText(row.payoutReference);
    const planned = {
      line: row.line,
      id: row.id,
      member: request.member,
      payoutReference: canonicalReference(row.payoutReference),
      payoutRef,
      amount: request.amount,
    };
    if (status === "rejected") {
      problem("rejected", `reconversion #${row.id} was rejected and refunded: there is nothing to wire`);
    } else if (status === "settled") {
      const settled = settlements.get(row.id);
      if (settled?.payoutRef === payoutRef) {
        alreadySettled.push({
          ...planned,
          commission: settled.commission,
          netPayout: settled.burned,
          transactionHash: settled.transactionHash,
        });
      } else {
        problem(
          "settled-with-another-reference",
          `reconversion #${row.id} was already settled with another payout reference` +
            (settled === undefined
              ? ""
              : ` (${settled.payoutRef.slice(0, 10)}…, ${formatAmount(settled.burned)} wired, transaction ${settled.transactionHash})`) +
            `, not ${planned.payoutReference}`,
        );
      }
    } else if (used[i]) {
      const by = settledWith.get(payoutRef);
      problem(
        "reference-used",
        `payout reference ${planned.payoutReference} was already used` +
          (by === undefined ? " (by a burn)" : ` to settle reconversion #${by}`),
      );
    } else {
      const commission = commissionOf(request.amount, Number(request.commissionBps), feeAccount);
      toSettle.push({ ...planned, commission, netPayout: request.amount - commission });
    }
  });
  if (toSettle.length > 0) {
    if (!isTreasurer) {
      problems.push({ line: null, code: "not-treasurer", message: `${treasurer} does not hold the treasurer role` });
    }
    if (paused) {
      problems.push({
        line: null,
        code: "paused",
        message: "the currency is paused: nothing can be settled until the governor resumes it",
      });
    }
  }
  const sum = (pick: (s: PlannedSettlement) => bigint) => toSettle.reduce((total, s) => total + pick(s), 0n);
  return {
    source: params.source ?? (fromFile ? "settlements CSV" : "the list of settlements"),
    numbering,
    delimiter: fromFile ? (file as ReturnType<typeof readSettlementsCsv>).delimiter : null,
    treasurer,
    toSettle,
    alreadySettled,
    problems: problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)),
    totals: { amount: sum((s) => s.amount), commission: sum((s) => s.commission), netPayout: sum((s) => s.netPayout) },
  };
}

export type SettleReconversionsParams = {
  /** Called after each confirmed settlement with the number settled so far. */
  onProgress?: (settled: number, total: number) => void;
} & (
  | { csv: string; source?: string; settlements?: never; plan?: never }
  | { settlements: SettlementInput[]; csv?: never; plan?: never }
  /** A plan planSettlements made a moment ago: not read from the chain again. */
  | { plan: SettlementPlan; csv?: never; settlements?: never }
);

export interface SettledPayout extends PlannedSettlement {
  transactionHash: string;
}

export interface SettleReconversionsResult {
  settled: SettledPayout[];
  alreadySettled: AlreadySettled[];
  /** Over `settled`, as the chain recorded them: the euros wired with this file, and the commissions kept. */
  totals: { amount: bigint; commission: bigint; netPayout: bigint };
}

/**
 * Settles every reconversion of a file or list, each with the bank reference of the payout that paid it
 * (treasurer only): the pre-flight (planSettlements) first, and any problem throws a PreflightError listing them
 * all, with nothing sent. Requests already settled with the same reference are skipped and counted, so the same
 * file can be run again after any interruption. The settlements are sent all at once, one transaction each; a
 * job that stops part-way says how many were settled (BatchInterruptedError). Each payout is returned as the
 * chain recorded it.
 * @example
 * const { settled, totals } = await settleReconversions(client, { settlements: [{ id: 3n, payoutReference: "VIR-OUT-42" }] })
 */
export async function settleReconversions(
  client: KomunoClient,
  params: SettleReconversionsParams,
): Promise<SettleReconversionsResult> {
  const plan = params.plan ?? (await planSettlements(client, params as PlanSettlementsParams));
  if (plan.problems.length > 0) throw new PreflightError("Settlement", plan.source, plan.problems, plan.numbering);
  const signer = client.signer === undefined ? undefined : await client.signer.getAddress();
  if (signer?.toLowerCase() !== plan.treasurer.toLowerCase()) {
    throw new InvalidInputError("plan", `it was checked for treasurer ${plan.treasurer}, not the signer ${signer}`);
  }
  const wired = (settlements: PlannedSettlement[]) => settlements.reduce((s, p) => s + p.netPayout, 0n);
  const sent = await sendChunks(
    client,
    "Settlement",
    plan.toSettle.map((settlement) => [settlement]),
    ([settlement]) =>
      (c) =>
        c.settleReconversion(settlement.id, settlement.payoutRef),
    {
      onProgress: params.onProgress,
      describeDone: (confirmed, all) =>
        `${confirmed.length} of ${all.length} reconversions (${formatAmount(wired(confirmed))} of ` +
        `${formatAmount(wired(all))} wired) were confirmed settled`,
      explain: (error, [settlement]) => {
        if (!(error instanceof ContractRevertError)) return error;
        const at = `reconversion #${settlement.id} (${plan.numbering} ${settlement.line})`;
        const since = {
          ReconversionNotPending: `${at} was settled or rejected by someone else since the pre-flight`,
          ReferenceAlreadyUsed: `payout reference ${settlement.payoutReference} of ${at} was used by someone else since the pre-flight`,
        }[error.errorName];
        return since === undefined
          ? error
          : new ContractRevertError(error.operation, error.errorName, error.args, since, error);
      },
    },
  );
  // As recorded: the fee account may have changed between the plan and the settlement.
  const settled = sent.map(({ items: [settlement], result }) => {
    const { netPayout, commission } = settlementIn(client, result.receipt);
    return { ...settlement, netPayout, commission, transactionHash: result.hash };
  });
  const sum = (pick: (s: SettledPayout) => bigint) => settled.reduce((total, s) => total + pick(s), 0n);
  return {
    settled,
    alreadySettled: plan.alreadySettled,
    totals: { amount: sum((s) => s.amount), commission: sum((s) => s.commission), netPayout: sum((s) => s.netPayout) },
  };
}

async function treasurerOf(client: KomunoClient, treasurer: string | undefined): Promise<string> {
  if (treasurer !== undefined) return requireAddress(treasurer);
  if (client.signer === undefined) {
    throw new InvalidInputError("treasurer", "give the treasurer's address, or a client with the treasurer's key");
  }
  return requireAddress(await client.signer.getAddress());
}

function readSettlementList(settlements: SettlementInput[]) {
  if (!Array.isArray(settlements) || settlements.length === 0) {
    throw new InvalidInputError("settlements", "the list is empty");
  }
  return checkRows(
    settlements.map((s, i) => ({ line: s.line ?? i + 1, id: s.id, payoutReference: s.payoutReference })),
    "item",
  );
}

/** Each row's request number and reference checked, and neither listed twice. */
function checkRows(rows: { line: number; id: string | bigint; payoutReference: string }[], numbering: "line" | "item") {
  const problems: PreflightProblem[] = [];
  const settlements: (SettlementInput & { line: number })[] = [];
  const firstLineOfId = new Map<bigint, number>();
  const firstLineOfRef = new Map<string, number>();
  for (const row of rows) {
    const { line } = row;
    const invalid: CsvProblem[] = [];
    const id = checkCell(invalid, line, () => requireRequestId(row.id));
    const reference = checkCell(invalid, line, () => canonicalReference(row.payoutReference));
    problems.push(...invalid.map(({ message }) => ({ line, code: "invalid-row", message })));
    const duplicate = (what: string, first: number) =>
      problems.push({ line, code: "duplicate-in-file", message: `${what} is also on ${numbering} ${first}` });
    const firstId = id === undefined ? undefined : firstLineOfId.get(id);
    const firstRef = reference === undefined ? undefined : firstLineOfRef.get(reference);
    if (firstId !== undefined) duplicate(`reconversion #${id}`, firstId);
    if (firstRef !== undefined) duplicate(`payout reference ${reference}`, firstRef);
    if (id !== undefined && firstId === undefined) firstLineOfId.set(id, line);
    if (reference !== undefined && firstRef === undefined) firstLineOfRef.set(reference, line);
    if (id !== undefined && reference !== undefined && firstId === undefined && firstRef === undefined) {
      settlements.push({ line, id, payoutReference: reference });
    }
  }
  return { settlements, problems };
}

function requireRequestId(value: string | bigint): bigint {
  if (typeof value === "bigint" && value >= 1n) return value;
  if (typeof value === "string" && /^[1-9][0-9]*$/.test(value)) return BigInt(value);
  throw new InvalidInputError("id", `expected a request number from 1, not ${JSON.stringify(String(value))}`);
}
