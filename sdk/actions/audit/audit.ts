import { getAddress, ZeroAddress } from "ethers";

import { formatAmount } from "../../amounts.js";

import type { KomunoClient } from "../../client.js";
import { getLogsInChunks } from "../../internal/logs.js";
import { listGovernanceOperations, type GovernanceOperation } from "../governance/listGovernanceOperations.js";
import { pendingRecoveriesAmong, type PendingRecovery } from "../members/pendingRecoveries.js";
import { getBalances } from "../wallet/getBalances.js";
import { read } from "../../internal/transactions.js";
import { referenceFromText, type Bytes32 } from "../../references.js";
import type { BankStatementEntry } from "./bankStatement.js";

export interface AuditParams {
  /** The guarantee fund's statement, to reconcile deposits and payouts with the chain. */
  bankStatement?: BankStatementEntry[];
  /** Called as the scan advances, with the last block scanned and the last block to scan. */
  onProgress?: (scannedTo: number, toBlock: number) => void;
  toBlock?: number;
}

export interface AuditCheck {
  name: string;
  ok: boolean;
  details: string;
}

export interface AuditMismatch {
  kind:
    | "deposit-not-minted"
    | "deposit-minted-twice"
    | "mint-amount-differs"
    | "mint-without-deposit"
    | "settlement-without-payout"
    | "payout-amount-differs"
    | "payout-without-settlement";
  /** The reference's text, where the bank statement names it; null where the chain alone knows it (its hash). */
  reference: string | null;
  /** The reference as stored on chain. */
  referenceHash: Bytes32;
  details: string;
}

export interface ReservePoint {
  blockNumber: number;
  timestamp: number;
  supply: bigint;
  attestedReserve: bigint;
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
  reserveHistory: ReservePoint[];
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

interface MintRecord {
  to: string;
  amount: bigint;
  transactionHash: string;
  count: number;
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
  const settlements = new Map<string, { id: bigint; burned: bigint; transactionHash: string }>();
  const burns = new Map<string, { amount: bigint; transactionHash: string }>();
  const reserveEvents: { blockNumber: number; supply: bigint; attestedReserve: bigint }[] = [];
  const burnLog: { blockNumber: number; amount: bigint; transactionHash: string }[] = [];
  let lastAttestation: {
    amount: bigint;
    asOf: bigint;
    evidenceHash: string;
    auditor: string;
    transactionHash: string;
  } | null = null;
  let minted = 0n;
  let burned = 0n;
  let rejections = 0;
  let recoveries = 0;
  let duplicateMints = 0;
  let attested = 0n;

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
      if (from === zero) minted += value;
      else balances.set(from, (balances.get(from) ?? 0n) - value);
      if (to === zero) {
        burned += value;
        burnLog.push({ blockNumber: log.blockNumber, amount: value, transactionHash: log.transactionHash });
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
      settlements.set(t3, { id: BigInt(t1), burned: word(log.data, 0), transactionHash: log.transactionHash });
    } else if (signature === BURNED) {
      burns.set(t2, { amount: BigInt(log.data), transactionHash: log.transactionHash });
    } else if (signature === REJECTED) {
      rejections++;
    } else if (signature === RECOVERED) {
      recoveries++;
    } else if (signature === ATTESTED) {
      attested = word(log.data, 0);
      lastAttestation = {
        amount: attested,
        asOf: word(log.data, 1),
        evidenceHash: `0x${log.data.slice(130, 194)}`,
        auditor: getAddress(addressOf(t1)),
        transactionHash: log.transactionHash,
      };
      reserveEvents.push({ blockNumber: log.blockNumber, supply: minted - burned, attestedReserve: attested });
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
    const timestamps = await Promise.all(
      reserveEvents.map(async (e) => (await client.provider.getBlock(e.blockNumber))?.timestamp ?? 0),
    );
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
      timestamps,
    };
  });
  const burnsSince = lastAttestation === null ? [] : await burnsAfter(client, burnLog, Number(lastAttestation.asOf));

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

  const mismatches = params.bankStatement ? reconcile(params.bankStatement, mints, settlements, burns) : [];
  if (params.bankStatement) {
    checks.push({
      name: "bank statement reconciles",
      ok: mismatches.length === 0,
      details: `${params.bankStatement.length} statement lines, ${mismatches.length} mismatches`,
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
    reserveHistory: reserveEvents.map((e, i) => ({ ...e, timestamp: onChain.timestamps[i] })),
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

/**
 * The burns whose block time is after `asOf` (one in its very second is taken as on the statement, as the
 * contract does), with their times. Block times only grow, so the first such
 * burn is found by bisection: a handful of block reads whatever the number of burns.
 */
async function burnsAfter(
  client: KomunoClient,
  burns: { blockNumber: number; amount: bigint; transactionHash: string }[],
  asOf: number,
): Promise<AuditBurn[]> {
  const times = new Map<number, number>();
  const timeOf = async (blockNumber: number) => {
    let time = times.get(blockNumber);
    if (time === undefined) {
      time = (await read(client, "Reading a block", () => client.provider.getBlock(blockNumber)))?.timestamp ?? 0;
      times.set(blockNumber, time);
    }
    return time;
  };
  let low = 0;
  let high = burns.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((await timeOf(burns[middle].blockNumber)) > asOf) high = middle;
    else low = middle + 1;
  }
  const since: AuditBurn[] = [];
  for (const burn of burns.slice(low)) since.push({ ...burn, timestamp: await timeOf(burn.blockNumber) });
  return since;
}

function reconcile(
  statement: BankStatementEntry[],
  mints: Map<string, MintRecord>,
  settlements: Map<string, { id: bigint; burned: bigint; transactionHash: string }>,
  burns: Map<string, { amount: bigint; transactionHash: string }>,
): AuditMismatch[] {
  const mismatches: AuditMismatch[] = [];
  const deposits = new Set<string>();
  const payouts = new Set<string>();
  const names = new Map<string, string>();
  for (const entry of statement) {
    const ref = referenceFromText(entry.reference);
    names.set(ref, entry.reference);
    const where = `statement line ${entry.line}`;
    if (entry.type === "deposit") {
      if (deposits.has(ref)) {
        mismatches.push({
          kind: "deposit-minted-twice",
          reference: entry.reference,
          referenceHash: ref,
          details: `${where}: listed twice`,
        });
        continue;
      }
      deposits.add(ref);
      const mint = mints.get(ref);
      if (mint === undefined) {
        mismatches.push({
          kind: "deposit-not-minted",
          reference: entry.reference,
          referenceHash: ref,
          details: `${where}: ${formatAmount(entry.amount)} never minted`,
        });
      } else if (mint.count > 1) {
        mismatches.push({
          kind: "deposit-minted-twice",
          reference: entry.reference,
          referenceHash: ref,
          details: `minted ${mint.count} times`,
        });
      } else if (mint.amount !== entry.amount) {
        mismatches.push({
          kind: "mint-amount-differs",
          reference: entry.reference,
          referenceHash: ref,
          details: `${where}: deposited ${formatAmount(entry.amount)}, minted ${formatAmount(mint.amount)} (tx ${mint.transactionHash})`,
        });
      }
    } else {
      payouts.add(ref);
      const paid = settlements.get(ref)?.burned ?? burns.get(ref)?.amount;
      if (paid === undefined) {
        mismatches.push({
          kind: "payout-without-settlement",
          reference: entry.reference,
          referenceHash: ref,
          details: `${where}: ${formatAmount(entry.amount)} paid out, nothing burned on chain`,
        });
      } else if (paid !== entry.amount) {
        mismatches.push({
          kind: "payout-amount-differs",
          reference: entry.reference,
          referenceHash: ref,
          details: `${where}: paid ${formatAmount(entry.amount)}, burned ${formatAmount(paid)}`,
        });
      }
    }
  }
  for (const [ref, mint] of mints) {
    if (!deposits.has(ref)) {
      mismatches.push({
        kind: "mint-without-deposit",
        reference: names.get(ref) ?? null,
        referenceHash: ref as Bytes32,
        details: `${formatAmount(mint.amount)} to ${mint.to} in tx ${mint.transactionHash}`,
      });
    }
  }
  for (const [ref, settlement] of [...settlements, ...burns]) {
    if (!payouts.has(ref)) {
      const amount = "burned" in settlement ? settlement.burned : settlement.amount;
      mismatches.push({
        kind: "settlement-without-payout",
        reference: names.get(ref) ?? null,
        referenceHash: ref as Bytes32,
        details: `${formatAmount(amount)} burned in tx ${settlement.transactionHash}`,
      });
    }
  }
  return mismatches;
}
