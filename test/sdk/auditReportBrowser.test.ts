import { expect } from "chai";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";

import type { AuditReport } from "../../sdk/actions/audit/audit.js";
import { auditToHtml } from "../../sdk/actions/audit/report.js";
import { lemanAuditReport } from "../helpers/auditReports.js";
import { launchChromium } from "../helpers/browser.js";

// Git-ignored: a reviewer opens them to judge the report as a board would see it.
const SCREENSHOTS = path.join(".komuno", "screenshots");

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** What the visible chart draws, as the browser laid it out. */
interface ChartLayout {
  svg: Box;
  timeLabels: (Box & { text: string })[];
  valueLabels: string[];
  paths: Box[];
  dots: number;
  /** Where the plot starts: the first event's time. */
  plotLeft: number;
}

// Scripts for the page are sent as text: the test runner's compiler would name their inner functions with a
// helper the page lacks, and the type checker knows no DOM.
const CHART_LAYOUT = `(() => {
  const box = (e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  };
  const svg = [...document.querySelectorAll("svg.chart")].find((s) => s.getBoundingClientRect().width > 0);
  const texts = [...svg.querySelectorAll("text")];
  return {
    svg: box(svg),
    timeLabels: texts
      .filter((t) => t.getAttribute("text-anchor") === "middle")
      .map((t) => ({ ...box(t), text: t.textContent })),
    valueLabels: texts.filter((t) => t.getAttribute("text-anchor") === "end").map((t) => t.textContent),
    paths: [...svg.querySelectorAll("path")].map(box),
    dots: svg.querySelectorAll("circle").length,
    plotLeft: Math.min(...[...svg.querySelectorAll("line")].map((l) => l.getBoundingClientRect().left)),
  };
})()`;

const OVERFLOW = `({
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  // Nothing hidden past the edge either.
  widest: Math.max(...[...document.querySelectorAll("body *")].map((e) => e.getBoundingClientRect().right)),
})`;

const chartLayout = (page: Page): Promise<ChartLayout> => page.evaluate(CHART_LAYOUT);

describe("SDK audit report in a browser: a year of a Léman-sized currency, on a desktop and on a phone", function () {
  let browser: Browser;
  let report: AuditReport;
  // The French report, as a board gets it by default, and the English one: longer words must fit a phone too.
  let html: { fr: string; en: string };
  const euros = (cents: bigint) =>
    new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(Number(cents) / 100);

  before(async function () {
    report = lemanAuditReport();
    expect(report.history.filter((p) => p.minted > 0n)).to.have.length(5_000);
    expect(report.history.filter((p) => p.burned > 0n)).to.have.length(100);
    expect(report.history.filter((p) => p.attested !== null)).to.have.length(12);
    expect(report.mismatches).to.have.length(90);
    html = { fr: auditToHtml(report), en: auditToHtml(report, { language: "en" }) };
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  after(async function () {
    await browser?.close();
  });

  // What a reader sees, in each language (":" after a no-break space in French).
  const shown = {
    fr: [
      "Masse monétaire aujourd'hui",
      "Réserve aujourd'hui",
      "Écarts avec le relevé bancaire\u00A0: 90",
      "Émission sans dépôt\u00A0: 2",
      "Paiement listé au brut\u00A0: 85",
      "Dépôt non émis\u00A0: 3",
    ],
    en: [
      "Supply today",
      "Reserve today",
      "Mismatches with the bank statement: 90",
      "Mint without a deposit: 2",
      "Payout listed at its gross amount: 85",
      "Deposit not minted: 3",
    ],
  };

  for (const [width, language] of [
    [1280, "fr"],
    [390, "fr"],
    [1280, "en"],
    [390, "en"],
  ] as const) {
    it(`never scrolls sideways at ${width} px and shows today's figures and the mismatches by kind (${language})`, async function () {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.setContent(html[language]);
      const overflow = await page.evaluate<{ scrollWidth: number; clientWidth: number; widest: number }>(OVERFLOW);
      expect(overflow.scrollWidth).to.be.at.most(overflow.clientWidth);
      expect(overflow.widest).to.be.at.most(width);

      const text = await page.locator("body").innerText();
      for (const visible of [
        ...shown[language],
        euros(report.onChain.totalSupply),
        euros(report.reserve.reserve),
        "VIR-OUT-2026-0001",
      ]) {
        expect(text, visible).to.include(visible);
      }
      const name = language === "fr" ? `audit-report-${width}` : `audit-report-${width}-${language}`;
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-full.png`), fullPage: true });
      await page.close();
    });
  }

  for (const width of [1280, 390]) {
    it(`draws supply and reserve across the year at ${width} px, with dates that do not touch`, async function () {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.setContent(html.fr);
      const chart = await chartLayout(page);
      expect(chart.svg.right).to.be.at.most(width);
      // As wide as the page's column (64rem at most).
      expect(chart.svg.right - chart.svg.left).to.be.above(Math.min(width, 1024) * 0.9);

      const months = chart.timeLabels.map((l) => l.text);
      expect(months[0]).to.equal("janv. 2026");
      expect(months).to.include("juil.");
      expect(months.length).to.be.at.least(width > 600 ? 11 : 4);
      for (let i = 1; i < chart.timeLabels.length; i++) {
        expect(chart.timeLabels[i].left, `${months[i - 1]} | ${months[i]}`).to.be.above(chart.timeLabels[i - 1].right);
      }
      expect(chart.valueLabels[0]).to.equal("0\u00A0€");
      expect(chart.valueLabels.at(-1)).to.match(/^1\u202F\d{3}\u202F000\u00A0€$/);

      // Both lines run from the first event to today, at the right edge of the plot.
      const [supply, reserve] = chart.paths;
      const plotRight = Math.max(...chart.paths.map((p) => p.right));
      expect(supply.right).to.equal(plotRight);
      expect(reserve.right).to.equal(plotRight);
      expect(Math.abs(supply.left - chart.plotLeft)).to.be.below(2);
      expect(Math.abs(reserve.left - chart.plotLeft)).to.be.below(2);
      expect(chart.dots).to.equal(12);
      await page.close();
    });
  }
});
