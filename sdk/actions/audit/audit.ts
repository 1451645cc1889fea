import { getAddress, ZeroAddress } from "ethers";

import { formatAmount } from "../../amounts.js";

import type { KomunoClient } from "../../client.js";
import { getLogsInChunks } from "../../internal/logs.js";
import { listGovernanceOperations, type GovernanceOperation } from "../governance/listGovernanceOperations.js";
import { pendingRecoveriesAmong, type PendingRecovery } from "../members/pendingRecoveries.js";
import { getBalances } from "../wallet/getBalances.js";
import { read } from "../../internal/transactions.js";
import type { Bytes32 } from "../../references.js";
import { statementTotals, type BankStatement, type BankStatementEntry, type StatementTotals } from "./bankStatement.js";
import { reconcile, type BurnRecord, type MintRecord, type SettlementRecord } from "./reconcile.js";

export interface AuditParams {
  /**
   * The guarantee fund's statement, to reconcile deposits and payouts with the chain: as parseBankStatementCsv
   * read it (the report then says which columns it was read from), or its entries alone.
   */
  bankStatement?: BankStatement | BankStatementEntry[];
  /** Called as the scan advances, with the last block scanned and the last block to scan. */
  onProgress?: (scannedTo: number, toBlock: number) => void;
  toBlock?: number;
}

export interface AuditCheck {
  name: string;
  ok: boolean;
  details: string;
}

/**
 * The kinds of disagreement between the bank statement and the chain, the most serious first: a unit without
 * its euro (minted twice, minted without a deposit, more than deposited, euros paid out with nothing burned)
 * before a statement that is only written another way.
 */
export const MISMATCH_KINDS = [
  "deposit-minted-twice",
  "mint-without-deposit",
  "mint-amount-differs",
  "payout-without-settlement",
  "payout-amount-differs",
  "payout-is-gross",
  "deposit-not-minted",
  "settlement-without-payout",
] as const;

export type MismatchKind = (typeof MISMATCH_KINDS)[number];

/** What each kind of mismatch means, in a sentence a board member reads. */
export const MISMATCH_MEANINGS: Record<MismatchKind, string> = {
  "deposit-minted-twice": "a deposit minted more than once, or listed twice on the statement",
  "mint-without-deposit": "units minted with no deposit on the statement",
  "mint-amount-differs": "units minted for another amount than the deposit",
  "payout-without-settlement": "euros paid out of the fund with nothing burned on chain",
  "payout-amount-differs": "a payout for another amount than the chain's net payout",
  "payout-is-gross":
    "a reconversion listed at its gross amount: the statement must list the net payout (gross less the commission)",
  "deposit-not-minted": "a deposit on the statement never minted",
  "settlement-without-payout":
    "units burned (a reconversion settled, a treasurer's burn) with no payout on the statement",
};

export interface AuditMismatch {
  kind: MismatchKind;
  /** The reference's text, where the bank statement names it; null where the chain alone knows it (its hash). */
  reference: string | null;
  /** The reference as stored on chain. */
  referenceHash: Bytes32;
  /** The statement line concerned (the file's own line number), or null where only the chain shows it. */
  statementLine: number | null;
  /** What the statement shows, in cents, or null. */
  statementAmount: bigint | null;
  /** What the chain shows, in cents (minted, or paid out net of commission), or null. */
  chainAmount: bigint | null;
  /** The chain's transaction concerned, or null. */
  transactionHash: string | null;
  details: string;
}

/** A reserve attestation as the chain received it, with the supply at that moment. */
export interface ReservePoint {
  blockNumber: number;
  timestamp: number;
  supply: bigint;
  attestedReserve: bigint;
}

/**
 * Supply and reserve after a block that changed either (a mint, a burn, an attestation): the points of the
 * audit's chart, one per such block, so every one of those events is on it.
 */
export interface LedgerPoint {
  blockNumber: number;
  timestamp: number;
  /** Units in circulation after the block. */
  supply: bigint;
  /**
   * The fund's euros as the chain knew them after the block: the attestation in force less what was burned
   * after its as-of time (zero at least); null before the first attestation.
   */
  reserve: bigint | null;
  /** What the block did: cents minted and burned, and the amount attested (null: no attestation in it). */
  minted: bigint;
  burned: bigint;
  attested: bigint | null;
}

/** The statement's own totals next to the chain's, the first thing an auditor compares. */
export interface StatementComparison extends StatementTotals {
  /** How the file was read, when the audit was given the parsed statement (not its entries alone). */
  readAs: Pick<BankStatement, "delimiter" | "decimalMark" | "headerLine" | "columns" | "referencePattern"> | null;
  chain: {
    /** Everything minted: the deposits the chain mirrors. */
    minted: bigint;
    /** Everything burned: reconversions' net payouts and treasurers' burns. */
    paidOut: bigint;
    /** Commissions kept by the association on settled reconversions: units still in circulation. */
    commissions: bigint;
    /** minted - paidOut: what the statement's net must equal. */
    supply: bigint;
  };
}

/** A burn (settlement or treasurer burn): euros paid out of the fund at that block's time. */
export interface AuditBurn {
  blockNumber: number;
  timestamp: number;
  amount: bigint;
  transactionHash: string;
}

/** How the audit computed the fund's euros as the chain knows them, step by step. */
export interface ReserveComputation {
  /** The attestation in force (the last one the contract accepted), or null if none. */
  attestation: {
    amount: bigint;
    asOf: number;
    evidenceHash: string;
    auditor: string;
    transactionHash: string;
  } | null;
  /** The burns after the attestation's as-of time: paid out after the statement it rests on. */
  burnsSince: AuditBurn[];
  burnedSince: bigint;
  /** attested - burned since (zero at least). */
  reserve: bigint;
  /** Seconds between the attestation's as-of time and the last block audited. */
  attestationAge: number | null;
  /** The mint policy's maximum age (0: no limit); past it the currency no longer counts as backed. */
  maxAttestationAge: number;
  stale: boolean;
}

export interface AuditReport {
  currency: { address: string; name: string; symbol: string; chainId: number };
  fromBlock: number;
  toBlock: number;
  /** The time of the last block audited (seconds): "today" in the report. */
  toBlockTime: number;
  events: number;
  replayed: {
    supply: bigint;
    minted: bigint;
    burned: bigint;
    escrowed: bigint;
    accounts: number;
    mints: number;
    settlements: number;
    rejections: number;
    burns: number;
    recoveries: number;
  };
  onChain: { totalSupply: bigint; attestedReserve: bigint; attestedAsOf: number | null };
  checks: AuditCheck[];
  mismatches: AuditMismatch[];
  /** The bank statement's totals next to the chain's; null without a statement. */
  statement: StatementComparison | null;
  /** The reserve attestations, each with the supply when it arrived. */
  reserveHistory: ReservePoint[];
  /** Supply and reserve after every block with a mint, a burn or an attestation, in order. */
  history: LedgerPoint[];
  reserve: ReserveComputation;
  /** Governance operations waiting in the timelock (null when the governor is not a timelock). */
  pendingGovernance: GovernanceOperation[] | null;
  /** Recoveries of lost keys waiting for their delay: a board checks each was asked for. */
  pendingRecoveries: PendingRecovery[];
  /** The chain agrees with its own events, and the bank statement (if any) with the chain. */
  consistent: boolean;
  /** Supply is at most the reserve as the chain knows it, on an attestation not older than the policy allows. */
  backed: boolean;
}

/**
 * Audits a currency from the chain alone: replays every event since deployment (ranged eth_getLogs in
 * adaptive chunks), rebuilds supply and every balance, compares them with the contract, checks the backing
 * against the last reserve attestation and, given the bank statement, reconciles deposits with mints and
 * payouts with settlements and burns.
 * @example const report = await audit(client, { bankStatement: parseBankStatementCsv(csv) })
 */
export async function audit(client: KomunoClient, params: AuditParams = {}): Promise<AuditReport> {
  const c = client.currency;
  const toBlock =
    params.toBlock ?? (await read(client, "Reading the chain head", () => client.provider.getBlockNumber()));
  const fromBlock = client.deploymentBlock;
  const logs = await read(client, "Scanning the currency's events", () =>
    getLogsInChunks(
      client.provider,
      { address: client.address },
      {
        fromBlock,
        toBlock,
        onProgress: (scannedTo) => params.onProgress?.(scannedTo, toBlock),
      },
    ),
  );

  const balances = new Map<string, bigint>();
  const mints = new Map<string, MintRecord>();
  const settlements = new Map<string, SettlementRecord>();
  const burns = new Map<string, BurnRecord>();
  // In chain order: the moves of supply (mint: positive, burn: negative) and the attestations.
  const movements: Movement[] = [];
  let lastAttestation: {
    amount: bigint;
    asOf: bigint;
    evidenceHash: string;
    auditor: string;
    transactionHash: string;
  } | null = null;
  let minted = 0n;
  let burned = 0n;
  let commissions = 0n;
  let rejections = 0;
  let recoveries = 0;
  let duplicateMints = 0;

  // Decoded by hand from topics and data: ethers' generic parseLog would dominate the audit's time on a
  // large chain (about 0.3 ms an event).
  const topic = (name: string) => c.interface.getEvent(name as "Transfer")!.topicHash;
  const [TRANSFER, MINTED, SETTLED, BURNED, REJECTED, RECOVERED, ATTESTED, RECOVERY_PROPOSED] = [
    "Transfer",
    "Minted",
    "ReconversionSettled",
    "Burned",
    "ReconversionRejected",
    "AccountRecovered",
    "ReserveAttested",
    "RecoveryProposed",
  ].map(topic);
  const zero = ZeroAddress.toLowerCase();
  const word = (data: string, i: number) => BigInt(`0x${data.slice(2 + 64 * i, 66 + 64 * i)}`);
  const addressOf = (topicValue: string) => `0x${topicValue.slice(26)}`;
  for (const log of logs) {
    const [signature, t1, t2, t3] = log.topics;
    if (signature === TRANSFER) {
      const from = addressOf(t1);
      const to = addressOf(t2);
      const value = BigInt(log.data);
      if (from === zero) {
        minted += value;
        movements.push({ kind: "mint", blockNumber: log.blockNumber, amount: value });
      } else balances.set(from, (balances.get(from) ?? 0n) - value);
      if (to === zero) {
        burned += value;
        movements.push({
          kind: "burn",
          blockNumber: log.blockNumber,
          amount: value,
          transactionHash: log.transactionHash,
        });
      } else balances.set(to, (balances.get(to) ?? 0n) + value);
    } else if (signature === MINTED) {
      const previous = mints.get(t3);
      if (previous !== undefined) {
        previous.count++;
        duplicateMints++;
      } else {
        mints.set(t3, {
          to: getAddress(addressOf(t2)),
          amount: BigInt(log.data),
          transactionHash: log.transactionHash,
          count: 1,
        });
      }
    } else if (signature === SETTLED) {
      const commission = word(log.data, 1);
      commissions += commission;
      settlements.set(t3, {
        id: BigInt(t1),
        burned: word(log.data, 0),
        commission,
        transactionHash: log.transactionHash,
      });
    } else if (signature === BURNED) {
      burns.set(t2, { amount: BigInt(log.data), transactionHash: log.transactionHash });
    } else if (signature === REJECTED) {
      rejections++;
    } else if (signature === RECOVERED) {
      recoveries++;
    } else if (signature === ATTESTED) {
      lastAttestation = {
        amount: word(log.data, 0),
        asOf: word(log.data, 1),
        evidenceHash: `0x${log.data.slice(130, 194)}`,
        auditor: getAddress(addressOf(t1)),
        transactionHash: log.transactionHash,
      };
      movements.push({
        kind: "attestation",
        blockNumber: log.blockNumber,
        amount: lastAttestation.amount,
        asOf: Number(lastAttestation.asOf),
      });
    }
  }
  const replayedSupply = minted - burned;

  const onChain = await read(client, "Reading the ledger", async () => {
    const [name, symbol, network, totalSupply, attestation, policy, contractBurnedSince, head] = await Promise.all([
      c.name(),
      c.symbol(),
      client.provider.getNetwork(),
      c.totalSupply({ blockTag: toBlock }),
      c.lastAttestation({ blockTag: toBlock }),
      c.mintPolicy({ blockTag: toBlock }),
      c.burnedSinceAttestation({ blockTag: toBlock }),
      client.provider.getBlock(toBlock),
    ]);
    const accounts = [...balances.keys()];
    // Through Multicall3 on the currency chains: 500 balances per call instead of one call per account.
    const chainBalances = (await getBalances(client, { accounts, blockTag: toBlock })).map((b) => b.balance);
    return {
      name,
      symbol,
      chainId: Number(network.chainId),
      totalSupply,
      attestation,
      maxAttestationAge: Number(policy.maxAttestationAge),
      contractBurnedSince,
      headTime: head?.timestamp ?? 0,
      accounts,
      chainBalances,
    };
  });
  const times = await blockTimes(client, [...new Set(movements.map((m) => m.blockNumber))]);
  const { history, reserveHistory } = replayReserve(movements, times);
  // Before any attestation, the contract counts every burn (as after an as-of time of zero): so does the audit.
  const asOf = lastAttestation === null ? 0 : Number(lastAttestation.asOf);
  const burnsSince: AuditBurn[] = movements
    .filter((m): m is BurnMovement => m.kind === "burn" && times.get(m.blockNumber)! > asOf)
    .map((m) => ({
      blockNumber: m.blockNumber,
      timestamp: times.get(m.blockNumber)!,
      amount: m.amount,
      transactionHash: m.transactionHash,
    }));

  const differingBalances = onChain.accounts
    .filter((account, i) => onChain.chainBalances[i] !== balances.get(account))
    .map((account) => getAddress(account));
  const escrowed = balances.get(client.address.toLowerCase()) ?? 0n;
  const attestedReserve = onChain.attestation.amount;
  const attestedAsOf = Number(onChain.attestation.asOf) || null;
  // Every unit burned after the statement's time mirrors euros paid out of the fund after it, whenever the
  // attestation arrived: the same rule as the contract's, computed here from events alone.
  const burnedSinceAttestation = burnsSince.reduce((sum, b) => sum + b.amount, 0n);
  const reserveNow = burnedSinceAttestation >= attestedReserve ? 0n : attestedReserve - burnedSinceAttestation;
  const attestationAge = attestedAsOf === null ? null : onChain.headTime - attestedAsOf;
  const stale =
    onChain.maxAttestationAge !== 0 && (attestationAge === null || attestationAge > onChain.maxAttestationAge);
  const backed = onChain.totalSupply <= reserveNow && !stale;
  const checks: AuditCheck[] = [
    {
      name: "supply matches events",
      ok: replayedSupply === onChain.totalSupply,
      details: `replayed ${formatAmount(replayedSupply)} (minted ${formatAmount(minted)} - burned ${formatAmount(burned)}), totalSupply() ${formatAmount(onChain.totalSupply)}`,
    },
    {
      name: "every balance matches events",
      ok: differingBalances.length === 0,
      details:
        differingBalances.length === 0
          ? `${onChain.accounts.length} accounts, escrow ${formatAmount(escrowed)}`
          : `differ: ${differingBalances.slice(0, 10).join(", ")}`,
    },
    {
      name: "each deposit minted once",
      ok: duplicateMints === 0,
      details: `${mints.size} deposits, ${duplicateMints} duplicate Minted events`,
    },
    {
      name: "reserve arithmetic matches the contract",
      ok: burnedSinceAttestation === onChain.contractBurnedSince,
      details:
        `${burnsSince.length} burns after the attestation's date: ${formatAmount(burnedSinceAttestation)}; ` +
        `the contract counts ${formatAmount(onChain.contractBurnedSince)}`,
    },
    {
      name: "fully backed",
      ok: backed,
      details:
        `supply ${formatAmount(onChain.totalSupply)}, reserve ${formatAmount(reserveNow)}: attested ` +
        `${formatAmount(attestedReserve)}${
          attestedAsOf === null ? " (never)" : ` as of ${new Date(attestedAsOf * 1000).toISOString()}`
        }, less ${formatAmount(burnedSinceAttestation)} burned after that date` +
        (stale
          ? `; the attestation is ${attestationAge === null ? "missing" : `${Math.floor(attestationAge / 86_400)} days old`}, ` +
            `older than the policy's ${Math.floor(onChain.maxAttestationAge / 86_400)} days`
          : ""),
    },
  ];

  const statementEntries = Array.isArray(params.bankStatement) ? params.bankStatement : params.bankStatement?.entries;
  const mismatches = statementEntries ? reconcile(statementEntries, mints, settlements, burns) : [];
  let statement: StatementComparison | null = null;
  if (statementEntries) {
    const read = Array.isArray(params.bankStatement) ? undefined : params.bankStatement;
    statement = {
      ...statementTotals(statementEntries),
      readAs:
        read === undefined
          ? null
          : {
              delimiter: read.delimiter,
              decimalMark: read.decimalMark,
              headerLine: read.headerLine,
              columns: read.columns,
              referencePattern: read.referencePattern,
            },
      chain: { minted, paidOut: burned, commissions, supply: replayedSupply },
    };
    checks.push({
      name: "bank statement reconciles",
      ok: mismatches.length === 0,
      details: `${statementEntries.length} statement lines, ${mismatches.length} mismatches`,
    });
  }
  const consistent = checks.filter((check) => check.name !== "fully backed").every((check) => check.ok);
  const [pendingGovernance, pendingRecoveries] = await Promise.all([
    client.timelock === undefined ? Promise.resolve(null) : listGovernanceOperations(client),
    pendingRecoveriesAmong(
      client,
      logs.filter((log) => log.topics[0] === RECOVERY_PROPOSED),
    ),
  ]);

  return {
    currency: { address: client.address, name: onChain.name, symbol: onChain.symbol, chainId: onChain.chainId },
    fromBlock,
    toBlock,
    toBlockTime: onChain.headTime,
    events: logs.length,
    replayed: {
      supply: replayedSupply,
      minted,
      burned,
      escrowed,
      accounts: onChain.accounts.length,
      mints: mints.size,
      settlements: settlements.size,
      rejections,
      burns: burns.size,
      recoveries,
    },
    onChain: { totalSupply: onChain.totalSupply, attestedReserve, attestedAsOf },
    checks,
    mismatches,
    statement,
    reserveHistory,
    history,
    reserve: {
      attestation:
        lastAttestation === null
          ? null
          : {
              amount: lastAttestation.amount,
              asOf: Number(lastAttestation.asOf),
              evidenceHash: lastAttestation.evidenceHash,
              auditor: lastAttestation.auditor,
              transactionHash: lastAttestation.transactionHash,
            },
      burnsSince,
      burnedSince: burnedSinceAttestation,
      reserve: reserveNow,
      attestationAge,
      maxAttestationAge: onChain.maxAttestationAge,
      stale,
    },
    pendingGovernance,
    pendingRecoveries,
    consistent,
    backed,
  };
}

type BurnMovement = { kind: "burn"; blockNumber: number; amount: bigint; transactionHash: string };
type Movement =
  | { kind: "mint"; blockNumber: number; amount: bigint }
  | BurnMovement
  | { kind: "attestation"; blockNumber: number; amount: bigint; asOf: number };

/**
 * The times of the given blocks, asked 100 at a time: the provider sends each hundred as one JSON-RPC batch, so
 * a chain of 5,000 single mints costs 50 round trips, not 5,000.
 */
async function blockTimes(client: KomunoClient, blockNumbers: number[]): Promise<Map<number, number>> {
  const times = new Map<number, number>();
  for (let i = 0; i < blockNumbers.length; i += 100) {
    const slice = blockNumbers.slice(i, i + 100);
    const blocks = await read(client, "Reading block times", () =>
      Promise.all(slice.map((n) => client.provider.getBlock(n))),
    );
    slice.forEach((n, k) => times.set(n, blocks[k]?.timestamp ?? 0));
  }
  return times;
}

/**
 * Supply and reserve after each block that moved either, replayed with the contract's rule: the reserve is the
 * attestation in force less every burn whose block time is after its as-of time (one in its very second is
 * taken as on the statement), whenever the attestation arrived.
 */
function replayReserve(
  movements: Movement[],
  times: Map<number, number>,
): { history: LedgerPoint[]; reserveHistory: ReservePoint[] } {
  const history: LedgerPoint[] = [];
  const reserveHistory: ReservePoint[] = [];
  const burnsSoFar: { time: number; amount: bigint }[] = [];
  let supply = 0n;
  let attestation: { amount: bigint; asOf: number } | null = null;
  let burnedSinceAsOf = 0n;
  let point: LedgerPoint | undefined;
  for (const m of movements) {
    const timestamp = times.get(m.blockNumber)!;
    if (point?.blockNumber !== m.blockNumber) {
      point = { blockNumber: m.blockNumber, timestamp, supply, reserve: null, minted: 0n, burned: 0n, attested: null };
      history.push(point);
    }
    if (m.kind === "mint") {
      supply += m.amount;
      point.minted += m.amount;
    } else if (m.kind === "burn") {
      supply -= m.amount;
      point.burned += m.amount;
      burnsSoFar.push({ time: timestamp, amount: m.amount });
      if (attestation !== null && timestamp > attestation.asOf) burnedSinceAsOf += m.amount;
    } else {
      attestation = { amount: m.amount, asOf: m.asOf };
      burnedSinceAsOf = 0n;
      for (let i = burnsSoFar.length - 1; i >= 0 && burnsSoFar[i].time > m.asOf; i--) {
        burnedSinceAsOf += burnsSoFar[i].amount;
      }
      point.attested = m.amount;
      reserveHistory.push({ blockNumber: m.blockNumber, timestamp, supply, attestedReserve: m.amount });
    }
    point.supply = supply;
    point.reserve =
      attestation === null ? null : burnedSinceAsOf >= attestation.amount ? 0n : attestation.amount - burnedSinceAsOf;
  }
  return { history, reserveHistory };
}
