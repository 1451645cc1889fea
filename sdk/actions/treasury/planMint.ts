import { ACCOUNT_STATUSES } from "../../accounts.js";
import { formatAmount } from "../../amounts.js";
import type { KomunoClient } from "../../client.js";
import { InvalidInputError, type PreflightProblem } from "../../errors.js";
import { chunked, readMany } from "../../internal/batches.js";
import type { CsvDelimiter } from "../../internal/csv.js";
import { getLogsInChunks } from "../../internal/logs.js";
import { supplyCap } from "../../internal/supplyCap.js";
import { read } from "../../internal/transactions.js";
import { requireAddress, requirePositiveAmount } from "../../internal/validate.js";
import { CURRENCY_ROLE_IDS } from "../../internal/roles.js";
import { canonicalReference, referenceFromText, type Bytes32 } from "../../references.js";
import { readDepositsCsv, type WrittenDeposit } from "./depositsCsv.js";
import type { DepositInput } from "./mintBatch.js";

const TREASURER_ROLE = CURRENCY_ROLE_IDS.treasurer;

/** Deposits per transaction: 250 take about 8.4M gas, well under a block's 30M and EIP-7825's 16.7M cap. */
export const DEFAULT_MINT_CHUNK = 250;

/** A deposit of the file as the chain will record it. */
export interface PlannedDeposit {
  /** The file's line (or the position from 1 in a list). */
  line: number;
  to: string;
  /** Cents. */
  amount: bigint;
  /** Canonical text of the bank's reference. */
  reference: string;
  depositRef: Bytes32;
}

/** A deposit the chain already holds exactly as the file says: same reference, amount and recipient. */
export interface AlreadyMintedDeposit extends PlannedDeposit {
  /** Where it was minted. */
  transactionHash: string;
  mintedTo: string;
  mintedAmount: bigint;
}

/** The reserve as the mint policy will see it after the whole file. */
export interface MintReserveCheck {
  supply: bigint;
  supplyAfter: bigint;
  reserveCap: boolean;
  attested: bigint;
  attestedAsOf: Date | null;
  /** Paid out of the fund after the attestation's date. */
  burnedSinceAttestation: bigint;
  headroom: bigint;
  /** The most the supply may reach (attested, less paid out since, plus headroom), or null with the cap off. */
  cap: bigint | null;
  maxAttestationAgeSeconds: number;
  attestationAgeSeconds: number | null;
}

/** What a mint of a file would do, and every reason it must not be sent. */
export interface MintPlan {
  /** The file's name, or "the list of deposits". */
  source: string;
  numbering: "line" | "item";
  /** The separator of a CSV file, null for a list. */
  delimiter: CsvDelimiter | null;
  treasurer: string;
  /**
   * Every row as written (a list's items with their amounts in euros), in order, good or bad: with `toMint`,
   * `alreadyMinted` and `problems` (by line), what a screen shows of each row before anything is sent.
   */
  written: WrittenDeposit[];
  toMint: PlannedDeposit[];
  alreadyMinted: AlreadyMintedDeposit[];
  /** Empty when the file may be minted; otherwise nothing is sent (mintBatch throws PreflightError). */
  problems: PreflightProblem[];
  totals: { toMint: bigint; alreadyMinted: bigint };
  chunkSize: number;
  /** How many transactions minting `toMint` takes. */
  transactions: number;
  /** What the treasurer may still mint, before this file. */
  allowance: bigint;
  reserve: MintReserveCheck;
  paused: boolean;
}

export type PlanMintParams = {
  /** Whose allowance pays for the file (default: the client's signer). */
  treasurer?: string;
  chunkSize?: number;
  /** The file's name, for messages (default "deposits CSV" or "the list of deposits"). */
  source?: string;
} & ({ csv: string; deposits?: never } | { deposits: (DepositInput & { line?: number })[]; csv?: never });

/**
 * The pre-flight of a deposits file (or list): reads it whole and checks it against the chain before anything
 * is sent. Each row is either to mint, already minted exactly so (skipped, counted: a rerun is safe), or a
 * problem with its line: unreadable, listed twice, a reference the chain holds with another amount or
 * recipient (a conflict between the bank and the chain), a recipient that is not an active member. Then the
 * whole file: the treasurer's role and remaining allowance, the pause, and the supply after the file against
 * the reserve cap and the attestation's age. Amounts in messages are euros.
 * @example
 * const plan = await planMint(client, { csv: await readFile("deposits.csv", "utf8"), source: "deposits.csv" });
 * if (plan.problems.length === 0) await mintBatch(client, { plan });
 */
export async function planMint(client: KomunoClient, params: PlanMintParams): Promise<MintPlan> {
  const chunkSize = params.chunkSize ?? DEFAULT_MINT_CHUNK;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new InvalidInputError("chunkSize", "at least 1");
  const treasurer = await treasurerOf(client, params.treasurer);
  const fromFile = params.csv !== undefined;
  const file = fromFile ? readDepositsCsv(params.csv) : readDepositList(params.deposits);
  const problems = [...file.problems];
  const rows = file.deposits.map((d) => ({ ...d, depositRef: referenceFromText(d.reference) }));

  const minted = await findMinted(client, rows);
  const toMint: PlannedDeposit[] = [];
  const alreadyMinted: AlreadyMintedDeposit[] = [];
  for (const row of rows) {
    const record = minted.get(row.depositRef);
    if (record === undefined) {
      toMint.push(row);
    } else if (record === "unknown") {
      problems.push({
        line: row.line,
        code: "conflicts-with-chain",
        message: `deposit ${row.reference} was already minted, but its record was not found from block ${client.deploymentBlock}`,
      });
    } else if (record.mintedTo === row.to && record.mintedAmount === row.amount) {
      alreadyMinted.push({ ...row, ...record });
    } else {
      problems.push({
        line: row.line,
        code: "conflicts-with-chain",
        message:
          `deposit ${row.reference} was already minted with ${formatAmount(record.mintedAmount)} to ` +
          `${record.mintedTo} (transaction ${record.transactionHash}), not ${formatAmount(row.amount)} to ${row.to}`,
      });
    }
  }
  problems.push(...(await inactiveRecipients(client, toMint)));

  const total = toMint.reduce((sum, d) => sum + d.amount, 0n);
  const chain = await readMintConditions(client, treasurer);
  const reserve = reserveAfter(chain, total);
  // Nothing to send, nothing to allow: a rerun of a file already minted is fine whatever the reserve says now.
  if (total > 0n) problems.push(...wholeFileProblems(chain, reserve, treasurer, total));

  const numbering = fromFile ? "line" : "item";
  return {
    source: params.source ?? (fromFile ? "deposits CSV" : "the list of deposits"),
    numbering,
    delimiter: fromFile ? (file as ReturnType<typeof readDepositsCsv>).delimiter : null,
    treasurer,
    written: file.written,
    toMint,
    alreadyMinted,
    problems: problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)),
    totals: { toMint: total, alreadyMinted: alreadyMinted.reduce((sum, d) => sum + d.amount, 0n) },
    chunkSize,
    transactions: chunked(toMint, chunkSize).length,
    allowance: chain.allowance,
    reserve,
    paused: chain.paused,
  };
}

async function treasurerOf(client: KomunoClient, treasurer: string | undefined): Promise<string> {
  if (treasurer !== undefined) return requireAddress(treasurer);
  if (client.signer === undefined) {
    throw new InvalidInputError("treasurer", "give the treasurer's address, or a client with the treasurer's key");
  }
  return requireAddress(await client.signer.getAddress());
}

/** A list given in code: checked as a file is, each problem named by the item's position (or its `line`). */
function readDepositList(deposits: (DepositInput & { line?: number })[]) {
  if (!Array.isArray(deposits) || deposits.length === 0) throw new InvalidInputError("deposits", "the list is empty");
  const problems: PreflightProblem[] = [];
  const rows: (DepositInput & { line: number })[] = [];
  const firstLineOf = new Map<string, number>();
  deposits.forEach((deposit, i) => {
    const line = deposit.line ?? i + 1;
    const problemsBefore = problems.length;
    const check = <T>(run: () => T): T | undefined => {
      try {
        return run();
      } catch (error) {
        const message = (error as { shortMessage?: string }).shortMessage ?? String(error);
        problems.push({ line, code: "invalid-row", message: message.replace(/\.$/, "") });
        return undefined;
      }
    };
    const to = check(() => requireAddress(deposit.to));
    check(() => requirePositiveAmount(deposit.amount));
    const reference = check(() => canonicalReference(deposit.reference));
    if (reference !== undefined) {
      const first = firstLineOf.get(reference);
      if (first !== undefined) {
        problems.push({ line, code: "duplicate-in-file", message: `deposit ${reference} is also item ${first}` });
        return;
      }
      firstLineOf.set(reference, line);
    }
    if (problems.length === problemsBefore) rows.push({ line, to: to!, amount: deposit.amount, reference: reference! });
  });
  const written = deposits.map((deposit, i) => ({
    line: deposit.line ?? i + 1,
    to: String(deposit.to),
    amount:
      typeof deposit.amount === "bigint" && deposit.amount >= 0n
        ? formatAmount(deposit.amount)
        : String(deposit.amount),
    reference: String(deposit.reference),
  }));
  return { deposits: rows, problems, written };
}

type MintRecord = { transactionHash: string; mintedTo: string; mintedAmount: bigint };

/**
 * The chain's record of every reference already minted: the flag first (one read each, batched), then the
 * Minted events of the flagged ones, queried by reference (an OR over up to 100 in the indexed topic).
 */
async function findMinted(
  client: KomunoClient,
  rows: { depositRef: Bytes32 }[],
): Promise<Map<string, MintRecord | "unknown">> {
  const flags = await readMany(client, "Checking minted deposits", rows, (row) =>
    client.currency.isDepositMinted(row.depositRef),
  );
  const refs = rows.filter((_, i) => flags[i]).map((row) => row.depositRef);
  const found = new Map<string, MintRecord | "unknown">(refs.map((ref) => [ref, "unknown"]));
  if (refs.length === 0) return found;
  const toBlock = await read(client, "Reading the chain head", () => client.provider.getBlockNumber());
  const minted = client.currency.interface.getEvent("Minted").topicHash;
  for (const slice of chunked(refs, 100)) {
    const logs = await read(client, "Finding minted deposits", () =>
      getLogsInChunks(
        client.provider,
        { address: client.address, topics: [minted, null, null, slice] },
        { fromBlock: client.deploymentBlock, toBlock },
      ),
    );
    for (const log of logs) {
      const { to, amount, depositRef } = client.currency.interface.parseLog(log)!.args;
      found.set(depositRef, { transactionHash: log.transactionHash, mintedTo: to, mintedAmount: amount });
    }
  }
  return found;
}

/** A problem for each deposit whose recipient is not an active member (the contract would refuse it). */
async function inactiveRecipients(client: KomunoClient, deposits: PlannedDeposit[]): Promise<PreflightProblem[]> {
  const recipients = [...new Set(deposits.map((d) => d.to))];
  const statuses = await readMany(client, "Checking the recipients", recipients, async (account) =>
    Number((await client.currency.accountOf(account)).status),
  );
  const statusOf = new Map(recipients.map((account, i) => [account, ACCOUNT_STATUSES[statuses[i]]]));
  const why = { none: "was never admitted", frozen: "is frozen", closed: "is closed" } as const;
  return deposits.flatMap((d) => {
    const status = statusOf.get(d.to)!;
    if (status === "active") return [];
    return [
      {
        line: d.line,
        code: "not-active-member",
        message: `${d.to} cannot receive deposit ${d.reference} (${formatAmount(d.amount)}): it ${why[status]}`,
      },
    ];
  });
}

interface MintConditions {
  isTreasurer: boolean;
  allowance: bigint;
  paused: boolean;
  supply: bigint;
  attested: bigint;
  attestedAsOf: number;
  burnedSinceAttestation: bigint;
  reserveCap: boolean;
  headroom: bigint;
  maxAttestationAge: number;
  now: number;
}

async function readMintConditions(client: KomunoClient, treasurer: string): Promise<MintConditions> {
  const c = client.currency;
  return read(client, "Reading the mint conditions", async () => {
    const [isTreasurer, allowance, paused, supply, attestation, burned, policy, block] = await Promise.all([
      c.hasRole(TREASURER_ROLE, treasurer),
      c.mintAllowance(treasurer),
      c.paused(),
      c.totalSupply(),
      c.lastAttestation(),
      c.burnedSinceAttestation(),
      c.mintPolicy(),
      client.provider.getBlock("latest"),
    ]);
    return {
      isTreasurer,
      allowance,
      paused,
      supply,
      attested: attestation.amount,
      attestedAsOf: Number(attestation.asOf),
      burnedSinceAttestation: burned,
      reserveCap: policy.reserveCapEnabled,
      headroom: policy.headroom,
      maxAttestationAge: Number(policy.maxAttestationAge),
      now: block!.timestamp,
    };
  });
}

function reserveAfter(chain: MintConditions, total: bigint): MintReserveCheck {
  const attested = chain.attestedAsOf === 0 ? null : chain.attestedAsOf;
  return {
    supply: chain.supply,
    supplyAfter: chain.supply + total,
    reserveCap: chain.reserveCap,
    attested: chain.attested,
    attestedAsOf: attested === null ? null : new Date(attested * 1000),
    burnedSinceAttestation: chain.burnedSinceAttestation,
    headroom: chain.headroom,
    cap: supplyCap(chain),
    maxAttestationAgeSeconds: chain.maxAttestationAge,
    attestationAgeSeconds: attested === null ? null : chain.now - attested,
  };
}

function wholeFileProblems(
  chain: MintConditions,
  reserve: MintReserveCheck,
  treasurer: string,
  total: bigint,
): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  const add = (code: string, message: string) => problems.push({ line: null, code, message });
  if (!chain.isTreasurer) add("not-treasurer", `${treasurer} does not hold the treasurer role`);
  if (chain.paused) add("paused", "the currency is paused: nothing can be minted until the governor resumes it");
  if (chain.allowance < total) {
    add(
      "over-allowance",
      `the deposits to mint come to ${formatAmount(total)}, but treasurer ${treasurer} may mint only ` +
        `${formatAmount(chain.allowance)} more (${formatAmount(total - chain.allowance)} too much): ` +
        "the governor must raise the allowance first",
    );
  }
  const policyOn = reserve.reserveCap || reserve.maxAttestationAgeSeconds !== 0;
  if (policyOn && reserve.attestedAsOf === null) {
    add("no-attestation", "no reserve was ever attested: an auditor must attest the fund's balance first");
    return problems;
  }
  const asOf = reserve.attestedAsOf?.toISOString();
  if (reserve.maxAttestationAgeSeconds !== 0 && reserve.attestationAgeSeconds! > reserve.maxAttestationAgeSeconds) {
    add(
      "attestation-too-old",
      `the last reserve attestation (as of ${asOf}) is ${days(reserve.attestationAgeSeconds!)} old, more than the ` +
        `${days(reserve.maxAttestationAgeSeconds)} the mint policy allows: an auditor must attest a newer statement first`,
    );
  }
  if (reserve.cap !== null && reserve.supplyAfter > reserve.cap) {
    add(
      "over-reserve",
      `minting ${formatAmount(total)} would take the supply from ${formatAmount(reserve.supply)} to ` +
        `${formatAmount(reserve.supplyAfter)}, over the ${formatAmount(reserve.cap)} the reserve allows (attested ` +
        `${formatAmount(reserve.attested)} as of ${asOf}, less ${formatAmount(reserve.burnedSinceAttestation)} paid ` +
        `out since, plus a headroom of ${formatAmount(reserve.headroom)}): ` +
        `${formatAmount(reserve.supplyAfter - reserve.cap)} too much`,
    );
  }
  return problems;
}

function days(seconds: number): string {
  const value = seconds / 86_400;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} day(s)`;
}
