import { expect } from "chai";

import { readMembersCsv } from "../../sdk/actions/members/membersCsv.js";
import { readSettlementsCsv } from "../../sdk/actions/treasury/settleReconversions.js";
import { InvalidCsvError } from "../../sdk/errors.js";
import { csvSpellings } from "../helpers/csvSpellings.js";

const ALICE = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
const SHOP = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955";

describe("SDK members and settlements CSV: one meaning per row, however the file is spelled", function () {
  for (const spelling of csvSpellings(
    ["address", "kind"],
    [
      [ALICE.toLowerCase(), "person"],
      [SHOP, "Business"],
    ],
    "kind",
  )) {
    it(`reads a members file with ${spelling.name} as the same accounts`, function () {
      const { delimiter, members, problems } = readMembersCsv(spelling.text);
      expect(problems).to.deep.equal([]);
      expect(delimiter).to.equal(spelling.delimiter);
      expect(members.map(({ account, kind }) => [account, kind])).to.deep.equal([
        [ALICE, "person"],
        [SHOP, "business"],
      ]);
    });
  }

  for (const spelling of csvSpellings(
    ["id", "ref"],
    [
      ["1", "VIR-OUT 2026 / 0001"],
      ["12", "RÉGLEMENT;12"],
    ],
    "ref",
  )) {
    it(`reads a settlements file with ${spelling.name} as the same payouts`, function () {
      const { delimiter, settlements, problems } = readSettlementsCsv(spelling.text);
      expect(problems).to.deep.equal([]);
      expect(delimiter).to.equal(spelling.delimiter);
      expect(settlements.map(({ id, payoutReference }) => [id, payoutReference])).to.deep.equal([
        [1n, "VIR-OUT 2026 / 0001"],
        [12n, "RÉGLEMENT;12"],
      ]);
    });
  }

  it("returns every bad line with its number, and refuses a file without the columns", function () {
    expect(readMembersCsv(`address,kind\n${ALICE},person,extra\n${SHOP},\n\n`).problems).to.deep.equal([
      { line: 2, code: "invalid-row", message: "3 field(s), expected 2 (address,kind)" },
      { line: 3, code: "invalid-row", message: 'Invalid kind: expected person, business or association, not ""' },
    ]);
    expect(readMembersCsv("address,kind\n").problems).to.deep.equal([
      { line: 1, code: "empty-file", message: "no account after the header line" },
    ]);
    expect(readSettlementsCsv("id,ref\n0,VIR-1\n1.5,VIR-2\n").problems).to.deep.equal([
      { line: 2, code: "invalid-row", message: 'Invalid id: expected a request number from 1, not "0"' },
      { line: 3, code: "invalid-row", message: 'Invalid id: expected a request number from 1, not "1.5"' },
    ]);
    expect(() => readMembersCsv(`account,kind\n${ALICE},person\n`)).to.throw(InvalidCsvError, "address,kind");
    expect(() => readSettlementsCsv("id,reference\n1,VIR-1\n")).to.throw(InvalidCsvError, "id,ref");
  });
});
