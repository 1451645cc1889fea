import { expect } from "chai";

import { parseDepositsCsv } from "../../sdk/actions/treasury/depositsCsv.js";
import { InvalidCsvError, InvalidInputError } from "../../sdk/errors.js";
import { csvSpellings } from "../helpers/csvSpellings.js";

const ALICE = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
const BOB = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955";

const ROWS = [
  [ALICE, "5.00", "VIR-Q-1"],
  [BOB, "12.50", "VIR 2026 / 0002"],
  [ALICE, "0.01", "DÉPÔT-3"],
  [BOB, "100", "VIR,4"],
];
const EXPECTED = [
  { to: ALICE, amount: 500n, reference: "VIR-Q-1" },
  { to: BOB, amount: 1250n, reference: "VIR 2026 / 0002" },
  { to: ALICE, amount: 1n, reference: "DÉPÔT-3" },
  { to: BOB, amount: 10000n, reference: "VIR,4" },
];

/** The problems of a file the reader refuses, as `line: message` texts. */
function problemsOf(text: string): string[] {
  try {
    parseDepositsCsv(text);
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidCsvError);
    return (error as InvalidCsvError).problems.map((p) => `${p.line}: ${p.message}`);
  }
  return expect.fail("expected the file to be refused");
}

describe("SDK deposits CSV: one meaning per row, however the file is spelled", function () {
  for (const spelling of csvSpellings(["to", "amount", "ref"], ROWS, "ref")) {
    it(`reads ${spelling.name} as the same deposits`, function () {
      const { delimiter, deposits } = parseDepositsCsv(spelling.text);
      expect(delimiter).to.equal(spelling.delimiter);
      expect(deposits.map(({ to, amount, reference }) => ({ to, amount, reference }))).to.deep.equal(EXPECTED);
    });
  }

  it("numbers each deposit by the file's own line, blank lines counted", function () {
    const loose = csvSpellings(["to", "amount", "ref"], ROWS, "ref").find((s) => s.name.startsWith("blank lines"))!;
    expect(parseDepositsCsv(loose.text).deposits.map((d) => d.line)).to.deep.equal([5, 7, 9, 11]);
  });

  it("reads a quoted reference as the text inside the quotes, never with them", function () {
    const { deposits } = parseDepositsCsv(`to,amount,ref\n${ALICE},5.00,"VIR-Q-1"\n`);
    expect(deposits[0].reference).to.equal("VIR-Q-1");
  });

  it("matches the header's names whatever their case, spaces and order", function () {
    const { deposits } = parseDepositsCsv(` Ref ;TO; amount \r\nVIR-1;${ALICE};2.00\r\n`);
    expect(deposits).to.deep.equal([{ line: 2, to: ALICE, amount: 200n, reference: "VIR-1" }]);
  });

  it("skips the empty rows a spreadsheet leaves at the end", function () {
    const { deposits } = parseDepositsCsv(`to;amount;ref\r\n${ALICE};2.00;VIR-1\r\n;;\r\n;;\r\n`);
    expect(deposits).to.have.length(1);
  });

  it("refuses ragged rows, naming each by its line", function () {
    expect(problemsOf(`to,amount,ref\n${ALICE},1.00\n${BOB},2.00,VIR-2\n\n${BOB},3.00,VIR-3,extra\n`)).to.deep.equal([
      "2: 2 field(s), expected 3 (to,amount,ref)",
      "5: 4 field(s), expected 3 (to,amount,ref)",
    ]);
  });

  it("refuses rows written with another separator than the header's", function () {
    expect(problemsOf(`to;amount;ref\n${ALICE},1.00,VIR-1\n`)).to.deep.equal([
      "2: 1 field(s), expected 3 (to;amount;ref)",
    ]);
  });

  it("refuses a double quote inside a reference, escaped or not", function () {
    expect(problemsOf(`to,amount,ref\n${ALICE},1.00,"VIR-""Q""-1"\n${BOB},1.00,VIR-"Q"-2\n`)).to.deep.equal([
      '2: Invalid reference "VIR-\\"Q\\"-1": it contains a double quote, which is never part of a reference',
      "3: a double quote inside a field that does not start with one (quote the whole field)",
    ]);
  });

  it("refuses a quote that is never closed, at the line where it opens", function () {
    expect(problemsOf(`to,amount,ref\n${ALICE},1.00,VIR-1\n\n${BOB},2.00,"VIR-2\n${BOB},3.00,VIR-3\n`)).to.deep.equal([
      "4: a double quote opened on this line is never closed",
    ]);
  });

  for (const eol of ["\n", "\r\n"]) {
    it(`refuses a field over several lines at its first line, numbering the next ones right (${JSON.stringify(eol)})`, function () {
      const text = ["to,amount,ref", `${ALICE},1.00,"VIR${eol}1"`, `${BOB},2.00,VIR-2`, `${BOB},2.00,VIR-2`].join(eol);
      expect(problemsOf(text)).to.deep.equal([
        "2: a quoted field runs over several lines",
        "5: deposit VIR-2 is also on line 4",
      ]);
    });
  }

  it("refuses the same deposit listed twice, however each is spelled", function () {
    expect(problemsOf(`to,amount,ref\n${ALICE},1.00,VIR-1\n${BOB},1.00," VIR-1"\n`)).to.deep.equal([
      "3: deposit VIR-1 is also on line 2",
    ]);
  });

  it("reports every bad line at once, in the file's order, in one typed error", function () {
    const text = [
      "to;amount;ref",
      `${ALICE};1.00;VIR-1`,
      `0x12;1.00;VIR-2`,
      `${ALICE};5,00;VIR-3`,
      `${ALICE};0.00;VIR-4`,
      `${ALICE};1.00;`,
      `${ALICE};1.00`,
      `${ALICE};1.00;VIR-\u0007`,
    ].join("\r\n");
    expect(() => parseDepositsCsv(text))
      .to.throw(InvalidCsvError)
      .that.is.instanceOf(InvalidInputError)
      .and.has.property(
        "shortMessage",
        "Invalid deposits CSV: " +
          [
            'line 3: Invalid address "0x12": expected 0x followed by 40 hexadecimal digits',
            'line 4: Invalid amount "5,00": use a dot for decimals, e.g. 12.50',
            "line 5: Invalid amount: it must be more than zero",
            'line 6: Invalid reference "": it is empty',
            "line 7: 2 field(s), expected 3 (to;amount;ref)",
            'line 8: Invalid reference "VIR-\\u0007": it has control characters',
          ].join("; ") +
          ".",
      );
  });

  it("refuses a file whose first line does not name the columns, and an empty one", function () {
    expect(problemsOf(`to,amount,reference\n${ALICE},1.00,VIR-1\n`)).to.deep.equal([
      '1: the first line must name the columns to,amount,ref (or to;amount;ref), not "to,amount,reference"',
    ]);
    expect(problemsOf(`to\tamount\tref\n`)[0]).to.match(/^1: the first line must name the columns/);
    expect(problemsOf("\uFEFF\r\n")).to.deep.equal([
      "1: the first line must name the columns to,amount,ref (or to;amount;ref), but the file is empty",
    ]);
    expect(problemsOf("to,amount,ref\n")).to.deep.equal(["1: no deposit after the header line"]);
  });
});
