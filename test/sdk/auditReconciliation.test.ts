import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { id } from "ethers";
import { readFileSync } from "node:fs";
import { network } from "hardhat";

import { audit, type AuditReport } from "../../sdk/actions/audit/audit.js";
import { parseBankStatementCsv } from "../../sdk/actions/audit/bankStatement.js";
import { auditToCsv, formatAuditText } from "../../sdk/actions/audit/report.js";
import { mintBatch } from "../../sdk/actions/treasury/mintBatch.js";
import { referenceFromText } from "../../sdk/references.js";
import { deployCurrency, governed, Kind, type CurrencyFixture } from "../helpers/fixtures.js";
import { sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;

const FRENCH_BANK = "test/fixtures/bank/banque-fr-releve-2026-11.csv";
const CAMT = "test/fixtures/bank/camt053-releve-2026-11.csv";

/** A currency whose reconversions cost a 2 % commission, with two persons and two businesses admitted. */
async function currencyWithCommission(): Promise<CurrencyFixture> {
  const f = await deployCurrency(connection, { commissionBps: 200 });
  for (const person of [f.alice, f.bob]) await f.currency.connect(f.manager).admit(person.address, Kind.Person);
  for (const business of [f.shop, f.others[0]]) {
    await f.currency.connect(f.manager).admit(business.address, Kind.Business);
  }
  await governed(
    f,
    f.currency.interface.encodeFunctionData("increaseMintAllowance", [f.treasurer.address, 10n ** 12n]),
  );
  return f;
}

/**
 * The month both fixture statements describe, on chain: eight (or five) deposits minted under the references
 * the members wrote, and two reconversions (100.00 and 250.00, 2 % commission) paid out net and settled under
 * the association's payout references.
 */
async function runTheMonth(f: CurrencyFixture, deposits: [string, HardhatEthersSigner, string][], payouts: string[]) {
  await mintBatch(sdkClient(f, f.treasurer), {
    deposits: deposits.map(([reference, to, euros]) => ({
      to: to.address,
      amount: BigInt(Math.round(Number(euros) * 100)),
      reference,
    })),
  });
  const [first, second] = [f.shop, f.others[0]];
  await f.currency.connect(first).requestReconversion(10_000n);
  await f.currency.connect(second).requestReconversion(25_000n);
  await f.currency.connect(f.treasurer).settleReconversion(1n, referenceFromText(payouts[0]));
  await f.currency.connect(f.treasurer).settleReconversion(2n, referenceFromText(payouts[1]));
}

const summary = (report: AuditReport) =>
  report.mismatches.map(({ kind, reference, statementLine, statementAmount, chainAmount }) => ({
    kind,
    reference,
    statementLine,
    statementAmount,
    chainAmount,
  }));

describe("SDK audit: the fixture statements reconciled with a deployed currency", function () {
  let f: CurrencyFixture;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(currencyWithCommission);
  });

  it("reconciles a French bank's export, naming only the bank's fee, which no burn mirrors", async function () {
    const { alice, bob, shop } = f;
    const fournil = f.others[0];
    await runTheMonth(
      f,
      [
        ["LMT-2026-0001", alice, "50.00"],
        ["LMT-2026-0002", bob, "20.00"],
        ["LMT-2026-0003", shop, "1250.00"],
        ["LMT-2026-0004", alice, "35.50"],
        ["LMT-2026-0005", bob, "100.00"],
        ["LMT-2026-0006", fournil, "2000.00"],
        ["LMT-2026-0007", alice, "15.00"],
        ["LMT-2026-0008", bob, "75.25"],
      ],
      ["LMT-OUT-2026-0001", "LMT-OUT-2026-0002"],
    );
    const statement = parseBankStatementCsv(new Uint8Array(readFileSync(FRENCH_BANK)), {
      referencePattern: "LMT-(?:OUT-)?2026-[0-9]{4}",
    });
    const report = await audit(sdkClient(f), { bankStatement: statement });
    expect(summary(report)).to.deep.equal([
      {
        kind: "payout-without-settlement",
        reference: "COTISATION OFFRE ASSOCIATIVE NOVEMBRE",
        statementLine: 10,
        statementAmount: 390n,
        chainAmount: null,
      },
    ]);
    expect(report.statement).to.deep.include({
      lines: 11,
      credits: 354_575n,
      debits: 34_690n,
      net: 319_885n,
      chain: { minted: 354_575n, paidOut: 34_300n, commissions: 700n, supply: 320_275n },
    });
    expect(report.statement!.readAs).to.deep.equal({
      delimiter: ";",
      decimalMark: ",",
      headerLine: 9,
      columns: { date: "Date", reference: "Libellé", debit: "Débit euros", credit: "Crédit euros" },
      referencePattern: "LMT-(?:OUT-)?2026-[0-9]{4}",
    });
    const text = formatAuditText(report);
    expect(text).to.include(
      "bank statement 2026-11-02 to 2026-11-30: 11 lines (8 deposits, 3 payouts), read from date=Date, " +
        "reference=Libellé (pattern LMT-(?:OUT-)?2026-[0-9]{4}), debit=Débit euros, credit=Crédit euros " +
        '(separator ";", decimal comma, header on line 9)',
    );
    expect(text).to.include("  credits 3545.75, minted 3545.75");
    expect(text).to.include(
      "  debits 346.90, paid out on chain 343.00 (net of 7.00 commissions, which stay in circulation)",
    );
    expect(text).to.include("  net 3198.85, supply 3202.75");
  });

  it("reconciles a CAMT.053-derived CSV with no mismatch", async function () {
    const { alice, bob, shop } = f;
    await runTheMonth(
      f,
      [
        ["LMT-2026-0101", alice, "50.00"],
        ["LMT-2026-0102", shop, "1250.00"],
        ["LMT-2026-0103", alice, "35.50"],
        ["LMT-2026-0104", f.others[0], "2000.00"],
        ["LMT-2026-0105", bob, "20.00"],
      ],
      ["LMT-OUT-2026-0101", "LMT-OUT-2026-0102"],
    );
    const statement = parseBankStatementCsv(readFileSync(CAMT, "utf8"), { columns: "reference=RmtInf/Ustrd" });
    const report = await audit(sdkClient(f), { bankStatement: statement });
    expect(report.mismatches).to.deep.equal([]);
    expect(report.checks.find((c) => c.name === "bank statement reconciles")).to.deep.equal({
      name: "bank statement reconciles",
      ok: true,
      details: "7 statement lines, 0 mismatches",
    });
    expect(report.statement).to.deep.include({ credits: 335_550n, debits: 34_300n, net: 301_250n });
    expect(report.statement!.chain).to.deep.equal({
      minted: 335_550n,
      paidOut: 34_300n,
      commissions: 700n,
      supply: 301_250n,
    });
    expect(report.consistent).to.equal(true);
  });
});

describe("SDK audit: a reconversion's payout against the statement names the commission", function () {
  let f: CurrencyFixture;
  const lines = (payout: string) =>
    parseBankStatementCsv(
      ["date,type,reference,amount", "2026-11-02,deposit,DEP-1,500.00", payout].filter(Boolean).join("\n"),
    ).entries;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(currencyWithCommission);
    await f.currency.connect(f.treasurer).mint(f.shop.address, 50_000n, referenceFromText("DEP-1"));
    await f.currency.connect(f.shop).requestReconversion(10_000n);
    await f.currency.connect(f.treasurer).settleReconversion(1n, referenceFromText("PAY-1"));
  });

  it("accepts the net payout, and counts every burn before the first attestation as the contract does", async function () {
    const report = await audit(sdkClient(f), { bankStatement: lines("2026-11-05,payout,PAY-1,98.00") });
    expect(report.mismatches).to.deep.equal([]);
    // Before any attestation the currency is not backed, but the chain agrees with itself and the statement.
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).to.deep.equal(["fully backed"]);
    expect(report.consistent).to.equal(true);
  });

  it("says a gross amount looks like the gross, and that the statement must list the net payout", async function () {
    const report = await audit(sdkClient(f), { bankStatement: lines("2026-11-05,payout,PAY-1,100.00") });
    const settled = (await f.currency.queryFilter(f.currency.filters.ReconversionSettled()))[0].transactionHash;
    expect(report.mismatches).to.deep.equal([
      {
        kind: "payout-is-gross",
        reference: "PAY-1",
        referenceHash: referenceFromText("PAY-1"),
        statementLine: 3,
        statementAmount: 10_000n,
        chainAmount: 9_800n,
        transactionHash: settled,
        details:
          "statement line 3 shows 100.00 paid out for reconversion #1: that looks like the gross amount; the " +
          "chain's net payout is 98.00 (gross 100.00 less 2.00 commission), and the statement must list the net " +
          "payout (if the bank really paid 100.00, 2.00 left the fund for units still in circulation)",
      },
    ]);
    expect(auditToCsv(report)).to.include(
      "mismatch-count,payout-is-gross,false,,,1: a reconversion listed at its gross amount: the statement must " +
        "list the net payout (gross less the commission)",
    );
  });

  it("names the commission when the statement shows another amount", async function () {
    const report = await audit(sdkClient(f), { bankStatement: lines("2026-11-05,payout,PAY-1,97.00") });
    expect(report.mismatches.map((m) => [m.kind, m.details])).to.deep.equal([
      [
        "payout-amount-differs",
        "statement line 3 shows 97.00 paid out for reconversion #1; the chain's net payout is 98.00 (gross 100.00 " +
          "less 2.00 commission)",
      ],
    ]);
  });

  it("names the net payout a statement lacks", async function () {
    const report = await audit(sdkClient(f), { bankStatement: lines("") });
    const settled = (await f.currency.queryFilter(f.currency.filters.ReconversionSettled()))[0].transactionHash;
    expect(report.mismatches.map((m) => [m.kind, m.reference, m.details])).to.deep.equal([
      [
        "settlement-without-payout",
        null,
        `reconversion #1: net payout 98.00 (gross 100.00 less 2.00 commission) settled in tx ${settled}, on no ` +
          "statement line",
      ],
    ]);
  });

  it("compares a treasurer's burn with its payout, with no commission to name", async function () {
    // Paper notes changed back: the treasurer holds the units and burns them.
    await f.currency.connect(f.manager).admit(f.treasurer.address, Kind.Association);
    await f.currency.connect(f.treasurer).mint(f.treasurer.address, 500n, referenceFromText("DEP-2"));
    await f.currency.connect(f.treasurer).burn(500n, referenceFromText("CHANGE-NOTES-1"));
    const burned = (await f.currency.queryFilter(f.currency.filters.Burned()))[0].transactionHash;
    const report = await audit(sdkClient(f), {
      bankStatement: parseBankStatementCsv(
        [
          "date,type,reference,amount",
          "2026-11-02,deposit,DEP-1,500.00",
          "2026-11-02,deposit,DEP-2,5.00",
          "2026-11-05,payout,PAY-1,98.00",
          "2026-11-06,payout,CHANGE-NOTES-1,4.00",
        ].join("\n"),
      ).entries,
    });
    expect(report.mismatches.map((m) => [m.kind, m.statementAmount, m.chainAmount, m.details])).to.deep.equal([
      [
        "payout-amount-differs",
        400n,
        500n,
        `statement line 5 shows 4.00 paid out; a treasurer burned 5.00 under this reference (tx ${burned})`,
      ],
    ]);
  });
});

describe("SDK audit: supply and reserve after every mint, burn and attestation", function () {
  it("replays each block that moved either, with the reserve as the contract computes it", async function () {
    const f = await networkHelpers.loadFixture(currencyWithCommission);
    const c = f.currency;
    const t0 = (await time.latest()) + 1_000;
    const at = async (offset: number) => time.setNextBlockTimestamp(t0 + offset);
    await at(0);
    await c.connect(f.treasurer).mint(f.shop.address, 50_000n, referenceFromText("DEP-1"));
    await at(100);
    await c.connect(f.auditor).attestReserve(60_000n, t0 + 50, id("statement 1"));
    await at(200);
    await c.connect(f.treasurer).mintBatch([
      { to: f.alice.address, amount: 1_000n, depositRef: referenceFromText("DEP-2") },
      { to: f.bob.address, amount: 2_000n, depositRef: referenceFromText("DEP-3") },
    ]);
    await at(300);
    await c.connect(f.shop).requestReconversion(10_000n);
    await at(400);
    await c.connect(f.treasurer).settleReconversion(1n, referenceFromText("PAY-1"));
    // The statement of the next attestation was taken before the payout: the payout still counts against it.
    await at(500);
    await c.connect(f.auditor).attestReserve(70_000n, t0 + 350, id("statement 2"));

    const report = await audit(sdkClient(f));
    const history = report.history.map(({ timestamp, supply, reserve, minted, burned, attested }) => ({
      at: timestamp - t0,
      supply,
      reserve,
      minted,
      burned,
      attested,
    }));
    expect(history).to.deep.equal([
      { at: 0, supply: 50_000n, reserve: null, minted: 50_000n, burned: 0n, attested: null },
      { at: 100, supply: 50_000n, reserve: 60_000n, minted: 0n, burned: 0n, attested: 60_000n },
      { at: 200, supply: 53_000n, reserve: 60_000n, minted: 3_000n, burned: 0n, attested: null },
      { at: 400, supply: 43_200n, reserve: 50_200n, minted: 0n, burned: 9_800n, attested: null },
      { at: 500, supply: 43_200n, reserve: 60_200n, minted: 0n, burned: 0n, attested: 70_000n },
    ]);
    expect(report.reserve.reserve).to.equal(60_200n);
    expect(report.checks.find((c) => c.name === "reserve arithmetic matches the contract")!.ok).to.equal(true);
    expect(report.reserveHistory.map((p) => [p.timestamp - t0, p.supply, p.attestedReserve])).to.deep.equal([
      [100, 50_000n, 60_000n],
      [500, 43_200n, 70_000n],
    ]);
    expect(report.toBlockTime).to.equal(t0 + 500);
  });
});
