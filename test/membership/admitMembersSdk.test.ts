import { expect } from "chai";
import { getAddress, keccak256, toUtf8Bytes, ZeroAddress } from "ethers";
import { network } from "hardhat";

import { admitMembers, planAdmissions } from "../../sdk/actions/members/admitMembers.js";
import { readMembersCsv } from "../../sdk/actions/members/membersCsv.js";
import { BatchInterruptedError, PreflightError } from "../../sdk/errors.js";
import { deployFundedCurrency, Kind, Status, type CurrencyFixture } from "../helpers/fixtures.js";
import { failure, sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function fundedCurrency(): Promise<CurrencyFixture> {
  return deployFundedCurrency(connection);
}

/** Accounts nobody admitted yet, the same on every run. */
const newcomer = (i: number) => getAddress(`0x${keccak256(toUtf8Bytes(`newcomer ${i}`)).slice(26)}`);
const csv = (...rows: string[]) => ["address,kind", ...rows].join("\n") + "\n";

describe("SDK bulk admission: a file of accounts, checked whole, many per transaction, safe to rerun", function () {
  let f: CurrencyFixture;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(fundedCurrency);
  });

  it("admits every account with its kind, in batches, reporting progress, and a rerun sends nothing", async function () {
    const manager = sdkClient(f, f.manager);
    const kinds = ["person", "Business", "association", "person", "PERSON"];
    const file = csv(...kinds.map((kind, i) => `${newcomer(i)},${kind}`));
    const progress: [number, number][] = [];
    const result = await admitMembers(manager, {
      csv: file,
      batchSize: 2,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(result.admitted.map((m) => [m.line, m.account, m.kind])).to.deep.equal([
      [2, newcomer(0), "person"],
      [3, newcomer(1), "business"],
      [4, newcomer(2), "association"],
      [5, newcomer(3), "person"],
      [6, newcomer(4), "person"],
    ]);
    expect(result.transactions).to.have.length(3);
    expect(progress).to.have.length(3);
    expect(progress.map(([done]) => done)).to.deep.equal([...progress.map(([done]) => done)].sort((a, b) => a - b));
    expect(progress.every(([, total]) => total === 5)).to.equal(true);
    expect(progress.at(-1)).to.deep.equal([5, 5]);
    const expectedKinds = [Kind.Person, Kind.Business, Kind.Association, Kind.Person, Kind.Person];
    for (const [i, kind] of expectedKinds.entries()) {
      expect(await f.currency.accountOf(newcomer(i))).to.deep.equal([0n, kind, Status.Active]);
    }
    const events = await f.currency.queryFilter(f.currency.filters.MemberAdmitted(f.manager.address));
    expect(events.slice(-5).map((e) => [e.args.account, e.args.kind])).to.deep.equal(
      expectedKinds.map((kind, i) => [newcomer(i), kind]),
    );

    const block = await ethers.provider.getBlockNumber();
    const rerun = await admitMembers(manager, { csv: file + `${newcomer(5)},business\n` });
    expect(rerun.admitted.map((m) => [m.line, m.account])).to.deep.equal([[7, newcomer(5)]]);
    expect(rerun.alreadyAdmitted.map((m) => m.line)).to.deep.equal([2, 3, 4, 5, 6]);
    expect(await ethers.provider.getBlockNumber()).to.equal(block + 1);
    const again = await admitMembers(manager, { csv: file });
    expect(again).to.deep.include({ admitted: [], transactions: [] });
    expect(await ethers.provider.getBlockNumber()).to.equal(block + 1);
  });

  it("refuses the whole file, naming every bad line, and admits nobody", async function () {
    const { currency, manager, alice, bob, shop } = f;
    await currency.connect(manager).freeze(alice.address);
    await currency.connect(bob).transfer(shop.address, 10_000n);
    await currency.connect(manager).close(bob.address);
    const block = await ethers.provider.getBlockNumber();
    const file = csv(
      `${newcomer(0)},person`,
      `${alice.address},person`,
      `${bob.address},person`,
      `${shop.address},person`,
      `${shop.address.toLowerCase()},business`,
      `0x12,person`,
      `${newcomer(1)},firm`,
      `${newcomer(2)},constructor`,
      `${ZeroAddress},person`,
      `${await currency.getAddress()},business`,
      `${newcomer(0)},business`,
    );
    const plan = await planAdmissions(sdkClient(f, manager), { csv: file, source: "members.csv" });
    const currencyAddress = await currency.getAddress();
    expect(plan.problems).to.deep.equal([
      { line: 3, code: "frozen", message: `${alice.address} is already admitted as person, and frozen` },
      { line: 4, code: "closed", message: `${bob.address} is closed (person): it can never be admitted again` },
      { line: 5, code: "kind-conflict", message: `${shop.address} is already a member as business, not person` },
      { line: 6, code: "duplicate-in-file", message: `${shop.address} is also on line 5` },
      {
        line: 7,
        code: "invalid-row",
        message: 'Invalid address "0x12": expected 0x followed by 40 hexadecimal digits',
      },
      {
        line: 8,
        code: "invalid-row",
        message: 'Invalid kind: expected person, business or association, not "firm"',
      },
      {
        line: 9,
        code: "invalid-row",
        message: 'Invalid kind: expected person, business or association, not "constructor"',
      },
      { line: 10, code: "never-admissible", message: `${ZeroAddress} is the zero address: never a member` },
      { line: 11, code: "never-admissible", message: `${currencyAddress} is the currency itself: never a member` },
      { line: 12, code: "duplicate-in-file", message: `${newcomer(0)} is also on line 2` },
    ]);
    expect(plan.toAdmit.map((m) => m.account)).to.deep.equal([newcomer(0)]);
    const error = await failure(admitMembers(sdkClient(f, manager), { plan }));
    expect(error).to.be.instanceOf(PreflightError).and.include({ operation: "Admission", source: "members.csv" });
    expect((error as PreflightError).shortMessage.split("\n")[0]).to.equal(
      "Admission refused, nothing was sent: 10 problem(s) in members.csv:",
    );
    expect(await failure(admitMembers(sdkClient(f, manager), { csv: file }))).to.be.instanceOf(PreflightError);
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect((await currency.accountOf(newcomer(0))).status).to.equal(Status.None);
  });

  it("refuses a key without the member manager role before sending, and reads files spelled with ';'", async function () {
    const text = `\uFEFF"Kind";"Address"\r\n"person";"${newcomer(0)}"\r\n`;
    expect(readMembersCsv(text)).to.deep.include({
      delimiter: ";",
      members: [{ line: 2, account: newcomer(0), kind: "person" }],
      problems: [],
    });
    const plan = await planAdmissions(sdkClient(f, f.treasurer), { csv: text });
    expect(plan.problems).to.deep.equal([
      {
        line: null,
        code: "not-member-manager",
        message: `${f.treasurer.address} does not hold the member manager role`,
      },
    ]);
    expect(await failure(admitMembers(sdkClient(f, f.treasurer), { plan }))).to.be.instanceOf(PreflightError);
  });

  it("says how many were admitted when someone admits an account of the file meanwhile, and the rerun finishes", async function () {
    const { currency, manager } = f;
    const members = [0, 1, 2].map((i) => ({ account: newcomer(i), kind: "person" as const }));
    const plan = await planAdmissions(sdkClient(f, manager), { members, batchSize: 1 });
    await currency.connect(manager).admit(newcomer(1), Kind.Business);
    const error = await failure(admitMembers(sdkClient(f, manager), { plan }));
    expect(error).to.be.instanceOf(BatchInterruptedError).and.include({ confirmed: 1, total: 3 });
    expect((error as BatchInterruptedError).shortMessage).to.equal(
      `Admission interrupted: 1 of 3 accounts were confirmed admitted; then Admission refused: ${newcomer(1)} ` +
        "(item 2) was admitted by someone else since the pre-flight. Running the same file again finishes the job " +
        "and never does anything twice.",
    );
    expect((await currency.accountOf(newcomer(2))).status).to.equal(Status.None);
    const rerun = await planAdmissions(sdkClient(f, manager), { members });
    expect(rerun.problems).to.deep.equal([
      { line: 2, code: "kind-conflict", message: `${newcomer(1)} is already a member as business, not person` },
    ]);
    const fixed = await admitMembers(sdkClient(f, manager), {
      members: members.map((m, i) => (i === 1 ? { ...m, kind: "business" as const } : m)),
    });
    expect(fixed.admitted.map((m) => m.account)).to.deep.equal([newcomer(2)]);
    expect(fixed.alreadyAdmitted.map((m) => m.account)).to.deep.equal([newcomer(0), newcomer(1)]);
  });
});
