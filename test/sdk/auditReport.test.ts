import { expect } from "chai";
import { readFile } from "node:fs/promises";
import { keccak256, toUtf8Bytes } from "ethers";

import { MISMATCH_KINDS, type AuditReport } from "../../sdk/actions/audit/audit.js";
import { timeAxis, valueAxis } from "../../sdk/actions/audit/chart.js";
import {
  auditToCsv,
  auditToHtml,
  auditToJson,
  formatAuditText,
  groupMismatches,
} from "../../sdk/actions/audit/report.js";
import { AUDIT_REPORT_TEXT, type AuditTextKey } from "../../sdk/actions/audit/reportText.js";
import { InvalidInputError } from "../../sdk/errors.js";
import { referenceFromText, type Bytes32 } from "../../sdk/references.js";
import { emptyReport, lemanAuditReport, mismatchOf } from "../helpers/auditReports.js";

const NAMED = referenceFromText("VIR-Q-1");
// What a reader that kept a spreadsheet's quotes minted under: no statement line names it.
const UNNAMED = keccak256(toUtf8Bytes('"VIR-Q-1"')) as Bytes32;
const utc = (iso: string) => Date.parse(iso) / 1000;
// How fr-FR writes thousands (a narrow no-break space) and the space before the euro sign (a no-break space).
const fr = (text: string) => text.replaceAll(" ", "\u202F").replace(/\u202F€/g, "\u00A0€");

function reportWithMismatches(): AuditReport {
  return emptyReport({
    events: 4,
    onChain: { totalSupply: 500n, attestedReserve: 1000n, attestedAsOf: null },
    checks: [{ name: "bank statement reconciles", ok: false, details: "2 statement lines, 2 mismatches" }],
    mismatches: [
      mismatchOf({
        kind: "deposit-not-minted",
        reference: "VIR-Q-1",
        statementLine: 2,
        statementAmount: 500n,
        details: "statement line 2: 5.00 never minted",
      }),
      mismatchOf({
        kind: "mint-without-deposit",
        referenceHash: UNNAMED,
        chainAmount: 500n,
        details: "5.00 to 0x… in tx 0x…",
      }),
    ],
    consistent: false,
  });
}

describe("SDK audit report: a reference shown by its text where the statement names it", function () {
  it("prints the text with the start of its hash, and the whole hash where no text is known", function () {
    const text = formatAuditText(reportWithMismatches());
    expect(text).to.include(
      `  deposit-not-minted VIR-Q-1 (${NAMED.slice(0, 10)}…): statement line 2: 5.00 never minted`,
    );
    expect(text).to.include(`  mint-without-deposit ${UNNAMED}: 5.00 to 0x… in tx 0x…`);
  });

  it("gives the text and the hash their own columns in CSV, the text empty where unknown", function () {
    const lines = auditToCsv(reportWithMismatches()).split("\n");
    expect(lines[0]).to.equal(
      "section,name,ok,reference,referenceHash,details,statementLine,statementAmount,chainAmount",
    );
    expect(lines).to.include(
      `mismatch,deposit-not-minted,false,VIR-Q-1,${NAMED},statement line 2: 5.00 never minted,2,5.00,`,
    );
    expect(lines).to.include(`mismatch,mint-without-deposit,false,,${UNNAMED},5.00 to 0x… in tx 0x…,,,5.00`);
  });

  it("gives the text and the hash their own fields in JSON, the text null where unknown", function () {
    const { mismatches } = JSON.parse(auditToJson(reportWithMismatches()));
    expect(mismatches.map((m: any) => [m.reference, m.referenceHash, m.statementAmount, m.chainAmount])).to.deep.equal([
      ["VIR-Q-1", NAMED, "500", null],
      [null, UNNAMED, null, "500"],
    ]);
  });

  it("shows the text in HTML with the hash's ends, and a hash no line names whole", function () {
    const html = auditToHtml(reportWithMismatches(), { language: "en" });
    expect(html).to.include(
      `<span class="ref">VIR-Q-1</span><br><code class="hash" title="${NAMED}">${NAMED.slice(0, 10)}…${NAMED.slice(-4)}</code>`,
    );
    expect(html).to.include(
      `<code class="hash">${UNNAMED}</code><br><span class="muted">(no statement line names it)</span>`,
    );
    expect(auditToHtml(reportWithMismatches())).to.include(
      `<code class="hash">${UNNAMED}</code><br><span class="muted">(aucune ligne du relevé ne la nomme)</span>`,
    );
  });
});

describe("SDK audit report: mismatches grouped and counted by kind", function () {
  const report = lemanAuditReport();

  it("orders the kinds from the most serious and counts each", function () {
    expect(groupMismatches(report.mismatches).map((g) => [g.kind, g.items.length])).to.deep.equal([
      ["mint-without-deposit", 2],
      ["payout-is-gross", 85],
      ["deposit-not-minted", 3],
    ]);
  });

  it("prints the counts first, then each kind's mismatches under it", function () {
    const text = formatAuditText(report);
    const counts = [
      "90 mismatch(es) with the bank statement:",
      "   2 mint-without-deposit: units minted with no deposit on the statement",
      "  85 payout-is-gross: a reconversion listed at its gross amount: the statement must list the net payout (gross less the commission)",
      "   3 deposit-not-minted: a deposit on the statement never minted",
      "",
      "mint-without-deposit (2):",
    ].join("\n");
    expect(text).to.include(counts);
    expect(text.indexOf("payout-is-gross (85):")).to.be.above(text.indexOf("mint-without-deposit (2):"));
    expect(text.indexOf("deposit-not-minted (3):")).to.be.above(text.indexOf("payout-is-gross (85):"));
    expect(
      text.match(/^ {2}payout-is-gross VIR-OUT-2026-\d{4} \(0x[0-9a-f]{8}…\): statement line \d+ shows/gm),
    ).to.have.length(85);
  });

  it("gives a count row per kind in CSV, and the statement's totals beside the chain's", function () {
    const lines = auditToCsv(report).split("\n");
    expect(
      lines
        .filter((l) => l.startsWith("mismatch-count,"))
        .map((l) => l.split(",").slice(1, 2).concat(l.split(",")[5].split(":")[0])),
    ).to.deep.equal([
      ["mint-without-deposit", "2"],
      ["payout-is-gross", "85"],
      ["deposit-not-minted", "3"],
    ]);
    const { statement } = report;
    const euros = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
    expect(lines).to.include(
      `statement,credits / minted,,,,,,${euros(statement!.credits)},${euros(statement!.chain.minted)}`,
    );
    expect(lines).to.include(`statement,net / supply,,,,,,${euros(statement!.net)},${euros(statement!.chain.supply)}`);
  });

  it("heads each kind's table in HTML with its title and count, after a summary of all kinds", function () {
    const html = auditToHtml(report, { language: "en" });
    // The failed reconciliation check is the mismatches themselves: not counted twice.
    expect(html).to.include('<p class="verdict bad">Problems found: 90 mismatch(es) with the bank statement</p>');
    expect(html).to.include("<h2>Mismatches with the bank statement: 90</h2>");
    for (const heading of [
      "Mint without a deposit: 2",
      "Payout listed at its gross amount: 85",
      "Deposit not minted: 3",
    ]) {
      expect(html).to.include(`<h3>${heading}</h3>`);
    }
    expect(html.match(/<td data-label="Kind">/g)).to.have.length(3);
  });
});

describe("SDK audit report: euros as people write them", function () {
  it("writes amounts with thousands separators and the euro sign, in French by default or another locale", function () {
    const report = emptyReport({ onChain: { totalSupply: 119_273_544n, attestedReserve: 0n, attestedAsOf: null } });
    expect(auditToHtml(report)).to.include(`<div class="value">${fr("1 192 735,44 €")}</div>`);
    expect(auditToHtml(report, { locale: "en-GB" })).to.include(`<div class="value">€1,192,735.44</div>`);
  });

  it("puts the statement's totals next to the chain's", function () {
    const html = auditToHtml(lemanAuditReport());
    const { statement } = lemanAuditReport();
    const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
    const cell = (cents: bigint) => euros.format(Number(cents) / 100);
    expect(html).to.include(
      `<tr><th scope="row">Dépôts (crédits) / émis</th><td class="num" data-label="Relevé">${cell(statement!.credits)}</td><td class="num" data-label="Chaîne">${cell(statement!.chain.minted)}</td></tr>`,
    );
    expect(html).to.include(
      "5\u202F100 lignes de relevé du 1 décembre 2025 au 30 novembre 2026\u00A0: 5\u202F000 dépôts, 100 paiements.",
    );
    const english = auditToHtml(lemanAuditReport(), { locale: "en-GB" });
    expect(english).to.include(
      "5,100 statement lines from 1 December 2025 to 30 November 2026: 5,000 deposits, 100 payouts.",
    );
    expect(english).to.include(
      `<tr><th scope="row">Deposits (credits) / minted</th><td class="num" data-label="Statement">`,
    );
  });

  it("stays self-contained: no script, no external file or link", function () {
    for (const language of ["fr", "en"] as const) {
      const html = auditToHtml(lemanAuditReport(), { language });
      expect(html).to.not.match(/<script|src=|href=|url\(|@import|https?:/i);
    }
  });
});

describe("SDK audit report chart: a real time axis", function () {
  const labels = (start: string, end: string, width = 900) =>
    timeAxis(utc(start), utc(end), width, 13, "fr-FR").map((t) => t.label);

  it("ticks a month by weeks, a year by months, a decade by years, a day by hours, on calendar boundaries", function () {
    const month = timeAxis(utc("2026-11-01T08:00:00Z"), utc("2026-11-30T18:00:00Z"), 900, 13, "fr-FR");
    expect(month.map((t) => t.label)).to.deep.equal(["2 nov.", "9 nov.", "16 nov.", "23 nov.", "30 nov."]);
    // Mondays at midnight.
    expect(month.map((t) => new Date(t.time * 1000).toISOString())).to.deep.equal(
      ["02", "09", "16", "23", "30"].map((d) => `2026-11-${d}T00:00:00.000Z`),
    );
    expect(labels("2025-12-01T08:00:00Z", "2026-11-30T18:00:00Z")).to.deep.equal([
      "janv. 2026",
      "févr.",
      "mars",
      "avr.",
      "mai",
      "juin",
      "juil.",
      "août",
      "sept.",
      "oct.",
      "nov.",
    ]);
    expect(labels("2017-03-01T00:00:00Z", "2026-11-30T18:00:00Z")).to.deep.equal([
      "2018",
      "2019",
      "2020",
      "2021",
      "2022",
      "2023",
      "2024",
      "2025",
      "2026",
    ]);
    const day = timeAxis(utc("2026-11-02T06:30:00Z"), utc("2026-11-02T19:00:00Z"), 900, 13, "en-GB");
    expect(day.map((t) => t.label)).to.deep.equal(["2 Nov, 09:00", "2 Nov, 12:00", "2 Nov, 15:00", "2 Nov, 18:00"]);
  });

  it("ticks fewer dates on a narrow chart, so that labels never touch", function () {
    const narrow = timeAxis(utc("2025-12-01T08:00:00Z"), utc("2026-11-30T18:00:00Z"), 270, 11, "fr-FR");
    expect(narrow.map((t) => t.label)).to.deep.equal(["janv. 2026", "avr.", "juil.", "oct."]);
  });

  it("steps euros by round amounts from zero to above the highest value", function () {
    expect(valueAxis(119_273_544n, 5)).to.deep.equal([
      0n,
      25_000_000n,
      50_000_000n,
      75_000_000n,
      100_000_000n,
      125_000_000n,
    ]);
    expect(valueAxis(99_00n, 5)).to.deep.equal([0n, 2_000n, 4_000n, 6_000n, 8_000n, 10_000n]);
    expect(valueAxis(0n, 5)).to.deep.equal([0n, 2_000n, 4_000n, 6_000n, 8_000n, 10_000n]);
  });

  it("draws one step per block with a mint, a burn or an attestation, held to today", function () {
    const report = emptyReport({
      toBlockTime: utc("2026-11-30T00:00:00Z"),
      onChain: { totalSupply: 3_000n, attestedReserve: 10_000n, attestedAsOf: utc("2026-11-02T00:00:00Z") },
      history: [
        {
          blockNumber: 1,
          timestamp: utc("2026-11-01T00:00:00Z"),
          supply: 5_000n,
          reserve: null,
          minted: 5_000n,
          burned: 0n,
          attested: null,
        },
        {
          blockNumber: 2,
          timestamp: utc("2026-11-02T00:00:00Z"),
          supply: 5_000n,
          reserve: 10_000n,
          minted: 0n,
          burned: 0n,
          attested: 10_000n,
        },
        {
          blockNumber: 3,
          timestamp: utc("2026-11-16T00:00:00Z"),
          supply: 3_000n,
          reserve: 8_000n,
          minted: 0n,
          burned: 2_000n,
          attested: null,
        },
      ],
    });
    const html = auditToHtml(report);
    const wide = html.slice(html.indexOf('<div class="chart-wide">'), html.indexOf('<div class="chart-narrow">'));
    const paths = [...wide.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1]);
    expect(paths).to.have.length(2);
    // Supply: from zero up at the first mint, level through the attestation, down at the burn, level to today.
    const [supply, reserve] = paths.map((d) =>
      d
        .match(/[MHV][\d.]+(?: [\d.]+)?/g)!
        .map((c) => c[0])
        .join(""),
    );
    expect(supply).to.equal("MVHVH");
    expect(reserve).to.equal("MHVH");
    const xs = (d: string) => [...d.matchAll(/[MH]([\d.]+)/g)].map((m) => Number(m[1]));
    const [start, burn, today] = [xs(paths[0])[0], xs(paths[0])[1], xs(paths[0])[2]];
    // 15 of the 29 days from the first mint to today.
    // (closeTo is Hardhat's bigint matcher once a test loads Hardhat: compared by hand.)
    expect(Math.abs((burn - start) / (today - start) - 15 / 29)).to.be.below(0.005);
    expect(wide.match(/<circle /g)).to.have.length(1);
    expect(html).to.include(
      "3 blocs (1 avec des émissions, 1 avec des destructions, 1 avec des attestations), du 1 novembre 2026 au 30 novembre 2026.",
    );
    expect(auditToHtml(report, { language: "en" })).to.include(
      "3 blocks (1 with mints, 1 with burns, 1 with attestations)",
    );
  });
});

describe("SDK audit report: in French by default, in English on request", function () {
  const report = lemanAuditReport();
  // French sets a colon or semicolon apart by a no-break space.
  const nb = (text: string) => text.replace(/ ([:;])/g, "\u00A0$1");
  const visible = (html: string) =>
    html
      .replace(/<style>[\s\S]*?<\/style>/, "")
      .replace(/<[^>]+>/g, " ")
      .replaceAll("&#39;", "'");

  it("writes every sentence in French by default: title, verdict, figures, mismatch groups, chart, checks", function () {
    const html = auditToHtml(report);
    expect(html).to.include('<html lang="fr">');
    expect(html).to.include("<title>Audit de Léman, 30 novembre 2026</title>");
    expect(html).to.include(`<h1>${nb("Léman (LEM) : audit du 30 novembre 2026")}</h1>`);
    expect(html).to.include(
      `<p class="verdict bad">${nb("Problèmes constatés : 90 écart(s) avec le relevé bancaire")}</p>`,
    );
    for (const label of [
      "Masse monétaire aujourd&#39;hui",
      "Réserve aujourd&#39;hui",
      "Marge (réserve au-dessus de la masse)",
      "Écarts",
    ]) {
      expect(html).to.include(`<div class="label">${label}</div>`);
    }
    expect(html).to.include(`<h2>${nb("Écarts avec le relevé bancaire : 90")}</h2>`);
    for (const heading of ["Émission sans dépôt : 2", "Paiement listé au brut : 85", "Dépôt non émis : 3"]) {
      expect(html).to.include(`<h3>${nb(heading)}</h3>`);
    }
    expect(html).to.include(
      `<strong>Paiement listé au brut</strong><br><span class="muted">${nb("une reconversion listée à son montant brut : le relevé doit montrer le versement net (brut moins la commission)")}</span>`,
    );
    expect(html).to.include('<title id="chart-wide-title">Masse monétaire et réserve dans le temps</title>');
    expect(html).to.include(
      `<desc id="chart-wide-desc">${nb("Du 1 décembre 2025 au 30 novembre 2026 : masse monétaire")}`,
    );
    expect(html).to.include("<title>Masse monétaire</title>").and.include("<title>Réserve connue de la chaîne</title>");
    // Check names are translated; their details are the audit's data, in English.
    expect(html).to.include(
      '<td data-label="Contrôle">le relevé bancaire concorde</td><td data-label="Détail (en anglais)">5100 statement lines, 90 mismatches</td>',
    );
    expect(html).to.include("<h2>Comment la réserve a été calculée</h2>");
    expect(html).to.include(nb("Calculé à partir de la chaîne seule : contrat"));
  });

  it("leaves no English sentence in the French report, but the audit's own details", function () {
    const text = visible(auditToHtml(report)).replace(
      /statement line \d+[^\n]*|\d+ statement lines, \d+ mismatches|replayed …/g,
      "",
    );
    for (const english of [
      "Supply",
      "Reserve",
      "Mismatch",
      "statement",
      "Checks",
      "attested",
      "today",
      "Computed",
      "Waiting",
      "Each step",
      "blocks",
    ]) {
      expect(text, english).to.not.include(english);
    }
  });

  it('writes it in English with language "en" or an English locale, and in French for any French locale', function () {
    const english = auditToHtml(report, { language: "en" });
    expect(english).to.include('<html lang="en">');
    expect(english).to.include("<title>Audit of Léman, 30 novembre 2026</title>");
    expect(english).to.include('<p class="verdict bad">Problems found: 90 mismatch(es) with the bank statement</p>');
    expect(english).to.include('<div class="label">Supply today</div>');
    expect(english).to.include("<h3>Mint without a deposit: 2</h3>");
    expect(english).to.include('<title id="chart-wide-title">Supply and reserve over time</title>');
    // The language apart from the locale: English words, French numbers and dates.
    expect(english).to.include(`<div class="value">${fr("1 192 735,44 €")}</div>`);

    expect(auditToHtml(report, { locale: "en-GB" }))
      .to.include('<html lang="en">')
      .and.include("Supply today");
    expect(auditToHtml(report, { locale: "fr-BE" })).to.include('<html lang="fr">');
    const frenchWords = auditToHtml(report, { locale: "en-GB", language: "fr" });
    expect(frenchWords).to.include('<html lang="fr">').and.include('<div class="value">€1,192,735.44</div>');
    expect(frenchWords).to.include('<div class="label">Masse monétaire aujourd&#39;hui</div>');
  });

  it("refuses a language it does not write", function () {
    expect(() => auditToHtml(report, { language: "de" as "fr" })).to.throw(InvalidInputError, /language/);
  });

  it("keeps the text, JSON and CSV outputs in English", function () {
    expect(formatAuditText(report)).to.include("90 mismatch(es) with the bank statement:");
    expect(auditToCsv(report)).to.include("mismatch-count,payout-is-gross,false,,,85: a reconversion listed");
  });
});

describe("SDK audit report: the tables of texts", function () {
  const { en, fr } = AUDIT_REPORT_TEXT;
  const keys = Object.keys(en) as AuditTextKey[];
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it("has every key in both languages, each French sentence written and with the English one's placeholders", function () {
    expect(Object.keys(fr).sort()).to.deep.equal([...keys].sort());
    for (const key of keys) {
      expect(fr[key].trim(), key).to.not.equal("");
      expect(en[key].trim(), key).to.not.equal("");
      expect(fr[key], key).to.not.equal(en[key]);
      expect(placeholders(fr[key]), key).to.deep.equal(placeholders(en[key]));
    }
  });

  it("names every mismatch kind and every check the audit makes", async function () {
    for (const { kind } of groupMismatches(MISMATCH_KINDS.map((kind) => mismatchOf({ kind, details: "" })))) {
      expect(keys).to.include(`kind.${kind}`).and.include(`meaning.${kind}`);
    }
    // The checks are named where audit() makes them: a new one must get its French name here.
    const source = await readFile("sdk/actions/audit/audit.ts", "utf8");
    const names = [...source.matchAll(/^\s+name: "([^"]+)",$/gm)].map((m) => m[1]);
    expect(names).to.have.length.above(5);
    for (const name of names) expect(keys, name).to.include(`check.${name}`);
  });
});
