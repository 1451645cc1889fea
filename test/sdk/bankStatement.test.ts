import { expect } from "chai";
import { keccak256, toUtf8Bytes } from "ethers";

import { parseBankStatementCsv } from "../../sdk/actions/audit/bankStatement.js";
import { InvalidCsvError } from "../../sdk/errors.js";
import { referenceFromText } from "../../sdk/references.js";
import { csvSpellings } from "../helpers/csvSpellings.js";

const ROWS = [
  ["2026-11-02", "deposit", "VIR-Q-1", "5.00"],
  ["2026-11-02", "deposit", "DÉPÔT-3", "0.01"],
  ["2026-11-03", "deposit", "VIR,4", "100.00"],
  ["2026-11-04", "payout", "VIR-OUT 0001", "39.20"],
];

describe("SDK bank statement CSV: references that match the chain however the file is spelled", function () {
  for (const spelling of csvSpellings(["date", "type", "reference", "amount"], ROWS, "reference")) {
    it(`reads ${spelling.name} as the same movements, with the chain's hashes`, function () {
      const { delimiter, entries } = parseBankStatementCsv(spelling.text);
      expect(delimiter).to.equal(spelling.delimiter);
      expect(entries.map(({ date, type, reference, amount }) => [date, type, reference, amount])).to.deep.equal([
        ["2026-11-02", "deposit", "VIR-Q-1", 500n],
        ["2026-11-02", "deposit", "DÉPÔT-3", 1n],
        ["2026-11-03", "deposit", "VIR,4", 10000n],
        ["2026-11-04", "payout", "VIR-OUT 0001", 3920n],
      ]);
      // What the treasurer minted under, hashed as the contract stores it.
      expect(entries.map((e) => referenceFromText(e.reference))).to.deep.equal(
        ["VIR-Q-1", "DÉPÔT-3", "VIR,4", "VIR-OUT 0001"].map((text) => keccak256(toUtf8Bytes(text))),
      );
    });
  }

  it("numbers each movement by the file's own line", function () {
    const text = "date,type,reference,amount\r\n\r\n2026-11-02,deposit,VIR-1,5.00\r\n2026-11-03,payout,VIR-2,1.00\r\n";
    expect(parseBankStatementCsv(text).entries.map((e) => e.line)).to.deep.equal([3, 4]);
  });

  it("reports every bad line at once, by its line number", function () {
    const text = [
      "date;type;reference;amount",
      "2026-11-02;deposit;VIR-1;5.00",
      '2026-11-02;Deposit;"VIR-""2""";5.00',
      "2026-11-02;deposit;VIR-3",
      "2026-11-02;payout;VIR-4;1,50",
    ].join("\n");
    expect(() => parseBankStatementCsv(text))
      .to.throw(InvalidCsvError)
      .with.property("problems")
      .that.deep.equals([
        { line: 3, message: 'type must be deposit or payout, not "Deposit"' },
        {
          line: 3,
          message: 'Invalid reference "VIR-\\"2\\"": it contains a double quote, which is never part of a reference',
        },
        { line: 4, message: "3 field(s), expected 4 (date;type;reference;amount)" },
        { line: 5, message: 'Invalid amount "1,50": use a dot for decimals, e.g. 12.50' },
      ]);
  });

  it("refuses a statement without its header line", function () {
    expect(() => parseBankStatementCsv("2026-11-02,deposit,VIR-1,5.00\n"))
      .to.throw(InvalidCsvError)
      .with.property("shortMessage")
      .that.includes("line 1: the first line must name the columns date,type,reference,amount");
  });
});
