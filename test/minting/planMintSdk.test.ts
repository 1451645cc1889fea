import { expect } from "chai";
import { network } from "hardhat";

import { mintBatch } from "../../sdk/actions/treasury/mintBatch.js";
import { planMint } from "../../sdk/actions/treasury/planMint.js";
import { BatchInterruptedError, ContractRevertError, PreflightError } from "../../sdk/errors.js";
import { referenceFromText } from "../../sdk/references.js";
import { deployFundedCurrency, governed, ONE_DAY, type CurrencyFixture } from "../helpers/fixtures.js";
import { failure, sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

// The production policy: supply capped by the attested reserve (10,000.00 here), attestations at most 30 days old.
async function cappedCurrency(): Promise<CurrencyFixture> {
  return deployFundedCurrency(connection, { reserveCapEnabled: true, maxAttestationAge: 30n * ONE_DAY });
}

const csv = (...rows: string[]) => ["to,amount,ref", ...rows].join("\n") + "\n";

describe("SDK mint pre-flight: the whole file is checked before anything is sent", function () {
  let f: CurrencyFixture;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(cappedCurrency);
  });

  /** What a refused job left: no block mined since `block`, the same supply. */
  async function expectNothingSent(block: number, supply: bigint) {
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect(await f.currency.totalSupply()).to.equal(supply);
  }

  it("plans a file: what to mint, in how many transactions, and the allowance and reserve after it", async function () {
    const treasurer = sdkClient(f, f.treasurer);
    const block = await ethers.provider.getBlockNumber();
    const plan = await planMint(treasurer, {
      csv: csv(`${f.alice.address},12.50,VIR-1`, `${f.bob.address},7.50,VIR-2`, `${f.shop.address},80.00,VIR-3`),
      source: "deposits.csv",
      chunkSize: 2,
    });
    expect(plan.problems).to.deep.equal([]);
    expect(plan.toMint.map((d) => [d.line, d.to, d.amount, d.reference, d.depositRef])).to.deep.equal([
      [2, f.alice.address, 1_250n, "VIR-1", referenceFromText("VIR-1")],
      [3, f.bob.address, 750n, "VIR-2", referenceFromText("VIR-2")],
      [4, f.shop.address, 8_000n, "VIR-3", referenceFromText("VIR-3")],
    ]);
    expect(plan).to.deep.include({
      source: "deposits.csv",
      delimiter: ",",
      treasurer: f.treasurer.address,
      totals: { toMint: 10_000n, alreadyMinted: 0n },
      transactions: 2,
      allowance: 100_000_000n - 30_000n,
      paused: false,
    });
    expect(plan.reserve).to.deep.include({
      supply: 30_000n,
      supplyAfter: 40_000n,
      reserveCap: true,
      attested: 1_000_000n,
      cap: 1_000_000n,
      maxAttestationAgeSeconds: 30 * 86_400,
    });
    await expectNothingSent(block, 30_000n);
  });

  it("mints the whole file and, run again, mints nothing twice, counting what was already minted", async function () {
    const treasurer = sdkClient(f, f.treasurer);
    const first = csv(`${f.alice.address},12.50,VIR-1`, `${f.bob.address},7.50,VIR-2`);
    const run = await mintBatch(treasurer, { csv: first });
    expect(run.minted.map((d) => [d.line, d.reference, d.amount])).to.deep.equal([
      [2, "VIR-1", 1_250n],
      [3, "VIR-2", 750n],
    ]);
    expect(run.totals).to.deep.equal({ minted: 2_000n, alreadyMinted: 0n });
    expect(run.transactions).to.have.length(1);
    expect(await f.currency.balanceOf(f.alice.address)).to.equal(11_250n);

    const rerun = await mintBatch(treasurer, { csv: first + `${f.shop.address},3.00,VIR-3\n` });
    expect(rerun.minted.map((d) => [d.line, d.reference])).to.deep.equal([[4, "VIR-3"]]);
    expect(rerun.alreadyMinted.map((d) => [d.line, d.reference, d.mintedTo, d.mintedAmount])).to.deep.equal([
      [2, "VIR-1", f.alice.address, 1_250n],
      [3, "VIR-2", f.bob.address, 750n],
    ]);
    expect(rerun.alreadyMinted[0].transactionHash).to.equal(run.transactions[0]);
    expect(rerun.totals).to.deep.equal({ minted: 300n, alreadyMinted: 2_000n });
    expect(await f.currency.totalSupply()).to.equal(32_300n);
    expect(await f.currency.balanceOf(f.alice.address)).to.equal(11_250n);
    const minted = await f.currency.queryFilter(f.currency.filters.Minted());
    expect(minted).to.have.length(3 + 3);
  });

  it("refuses every row problem at once, by line and in euros, and sends nothing", async function () {
    const { alice, bob, shop, outsider, manager, treasurer: t } = f;
    await f.currency.connect(t).mint(alice.address, 5_000n, referenceFromText("VIR-OLD-1"));
    await f.currency.connect(t).mint(alice.address, 5_000n, referenceFromText("VIR-OLD-2"));
    await f.currency.connect(manager).freeze(bob.address);
    const block = await ethers.provider.getBlockNumber();
    const supply = await f.currency.totalSupply();
    const file = csv(
      `${shop.address},10.00,VIR-NEW-1`,
      `${shop.address},1O.00,VIR-NEW-2`,
      `${alice.address},3.00, VIR-NEW-1`,
      `${alice.address},55.00,VIR-OLD-1`,
      `${shop.address},50.00,VIR-OLD-2`,
      `${bob.address},1.00,VIR-NEW-3`,
      `${outsider.address},2.00,VIR-NEW-4`,
      `${alice.address},50.00,VIR-OLD-1`.replace("VIR-OLD-1", "VIR-OLD-1 "),
    );
    const plan = await planMint(sdkClient(f, t), { csv: file, source: "deposits.csv" });
    const [old1, old2] = await Promise.all(
      ["VIR-OLD-1", "VIR-OLD-2"].map(async (ref) => {
        const [event] = await f.currency.queryFilter(
          f.currency.filters.Minted(undefined, undefined, undefined, referenceFromText(ref)),
        );
        return event.transactionHash;
      }),
    );
    expect(plan.problems).to.deep.equal([
      {
        line: 3,
        code: "invalid-row",
        message: 'Invalid amount "1O.00": expected digits with at most two decimals, e.g. 12.50',
      },
      { line: 4, code: "duplicate-in-file", message: "deposit VIR-NEW-1 is also on line 2" },
      {
        line: 5,
        code: "conflicts-with-chain",
        message: `deposit VIR-OLD-1 was already minted with 50.00 to ${alice.address} (transaction ${old1}), not 55.00 to ${alice.address}`,
      },
      {
        line: 6,
        code: "conflicts-with-chain",
        message: `deposit VIR-OLD-2 was already minted with 50.00 to ${alice.address} (transaction ${old2}), not 50.00 to ${shop.address}`,
      },
      {
        line: 7,
        code: "not-active-member",
        message: `${bob.address} cannot receive deposit VIR-NEW-3 (1.00): it is frozen`,
      },
      {
        line: 8,
        code: "not-active-member",
        message: `${outsider.address} cannot receive deposit VIR-NEW-4 (2.00): it was never admitted`,
      },
      { line: 9, code: "duplicate-in-file", message: "deposit VIR-OLD-1 is also on line 5" },
    ]);
    const error = await failure(mintBatch(sdkClient(f, t), { plan }));
    expect(error).to.be.instanceOf(PreflightError).and.include({ operation: "Mint", source: "deposits.csv" });
    expect((error as PreflightError).shortMessage.split("\n")).to.deep.equal([
      "Mint refused, nothing was sent: 7 problem(s) in deposits.csv:",
      ...plan.problems.map((p) => `  line ${p.line}: ${p.message}`),
    ]);
    // The same from the file itself, without a plan made first.
    expect(await failure(mintBatch(sdkClient(f, t), { csv: file }))).to.be.instanceOf(PreflightError);
    await expectNothingSent(block, supply);
  });

  it("refuses a file whose total is over the treasurer's allowance or the reserve cap, saying so in euros", async function () {
    const { currency, treasurer, alice, shop } = f;
    await governed(
      f,
      currency.interface.encodeFunctionData("decreaseMintAllowance", [
        treasurer.address,
        100_000_000n - 30_000n - 500_000n,
      ]),
    );
    const block = await ethers.provider.getBlockNumber();
    const plan = await planMint(sdkClient(f, treasurer), {
      csv: csv(`${alice.address},9000.00,VIR-BIG-1`, `${shop.address},800.00,VIR-BIG-2`),
    });
    expect(plan.problems).to.deep.equal([
      {
        line: null,
        code: "over-allowance",
        message: `the deposits to mint come to 9800.00, but treasurer ${treasurer.address} may mint only 5000.00 more (4800.00 too much): the governor must raise the allowance first`,
      },
      {
        line: null,
        code: "over-reserve",
        message:
          `minting 9800.00 would take the supply from 300.00 to 10100.00, over the 10000.00 the reserve allows ` +
          `(attested 10000.00 as of ${plan.reserve.attestedAsOf!.toISOString()}, less 0.00 paid out since, plus a headroom of 0.00): 100.00 too much`,
      },
    ]);
    const error = await failure(mintBatch(sdkClient(f, treasurer), { plan }));
    expect((error as PreflightError).shortMessage).to.include("\n  the deposits to mint come to 9800.00");
    await expectNothingSent(block, 30_000n);
  });

  it("refuses a mint the policy would stop: an old attestation, a pause, a key without the treasurer role", async function () {
    const { alice, pauser } = f;
    await networkHelpers.time.increase(31n * ONE_DAY);
    await f.currency.connect(pauser).pause();
    const plan = await planMint(sdkClient(f, alice), { csv: csv(`${alice.address},1.00,VIR-LATE-1`) });
    const asOf = plan.reserve.attestedAsOf!.toISOString();
    expect(plan.problems.map((p) => [p.line, p.code])).to.deep.equal([
      [null, "not-treasurer"],
      [null, "paused"],
      [null, "over-allowance"],
      [null, "attestation-too-old"],
    ]);
    expect(plan.problems[0].message).to.equal(`${alice.address} does not hold the treasurer role`);
    expect(plan.problems[3].message).to.match(
      new RegExp(
        `^the last reserve attestation \\(as of ${asOf}\\) is 31(\\.0)? day\\(s\\) old, more than the 30 day\\(s\\)`,
      ),
    );
  });

  it("mints nothing and asks nothing of the allowance when every row is already minted identically", async function () {
    const treasurer = sdkClient(f, f.treasurer);
    const file = csv(`${f.alice.address},1.00,VIR-ONCE`);
    await mintBatch(treasurer, { csv: file });
    await governed(
      f,
      f.currency.interface.encodeFunctionData("decreaseMintAllowance", [f.treasurer.address, 10n ** 12n]),
    );
    const block = await ethers.provider.getBlockNumber();
    const rerun = await mintBatch(treasurer, { csv: file });
    expect(rerun).to.deep.include({ minted: [], transactions: [], totals: { minted: 0n, alreadyMinted: 100n } });
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("names the items of a list given in code, and refuses a plan made for another treasurer", async function () {
    const error = await failure(
      mintBatch(sdkClient(f, f.treasurer), {
        deposits: [
          { to: f.alice.address, amount: 100n, reference: "VIR-L-1" },
          { to: f.alice.address, amount: 0n, reference: "VIR-L-2" },
          { to: f.bob.address, amount: 100n, reference: "VIR-L-1" },
        ],
      }),
    );
    expect((error as PreflightError).shortMessage).to.equal(
      [
        "Mint refused, nothing was sent: 2 problem(s) in the list of deposits:",
        "  item 2: Invalid amount: it must be more than zero",
        "  item 3: deposit VIR-L-1 is also item 1",
      ].join("\n"),
    );
    const plan = await planMint(sdkClient(f), {
      deposits: [{ to: f.alice.address, amount: 100n, reference: "VIR-L-1" }],
      treasurer: f.treasurer.address,
    });
    expect(plan.problems).to.deep.equal([]);
    expect(((await failure(mintBatch(sdkClient(f, f.alice), { plan }))) as Error).message).to.include(
      `it was checked for treasurer ${f.treasurer.address}`,
    );
  });

  it("says what was minted when the chain changes in the middle of a job, and the rerun finishes it once", async function () {
    const { treasurer, alice, bob, shop } = f;
    const file = csv(`${alice.address},1.00,VIR-R-1`, `${bob.address},2.00,VIR-R-2`, `${shop.address},3.00,VIR-R-3`);
    const plan = await planMint(sdkClient(f, treasurer), { csv: file, chunkSize: 1 });
    // Someone else (a second treasurer's script) mints the second deposit, with another amount, after the plan.
    await f.currency.connect(treasurer).mint(bob.address, 250n, referenceFromText("VIR-R-2"));
    const error = await failure(mintBatch(sdkClient(f, treasurer), { plan }));
    expect(error).to.be.instanceOf(BatchInterruptedError).and.include({ confirmed: 1, total: 3 });
    expect((error as BatchInterruptedError).cause).to.be.instanceOf(ContractRevertError);
    expect((error as BatchInterruptedError).shortMessage).to.match(
      /^Batch mint interrupted: 1 of 3 deposits \(1\.00 of 6\.00\) were confirmed minted; then Batch mint refused: deposit VIR-R-2 \(line 3\) was minted by someone else since the pre-flight\. Running the same file again/,
    );
    // The third deposit was not sent after the failure.
    expect(await f.currency.isDepositMinted(referenceFromText("VIR-R-3"))).to.equal(false);

    const rerun = await planMint(sdkClient(f, treasurer), { csv: file });
    expect(rerun.problems.map((p) => [p.line, p.code])).to.deep.equal([[3, "conflicts-with-chain"]]);
    const fixed = await mintBatch(sdkClient(f, treasurer), { csv: file.replace(",2.00,", ",2.50,") });
    expect(fixed.minted.map((d) => d.reference)).to.deep.equal(["VIR-R-3"]);
    expect(fixed.alreadyMinted.map((d) => d.reference)).to.deep.equal(["VIR-R-1", "VIR-R-2"]);
    expect(await f.currency.totalSupply()).to.equal(30_000n + 100n + 250n + 300n);
  });
});
