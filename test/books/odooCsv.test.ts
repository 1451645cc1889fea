import { expect } from "chai";
import { parse } from "csv-parse/sync";

import { daysBetween, dayOf, nextDay, parseDay, startOfDay } from "../../sdk/actions/books/calendar.js";
import type { Journal } from "../../sdk/actions/books/journal.js";
import { journalToOdooCsv, ODOO_JOURNAL_COLUMNS } from "../../sdk/actions/books/odooCsv.js";
import { DEFAULT_ACCOUNTING } from "../../sdk/currency/schema.js";
import { InvalidInputError } from "../../sdk/errors.js";

const TX = `0x${"ab".repeat(32)}`;

/** Two entries as buildJournal makes them: a deposit whose reference needs quoting, and a reconversion. */
const journal: Journal = {
  currency: { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", symbol: "MIEL", chainId: 46330 },
  from: "2026-11-01",
  to: "2026-11-30",
  accounting: DEFAULT_ACCOUNTING,
  blocks: { from: 8, to: 42 },
  entries: [
    {
      id: "komuno_miel_46330_ab_3",
      kind: "deposit",
      date: "2026-11-02",
      ref: 'VIR "2026", n°1',
      blockNumber: 9,
      transactionHash: TX,
      lines: [
        { account: "512100", label: "Dépôt VIR au fonds de garantie", debit: 5000n, credit: 0n },
        { account: "467100", label: "MIEL émis pour 0x976E", debit: 0n, credit: 5000n },
      ],
    },
    {
      id: "komuno_miel_46330_cd_7",
      kind: "reconversion",
      date: "2026-11-04",
      ref: TX,
      blockNumber: 12,
      transactionHash: TX,
      lines: [
        { account: "467100", label: "Reconversion n° 1 : MIEL détruits", debit: 2910n, credit: 0n },
        { account: "512100", label: "Reconversion n° 1 : virement", debit: 0n, credit: 2910n },
        { account: "530100", label: "Reconversion n° 1 : commission reçue en MIEL", debit: 90n, credit: 0n },
        { account: "706200", label: "Commission sur la reconversion n° 1", debit: 0n, credit: 90n },
      ],
    },
  ],
  totals: {
    deposits: 5000n,
    reconversionPayouts: 2910n,
    commissions: 90n,
    treasurerBurns: 0n,
    paymentFees: 0n,
    feePayments: 0,
    associationReceived: 0n,
    associationPaid: 0n,
    minted: 5000n,
    burned: 2910n,
  },
};

describe("The books: the CSV for Odoo's journal-entry import", function () {
  const csv = journalToOdooCsv(journal);
  // Read back as Odoo's importer reads it: strict RFC 4180, a header naming the fields.
  const rows: string[][] = parse(csv, { relax_column_count: false });

  it("names Odoo's account.move fields, one row per line, the entry's own fields on its first row only", function () {
    expect(rows[0]).to.deep.equal([
      "id",
      "journal_id",
      "date",
      "ref",
      "line_ids/id",
      "line_ids/account_id",
      "line_ids/name",
      "line_ids/debit",
      "line_ids/credit",
    ]);
    expect(rows[0]).to.deep.equal([...ODOO_JOURNAL_COLUMNS]);
    expect(rows.slice(1)).to.deep.equal([
      [
        "komuno_miel_46330_ab_3",
        "MLC",
        "2026-11-02",
        'VIR "2026", n°1',
        "komuno_miel_46330_ab_3_1",
        "512100",
        "Dépôt VIR au fonds de garantie",
        "50.00",
        "0.00",
      ],
      ["", "", "", "", "komuno_miel_46330_ab_3_2", "467100", "MIEL émis pour 0x976E", "0.00", "50.00"],
      [
        "komuno_miel_46330_cd_7",
        "MLC",
        "2026-11-04",
        TX,
        "komuno_miel_46330_cd_7_1",
        "467100",
        "Reconversion n° 1 : MIEL détruits",
        "29.10",
        "0.00",
      ],
      ["", "", "", "", "komuno_miel_46330_cd_7_2", "512100", "Reconversion n° 1 : virement", "0.00", "29.10"],
      [
        "",
        "",
        "",
        "",
        "komuno_miel_46330_cd_7_3",
        "530100",
        "Reconversion n° 1 : commission reçue en MIEL",
        "0.90",
        "0.00",
      ],
      ["", "", "", "", "komuno_miel_46330_cd_7_4", "706200", "Commission sur la reconversion n° 1", "0.00", "0.90"],
    ]);
  });

  it("writes amounts with a dot and two decimals, quotes only what needs it, one line per row", function () {
    expect(csv.split("\n")[1]).to.equal(
      'komuno_miel_46330_ab_3,MLC,2026-11-02,"VIR ""2026"", n°1",komuno_miel_46330_ab_3_1,512100,Dépôt VIR au fonds de garantie,50.00,0.00',
    );
    expect(csv.endsWith("\n")).to.equal(true);
    expect(csv.split("\n")).to.have.length(rows.length + 1);
    for (const row of rows.slice(1)) {
      expect(row[7]).to.match(/^[0-9]+\.[0-9]{2}$/);
      expect(row[8]).to.match(/^[0-9]+\.[0-9]{2}$/);
    }
  });

  it("balances every entry as the importer groups the rows: debits equal credits to the cent", function () {
    const sums = new Map<string, bigint>();
    let current = "";
    for (const row of rows.slice(1)) {
      if (row[0] !== "") current = row[0];
      const cents = (euros: string) => BigInt(euros.replace(".", ""));
      sums.set(current, (sums.get(current) ?? 0n) + cents(row[7]) - cents(row[8]));
    }
    expect([...sums]).to.deep.equal([
      ["komuno_miel_46330_ab_3", 0n],
      ["komuno_miel_46330_cd_7", 0n],
    ]);
  });

  it("writes the header alone for a period without a movement", function () {
    expect(journalToOdooCsv({ ...journal, entries: [] })).to.equal(ODOO_JOURNAL_COLUMNS.join(",") + "\n");
  });
});

describe("The books: calendar days in a time zone", function () {
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

  it("starts a day at its midnight in the zone, summer time or not", function () {
    expect(iso(startOfDay("2026-12-01", "Europe/Paris"))).to.equal("2026-11-30T23:00:00.000Z");
    expect(iso(startOfDay("2026-07-01", "Europe/Paris"))).to.equal("2026-06-30T22:00:00.000Z");
    // The clocks go forward on 29 March 2026 at 02:00: that day starts at UTC+1, the next at UTC+2.
    expect(iso(startOfDay("2026-03-29", "Europe/Paris"))).to.equal("2026-03-28T23:00:00.000Z");
    expect(iso(startOfDay("2026-03-30", "Europe/Paris"))).to.equal("2026-03-29T22:00:00.000Z");
    expect(iso(startOfDay("2026-12-01", "UTC"))).to.equal("2026-12-01T00:00:00.000Z");
    expect(iso(startOfDay("2026-12-01", "Asia/Kolkata"))).to.equal("2026-11-30T18:30:00.000Z");
    expect(iso(startOfDay("2026-12-01", "Pacific/Kiritimati"))).to.equal("2026-11-30T10:00:00.000Z");
    expect(iso(startOfDay("2026-12-01", "Pacific/Pago_Pago"))).to.equal("2026-12-01T11:00:00.000Z");
  });

  it("puts each second on its day: the last second of a day and the first of the next", function () {
    const start = startOfDay("2026-12-01", "Europe/Paris");
    expect(dayOf(start - 1, "Europe/Paris")).to.equal("2026-11-30");
    expect(dayOf(start, "Europe/Paris")).to.equal("2026-12-01");
    expect(dayOf(start, "UTC")).to.equal("2026-11-30");
  });

  it("counts days across months and leap years", function () {
    expect(nextDay("2028-02-28")).to.equal("2028-02-29");
    expect(nextDay("2026-12-31")).to.equal("2027-01-01");
    expect(daysBetween("2026-02-27", "2026-03-02")).to.deep.equal([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
    expect(daysBetween("2026-03-02", "2026-03-01")).to.deep.equal([]);
  });

  it("reads a day strictly: YYYY-MM-DD of a day that exists", function () {
    expect(parseDay("2028-02-29", "from")).to.equal("2028-02-29");
    for (const bad of [
      "2026-02-29",
      "2026-13-01",
      "2026-11-31",
      "2026-11-1",
      "01/11/2026",
      "2026-11-01T00:00",
      " 2026-11-01",
      "",
    ]) {
      expect(() => parseDay(bad, "from"), bad)
        .to.throw(InvalidInputError)
        .with.property(
          "shortMessage",
          `Invalid from: ${JSON.stringify(bad)} is not a calendar day written YYYY-MM-DD.`,
        );
    }
  });
});
