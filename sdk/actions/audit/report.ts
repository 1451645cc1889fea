import { formatAmount } from "../../amounts.js";
import type { AuditMismatch, AuditReport } from "./audit.js";

/** A reference as a person finds it on the statement, with its hash to find it on chain: `VIR-1 (0x1a2b3c4d…)`. */
function referenceLabel(m: AuditMismatch): string {
  return m.reference === null ? m.referenceHash : `${m.reference} (${m.referenceHash.slice(0, 10)}…)`;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const localTime = (date: Date) => date.toISOString().replace("T", " ").slice(0, 16) + " UTC";

/** How the reserve figure was reached: the attestation used and the burns counted after its date. */
function reserveLines(report: AuditReport): string[] {
  const { attestation, burnsSince, burnedSince, reserve, stale, attestationAge, maxAttestationAge } = report.reserve;
  if (attestation === null) return ["reserve: no attestation yet"];
  const lines = [
    `reserve ${formatAmount(reserve)} = attested ${formatAmount(attestation.amount)} as of ${iso(attestation.asOf)} ` +
      `(evidence ${attestation.evidenceHash.slice(0, 10)}…, auditor ${attestation.auditor}, tx ${attestation.transactionHash}) ` +
      `- ${formatAmount(burnedSince)} burned after that date in ${burnsSince.length} burn(s)`,
    ...burnsSince.map((b) => `  burned ${formatAmount(b.amount)} at ${iso(b.timestamp)} in tx ${b.transactionHash}`),
  ];
  if (stale) {
    lines.push(
      `  the attestation is ${attestationAge === null ? "missing" : `${Math.floor(attestationAge / 86_400)} days old`}: ` +
        `the policy allows ${Math.floor(maxAttestationAge / 86_400)} days, so the currency does not count as backed`,
    );
  }
  return lines;
}

/** What is waiting for its delay: the operations a board must recognise as its own, or cancel in time. */
function pendingLines(report: AuditReport): string[] {
  const lines: string[] = [];
  if (report.pendingGovernance !== null) {
    lines.push(
      report.pendingGovernance.length === 0
        ? "no governance operation waiting"
        : `${report.pendingGovernance.length} governance operation(s) waiting:`,
    );
    for (const op of report.pendingGovernance) {
      lines.push(
        `  ${op.description}: ${op.status === "ready" ? "executable now" : `executable after ${localTime(op.executableAt)}`}; ` +
          `cancel with \`komuno governance cancel ${op.id}\``,
      );
    }
  }
  lines.push(
    report.pendingRecoveries.length === 0
      ? "no recovery waiting"
      : `${report.pendingRecoveries.length} recovery(ies) of a lost key waiting:`,
  );
  for (const r of report.pendingRecoveries) {
    lines.push(
      `  ${r.lost} -> ${r.replacement}, proposed by ${r.proposedBy}, executable after ${localTime(r.executableAt)}; ` +
        `cancel with \`komuno member cancel-recovery ${r.lost}\``,
    );
  }
  return lines;
}

/**
 * The audit as a person reads it.
 * @example console.log(formatAuditText(report))
 */
export function formatAuditText(report: AuditReport): string {
  const { currency, replayed, onChain } = report;
  const lines = [
    `${currency.name} (${currency.symbol}) at ${currency.address}, chain ${currency.chainId}`,
    `blocks ${report.fromBlock}-${report.toBlock}: ${report.events} events replayed`,
    `supply ${formatAmount(onChain.totalSupply)}   attested reserve ${formatAmount(onChain.attestedReserve)}${
      onChain.attestedAsOf ? ` (as of ${new Date(onChain.attestedAsOf * 1000).toISOString()})` : " (never attested)"
    }`,
    `minted ${formatAmount(replayed.minted)} in ${replayed.mints} deposits, burned ${formatAmount(replayed.burned)} ` +
      `(${replayed.settlements} settlements, ${replayed.burns} burns), escrow ${formatAmount(replayed.escrowed)}, ` +
      `${replayed.accounts} accounts, ${replayed.recoveries} recoveries`,
    ...reserveLines(report),
    "",
    ...report.checks.map((check) => `${check.ok ? "ok  " : "FAIL"} ${check.name}: ${check.details}`),
    "",
    ...pendingLines(report),
  ];
  if (report.mismatches.length > 0) {
    lines.push("", `${report.mismatches.length} mismatch(es) with the bank statement:`);
    for (const m of report.mismatches) lines.push(`  ${m.kind} ${referenceLabel(m)}: ${m.details}`);
  }
  lines.push(
    "",
    report.consistent && report.backed
      ? "CONSISTENT AND FULLY BACKED"
      : `${report.consistent ? "consistent" : "INCONSISTENT"}, ${report.backed ? "fully backed" : "NOT FULLY BACKED"}`,
  );
  return lines.join("\n");
}

/**
 * The audit as JSON; amounts are strings of cents, so no precision is lost.
 * @example writeFileSync("audit.json", auditToJson(report))
 */
export function auditToJson(report: AuditReport): string {
  return JSON.stringify(report, (_key, value) => (typeof value === "bigint" ? value.toString() : value), 2);
}

/**
 * The checks and mismatches as CSV rows: `section,name,ok,reference,referenceHash,details`, the reference's text
 * left empty where only its hash is known.
 * @example writeFileSync("audit.csv", auditToCsv(report))
 */
export function auditToCsv(report: AuditReport): string {
  const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const rows = [["section", "name", "ok", "reference", "referenceHash", "details"]];
  for (const check of report.checks) rows.push(["check", check.name, String(check.ok), "", "", check.details]);
  for (const m of report.mismatches) {
    rows.push(["mismatch", m.kind, "false", m.reference ?? "", m.referenceHash, m.details]);
  }
  for (const burn of report.reserve.burnsSince) {
    rows.push(["burn-since-attestation", iso(burn.timestamp), "", "", burn.transactionHash, formatAmount(burn.amount)]);
  }
  for (const op of report.pendingGovernance ?? []) {
    rows.push([
      "pending-governance",
      op.status,
      "",
      "",
      op.id,
      `${op.description}; executable after ${op.executableAt.toISOString()}`,
    ]);
  }
  for (const r of report.pendingRecoveries) {
    rows.push([
      "pending-recovery",
      r.lost,
      "",
      "",
      r.reasonHash,
      `to ${r.replacement}, executable after ${r.executableAt.toISOString()}`,
    ]);
  }
  rows.push(
    ["result", "consistent", String(report.consistent), "", "", ""],
    ["result", "backed", String(report.backed), "", "", ""],
  );
  return rows.map((row) => row.map(cell).join(",")).join("\n") + "\n";
}

/**
 * A self-contained HTML page (no external file) with the checks and a chart of supply against the
 * attested reserve at each attestation.
 * @example writeFileSync("audit.html", auditToHtml(report))
 */
export function auditToHtml(report: AuditReport): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const points = report.reserveHistory;
  const width = 720;
  const height = 260;
  const max = points.reduce((m, p) => (p.supply > m ? p.supply : p.attestedReserve > m ? p.attestedReserve : m), 1n);
  const x = (i: number) => (points.length <= 1 ? width / 2 : 40 + (i * (width - 60)) / (points.length - 1));
  const y = (v: bigint) => height - 30 - Number((v * BigInt(height - 50)) / max);
  const line = (pick: (p: (typeof points)[number]) => bigint) =>
    points.map((p, i) => `${x(i).toFixed(1)},${y(pick(p)).toFixed(1)}`).join(" ");
  const chart =
    points.length === 0
      ? "<p>No reserve attestation yet.</p>"
      : `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Supply and attested reserve">
  <line x1="40" y1="${height - 30}" x2="${width - 20}" y2="${height - 30}" stroke="#999"/>
  <polyline fill="none" stroke="#1b7f3b" stroke-width="2" points="${line((p) => p.attestedReserve)}"/>
  <polyline fill="none" stroke="#c2410c" stroke-width="2" points="${line((p) => p.supply)}"/>
  ${points.map((p, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(p.supply).toFixed(1)}" r="3" fill="#c2410c"><title>${escape(new Date(p.timestamp * 1000).toISOString())}: supply ${formatAmount(p.supply)}, reserve ${formatAmount(p.attestedReserve)}</title></circle>`).join("\n  ")}
  <text x="40" y="16" fill="#1b7f3b">attested reserve</text><text x="200" y="16" fill="#c2410c">supply</text>
  <text x="4" y="${y(max) + 4}" font-size="11">${formatAmount(max)}</text>
</svg>`;
  const rows = report.checks
    .map(
      (c) =>
        `<tr><td>${c.ok ? "ok" : "<strong>FAIL</strong>"}</td><td>${escape(c.name)}</td><td>${escape(c.details)}</td></tr>`,
    )
    .join("\n");
  const mismatches = report.mismatches
    .map(
      (m) =>
        `<tr><td>${escape(m.kind)}</td><td><code title="${m.referenceHash}">${escape(referenceLabel(m))}</code></td><td>${escape(m.details)}</td></tr>`,
    )
    .join("\n");
  const verdict = report.consistent && report.backed ? "Consistent and fully backed" : "Problems found";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Audit of ${escape(report.currency.name)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}td{padding:.2rem .6rem;vertical-align:top}table{border-collapse:collapse}tr:nth-child(even){background:#f4f4f4}</style>
</head><body>
<h1>${escape(report.currency.name)} (${escape(report.currency.symbol)}): ${verdict}</h1>
<p>Contract <code>${escape(report.currency.address)}</code> on chain ${report.currency.chainId}, blocks ${report.fromBlock}–${report.toBlock}, ${report.events} events replayed.</p>
<p>Supply <strong>${formatAmount(report.onChain.totalSupply)}</strong>, last attested reserve <strong>${formatAmount(report.onChain.attestedReserve)}</strong>.</p>
<h2>Supply and attested reserve</h2>
${chart}
<h2>Checks</h2>
<table>${rows}</table>
${report.mismatches.length > 0 ? `<h2>Mismatches with the bank statement</h2>\n<table>${mismatches}</table>` : ""}
<h2>How the reserve was computed</h2>
<pre>${escape(reserveLines(report).join("\n"))}</pre>
<h2>Waiting for their delay</h2>
<pre>${escape(pendingLines(report).join("\n"))}</pre>
</body></html>
`;
}
