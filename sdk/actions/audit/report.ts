import { formatAmount } from "../../amounts.js";
import {
  MISMATCH_KINDS,
  MISMATCH_MEANINGS,
  type AuditMismatch,
  type AuditReport,
  type MismatchKind,
  type StatementComparison,
} from "./audit.js";
import { timeChartSvg, type StepSeries } from "./chart.js";

/** A reference as a person finds it on the statement, with its hash to find it on chain: `VIR-1 (0x1a2b3c4d…)`. */
function referenceLabel(m: AuditMismatch): string {
  return m.reference === null ? m.referenceHash : `${m.reference} (${m.referenceHash.slice(0, 10)}…)`;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const localTime = (date: Date) => date.toISOString().replace("T", " ").slice(0, 16) + " UTC";

/** The mismatches by kind, the most serious kind first, each kind's in the order found. */
export function groupMismatches(
  mismatches: readonly AuditMismatch[],
): { kind: MismatchKind; items: AuditMismatch[] }[] {
  return MISMATCH_KINDS.map((kind) => ({ kind, items: mismatches.filter((m) => m.kind === kind) })).filter(
    (group) => group.items.length > 0,
  );
}

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
  if (stale) lines.push(`  ${staleSentence(attestationAge, maxAttestationAge)}`);
  return lines;
}

const staleSentence = (age: number | null, maxAge: number) =>
  `the attestation is ${age === null ? "missing" : `${Math.floor(age / 86_400)} days old`}: ` +
  `the policy allows ${Math.floor(maxAge / 86_400)} days, so the currency does not count as backed`;

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

/** Which header each field was read from: `date=Date, reference=Libellé (pattern VIR-\d+), debit=Débit`. */
function columnsRead(statement: StatementComparison): string | null {
  const read = statement.readAs;
  if (read === null) return null;
  const columns = Object.entries(read.columns)
    .map(([field, name]) =>
      field === "reference" && read.referencePattern !== null
        ? `${field}=${name} (pattern ${read.referencePattern})`
        : `${field}=${name}`,
    )
    .join(", ");
  const mark = read.decimalMark === null ? "" : `, decimal ${read.decimalMark === "," ? "comma" : "point"}`;
  return `read from ${columns} (separator "${read.delimiter}"${mark}, header on line ${read.headerLine})`;
}

/** The statement's totals next to the chain's. */
function statementLines(statement: StatementComparison): string[] {
  const period = statement.firstDate === null ? "" : ` ${statement.firstDate} to ${statement.lastDate}`;
  const read = columnsRead(statement);
  return [
    `bank statement${period}: ${statement.lines} lines (${statement.deposits} deposits, ${statement.payouts} payouts)` +
      (read === null ? "" : `, ${read}`),
    `  credits ${formatAmount(statement.credits)}, minted ${formatAmount(statement.chain.minted)}`,
    `  debits ${formatAmount(statement.debits)}, paid out on chain ${formatAmount(statement.chain.paidOut)} ` +
      `(net of ${formatAmount(statement.chain.commissions)} commissions, which stay in circulation)`,
    `  net ${formatAmount(statement.net)}, supply ${formatAmount(statement.chain.supply)}`,
  ];
}

/**
 * The audit as a person reads it.
 * @example console.log(formatAuditText(report))
 */
export function formatAuditText(report: AuditReport): string {
  const { currency, replayed, onChain } = report;
  const lines = [
    `${currency.name} (${currency.symbol}) at ${currency.address}, chain ${currency.chainId}`,
    `blocks ${report.fromBlock}-${report.toBlock} (to ${iso(report.toBlockTime)}): ${report.events} events replayed`,
    `supply ${formatAmount(onChain.totalSupply)}   attested reserve ${formatAmount(onChain.attestedReserve)}${
      onChain.attestedAsOf ? ` (as of ${new Date(onChain.attestedAsOf * 1000).toISOString()})` : " (never attested)"
    }`,
    `minted ${formatAmount(replayed.minted)} in ${replayed.mints} deposits, burned ${formatAmount(replayed.burned)} ` +
      `(${replayed.settlements} settlements, ${replayed.burns} burns), escrow ${formatAmount(replayed.escrowed)}, ` +
      `${replayed.accounts} accounts, ${replayed.recoveries} recoveries`,
    ...reserveLines(report),
    ...(report.statement === null ? [] : statementLines(report.statement)),
    "",
    ...report.checks.map((check) => `${check.ok ? "ok  " : "FAIL"} ${check.name}: ${check.details}`),
    "",
    ...pendingLines(report),
  ];
  if (report.mismatches.length > 0) {
    const groups = groupMismatches(report.mismatches);
    lines.push("", `${report.mismatches.length} mismatch(es) with the bank statement:`);
    const width = String(Math.max(...groups.map((g) => g.items.length))).length;
    for (const { kind, items } of groups) {
      lines.push(`  ${String(items.length).padStart(width)} ${kind}: ${MISMATCH_MEANINGS[kind]}`);
    }
    for (const { kind, items } of groups) {
      lines.push("", `${kind} (${items.length}):`);
      for (const m of items) lines.push(`  ${kind} ${referenceLabel(m)}: ${m.details}`);
    }
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
 * The checks, the statement's totals and the mismatches as CSV rows:
 * `section,name,ok,reference,referenceHash,details,statementLine,statementAmount,chainAmount` (amounts in euros), the
 * reference's text left empty where only its hash is known; a `mismatch-count` row per kind.
 * @example writeFileSync("audit.csv", auditToCsv(report))
 */
export function auditToCsv(report: AuditReport): string {
  const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const euros = (cents: bigint | null) => (cents === null ? "" : formatAmount(cents));
  const rows = [
    [
      "section",
      "name",
      "ok",
      "reference",
      "referenceHash",
      "details",
      "statementLine",
      "statementAmount",
      "chainAmount",
    ],
  ];
  for (const check of report.checks) rows.push(["check", check.name, String(check.ok), "", "", check.details]);
  const statement = report.statement;
  if (statement !== null) {
    const period = statement.firstDate === null ? "" : `${statement.firstDate} to ${statement.lastDate}`;
    rows.push(
      ["statement", "lines", "", "", "", `${statement.lines} lines ${period}`.trim(), "", String(statement.lines)],
      ["statement", "credits / minted", "", "", "", "", "", euros(statement.credits), euros(statement.chain.minted)],
      ["statement", "debits / paid out", "", "", "", "", "", euros(statement.debits), euros(statement.chain.paidOut)],
      ["statement", "net / supply", "", "", "", "", "", euros(statement.net), euros(statement.chain.supply)],
    );
  }
  for (const { kind, items } of groupMismatches(report.mismatches)) {
    rows.push(["mismatch-count", kind, "false", "", "", `${items.length}: ${MISMATCH_MEANINGS[kind]}`]);
  }
  for (const m of report.mismatches) {
    rows.push([
      "mismatch",
      m.kind,
      "false",
      m.reference ?? "",
      m.referenceHash,
      m.details,
      m.statementLine === null ? "" : String(m.statementLine),
      euros(m.statementAmount),
      euros(m.chainAmount),
    ]);
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

export interface AuditHtmlOptions {
  /** How amounts, counts and dates are written (BCP 47); the default is French: "1 234,56 €". */
  locale?: string;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Titles of the mismatch kinds, as headings of their groups. */
const KIND_TITLES: Record<MismatchKind, string> = {
  "deposit-minted-twice": "Deposit minted twice",
  "mint-without-deposit": "Mint without a deposit",
  "mint-amount-differs": "Mint for another amount",
  "payout-without-settlement": "Payout with nothing burned",
  "payout-amount-differs": "Payout for another amount",
  "payout-is-gross": "Payout listed at its gross amount",
  "deposit-not-minted": "Deposit not minted",
  "settlement-without-payout": "Burn with no payout on the statement",
};

/**
 * A self-contained HTML page (no script, no external file) an auditor can hand to a board: today's supply and
 * reserve, a chart of both over time (every mint, burn and attestation, on a calendar axis), the bank statement's
 * totals beside the chain's, the mismatches grouped and counted by kind with each reference by its text where
 * known, the checks and how the reserve was computed. Amounts in euros with the locale's separators; the layout
 * holds on a phone as on a desktop, never wider than the screen.
 * @example writeFileSync("audit.html", auditToHtml(report, { locale: "fr-FR" }))
 */
export function auditToHtml(report: AuditReport, options: AuditHtmlOptions = {}): string {
  const locale = options.locale ?? "fr-FR";
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" });
  const euros = (cents: bigint) => money.format(formatAmount(cents) as Intl.StringNumericLiteral);
  const count = new Intl.NumberFormat(locale).format;
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const moment = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const date = (seconds: number) => day.format(new Date(seconds * 1000));
  const when = (seconds: number) => `${moment.format(new Date(seconds * 1000))} UTC`;
  const hash = (value: string) => `<code class="hash">${escape(value)}</code>`;
  const num = (label: string, value: string) => `<td class="num" data-label="${escape(label)}">${value}</td>`;
  const td = (label: string, value: string) => `<td data-label="${escape(label)}">${value}</td>`;

  const { currency, onChain, reserve, statement } = report;
  const supplyToday = onChain.totalSupply;
  const reserveToday = reserve.reserve;
  const margin = reserveToday - supplyToday;
  const verdict = report.consistent && report.backed ? "Consistent and fully backed" : "Problems found";
  // Backing and the statement have their own words below.
  const failedChecks = report.checks.filter(
    (c) => !c.ok && c.name !== "fully backed" && c.name !== "bank statement reconciles",
  );
  const problems = [
    failedChecks.length === 0 ? null : `${count(failedChecks.length)} check(s) failed`,
    report.backed ? null : "not fully backed",
    report.mismatches.length === 0 ? null : `${count(report.mismatches.length)} mismatch(es) with the bank statement`,
  ].filter((p) => p !== null);

  const figures = [
    ["Supply today", euros(supplyToday), "units in circulation"],
    [
      "Reserve today",
      euros(reserveToday),
      reserve.attestation === null
        ? "never attested"
        : `attested ${euros(reserve.attestation.amount)} as of ${date(reserve.attestation.asOf)}` +
          (reserve.burnedSince === 0n ? "" : `, less ${euros(reserve.burnedSince)} paid out since`),
    ],
    [
      margin >= 0n ? "Reserve above supply" : "Supply above the reserve",
      euros(margin >= 0n ? margin : -margin),
      reserve.stale
        ? staleSentence(reserve.attestationAge, reserve.maxAttestationAge)
        : margin >= 0n
          ? "backed"
          : "shortfall",
    ],
    ...(statement === null
      ? []
      : [["Mismatches", count(report.mismatches.length), `with ${count(statement.lines)} statement lines`]]),
  ]
    .map(
      ([label, value, note]) =>
        `<div class="figure"><div class="label">${escape(label)}</div><div class="value">${escape(value)}</div><div class="note">${escape(note)}</div></div>`,
    )
    .join("\n");

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Audit of ${escape(currency.name)}, ${escape(date(report.toBlockTime))}</title>
<style>${STYLE}</style>
</head><body><main>
<header>
<h1>${escape(currency.name)} (${escape(currency.symbol)}): audit of ${escape(date(report.toBlockTime))}</h1>
<p class="verdict ${report.consistent && report.backed ? "ok" : "bad"}">${verdict}${problems.length === 0 ? "" : `: ${escape(problems.join(", "))}`}</p>
</header>
<section class="figures" aria-label="Today">
${figures}
</section>
<h2>Supply and reserve over time</h2>
${chartFigure(report, locale, euros, date, count)}
${statement === null ? "" : statementSection(statement, euros, count)}
${mismatchSection(report, euros, count, hash, num, td)}
<h2>Checks</h2>
<table class="rows fixed"><colgroup><col style="width:8%"><col style="width:27%"><col></colgroup><thead><tr><th>Result</th><th>Check</th><th>Details</th></tr></thead><tbody>
${report.checks.map((c) => `<tr>${td("Result", c.ok ? "ok" : "<strong>FAIL</strong>")}${td("Check", escape(c.name))}${td("Details", escape(c.details))}</tr>`).join("\n")}
</tbody></table>
<h2>How the reserve was computed</h2>
${reserveSection(report, euros, when, hash)}
<h2>Waiting for their delay</h2>
${pendingSection(report, hash)}
<footer>
<p>Computed from the chain alone: contract ${hash(currency.address)} on chain ${currency.chainId}, blocks ${report.fromBlock} to ${report.toBlock} (${escape(when(report.toBlockTime))}), ${count(report.events)} events replayed; ${count(report.replayed.mints)} deposits minted, ${count(report.replayed.settlements)} reconversions settled, ${count(report.replayed.burns)} burns, ${count(report.replayed.accounts)} accounts. Times in UTC.</p>
</footer>
</main></body></html>
`;
}

const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,sans-serif;line-height:1.45;color:#1f2937;background:#fff}
main{max-width:64rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 .6rem}
h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:2px solid #e5e7eb;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
.verdict{display:inline-block;margin:0;padding:.35rem .75rem;border-radius:.4rem;font-weight:600}
.verdict.ok{background:#dcfce7;color:#14532d}
.verdict.bad{background:#fee2e2;color:#7f1d1d}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:.75rem;margin:1.2rem 0}
.figure{border:1px solid #e5e7eb;border-radius:.5rem;padding:.7rem .9rem;min-width:0}
.figure .label{font-size:.9rem;color:#4b5563}
.figure .value{font-size:1.5rem;font-weight:700;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.figure .note{font-size:.85rem;color:#6b7280}
figure{margin:0}
svg.chart{display:block;width:100%;height:auto}
.chart-narrow{display:none}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;margin:.4rem 0 0;padding:0;list-style:none;font-size:.9rem}
.swatch{display:inline-block;width:1.4rem;height:.3rem;vertical-align:middle;margin-right:.4rem;border-radius:.15rem}
figcaption{font-size:.9rem;color:#4b5563;margin-top:.4rem}
table{border-collapse:collapse;width:100%}
table.fixed{table-layout:fixed}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e5e7eb;vertical-align:top;overflow-wrap:anywhere}
th{font-size:.9rem;color:#374151}
th.num,td.num{text-align:right;font-variant-numeric:tabular-nums}
.hash{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.8em;word-break:break-all;overflow-wrap:anywhere}
.ref{font-weight:600;overflow-wrap:anywhere}
.muted,.details{color:#4b5563;font-size:.9rem}
ul{padding-left:1.2rem}
li{overflow-wrap:anywhere}
footer{margin-top:2.5rem;font-size:.85rem;color:#4b5563;overflow-wrap:anywhere}
@media (max-width:40rem){
main{padding:1rem .75rem 2rem}
h1{font-size:1.3rem}
.chart-wide{display:none}
.chart-narrow{display:block}
table.rows,table.rows tbody{display:block}
table.rows thead,table.rows colgroup{display:none}
table.rows tr{display:block;border-bottom:1px solid #d1d5db;padding:.4rem 0}
table.rows td{display:block;border:0;padding:.1rem 0;text-align:left;white-space:normal}
table.rows td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:#374151}
table.rows td:empty{display:none}
table.rows th[scope=row]{display:block;border:0;padding:.1rem 0}
}
@media print{.chart-narrow{display:none}.chart-wide{display:block}h2{break-after:avoid}tr{break-inside:avoid}}
`;

/** Seconds where the supply stood above the reserve the chain knew. */
function shortfalls(report: AuditReport): { from: number; to: number }[] {
  const spans: { from: number; to: number }[] = [];
  const points = report.history;
  points.forEach((p, i) => {
    if (p.reserve === null || p.supply <= p.reserve) return;
    const to = points[i + 1]?.timestamp ?? report.toBlockTime;
    const last = spans[spans.length - 1];
    if (last !== undefined && last.to === p.timestamp) last.to = to;
    else spans.push({ from: p.timestamp, to });
  });
  return spans;
}

function chartFigure(
  report: AuditReport,
  locale: string,
  euros: (cents: bigint) => string,
  date: (seconds: number) => string,
  count: (n: number) => string,
): string {
  const points = report.history;
  if (points.length === 0) return `<p>Nothing was minted, burned or attested yet.</p>`;
  const start = points[0].timestamp;
  const end = Math.max(report.toBlockTime, points[points.length - 1].timestamp);
  const attestations = points.filter((p) => p.attested !== null);
  const series: StepSeries[] = [
    {
      name: "Supply",
      color: "#c2410c",
      points: [{ time: start, value: 0n }, ...points.map((p) => ({ time: p.timestamp, value: p.supply }))],
    },
    {
      name: "Reserve as the chain knows it",
      color: "#15803d",
      points: points.filter((p) => p.reserve !== null).map((p) => ({ time: p.timestamp, value: p.reserve! })),
      marks: attestations.map((p) => ({
        time: p.timestamp,
        value: p.reserve!,
        title: `${date(p.timestamp)}: attested ${euros(p.attested!)}; supply ${euros(p.supply)}`,
      })),
    },
  ];
  const mints = points.reduce((n, p) => n + (p.minted > 0n ? 1 : 0), 0);
  const burns = points.reduce((n, p) => n + (p.burned > 0n ? 1 : 0), 0);
  const shaded = shortfalls(report);
  const description =
    `From ${date(start)} to ${date(end)}: supply ${euros(report.onChain.totalSupply)} today, reserve ` +
    `${euros(report.reserve.reserve)} today, ${count(attestations.length)} attestation(s)` +
    (shaded.length === 0
      ? "; supply never above the reserve."
      : `; supply above the reserve ${count(shaded.length)} time(s).`);
  const chart = (id: string, width: number, height: number, fontSize: number) =>
    timeChartSvg(series, start, end, {
      width,
      height,
      fontSize,
      locale,
      shaded,
      id,
      title: "Supply and reserve over time",
      description,
    });
  return `<figure>
<div class="chart-wide">${chart("chart-wide", 960, 380, 13)}</div>
<div class="chart-narrow">${chart("chart-narrow", 360, 300, 11)}</div>
<ul class="legend">
<li><span class="swatch" style="background:#c2410c"></span>Supply: ${escape(euros(report.onChain.totalSupply))} today</li>
<li><span class="swatch" style="background:#15803d"></span>Reserve as the chain knows it (attested, less payouts since): ${escape(euros(report.reserve.reserve))} today; dots are attestations</li>
${shaded.length === 0 ? "" : `<li><span class="swatch" style="background:#fecaca;height:.8rem"></span>Supply above the reserve</li>`}
</ul>
<figcaption>Each step is a block with a mint, a burn or an attestation: ${count(points.length)} blocks (${count(mints)} with mints, ${count(burns)} with burns, ${count(attestations.length)} with attestations), ${escape(date(start))} to ${escape(date(end))}.</figcaption>
</figure>`;
}

function statementSection(
  statement: StatementComparison,
  euros: (cents: bigint) => string,
  count: (n: number) => string,
): string {
  const period =
    statement.firstDate === null ? "" : ` from ${escape(statement.firstDate)} to ${escape(statement.lastDate!)}`;
  const read = columnsRead(statement);
  const row = (label: string, onStatement: string, onChain: string) =>
    `<tr><th scope="row">${escape(label)}</th><td class="num" data-label="Statement">${escape(onStatement)}</td><td class="num" data-label="Chain">${escape(onChain)}</td></tr>`;
  return `<h2>Bank statement against the chain</h2>
<p>${count(statement.lines)} statement lines${period}: ${count(statement.deposits)} deposits, ${count(statement.payouts)} payouts.${read === null ? "" : ` <span class="muted">${escape(read)}.</span>`}</p>
<table class="rows totals"><thead><tr><th></th><th class="num">Statement</th><th class="num">Chain</th></tr></thead><tbody>
${row("Deposits (credits) / minted", euros(statement.credits), euros(statement.chain.minted))}
${row("Payouts (debits) / burned", euros(statement.debits), euros(statement.chain.paidOut))}
${row("Net / supply", euros(statement.net), euros(statement.chain.supply))}
</tbody></table>
<p class="muted">Reconversion payouts are net of the commission: the ${escape(euros(statement.chain.commissions))} of commissions stay in circulation, with their euros in the fund.</p>`;
}

function mismatchSection(
  report: AuditReport,
  euros: (cents: bigint) => string,
  count: (n: number) => string,
  hash: (value: string) => string,
  num: (label: string, value: string) => string,
  td: (label: string, value: string) => string,
): string {
  if (report.mismatches.length === 0) {
    return report.statement === null ? "" : `<h2>Mismatches with the bank statement</h2>\n<p>None.</p>`;
  }
  const groups = groupMismatches(report.mismatches);
  // Blank where no mismatch of the kind has the amount (a mint no line names has no statement amount).
  const total = (items: AuditMismatch[], pick: (m: AuditMismatch) => bigint | null) =>
    items.some((m) => pick(m) !== null) ? escape(euros(items.reduce((sum, m) => sum + (pick(m) ?? 0n), 0n))) : "";
  const summary = groups
    .map(
      ({ kind, items }) =>
        `<tr>${td("Kind", `<strong>${escape(KIND_TITLES[kind])}</strong><br><span class="muted">${escape(MISMATCH_MEANINGS[kind])}</span>`)}` +
        num("Count", count(items.length)) +
        num(
          "On the statement",
          total(items, (m) => m.statementAmount),
        ) +
        num(
          "On chain",
          total(items, (m) => m.chainAmount),
        ) +
        `</tr>`,
    )
    .join("\n");
  const reference = (m: AuditMismatch) =>
    m.reference === null
      ? `${hash(m.referenceHash)}<br><span class="muted">(no statement line names it)</span>`
      : `<span class="ref">${escape(m.reference)}</span><br><code class="hash" title="${m.referenceHash}">${m.referenceHash.slice(0, 10)}…${m.referenceHash.slice(-4)}</code>`;
  const sections = groups
    .map(
      ({ kind, items }) =>
        `<h3>${escape(KIND_TITLES[kind])}: ${count(items.length)}</h3>
<table class="rows fixed"><colgroup><col style="width:22%"><col style="width:7%"><col style="width:12%"><col style="width:12%"><col></colgroup><thead><tr><th>Reference</th><th class="num">Line</th><th class="num">Statement</th><th class="num">Chain</th><th>Details</th></tr></thead><tbody>
${items
  .map(
    (m) =>
      `<tr>${td("Reference", reference(m))}` +
      num("Statement line", m.statementLine === null ? "" : String(m.statementLine)) +
      num("Statement", m.statementAmount === null ? "" : escape(euros(m.statementAmount))) +
      num("Chain", m.chainAmount === null ? "" : escape(euros(m.chainAmount))) +
      `<td class="details" data-label="Details">${escape(m.details)}</td></tr>`,
  )
  .join("\n")}
</tbody></table>`,
    )
    .join("\n");
  return `<h2>Mismatches with the bank statement: ${count(report.mismatches.length)}</h2>
<table class="rows fixed"><colgroup><col><col style="width:10%"><col style="width:17%"><col style="width:17%"></colgroup><thead><tr><th>Kind</th><th class="num">Count</th><th class="num">On the statement</th><th class="num">On chain</th></tr></thead><tbody>
${summary}
</tbody></table>
${sections}`;
}

function reserveSection(
  report: AuditReport,
  euros: (cents: bigint) => string,
  when: (seconds: number) => string,
  hash: (value: string) => string,
): string {
  const { attestation, burnsSince, burnedSince, reserve, stale, attestationAge, maxAttestationAge } = report.reserve;
  if (attestation === null) return "<p>No reserve was attested yet.</p>";
  const burns =
    burnsSince.length === 0
      ? ""
      : `<ul>${burnsSince.map((b) => `<li>${escape(euros(b.amount))} on ${escape(when(b.timestamp))}, transaction ${hash(b.transactionHash)}</li>`).join("")}</ul>`;
  return `<ul>
<li>Attested: <strong>${escape(euros(attestation.amount))}</strong> as of ${escape(when(attestation.asOf))}, by auditor ${hash(attestation.auditor)}; evidence ${hash(attestation.evidenceHash)}, transaction ${hash(attestation.transactionHash)}.</li>
<li>Less <strong>${escape(euros(burnedSince))}</strong> burned after that date (paid out of the fund) in ${burnsSince.length} burn(s).${burns}</li>
<li>Reserve: <strong>${escape(euros(reserve))}</strong>.${stale ? ` <strong>${escape(staleSentence(attestationAge, maxAttestationAge))}.</strong>` : ""}</li>
</ul>`;
}

function pendingSection(report: AuditReport, hash: (value: string) => string): string {
  const list = (items: string[]) => (items.length === 0 ? "" : `<ul>${items.join("")}</ul>`);
  const governance =
    report.pendingGovernance === null
      ? ""
      : `<p>${report.pendingGovernance.length === 0 ? "No governance operation waiting." : `${report.pendingGovernance.length} governance operation(s) waiting:`}</p>` +
        list(
          report.pendingGovernance.map(
            (op) =>
              `<li>${escape(op.description)}: ${op.status === "ready" ? "executable now" : `executable after ${escape(localTime(op.executableAt))}`}; cancel with <code>komuno governance cancel</code> ${hash(op.id)}</li>`,
          ),
        );
  const recoveries =
    `<p>${report.pendingRecoveries.length === 0 ? "No recovery waiting." : `${report.pendingRecoveries.length} recovery(ies) of a lost key waiting:`}</p>` +
    list(
      report.pendingRecoveries.map(
        (r) =>
          `<li>${hash(r.lost)} to ${hash(r.replacement)}, proposed by ${hash(r.proposedBy)}, executable after ${escape(localTime(r.executableAt))}; cancel with <code>komuno member cancel-recovery</code> and the lost address</li>`,
      ),
    );
  return governance + recoveries;
}
