import { ZeroAddress } from "ethers";

import { ACCOUNT_KIND_NAMES, ACCOUNT_KINDS, ACCOUNT_STATUSES, type AccountKindName } from "../../accounts.js";
import type { KomunoClient } from "../../client.js";
import { ContractRevertError, InvalidInputError, PreflightError, type PreflightProblem } from "../../errors.js";
import { chunked, readMany, sendChunks } from "../../internal/batches.js";
import type { CsvDelimiter } from "../../internal/csv.js";
import { read } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";
import { CURRENCY_ROLE_IDS } from "../../internal/roles.js";
import { readMembersCsv, requireKind, type WrittenMember } from "./membersCsv.js";

const MEMBER_MANAGER_ROLE = CURRENCY_ROLE_IDS.memberManager;

/**
 * Accounts per transaction: 300 take about 7.9M gas (27,405 a member, bench/results/gas.md), well under the
 * 30M of a block on the devnet and on the Besu chain, and EIP-7825's 16.7M per transaction.
 */
export const DEFAULT_ADMISSION_BATCH = 300;

/** One account to admit, as the file (or list) names it. */
export interface PlannedAdmission {
  /** The file's line (or the position from 1 in a list). */
  line: number;
  account: string;
  kind: AccountKindName;
}

export interface AdmissionPlan {
  /** The file's name, or "the list of members". */
  source: string;
  numbering: "line" | "item";
  /** The separator of a CSV file, null for a list. */
  delimiter: CsvDelimiter | null;
  manager: string;
  /** Every row as written, in order, good or bad: with `toAdmit`, `alreadyAdmitted` and `problems`, what a screen shows. */
  written: WrittenMember[];
  toAdmit: PlannedAdmission[];
  /** Already active members of the same kind: skipped, so running a file again is safe. */
  alreadyAdmitted: PlannedAdmission[];
  /** Empty when the file may be sent; otherwise admitMembers throws PreflightError and sends nothing. */
  problems: PreflightProblem[];
  batchSize: number;
  /** How many transactions admitting `toAdmit` takes. */
  transactions: number;
}

export type PlanAdmissionsParams = {
  /** Who admits (default: the client's signer); must hold the member manager role. */
  manager?: string;
  batchSize?: number;
  /** The file's name, for messages (default "members CSV" or "the list of members"). */
  source?: string;
} & (
  | { csv: string; members?: never }
  | { members: { account: string; kind: AccountKindName; line?: number }[]; csv?: never }
);

/**
 * The pre-flight of a file (or list) of accounts to admit, before anything is sent: each row is either to
 * admit, already an active member of that kind (skipped, counted: running the file again is safe), or a problem
 * with its line: unreadable, a bad kind, listed twice, an account that can never be a member, one already a
 * member of another kind, frozen or closed. The role of the manager is checked too. The accounts are read many
 * at once, so a file of thousands is checked in seconds.
 * @example
 * const plan = await planAdmissions(client, { csv: await readFile("members.csv", "utf8"), source: "members.csv" })
 */
export async function planAdmissions(client: KomunoClient, params: PlanAdmissionsParams): Promise<AdmissionPlan> {
  const batchSize = params.batchSize ?? DEFAULT_ADMISSION_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InvalidInputError("batchSize", "at least 1");
  const manager = await managerOf(client, params.manager);
  const fromFile = params.csv !== undefined;
  const file = fromFile ? readMembersCsv(params.csv) : readMemberList(params.members);
  const problems = [...file.problems];

  const currency = client.address.toLowerCase();
  const admissible = file.members.filter((row) => {
    const never =
      row.account === ZeroAddress
        ? "the zero address"
        : row.account.toLowerCase() === currency
          ? "the currency itself"
          : null;
    if (never === null) return true;
    problems.push({ line: row.line, code: "never-admissible", message: `${row.account} is ${never}: never a member` });
    return false;
  });
  const accounts = await readMany(client, "Reading the members", admissible, async (row) => {
    const info = await client.currency.accountOf(row.account);
    return { kind: ACCOUNT_KIND_NAMES[Number(info.kind)], status: ACCOUNT_STATUSES[Number(info.status)] };
  });
  const toAdmit: PlannedAdmission[] = [];
  const alreadyAdmitted: PlannedAdmission[] = [];
  admissible.forEach((row, i) => {
    const { kind, status } = accounts[i];
    const as = kind === row.kind ? `as ${kind}` : `as ${kind}, not ${row.kind}`;
    const problem = (code: string, message: string) => problems.push({ line: row.line, code, message });
    if (status === "none") toAdmit.push(row);
    else if (status === "closed")
      problem("closed", `${row.account} is closed (${kind}): it can never be admitted again`);
    else if (status === "frozen") problem("frozen", `${row.account} is already admitted ${as}, and frozen`);
    else if (kind !== row.kind) problem("kind-conflict", `${row.account} is already a member ${as}`);
    else alreadyAdmitted.push(row);
  });

  const isManager = await read(client, "Reading the member manager's role", () =>
    client.currency.hasRole(MEMBER_MANAGER_ROLE, manager),
  );
  if (!isManager && toAdmit.length > 0) {
    problems.push({
      line: null,
      code: "not-member-manager",
      message: `${manager} does not hold the member manager role`,
    });
  }
  return {
    source: params.source ?? (fromFile ? "members CSV" : "the list of members"),
    numbering: fromFile ? "line" : "item",
    delimiter: fromFile ? (file as ReturnType<typeof readMembersCsv>).delimiter : null,
    manager,
    written: file.written,
    toAdmit,
    alreadyAdmitted,
    problems: problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)),
    batchSize,
    transactions: chunked(toAdmit, batchSize).length,
  };
}

export type AdmitMembersParams = {
  batchSize?: number;
  /** Called after each confirmed transaction with the number of accounts admitted so far. */
  onProgress?: (admitted: number, total: number) => void;
} & (
  | { csv: string; source?: string; members?: never; plan?: never }
  | { members: { account: string; kind: AccountKindName; line?: number }[]; csv?: never; plan?: never }
  /** A plan planAdmissions made a moment ago: not read from the chain again. */
  | { plan: AdmissionPlan; csv?: never; members?: never }
);

export interface AdmittedMember extends PlannedAdmission {
  transactionHash: string;
}

export interface AdmitMembersResult {
  admitted: AdmittedMember[];
  alreadyAdmitted: PlannedAdmission[];
  /** The transactions sent, in order. */
  transactions: string[];
}

/**
 * Admits every account of a file or list (member manager only), many per transaction: the pre-flight
 * (planAdmissions) first, and any problem throws a PreflightError listing them all, with nothing sent. Accounts
 * already admitted with the same kind are skipped and counted, so the same file can be run again after any
 * interruption; a job that stops part-way says how many were admitted (BatchInterruptedError).
 * @example
 * const { admitted, alreadyAdmitted } = await admitMembers(client, { members: [{ account: "0x…", kind: "person" }] })
 */
export async function admitMembers(client: KomunoClient, params: AdmitMembersParams): Promise<AdmitMembersResult> {
  const plan = params.plan ?? (await planAdmissions(client, params as PlanAdmissionsParams));
  if (plan.problems.length > 0) throw new PreflightError("Admission", plan.source, plan.problems, plan.numbering);
  const signer = client.signer === undefined ? undefined : await client.signer.getAddress();
  if (signer?.toLowerCase() !== plan.manager.toLowerCase()) {
    throw new InvalidInputError("plan", `it was checked for member manager ${plan.manager}, not the signer ${signer}`);
  }
  const batchSize = params.batchSize ?? plan.batchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InvalidInputError("batchSize", "at least 1");
  const sent = await sendChunks(
    client,
    "Admission",
    chunked(plan.toAdmit, batchSize),
    (batch) => (c) => c.admitMembersInBatch(batch.map((m) => ({ account: m.account, kind: ACCOUNT_KINDS[m.kind] }))),
    {
      onProgress: params.onProgress,
      describeDone: (confirmed, all) => `${confirmed.length} of ${all.length} accounts were confirmed admitted`,
      explain: (error, batch) => {
        if (!(error instanceof ContractRevertError) || error.errorName !== "AccountAlreadyAdmitted") return error;
        const row = batch.find((m) => m.account.toLowerCase() === String(error.args.account).toLowerCase());
        if (row === undefined) return error;
        return new ContractRevertError(
          error.operation,
          error.errorName,
          error.args,
          `${row.account} (${plan.numbering} ${row.line}) was admitted by someone else since the pre-flight`,
          error,
        );
      },
    },
  );
  return {
    admitted: sent.flatMap(({ items, result }) => items.map((m) => ({ ...m, transactionHash: result.hash }))),
    alreadyAdmitted: plan.alreadyAdmitted,
    transactions: sent.map(({ result }) => result.hash),
  };
}

async function managerOf(client: KomunoClient, manager: string | undefined): Promise<string> {
  if (manager !== undefined) return requireAddress(manager);
  if (client.signer === undefined) {
    throw new InvalidInputError("manager", "give the member manager's address, or a client with the manager's key");
  }
  return requireAddress(await client.signer.getAddress());
}

/** A list given in code, checked as a file is, each problem named by the item's position (or its `line`). */
function readMemberList(members: { account: string; kind: AccountKindName; line?: number }[]) {
  if (!Array.isArray(members) || members.length === 0) throw new InvalidInputError("members", "the list is empty");
  const problems: PreflightProblem[] = [];
  const rows: PlannedAdmission[] = [];
  const firstLineOf = new Map<string, number>();
  members.forEach((member, i) => {
    const line = member.line ?? i + 1;
    const check = <T>(run: () => T): T | undefined => {
      try {
        return run();
      } catch (error) {
        const message = (error as { shortMessage?: string }).shortMessage ?? String(error);
        problems.push({ line, code: "invalid-row", message: message.replace(/\.$/, "") });
        return undefined;
      }
    };
    const account = check(() => requireAddress(member.account));
    const kind = check(() => requireKind(member.kind));
    if (account === undefined) return;
    const first = firstLineOf.get(account);
    if (first !== undefined) {
      problems.push({ line, code: "duplicate-in-file", message: `${account} is also item ${first}` });
      return;
    }
    firstLineOf.set(account, line);
    if (kind !== undefined) rows.push({ line, account, kind });
  });
  const written = members.map((member, i) => ({
    line: member.line ?? i + 1,
    account: String(member.account),
    kind: String(member.kind),
  }));
  return { members: rows, problems, written };
}
