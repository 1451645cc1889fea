import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import { listReconversions, reconversionTotals, settleReconversion } from "../../sdk/actions/treasury/reconversions.js";
import { planSettlements, settleReconversions } from "../../sdk/actions/treasury/settleReconversions.js";
import { BatchInterruptedError, PreflightError } from "../../sdk/errors.js";
import { referenceFromText } from "../../sdk/references.js";
import { deployFundedCurrency, governed, Kind, kindsMask, type CurrencyFixture } from "../helpers/fixtures.js";
import { failure, sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

// 2.5 %: 33.33 keeps 0.83 (83.325 cents, rounded down by the contract) and wires 32.50.
async function currencyWithCommission(): Promise<CurrencyFixture> {
  const f = await deployFundedCurrency(connection, { commissionBps: 250 });
  for (const amount of [3_333n, 1_000n, 1n, 2_000n]) await f.currency.connect(f.shop).requestReconversion(amount);
  return f;
}

const csv = (...rows: string[]) => ["id,ref", ...rows].join("\n") + "\n";

describe("SDK reconversions: the euros to wire, and settling a file of payouts", function () {
  let f: CurrencyFixture;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(currencyWithCommission);
  });

  it("lists each request's gross amount, commission and net payout as the contract computes them", async function () {
    const { currency, treasurer, shop } = f;
    await currency.connect(treasurer).rejectReconversion(4n, "IBAN does not match");
    const list = await listReconversions(sdkClient(f));
    expect(list.map((r) => [r.id, r.status, r.amount, r.commission, r.netPayout])).to.deep.equal([
      [1n, "pending", 3_333n, 83n, 3_250n],
      [2n, "pending", 1_000n, 25n, 975n],
      [3n, "pending", 1n, 0n, 1n],
      [4n, "rejected", 2_000n, 0n, 0n],
    ]);
    expect(reconversionTotals(list)).to.deep.equal({ count: 3, amount: 4_334n, commission: 108n, netPayout: 4_226n });

    // The settlement burns exactly the net payout listed and credits exactly the commission.
    const feeBefore = await currency.balanceOf(f.association.address);
    const supplyBefore = await currency.totalSupply();
    const settled = await settleReconversion(sdkClient(f, treasurer), { id: 1n, payoutReference: " VIR-OUT-1 " });
    expect(settled).to.include({ netPayout: 3_250n, commission: 83n, payoutReference: "VIR-OUT-1" });
    expect(await currency.totalSupply()).to.equal(supplyBefore - 3_250n);
    expect(await currency.balanceOf(f.association.address)).to.equal(feeBefore + 83n);
    const [first] = await listReconversions(sdkClient(f), { status: "settled" });
    expect(first).to.deep.include({
      id: 1n,
      member: shop.address,
      commission: 83n,
      netPayout: 3_250n,
      payoutRef: referenceFromText("VIR-OUT-1"),
      settledInTransaction: settled.hash,
    });
  });

  it("lists no commission while no fee account is configured, as the settlement then keeps none", async function () {
    await governed(
      f,
      f.currency.interface.encodeFunctionData("setReconversionPolicy", [kindsMask(Kind.Business), 0, ZeroAddress]),
    );
    const [first] = await listReconversions(sdkClient(f), { status: "pending" });
    expect(first).to.include({ commissionBps: 250, commission: 0n, netPayout: 3_333n });
    const settled = await settleReconversion(sdkClient(f, f.treasurer), { id: 1n, payoutReference: "VIR-OUT-1" });
    expect(settled).to.include({ netPayout: 3_333n, commission: 0n });
  });

  it("settles every request of a file, returning each payout and the total, and a rerun sends nothing", async function () {
    const treasurer = sdkClient(f, f.treasurer);
    const file = csv("1,VIR-OUT-1", "2,VIR-OUT-2", "3,VIR-OUT-3");
    const supplyBefore = await f.currency.totalSupply();
    const plan = await planSettlements(treasurer, { csv: file, source: "payouts.csv" });
    expect(plan.problems).to.deep.equal([]);
    expect(plan.totals).to.deep.equal({ amount: 4_334n, commission: 108n, netPayout: 4_226n });
    const result = await settleReconversions(treasurer, { plan });
    expect(result.settled.map((s) => [s.line, s.id, s.payoutReference, s.netPayout, s.commission])).to.deep.equal([
      [2, 1n, "VIR-OUT-1", 3_250n, 83n],
      [3, 2n, "VIR-OUT-2", 975n, 25n],
      [4, 3n, "VIR-OUT-3", 1n, 0n],
    ]);
    expect(result.totals).to.deep.equal({ amount: 4_334n, commission: 108n, netPayout: 4_226n });
    expect(await f.currency.totalSupply()).to.equal(supplyBefore - 4_226n);
    const events = await f.currency.queryFilter(f.currency.filters.ReconversionSettled());
    expect(events.map((e) => [e.args.id, e.args.payoutRef, e.args.burned])).to.deep.equal([
      [1n, referenceFromText("VIR-OUT-1"), 3_250n],
      [2n, referenceFromText("VIR-OUT-2"), 975n],
      [3n, referenceFromText("VIR-OUT-3"), 1n],
    ]);

    const block = await ethers.provider.getBlockNumber();
    const rerun = await settleReconversions(treasurer, { csv: file });
    expect(rerun.settled).to.deep.equal([]);
    expect(rerun.alreadySettled.map((s) => [s.id, s.netPayout, s.transactionHash])).to.deep.equal(
      result.settled.map((s) => [s.id, s.netPayout, s.transactionHash]),
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("refuses every problem of a file at once, by line, and settles nothing", async function () {
    const { currency, treasurer, manager } = f;
    await currency.connect(treasurer).settleReconversion(1n, referenceFromText("VIR-OUT-1"));
    await currency.connect(treasurer).rejectReconversion(4n, "IBAN does not match");
    await currency.connect(manager).admit(treasurer.address, Kind.Association);
    await currency.connect(treasurer).mint(treasurer.address, 100n, referenceFromText("NOTES-IN"));
    await currency.connect(treasurer).burn(100n, referenceFromText("NOTES-2026-11"));
    const [settledOne] = await currency.queryFilter(currency.filters.ReconversionSettled(1n));
    const block = await ethers.provider.getBlockNumber();
    const file = csv(
      "1,VIR-OUT-9",
      "2,VIR-OUT-1",
      "3,NOTES-2026-11",
      "4,VIR-OUT-4",
      "9,VIR-OUT-5",
      "abc,VIR-OUT-6",
      "2,VIR-OUT-7",
      '5,"VIR-OUT-7"',
      "5,",
    );
    const plan = await planSettlements(sdkClient(f, treasurer), { csv: file, source: "payouts.csv" });
    expect(plan.problems).to.deep.equal([
      {
        line: 2,
        code: "settled-with-another-reference",
        message: `reconversion #1 was already settled with another payout reference (${referenceFromText("VIR-OUT-1").slice(0, 10)}…, 32.50 wired, transaction ${settledOne.transactionHash}), not VIR-OUT-9`,
      },
      {
        line: 3,
        code: "reference-used",
        message: "payout reference VIR-OUT-1 was already used to settle reconversion #1",
      },
      { line: 4, code: "reference-used", message: "payout reference NOTES-2026-11 was already used (by a burn)" },
      { line: 5, code: "rejected", message: "reconversion #4 was rejected and refunded: there is nothing to wire" },
      { line: 6, code: "unknown-request", message: "reconversion #9 does not exist (the last one is #4)" },
      { line: 7, code: "invalid-row", message: 'Invalid id: expected a request number from 1, not "abc"' },
      { line: 8, code: "duplicate-in-file", message: "reconversion #2 is also on line 3" },
      { line: 9, code: "duplicate-in-file", message: "payout reference VIR-OUT-7 is also on line 8" },
      { line: 10, code: "invalid-row", message: 'Invalid reference "": it is empty' },
      { line: 10, code: "duplicate-in-file", message: "reconversion #5 is also on line 9" },
    ]);
    const error = await failure(settleReconversions(sdkClient(f, treasurer), { csv: file, source: "payouts.csv" }));
    expect(error).to.be.instanceOf(PreflightError).and.include({ operation: "Settlement" });
    expect((error as PreflightError).shortMessage.split("\n")[0]).to.equal(
      "Settlement refused, nothing was sent: 10 problem(s) in payouts.csv:",
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("refuses a key without the treasurer role and a paused currency before sending", async function () {
    await f.currency.connect(f.pauser).pause();
    const plan = await planSettlements(sdkClient(f, f.alice), { settlements: [{ id: 1n, payoutReference: "X-1" }] });
    expect(plan.problems).to.deep.equal([
      { line: null, code: "not-treasurer", message: `${f.alice.address} does not hold the treasurer role` },
      {
        line: null,
        code: "paused",
        message: "the currency is paused: nothing can be settled until the governor resumes it",
      },
    ]);
  });

  it("says what was settled when a request is settled by someone else meanwhile, and the rerun finishes", async function () {
    const { currency, treasurer } = f;
    const settlements = [1n, 2n, 3n].map((id) => ({ id, payoutReference: `VIR-OUT-${id}` }));
    const plan = await planSettlements(sdkClient(f, treasurer), { settlements });
    await currency.connect(treasurer).settleReconversion(2n, referenceFromText("VIR-OUT-2"));
    const error = await failure(settleReconversions(sdkClient(f, treasurer), { plan }));
    expect(error).to.be.instanceOf(BatchInterruptedError).and.include({ confirmed: 1, total: 3 });
    expect((error as BatchInterruptedError).shortMessage).to.match(
      /^Settlement interrupted: 1 of 3 reconversions \(32\.50 of 42\.26 wired\) were confirmed settled; then Settlement refused: reconversion #2 \(item 2\) was settled or rejected by someone else since the pre-flight\./,
    );
    const rerun = await settleReconversions(sdkClient(f, treasurer), { settlements });
    expect(rerun.settled.map((s) => s.id)).to.deep.equal([3n]);
    expect(rerun.alreadySettled.map((s) => s.id)).to.deep.equal([1n, 2n]);
  });
});
