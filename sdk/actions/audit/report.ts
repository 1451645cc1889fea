import { formatAmount } from "../../amounts.js";
import { InvalidInputError } from "../../errors.js";
import {
  MISMATCH_KINDS,
  MISMATCH_MEANINGS,
  type AuditMismatch,
  type AuditReport,
  type MismatchKind,
  type StatementComparison,
} from "./audit.js";
import { timeChartSvg, type StepSeries } from "./chart.js";
import { AUDIT_LANGUAGES, AUDIT_REPORT_TEXT, auditText, type AuditLanguage, type AuditTextKey } from "./reportText.js";

export type { AuditLanguage } from "./reportText.js";

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
  /**
   * The language of the report's sentences; by default the locale's: French for a locale starting with "fr",
   * English otherwise. The checks' and mismatches' details are the audit's own words, in English either way.
   */
  language?: AuditLanguage;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** What every part of the page writes with: the language's sentences and the locale's numbers and dates. */
interface Writer {
  /** The sentence as HTML: its words escaped, its values put in as given (escaped by the caller, or markup). */
  html(key: AuditTextKey, values?: Record<string, string | number>): string;
  /** The sentence as plain text, for what escapes it itself (the chart's SVG, an attribute). */
  plain(key: AuditTextKey, values?: Record<string, string | number>): string;
  locale: string;
  euros(cents: bigint): string;
  count(n: number): string;
  /** A day, as "30 novembre 2026". */
  date(seconds: number): string;
  /** A moment, in UTC. */
  when(seconds: number): string;
  /** A booking date of the statement ("2026-11-30"), as `date` writes a day. */
  bookingDate(iso: string): string;
  hash(value: string): string;
}

/** The report's language: the one asked for, else the locale's (French for "fr", "fr-FR", "fr-BE"…, else English). */
function auditLanguage(options: AuditHtmlOptions = {}): AuditLanguage {
  const { language, locale = "fr-FR" } = options;
  if (language === undefined) return locale.toLowerCase().startsWith("fr") ? "fr" : "en";
  if (!AUDIT_LANGUAGES.includes(language)) {
    throw new InvalidInputError("language", `${JSON.stringify(language)} is not one of ${AUDIT_LANGUAGES.join(", ")}`);
  }
  return language;
}

/**
 * A self-contained HTML page (no script, no external file) an auditor can hand to a board: today's supply and
 * reserve, a chart of both over time (every mint, burn and attestation, on a calendar axis), the bank statement's
 * totals beside the chain's, the mismatches grouped and counted by kind with each reference by its text where
 * known, the checks and how the reserve was computed. In French or English (the locale's language unless
 * `language` says otherwise); amounts in euros with the locale's separators; the layout holds on a phone as on a
 * desktop, never wider than the screen.
 * @example writeFileSync("audit.html", auditToHtml(report, { locale: "fr-FR" }))
 */
export function auditToHtml(report: AuditReport, options: AuditHtmlOptions = {}): string {
  const locale = options.locale ?? "fr-FR";
  const language = auditLanguage(options);
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const moment = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const w: Writer = {
    html: (key, values) => auditText(language, key, values, escape),
    plain: (key, values) => auditText(language, key, values),
    locale,
    euros: (cents) => money.format(formatAmount(cents) as Intl.StringNumericLiteral),
    count: new Intl.NumberFormat(locale).format,
    date: (seconds) => day.format(new Date(seconds * 1000)),
    when: (seconds) => `${moment.format(new Date(seconds * 1000))} UTC`,
    bookingDate: (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? day.format(new Date(`${iso}T00:00:00Z`)) : iso),
    hash: (value) => `<code class="hash">${escape(value)}</code>`,
  };
  const { euros, count, date } = w;
  const td = (label: string, value: string) => `<td data-label="${escape(label)}">${value}</td>`;

  const { currency, onChain, reserve, statement } = report;
  const supplyToday = onChain.totalSupply;
  const reserveToday = reserve.reserve;
  const margin = reserveToday - supplyToday;
  const verdict = w.plain(report.consistent && report.backed ? "verdict.ok" : "verdict.bad");
  // Backing and the statement have their own words below.
  const failedChecks = report.checks.filter(
    (c) => !c.ok && c.name !== "fully backed" && c.name !== "bank statement reconciles",
  );
  const problems = [
    failedChecks.length === 0 ? null : w.plain("problem.checks", { count: count(failedChecks.length) }),
    report.backed ? null : w.plain("problem.notBacked"),
    report.mismatches.length === 0 ? null : w.plain("problem.mismatches", { count: count(report.mismatches.length) }),
  ].filter((p) => p !== null);

  const figures = [
    [w.plain("figure.supply"), euros(supplyToday), w.plain("figure.supplyNote")],
    [
      w.plain("figure.reserve"),
      euros(reserveToday),
      reserve.attestation === null
        ? w.plain("figure.neverAttested")
        : w.plain(reserve.burnedSince === 0n ? "figure.attested" : "figure.attestedLessPayouts", {
            amount: euros(reserve.attestation.amount),
            date: date(reserve.attestation.asOf),
            paidOut: euros(reserve.burnedSince),
          }),
    ],
    [
      w.plain(margin >= 0n ? "figure.margin" : "figure.shortfall"),
      euros(margin >= 0n ? margin : -margin),
      reserve.stale
        ? staleText(w, reserve.attestationAge, reserve.maxAttestationAge)
        : w.plain(margin >= 0n ? "figure.marginNote" : "figure.shortfallNote"),
    ],
    ...(statement === null
      ? []
      : [
          [
            w.plain("figure.mismatches"),
            count(report.mismatches.length),
            w.plain("figure.mismatchesNote", { count: count(statement.lines) }),
          ],
        ]),
  ]
    .map(
      ([label, value, note]) =>
        `<div class="figure"><div class="label">${escape(label)}</div><div class="value">${escape(value)}</div><div class="note">${escape(note)}</div></div>`,
    )
    .join("\n");
  const checkName = (name: string) => {
    const key = `check.${name}`;
    // A check this version does not know yet is shown by its own name rather than not at all.
    return key in AUDIT_REPORT_TEXT[language] ? w.plain(key as AuditTextKey) : name;
  };

  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.html("page.title", { name: escape(currency.name), date: escape(date(report.toBlockTime)) })}</title>
<style>${STYLE}</style>
</head><body><main>
<header>
<h1>${w.html("page.heading", { name: escape(currency.name), symbol: escape(currency.symbol), date: escape(date(report.toBlockTime)) })}</h1>
<p class="verdict ${report.consistent && report.backed ? "ok" : "bad"}">${
    problems.length === 0
      ? escape(verdict)
      : w.html("verdict.withProblems", { verdict: escape(verdict), problems: escape(problems.join(", ")) })
  }</p>
</header>
<section class="figures" aria-label="${w.html("figures.label")}">
${figures}
</section>
<h2>${w.html("chart.title")}</h2>
${chartFigure(report, w)}
${statement === null ? "" : statementSection(statement, w)}
${mismatchSection(report, w)}
<h2>${w.html("checks.title")}</h2>
<table class="rows fixed"><colgroup><col style="width:8%"><col style="width:27%"><col></colgroup><thead><tr><th>${w.html("checks.result")}</th><th>${w.html("checks.check")}</th><th>${w.html("checks.details")}</th></tr></thead><tbody>
${report.checks
  .map(
    (c) =>
      `<tr>${td(w.plain("checks.result"), c.ok ? w.html("checks.ok") : `<strong>${w.html("checks.failed")}</strong>`)}` +
      `${td(w.plain("checks.check"), escape(checkName(c.name)))}${td(w.plain("checks.details"), escape(c.details))}</tr>`,
  )
  .join("\n")}
</tbody></table>
<h2>${w.html("reserve.title")}</h2>
${reserveSection(report, w)}
<h2>${w.html("pending.title")}</h2>
${pendingSection(report, w)}
<footer>
<p>${w.html("footer", {
    address: w.hash(currency.address),
    chainId: currency.chainId,
    from: report.fromBlock,
    to: report.toBlock,
    when: escape(w.when(report.toBlockTime)),
    events: count(report.events),
    mints: count(report.replayed.mints),
    settlements: count(report.replayed.settlements),
    burns: count(report.replayed.burns),
    accounts: count(report.replayed.accounts),
  })}</p>
</footer>
</main></body></html>
`;
}

/** Why an attestation too old (or missing) leaves the currency unbacked, in the report's language. */
const staleText = (w: Writer, age: number | null, maxAge: number) =>
  age === null
    ? w.plain("stale.missing", { max: Math.floor(maxAge / 86_400) })
    : w.plain("stale.old", { days: Math.floor(age / 86_400), max: Math.floor(maxAge / 86_400) });

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

function chartFigure(report: AuditReport, w: Writer): string {
  const { euros, date, count } = w;
  const points = report.history;
  if (points.length === 0) return `<p>${w.html("chart.empty")}</p>`;
  const start = points[0].timestamp;
  const end = Math.max(report.toBlockTime, points[points.length - 1].timestamp);
  const attestations = points.filter((p) => p.attested !== null);
  const series: StepSeries[] = [
    {
      name: w.plain("chart.supply"),
      color: "#c2410c",
      points: [{ time: start, value: 0n }, ...points.map((p) => ({ time: p.timestamp, value: p.supply }))],
    },
    {
      name: w.plain("chart.reserve"),
      color: "#15803d",
      points: points.filter((p) => p.reserve !== null).map((p) => ({ time: p.timestamp, value: p.reserve! })),
      marks: attestations.map((p) => ({
        time: p.timestamp,
        value: p.reserve!,
        title: w.plain("chart.attestation", {
          date: date(p.timestamp),
          amount: euros(p.attested!),
          supply: euros(p.supply),
        }),
      })),
    },
  ];
  const mints = points.reduce((n, p) => n + (p.minted > 0n ? 1 : 0), 0);
  const burns = points.reduce((n, p) => n + (p.burned > 0n ? 1 : 0), 0);
  const shaded = shortfalls(report);
  const description = w.plain(shaded.length === 0 ? "chart.descriptionNever" : "chart.descriptionAbove", {
    from: date(start),
    to: date(end),
    supply: euros(report.onChain.totalSupply),
    reserve: euros(report.reserve.reserve),
    attestations: count(attestations.length),
    times: count(shaded.length),
  });
  const chart = (id: string, width: number, height: number, fontSize: number) =>
    timeChartSvg(series, start, end, {
      width,
      height,
      fontSize,
      locale: w.locale,
      shaded,
      id,
      title: w.plain("chart.title"),
      description,
    });
  return `<figure>
<div class="chart-wide">${chart("chart-wide", 960, 380, 13)}</div>
<div class="chart-narrow">${chart("chart-narrow", 360, 300, 11)}</div>
<ul class="legend">
<li><span class="swatch" style="background:#c2410c"></span>${w.html("chart.supplyLegend", { amount: escape(euros(report.onChain.totalSupply)) })}</li>
<li><span class="swatch" style="background:#15803d"></span>${w.html("chart.reserveLegend", { amount: escape(euros(report.reserve.reserve)) })}</li>
${shaded.length === 0 ? "" : `<li><span class="swatch" style="background:#fecaca;height:.8rem"></span>${w.html("chart.shortfallLegend")}</li>`}
</ul>
<figcaption>${w.html("chart.caption", {
    count: count(points.length),
    mints: count(mints),
    burns: count(burns),
    attestations: count(attestations.length),
    from: escape(date(start)),
    to: escape(date(end)),
  })}</figcaption>
</figure>`;
}

/** Which header each field was read from, in the report's language; the field names are the SDK's own. */
function columnsReadText(statement: StatementComparison, w: Writer): string | null {
  const read = statement.readAs;
  if (read === null) return null;
  const columns = Object.entries(read.columns)
    .map(([field, name]) =>
      field === "reference" && read.referencePattern !== null
        ? w.plain("statement.pattern", { column: `${field}=${name}`, pattern: read.referencePattern })
        : `${field}=${name}`,
    )
    .join(", ");
  return w.plain("statement.readFrom", {
    columns,
    delimiter: w.plain("statement.delimiter", { delimiter: read.delimiter }),
    mark:
      read.decimalMark === null
        ? ""
        : w.plain(read.decimalMark === "," ? "statement.decimalComma" : "statement.decimalPoint"),
    line: read.headerLine,
  });
}

function statementSection(statement: StatementComparison, w: Writer): string {
  const { euros, count } = w;
  const read = columnsReadText(statement, w);
  const counts = {
    lines: count(statement.lines),
    deposits: count(statement.deposits),
    payouts: count(statement.payouts),
  };
  const summary =
    statement.firstDate === null
      ? w.html("statement.summary", counts)
      : w.html("statement.summaryPeriod", {
          ...counts,
          from: escape(w.bookingDate(statement.firstDate)),
          to: escape(w.bookingDate(statement.lastDate!)),
        });
  const [onStatement, onChain] = [w.plain("statement.statement"), w.plain("statement.chain")];
  const row = (key: AuditTextKey, statementAmount: bigint, chainAmount: bigint) =>
    `<tr><th scope="row">${w.html(key)}</th><td class="num" data-label="${escape(onStatement)}">${escape(euros(statementAmount))}</td><td class="num" data-label="${escape(onChain)}">${escape(euros(chainAmount))}</td></tr>`;
  return `<h2>${w.html("statement.title")}</h2>
<p>${summary}${read === null ? "" : ` <span class="muted">${escape(read)}.</span>`}</p>
<table class="rows totals"><thead><tr><th></th><th class="num">${escape(onStatement)}</th><th class="num">${escape(onChain)}</th></tr></thead><tbody>
${row("statement.deposits", statement.credits, statement.chain.minted)}
${row("statement.payouts", statement.debits, statement.chain.paidOut)}
${row("statement.net", statement.net, statement.chain.supply)}
</tbody></table>
<p class="muted">${w.html("statement.commissions", { amount: escape(euros(statement.chain.commissions)) })}</p>`;
}

function mismatchSection(report: AuditReport, w: Writer): string {
  const { euros, count, hash } = w;
  if (report.mismatches.length === 0) {
    return report.statement === null
      ? ""
      : `<h2>${w.html("mismatches.title")}</h2>\n<p>${w.html("mismatches.none")}</p>`;
  }
  const label = (key: AuditTextKey) => escape(w.plain(key));
  const num = (key: AuditTextKey, value: string) => `<td class="num" data-label="${label(key)}">${value}</td>`;
  const td = (key: AuditTextKey, value: string) => `<td data-label="${label(key)}">${value}</td>`;
  const kindTitle = (kind: MismatchKind) => w.plain(`kind.${kind}`);
  const groups = groupMismatches(report.mismatches);
  // Blank where no mismatch of the kind has the amount (a mint no line names has no statement amount).
  const total = (items: AuditMismatch[], pick: (m: AuditMismatch) => bigint | null) =>
    items.some((m) => pick(m) !== null) ? escape(euros(items.reduce((sum, m) => sum + (pick(m) ?? 0n), 0n))) : "";
  const summary = groups
    .map(
      ({ kind, items }) =>
        `<tr>${td("mismatches.kind", `<strong>${escape(kindTitle(kind))}</strong><br><span class="muted">${w.html(`meaning.${kind}`)}</span>`)}` +
        num("mismatches.count", count(items.length)) +
        num(
          "mismatches.onStatement",
          total(items, (m) => m.statementAmount),
        ) +
        num(
          "mismatches.onChain",
          total(items, (m) => m.chainAmount),
        ) +
        `</tr>`,
    )
    .join("\n");
  const reference = (m: AuditMismatch) =>
    m.reference === null
      ? `${hash(m.referenceHash)}<br><span class="muted">${w.html("mismatches.hashOnly")}</span>`
      : `<span class="ref">${escape(m.reference)}</span><br><code class="hash" title="${m.referenceHash}">${m.referenceHash.slice(0, 10)}…${m.referenceHash.slice(-4)}</code>`;
  const sections = groups
    .map(
      ({ kind, items }) =>
        `<h3>${w.html("mismatches.group", { title: escape(kindTitle(kind)), count: count(items.length) })}</h3>
<table class="rows fixed"><colgroup><col style="width:22%"><col style="width:7%"><col style="width:12%"><col style="width:12%"><col></colgroup><thead><tr><th>${label("mismatches.reference")}</th><th class="num">${label("mismatches.line")}</th><th class="num">${label("mismatches.statement")}</th><th class="num">${label("mismatches.chain")}</th><th>${label("mismatches.details")}</th></tr></thead><tbody>
${items
  .map(
    (m) =>
      `<tr>${td("mismatches.reference", reference(m))}` +
      num("mismatches.statementLine", m.statementLine === null ? "" : String(m.statementLine)) +
      num("mismatches.statement", m.statementAmount === null ? "" : escape(euros(m.statementAmount))) +
      num("mismatches.chain", m.chainAmount === null ? "" : escape(euros(m.chainAmount))) +
      // The details are the audit's own words (English), as the heading says.
      `<td class="details" data-label="${label("mismatches.details")}">${escape(m.details)}</td></tr>`,
  )
  .join("\n")}
</tbody></table>`,
    )
    .join("\n");
  return `<h2>${w.html("mismatches.titleCount", { count: count(report.mismatches.length) })}</h2>
<table class="rows fixed"><colgroup><col><col style="width:10%"><col style="width:17%"><col style="width:17%"></colgroup><thead><tr><th>${label("mismatches.kind")}</th><th class="num">${label("mismatches.count")}</th><th class="num">${label("mismatches.onStatement")}</th><th class="num">${label("mismatches.onChain")}</th></tr></thead><tbody>
${summary}
</tbody></table>
${sections}`;
}

function reserveSection(report: AuditReport, w: Writer): string {
  const { euros, when, hash, count } = w;
  const { attestation, burnsSince, burnedSince, reserve, stale, attestationAge, maxAttestationAge } = report.reserve;
  if (attestation === null) return `<p>${w.html("reserve.none")}</p>`;
  const strong = (cents: bigint) => `<strong>${escape(euros(cents))}</strong>`;
  const burns =
    burnsSince.length === 0
      ? ""
      : `<ul>${burnsSince
          .map(
            (b) =>
              `<li>${w.html("reserve.burn", { amount: escape(euros(b.amount)), when: escape(when(b.timestamp)), transaction: hash(b.transactionHash) })}</li>`,
          )
          .join("")}</ul>`;
  return `<ul>
<li>${w.html("reserve.attested", {
    amount: strong(attestation.amount),
    when: escape(when(attestation.asOf)),
    auditor: hash(attestation.auditor),
    evidence: hash(attestation.evidenceHash),
    transaction: hash(attestation.transactionHash),
  })}</li>
<li>${w.html("reserve.burned", { amount: strong(burnedSince), count: count(burnsSince.length) })}${burns}</li>
<li>${w.html("reserve.result", { amount: strong(reserve) })}${stale ? ` <strong>${escape(staleText(w, attestationAge, maxAttestationAge))}.</strong>` : ""}</li>
</ul>`;
}

function pendingSection(report: AuditReport, w: Writer): string {
  const { hash, count } = w;
  const list = (items: string[]) => (items.length === 0 ? "" : `<ul>${items.join("")}</ul>`);
  const at = (date: Date) => escape(w.when(date.getTime() / 1000));
  const governance =
    report.pendingGovernance === null
      ? ""
      : `<p>${
          report.pendingGovernance.length === 0
            ? w.html("pending.noGovernance")
            : w.html("pending.governance", { count: count(report.pendingGovernance.length) })
        }</p>` +
        list(
          report.pendingGovernance.map(
            (op) =>
              `<li>${w.html(op.status === "ready" ? "pending.operationReady" : "pending.operationWaiting", {
                // The operation's description is the SDK's own words (English).
                description: escape(op.description),
                when: at(op.executableAt),
                command: "<code>komuno governance cancel</code>",
                id: hash(op.id),
              })}</li>`,
          ),
        );
  const recoveries =
    `<p>${
      report.pendingRecoveries.length === 0
        ? w.html("pending.noRecovery")
        : w.html("pending.recoveries", { count: count(report.pendingRecoveries.length) })
    }</p>` +
    list(
      report.pendingRecoveries.map(
        (r) =>
          `<li>${w.html("pending.recovery", {
            lost: hash(r.lost),
            replacement: hash(r.replacement),
            proposedBy: hash(r.proposedBy),
            when: at(r.executableAt),
            command: "<code>komuno member cancel-recovery</code>",
          })}</li>`,
      ),
    );
  return governance + recoveries;
}
