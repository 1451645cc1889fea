import { keccak256, toUtf8Bytes } from "ethers";

import type { AuditMismatch, AuditReport, LedgerPoint, ReservePoint } from "../../sdk/actions/audit/audit.js";
import { referenceFromText, type Bytes32 } from "../../sdk/references.js";

const DAY = 86_400;
const utc = (iso: string) => Date.parse(iso) / 1000;

/** A mismatch as the audit makes them, with what the test does not care about left empty. */
export function mismatchOf(fields: Pick<AuditMismatch, "kind" | "details"> & Partial<AuditMismatch>): AuditMismatch {
  const reference = fields.reference ?? null;
  return {
    reference,
    referenceHash: fields.referenceHash ?? (reference === null ? hashOf("?") : referenceFromText(reference)),
    statementLine: null,
    statementAmount: null,
    chainAmount: null,
    transactionHash: null,
    ...fields,
  };
}

const hashOf = (text: string) => keccak256(toUtf8Bytes(text)) as Bytes32;

/** An audit report with nothing in it but what `fields` sets: a currency that never moved. */
export function emptyReport(fields: Partial<AuditReport> = {}): AuditReport {
  return {
    currency: { address: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0", name: "Miel", symbol: "MIEL", chainId: 1 },
    fromBlock: 0,
    toBlock: 10,
    toBlockTime: utc("2026-11-30T18:00:00Z"),
    events: 0,
    replayed: {
      supply: 0n,
      minted: 0n,
      burned: 0n,
      escrowed: 0n,
      accounts: 0,
      mints: 0,
      settlements: 0,
      rejections: 0,
      burns: 0,
      recoveries: 0,
    },
    onChain: { totalSupply: 0n, attestedReserve: 0n, attestedAsOf: null },
    checks: [],
    mismatches: [],
    statement: null,
    reserveHistory: [],
    history: [],
    reserve: {
      attestation: null,
      burnsSince: [],
      burnedSince: 0n,
      reserve: 0n,
      attestationAge: null,
      maxAttestationAge: 0,
      stale: false,
    },
    pendingGovernance: null,
    pendingRecoveries: [],
    consistent: true,
    backed: true,
    ...fields,
  };
}

/** A seeded generator (mulberry32): the same report on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A year of a Léman-sized currency as the audit reports it: 5,000 deposits minted, 100 reconversions settled
 * (2 % commission), an attestation of the fund at the start of each month covering that month's deposits (one
 * of them short for a few days), and a statement whose 85 payouts show the gross amount, 3 deposits never
 * minted and 2 mints no line names (hashes only): 90 mismatches.
 */
export function lemanAuditReport(): AuditReport {
  const next = random(2026);
  const start = utc("2025-12-01T08:00:00Z");
  const end = utc("2026-11-30T18:00:00Z");
  type Move = { time: number; minted: bigint; burned: bigint };
  const moves: Move[] = [];
  for (let i = 0; i < 5_000; i++) {
    // Deposits grow over the year, as members join.
    const time = start + Math.floor(Math.sqrt(next()) * (end - start - DAY));
    moves.push({ time, minted: BigInt(2_000 + Math.floor(next() * 48_000)), burned: 0n });
  }
  moves.sort((a, b) => a.time - b.time);
  const settled: { time: number; gross: bigint }[] = [];
  for (let i = 0; i < 100; i++) {
    const time = start + 30 * DAY + Math.floor(next() * (end - start - 31 * DAY));
    settled.push({ time, gross: BigInt(10_000 + Math.floor(next() * 190_000)) });
  }
  settled.sort((a, b) => a.time - b.time);
  for (const s of settled) moves.push({ time: s.time, minted: 0n, burned: s.gross - s.gross / 50n });
  moves.sort((a, b) => a.time - b.time);

  // The fund's statement as of each month's first day, attested an hour later.
  const monthStarts = Array.from({ length: 12 }, (_, k) => Date.UTC(2025, 11 + k, 1) / 1000);
  const mintedBetween = (from: number, to: number) =>
    moves.filter((m) => m.time >= from && m.time < to).reduce((s, m) => s + m.minted, 0n);
  const supplyAt = (t: number) => moves.filter((m) => m.time < t).reduce((s, m) => s + m.minted - m.burned, 0n);
  const attestations = monthStarts.map((asOf, k) => {
    const nextMonth = monthStarts[k + 1] ?? end + DAY;
    // July's statement came in short: supply stands above it for a few days.
    const cover = k === 7 ? mintedBetween(asOf, asOf + 20 * DAY) : mintedBetween(asOf, nextMonth) + 300_000n;
    return { time: asOf + 3600, asOf, amount: supplyAt(asOf) + cover };
  });

  const history: LedgerPoint[] = [];
  const reserveHistory: ReservePoint[] = [];
  const events = [
    ...moves.map((m) => ({ ...m, attestation: undefined as (typeof attestations)[number] | undefined })),
    ...attestations.map((a) => ({ time: a.time, minted: 0n, burned: 0n, attestation: a })),
  ].sort((a, b) => a.time - b.time);
  let supply = 0n;
  let attested: (typeof attestations)[number] | null = null;
  let burnedSince = 0n;
  let blockNumber = 20;
  for (const e of events) {
    blockNumber += 1 + Math.floor(next() * 40);
    supply += e.minted - e.burned;
    if (e.attestation !== undefined) {
      attested = e.attestation;
      burnedSince = moves.filter((m) => m.time > attested!.asOf && m.time <= e.time).reduce((s, m) => s + m.burned, 0n);
      reserveHistory.push({ blockNumber, timestamp: e.time, supply, attestedReserve: attested.amount });
    } else if (attested !== null && e.time > attested.asOf) burnedSince += e.burned;
    history.push({
      blockNumber,
      timestamp: e.time,
      supply,
      reserve: attested === null ? null : attested.amount - burnedSince,
      minted: e.minted,
      burned: e.burned,
      attested: e.attestation?.amount ?? null,
    });
  }
  const minted = moves.reduce((s, m) => s + m.minted, 0n);
  const burned = moves.reduce((s, m) => s + m.burned, 0n);
  const commissions = settled.reduce((s, x) => s + x.gross / 50n, 0n);
  const last = attestations[attestations.length - 1];
  const reserveNow = last.amount - burnedSince;

  const mismatches: AuditMismatch[] = [];
  settled.slice(0, 85).forEach((s, i) => {
    const net = s.gross - s.gross / 50n;
    const euros = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, "0")}`;
    mismatches.push(
      mismatchOf({
        kind: "payout-is-gross",
        reference: `VIR-OUT-2026-${String(i + 1).padStart(4, "0")}`,
        statementLine: 5_001 + i,
        statementAmount: s.gross,
        chainAmount: net,
        transactionHash: hashOf(`settlement ${i}`),
        details:
          `statement line ${5_001 + i} shows ${euros(s.gross)} paid out for reconversion #${i + 1}: that looks like ` +
          `the gross amount; the chain's net payout is ${euros(net)} (gross ${euros(s.gross)} less ` +
          `${euros(s.gross / 50n)} commission), and the statement must list the net payout`,
      }),
    );
  });
  for (let i = 0; i < 3; i++) {
    mismatches.push(
      mismatchOf({
        kind: "deposit-not-minted",
        reference: `VIR SEPA RECU /DE ASSOCIATION DES JARDINS PARTAGES DU CHABLAIS /REF LEM-2026-${9_990 + i}`,
        statementLine: 4_990 + i,
        statementAmount: 12_500n,
        details: `statement line ${4_990 + i}: 125.00 never minted`,
      }),
    );
  }
  for (let i = 0; i < 2; i++) {
    const referenceHash = hashOf(`"LEM-2026-0${i}"`);
    mismatches.push(
      mismatchOf({
        kind: "mint-without-deposit",
        referenceHash,
        chainAmount: 4_000n,
        transactionHash: hashOf(`mint ${i}`),
        details: `40.00 to 0x976EA74026E726554dB657fA54763abd0C3a0aa9 in tx ${hashOf(`mint ${i}`)}`,
      }),
    );
  }

  return emptyReport({
    currency: { address: "0xa513E6E4b8f2a923D98304ec87F64353C4D5C853", name: "Léman", symbol: "LEM", chainId: 46330 },
    fromBlock: 8,
    toBlock: blockNumber + 500,
    toBlockTime: end,
    events: 131_412,
    replayed: {
      supply,
      minted,
      burned,
      escrowed: 0n,
      accounts: 5_501,
      mints: 5_000,
      settlements: 100,
      rejections: 2,
      burns: 0,
      recoveries: 4,
    },
    onChain: { totalSupply: supply, attestedReserve: last.amount, attestedAsOf: last.asOf },
    checks: [
      { name: "supply matches events", ok: true, details: "replayed …" },
      { name: "bank statement reconciles", ok: false, details: "5100 statement lines, 90 mismatches" },
    ],
    mismatches,
    statement: {
      lines: 5_100,
      deposits: 5_000,
      payouts: 100,
      credits: minted + 37_500n - 8_000n,
      debits: burned + commissions,
      net: minted + 37_500n - 8_000n - burned - commissions,
      firstDate: "2025-12-01",
      lastDate: "2026-11-30",
      readAs: {
        delimiter: ";",
        decimalMark: ",",
        headerLine: 5,
        columns: { date: "Date opération", reference: "Libellé", debit: "Débit", credit: "Crédit" },
        referencePattern: "LEM-2026-[0-9]+",
      },
      chain: { minted, paidOut: burned, commissions, supply },
    },
    reserveHistory,
    history,
    reserve: {
      attestation: {
        amount: last.amount,
        asOf: last.asOf,
        evidenceHash: hashOf("releve-2026-11.pdf"),
        auditor: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
        transactionHash: hashOf("attestation"),
      },
      burnsSince: history
        .filter((p) => p.burned > 0n && p.timestamp > last.asOf)
        .map((p) => ({
          blockNumber: p.blockNumber,
          timestamp: p.timestamp,
          amount: p.burned,
          transactionHash: hashOf(`burn ${p.blockNumber}`),
        })),
      burnedSince,
      reserve: reserveNow,
      attestationAge: end - last.asOf,
      maxAttestationAge: 35 * DAY,
      stale: false,
    },
    consistent: false,
    backed: supply <= reserveNow,
  });
}
