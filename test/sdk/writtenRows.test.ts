import { expect } from "chai";

import { readMembersCsv } from "../../sdk/actions/members/membersCsv.js";
import { readDepositsCsv } from "../../sdk/actions/treasury/depositsCsv.js";

const ALICE = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
const SHOP = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955";

describe("SDK files: every row as written, beside its problems, for a screen to show", function () {
  it("keeps the bad and duplicate deposits as written, and leaves an unreadable line to the problems", function () {
    const file = [
      "to;amount;ref",
      `${ALICE};12.50;"DEP-1"`,
      `${SHOP};12,50;DEP-2`,
      `${ALICE};12.50;DEP-1`,
      `${SHOP};1.00;DEP-"3"`,
    ].join("\r\n");
    const { deposits, problems, written } = readDepositsCsv(file);
    expect(written).to.deep.equal([
      { line: 2, to: ALICE, amount: "12.50", reference: "DEP-1" },
      { line: 3, to: SHOP, amount: "12,50", reference: "DEP-2" },
      { line: 4, to: ALICE, amount: "12.50", reference: "DEP-1" },
    ]);
    expect(deposits.map((d) => d.line)).to.deep.equal([2]);
    expect(problems.map((p) => [p.line, p.code])).to.deep.equal([
      [3, "invalid-row"],
      [4, "duplicate-in-file"],
      [5, "invalid-row"],
    ]);
  });

  it("keeps every member row as written, a bad kind included", function () {
    const { members, written } = readMembersCsv(`address,kind\n${ALICE},person\n${SHOP},shop\n`);
    expect(written).to.deep.equal([
      { line: 2, account: ALICE, kind: "person" },
      { line: 3, account: SHOP, kind: "shop" },
    ]);
    expect(members.map((m) => m.line)).to.deep.equal([2]);
  });
});
