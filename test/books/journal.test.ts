import { expect } from "chai";
import { readFileSync } from "node:fs";
import { id, type Provider } from "ethers";
import { network } from "hardhat";

import { audit } from "../../sdk/actions/audit/audit.js";
import { dayOf } from "../../sdk/actions/books/calendar.js";
import { buildJournal, type Journal, type JournalEntry } from "../../sdk/actions/books/journal.js";
import { parseAmount } from "../../sdk/amounts.js";
import { createKomunoClient } from "../../sdk/client.js";
import { parseCurrencyConfig, type CurrencyConfig } from "../../sdk/currency/schema.js";
import { InvalidInputError } from "../../sdk/errors.js";
import { deployFundedCurrency, depositRef, governed, Kind, type CurrencyFixture } from "../helpers/fixtures.js";
import { failure } from "../helpers/sdk.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const euros = (text: string) => parseAmount(text);
const at = (iso: string) => networkHelpers.time.setNextBlockTimestamp(Date.parse(iso) / 1000);

/** The bank's texts of the references the scenario uses, as a statement would list them. */
const REFERENCES = [
  "VIR-2040-11-0001",
  "VIR-2040-11-0002",
  "VIR-2040-11-0003",
  "VIR-2040-12-0001",
  "VIR-OUT-2040-11-0001",
  "BILLETS-2040-11",
];

/**
 * A month of a currency's life in 2040, at set times (the fixture's own mints come first, at today's date):
 * deposits (one to the association's own account), payments with fees (one to the association, one it pays
 * itself), a reconversion with a 3 % commission, a treasurer's burn, the association paying and being paid,
 * and three movements around midnight in Paris on the night of 30 November.
 */
async function aMonthOfBooks(): Promise<CurrencyFixture> {
  const f = await deployFundedCurrency(connection, { commissionBps: 300 });
  const { currency, treasurer, manager, association, alice, bob, shop } = f;
  // No fee to persons, 1.5 % to businesses, 1 % to associations.
  await governed(f, currency.interface.encodeFunctionData("setPaymentFees", [0, 150, 100]));
  await currency.connect(manager).admit(treasurer.address, Kind.Person);
  await at("2040-11-01T08:00:00Z");
  await currency
    .connect(f.auditor)
    .attestReserve(euros("10000.00"), Date.parse("2040-11-01T08:00:00Z") / 1000, id("statement"));

  await at("2040-11-02T10:00:00Z");
  await currency.connect(treasurer).mint(alice.address, euros("50.00"), depositRef("VIR-2040-11-0001"));
  await at("2040-11-03T09:00:00Z");
  await currency.connect(alice).transfer(shop.address, euros("20.00")); // fee 0.30
  await at("2040-11-03T09:01:00Z");
  await currency.connect(bob).transfer(shop.address, euros("10.00")); // fee 0.15
  await at("2040-11-03T10:00:00Z");
  await currency.connect(alice).transfer(treasurer.address, euros("5.00")); // paper notes brought back
  await at("2040-11-04T10:00:00Z");
  await currency.connect(shop).requestReconversion(euros("30.00"));
  await at("2040-11-05T10:00:00Z");
  await currency.connect(treasurer).settleReconversion(1n, depositRef("VIR-OUT-2040-11-0001")); // 0.90 kept
  await at("2040-11-06T10:00:00Z");
  await currency.connect(treasurer).burn(euros("5.00"), depositRef("BILLETS-2040-11"));
  await at("2040-11-07T10:00:00Z");
  await currency.connect(treasurer).mint(association.address, euros("20.00"), depositRef("VIR-2040-11-0002"));
  await at("2040-11-07T11:00:00Z");
  await currency.connect(association).transfer(bob.address, euros("1.00"));
  await at("2040-11-08T10:00:00Z");
  await currency.connect(alice).transfer(association.address, euros("2.00")); // fee 0.02 to the association itself
  await at("2040-11-09T10:00:00Z");
  await currency.connect(association).transfer(shop.address, euros("10.00")); // its fee of 0.15 comes back to it
  // 23:30 in Paris on 30 November, then 00:30 and 00:40 on 1 December: still 30 November in UTC.
  await at("2040-11-30T22:30:00Z");
  await currency.connect(treasurer).mint(bob.address, euros("3.00"), depositRef("VIR-2040-11-0003"));
  await at("2040-11-30T23:30:00Z");
  await currency.connect(treasurer).mint(bob.address, euros("7.00"), depositRef("VIR-2040-12-0001"));
  await at("2040-11-30T23:40:00Z");
  await currency.connect(bob).transfer(shop.address, euros("10.00")); // fee 0.15
  await networkHelpers.time.increaseTo(Date.parse("2040-12-02T12:00:00Z") / 1000);
  return f;
}

const miel = JSON.parse(readFileSync("currencies/miel.json", "utf8"));
/** miel.json as the fixture's currency (its symbol, on this chain), with `accounting` changed as asked. */
function currencyFile(accounting?: unknown): CurrencyConfig {
  const file = { ...structuredClone(miel), chainId: 31337 };
  if (accounting === undefined) delete file.accounting;
  else file.accounting = accounting;
  return parseCurrencyConfig(file, "test.json");
}

/** Each entry as [kind, date, ref, [account, debit, credit] per line], amounts in euros. */
function shapeOf(entries: JournalEntry[]) {
  return entries.map((e) => [
    e.kind,
    e.date,
    e.ref,
    e.lines.map((l) => [l.account, (Number(l.debit) / 100).toFixed(2), (Number(l.credit) / 100).toFixed(2)]),
  ]);
}

/** Debit minus credit on each account, in cents, over the entries. */
function balances(journal: Journal): Record<string, bigint> {
  const sums: Record<string, bigint> = {};
  for (const line of journal.entries.flatMap((e) => e.lines)) {
    sums[line.account] = (sums[line.account] ?? 0n) + line.debit - line.credit;
  }
  return sums;
}

function expectEveryEntryBalanced(journal: Journal) {
  expect(journal.entries).to.not.be.empty;
  for (const entry of journal.entries) {
    const debit = entry.lines.reduce((sum, l) => sum + l.debit, 0n);
    const credit = entry.lines.reduce((sum, l) => sum + l.credit, 0n);
    expect(debit, entry.id).to.equal(credit);
    expect(debit, entry.id).to.be.greaterThan(0n);
    for (const l of entry.lines) expect(l.debit === 0n || l.credit === 0n, `${entry.id}: one side per line`).to.be.true;
  }
}

describe("The books: journal entries from the chain", function () {
  let f: CurrencyFixture;
  let client: ReturnType<typeof createKomunoClient>;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(aMonthOfBooks);
    client = createKomunoClient({
      provider: ethers.provider as unknown as Provider,
      currency: f.currency.target as string,
    });
  });

  const deployedOn = async () => dayOf((await ethers.provider.getBlock(0))!.timestamp, "Europe/Paris");

  it("books November in Paris: each deposit, payout, burn, commission, day of fees and own movement, balanced", async function () {
    const journal = await buildJournal(client, {
      from: "2040-11-01",
      to: "2040-11-30",
      currencyConfig: currencyFile(),
      references: REFERENCES,
    });
    expectEveryEntryBalanced(journal);
    expect(journal.accounting.timeZone).to.equal("Europe/Paris");
    expect(shapeOf(journal.entries)).to.deep.equal([
      [
        "deposit",
        "2040-11-02",
        "VIR-2040-11-0001",
        [
          ["512100", "50.00", "0.00"],
          ["467100", "0.00", "50.00"],
        ],
      ],
      [
        "payment-fees",
        "2040-11-03",
        "Frais MIEL 2040-11-03",
        [
          ["530100", "0.45", "0.00"],
          ["706100", "0.00", "0.45"],
        ],
      ],
      [
        "reconversion",
        "2040-11-05",
        "VIR-OUT-2040-11-0001",
        [
          ["467100", "29.10", "0.00"],
          ["512100", "0.00", "29.10"],
          ["530100", "0.90", "0.00"],
          ["706200", "0.00", "0.90"],
        ],
      ],
      [
        "burn",
        "2040-11-06",
        "BILLETS-2040-11",
        [
          ["467100", "5.00", "0.00"],
          ["512100", "0.00", "5.00"],
        ],
      ],
      [
        "association-received",
        "2040-11-07",
        journal.entries[4].transactionHash,
        [
          ["530100", "20.00", "0.00"],
          ["471000", "0.00", "20.00"],
        ],
      ],
      [
        "deposit",
        "2040-11-07",
        "VIR-2040-11-0002",
        [
          ["512100", "20.00", "0.00"],
          ["467100", "0.00", "20.00"],
        ],
      ],
      [
        "association-paid",
        "2040-11-07",
        journal.entries[6].transactionHash,
        [
          ["471000", "1.00", "0.00"],
          ["530100", "0.00", "1.00"],
        ],
      ],
      [
        "association-received",
        "2040-11-08",
        journal.entries[7].transactionHash,
        [
          ["530100", "1.98", "0.00"],
          ["471000", "0.00", "1.98"],
        ],
      ],
      [
        "payment-fees",
        "2040-11-08",
        "Frais MIEL 2040-11-08",
        [
          ["530100", "0.02", "0.00"],
          ["706100", "0.00", "0.02"],
        ],
      ],
      [
        "association-paid",
        "2040-11-09",
        journal.entries[9].transactionHash,
        [
          ["471000", "9.85", "0.00"],
          ["530100", "0.00", "9.85"],
        ],
      ],
      [
        "deposit",
        "2040-11-30",
        "VIR-2040-11-0003",
        [
          ["512100", "3.00", "0.00"],
          ["467100", "0.00", "3.00"],
        ],
      ],
    ]);
    // The mint's Transfer to the association comes before its Minted event: chain order.
    expect(journal.entries[4].transactionHash).to.equal(journal.entries[5].transactionHash);
    expect(journal.entries[1].transactionHash).to.equal(null);
    expect(journal.entries[0].lines.map((l) => l.label)).to.deep.equal([
      "Dépôt VIR-2040-11-0001 au fonds de garantie",
      `MIEL émis pour ${f.alice.address}`,
    ]);
    expect(journal.entries[4].lines[0].label).to.equal("MIEL reçus à l'émission");
    expect(journal.entries[9].lines[0].label).to.equal(`MIEL payés à ${f.shop.address} : à classer`);
    expect(journal.totals).to.deep.equal({
      deposits: euros("73.00"),
      reconversionPayouts: euros("29.10"),
      commissions: euros("0.90"),
      treasurerBurns: euros("5.00"),
      paymentFees: euros("0.47"),
      feePayments: 3,
      associationReceived: euros("21.98"),
      associationPaid: euros("10.85"),
      minted: euros("73.00"),
      burned: euros("34.10"),
    });
  });

  it("dates by the books' time zone: 00:30 in Paris on 1 December is December there, November in UTC", async function () {
    const december = await buildJournal(client, { from: "2040-12-01", to: "2040-12-01", references: REFERENCES });
    expect(shapeOf(december.entries)).to.deep.equal([
      [
        "deposit",
        "2040-12-01",
        "VIR-2040-12-0001",
        [
          ["512100", "7.00", "0.00"],
          ["467100", "0.00", "7.00"],
        ],
      ],
      [
        "payment-fees",
        "2040-12-01",
        "Frais MIEL 2040-12-01",
        [
          ["530100", "0.15", "0.00"],
          ["706100", "0.00", "0.15"],
        ],
      ],
    ]);

    const utc = currencyFile({ timeZone: "UTC" });
    const lastDayInUtc = await buildJournal(client, {
      from: "2040-11-30",
      to: "2040-11-30",
      currencyConfig: utc,
      references: REFERENCES,
    });
    expect(shapeOf(lastDayInUtc.entries)).to.deep.equal([
      [
        "deposit",
        "2040-11-30",
        "VIR-2040-11-0003",
        [
          ["512100", "3.00", "0.00"],
          ["467100", "0.00", "3.00"],
        ],
      ],
      [
        "deposit",
        "2040-11-30",
        "VIR-2040-12-0001",
        [
          ["512100", "7.00", "0.00"],
          ["467100", "0.00", "7.00"],
        ],
      ],
      [
        "payment-fees",
        "2040-11-30",
        "Frais MIEL 2040-11-30",
        [
          ["530100", "0.15", "0.00"],
          ["706100", "0.00", "0.15"],
        ],
      ],
    ]);
    const december1InUtc = await buildJournal(client, { from: "2040-12-01", to: "2040-12-01", currencyConfig: utc });
    expect(december1InUtc.entries).to.deep.equal([]);
    expect(december1InUtc.blocks).to.equal(null); // no block was made that day in UTC
  });

  it("over the whole history, totals equal the audit's and each account's balance is the chain's", async function () {
    const journal = await buildJournal(client, { from: await deployedOn(), to: "2040-12-01" });
    expectEveryEntryBalanced(journal);
    const report = await audit(client);
    expect(report.consistent).to.equal(true);
    expect(journal.totals.minted).to.equal(report.replayed.minted).and.equal(euros("380.00"));
    expect(journal.totals.burned).to.equal(report.replayed.burned).and.equal(euros("34.10"));
    expect(journal.entries.filter((e) => e.kind === "deposit")).to.have.length(report.replayed.mints);
    expect(journal.entries.filter((e) => e.kind === "reconversion")).to.have.length(report.replayed.settlements);
    expect(journal.entries.filter((e) => e.kind === "burn")).to.have.length(report.replayed.burns);
    expect(journal.totals.commissions).to.equal(euros("0.90"));
    // Every fee the chain charged, but the one the association paid itself.
    const charged = await f.currency.queryFilter(f.currency.filters.PaymentFeeCharged());
    expect(charged.map((e) => e.args.fee)).to.deep.equal([30n, 15n, 2n, 15n, 15n]);
    expect(journal.totals.paymentFees).to.equal(euros("0.62"));
    expect(journal.totals.feePayments).to.equal(4);

    const supply = await f.currency.totalSupply();
    expect(supply)
      .to.equal(report.onChain.totalSupply)
      .and.equal(report.replayed.minted - report.replayed.burned);
    expect(balances(journal)).to.deep.equal({
      "512100": supply, // the fund: every euro deposited less every euro paid out
      "467100": -supply, // owed back: every unit in circulation
      "530100": await f.currency.balanceOf(f.association.address),
      "706100": -euros("0.62"),
      "706200": -euros("0.90"),
      "471000": journal.totals.associationPaid - journal.totals.associationReceived,
    });
  });

  it("books each movement once whatever the periods: months exported apart add up to the whole", async function () {
    const whole = await buildJournal(client, { from: await deployedOn(), to: "2040-12-01" });
    const parts = [
      await buildJournal(client, { from: await deployedOn(), to: "2040-10-31" }),
      await buildJournal(client, { from: "2040-11-01", to: "2040-11-15" }),
      await buildJournal(client, { from: "2040-11-16", to: "2040-11-30" }),
      await buildJournal(client, { from: "2040-12-01", to: "2040-12-01" }),
    ];
    expect(parts.flatMap((p) => p.entries)).to.deep.equal(whole.entries);
    const ids = whole.entries.map((e) => e.id);
    expect(new Set(ids).size).to.equal(ids.length);
    // The same entry keeps its identifier from one export to the next, so a second import cannot book it twice.
    const again = await buildJournal(client, { from: "2040-11-01", to: "2040-11-30" });
    expect(again.entries.map((e) => e.id)).to.deep.equal(parts[1].entries.concat(parts[2].entries).map((e) => e.id));
    expect(again.entries.find((e) => e.kind === "payment-fees")!.id).to.equal("komuno_miel_31337_fees_20401103");
  });

  it("refs carry the bank's reference texts when given, else the transaction hash", async function () {
    const journal = await buildJournal(client, { from: "2040-11-02", to: "2040-11-06" });
    const [deposit, , reconversion, burn] = journal.entries;
    expect(deposit.ref)
      .to.equal(deposit.transactionHash)
      .and.match(/^0x[0-9a-f]{64}$/);
    expect(reconversion.ref).to.equal(reconversion.transactionHash);
    expect(burn.ref).to.equal(burn.transactionHash);
    expect(deposit.lines[0].label).to.equal(
      `Dépôt de référence ${depositRef("VIR-2040-11-0001").slice(0, 10)}… au fonds de garantie`,
    );
  });

  it("uses the currency file's journal, accounts and time zone", async function () {
    const journal = await buildJournal(client, {
      from: "2040-11-05",
      to: "2040-11-05",
      currencyConfig: currencyFile({
        journal: "BQMLC",
        accounts: { guaranteeFund: "512200", commissionIncome: "708100", reconversionPayouts: "580000" },
      }),
    });
    expect(journal.accounting.journal).to.equal("BQMLC");
    expect(shapeOf(journal.entries)[0][3]).to.deep.equal([
      ["467100", "29.10", "0.00"],
      ["580000", "0.00", "29.10"],
      ["530100", "0.90", "0.00"],
      ["708100", "0.00", "0.90"],
    ]);
  });

  it("books the association's units against the liability when the currency file says so", async function () {
    // The other honest model: units the association holds are no debt to a third party.
    const journal = await buildJournal(client, {
      from: "2040-11-03",
      to: "2040-11-05",
      currencyConfig: currencyFile({ accounts: { associationHolding: "467100" } }),
    });
    expect(shapeOf(journal.entries).map((e) => e[3])).to.deep.equal([
      [
        ["467100", "0.45", "0.00"],
        ["706100", "0.00", "0.45"],
      ],
      [
        ["467100", "29.10", "0.00"],
        ["512100", "0.00", "29.10"],
        ["467100", "0.90", "0.00"],
        ["706200", "0.00", "0.90"],
      ],
    ]);
  });

  it("returns an empty journal for a period without a block, and one without a movement", async function () {
    const before = await buildJournal(client, { from: "2000-01-01", to: "2000-01-31" });
    expect(before.blocks).to.equal(null);
    expect(before.entries).to.deep.equal([]);
    const quiet = await buildJournal(client, { from: "2040-10-01", to: "2040-10-31" });
    expect(quiet.entries).to.deep.equal([]);
    expect(quiet.totals.minted).to.equal(0n);
  });

  describe("refuses, before reading any event", function () {
    const refusals: [string, () => Parameters<typeof buildJournal>[1], RegExp][] = [
      ["a day that does not exist", () => ({ from: "2040-02-30", to: "2040-03-01" }), /^Invalid from: "2040-02-30"/],
      ["a day in another format", () => ({ from: "2040-11-01", to: "30/11/2040" }), /^Invalid to: "30\/11\/2040"/],
      [
        "a period that ends before it starts",
        () => ({ from: "2040-11-30", to: "2040-11-01" }),
        /^Invalid period: it ends on 2040-11-01, before it starts on 2040-11-30/,
      ],
      [
        "a last day not over yet, by the chain's clock or this machine's",
        () => ({ from: "2040-12-01", to: "2040-12-02" }),
        /^Invalid period: 2040-12-02 is not over yet in Europe\/Paris/,
      ],
      [
        "another currency's file",
        () => ({ from: "2040-11-01", to: "2040-11-30", currencyConfig: parseCurrencyConfig(miel) }),
        /^Invalid currency file: it describes MIEL on chain 46330, but the currency is MIEL on chain 31337/,
      ],
    ];
    for (const [what, params, message] of refusals) {
      it(what, async function () {
        const error = await failure(buildJournal(client, params()));
        expect(error).to.be.instanceOf(InvalidInputError);
        expect((error as InvalidInputError).shortMessage).to.match(message);
      });
    }

    it("takes a last day as over once this machine's clock is past it", async function () {
      const journal = await buildJournal(client, {
        from: "2040-12-02",
        to: "2040-12-02",
        now: new Date("2040-12-03T00:00:00+01:00"),
      });
      expect(journal.entries).to.deep.equal([]);
      expect(journal.blocks).to.not.equal(null);
    });
  });
});
