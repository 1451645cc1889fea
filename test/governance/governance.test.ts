import { expect } from "chai";
import { BrowserProvider, id, ZeroHash } from "ethers";
import { network } from "hardhat";

import { audit } from "../../sdk/actions/audit/audit.js";
import { createKomunoClient } from "../../sdk/client.js";
import { GovernanceOperationNotExecutableError } from "../../sdk/errors.js";
import {
  deployFundedCurrency,
  deployImplementation,
  depositRef,
  Kind,
  type CurrencyFixture,
} from "../helpers/fixtures.js";
import { failure, sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const DELAY = 48n * 3_600n;

/** A currency whose governor is the timelock, with its 48 h delay in force. */
async function timelockedCurrency() {
  return deployFundedCurrency(connection, { governanceDelay: DELAY });
}

describe("Governance: every power over members' money or the rules waits a public, cancellable delay", function () {
  let f: CurrencyFixture & { timelock: NonNullable<CurrencyFixture["timelock"]> };

  beforeEach(async function () {
    f = (await networkHelpers.loadFixture(timelockedCurrency)) as typeof f;
  });

  it("puts the timelock, and no key, in the governor's seat", async function () {
    const { currency, timelock, governor, auditor } = f;
    const governorRole = await currency.GOVERNOR_ROLE();
    expect(await currency.hasRole(governorRole, timelock.target)).to.equal(true);
    expect(await currency.hasRole(governorRole, governor.address)).to.equal(false);
    expect(await timelock.getMinDelay()).to.equal(DELAY);
    expect(await timelock.hasRole(await timelock.PROPOSER_ROLE(), governor.address)).to.equal(true);
    expect(await timelock.hasRole(await timelock.CANCELLER_ROLE(), auditor.address)).to.equal(true);
    expect(await timelock.hasRole(await timelock.EXECUTOR_ROLE(), ethers.ZeroAddress)).to.equal(true);
    // No admin: the timelock administers itself.
    expect(await timelock.hasRole(ZeroHash, governor.address)).to.equal(false);
  });

  it("refuses a fee raise sent straight by the board's key (regression: one governor key does anything at once)", async function () {
    const { currency, governor } = f;
    await expect(currency.connect(governor).setPaymentFees(0, 500, 0))
      .to.be.revertedWithCustomError(currency, "AccessControlUnauthorizedAccount")
      .withArgs(governor.address, await currency.GOVERNOR_ROLE());
    await expect(currency.connect(governor).upgradeToAndCall(ethers.ZeroAddress, "0x")).to.be.revertedWithCustomError(
      currency,
      "AccessControlUnauthorizedAccount",
    );
  });

  it("schedules a fee change in plain words, refuses it before the delay, executes it after", async function () {
    const { currency, governor, outsider } = f;
    const board = sdkClient(f, governor);
    const scheduled = await board.policy.setPaymentFees({ business: 150 });
    const scheduledAt = BigInt((await ethers.provider.getBlock(scheduled.blockNumber))!.timestamp);
    expect(scheduled.status).to.equal("scheduled");
    expect(scheduled.executableAt!.getTime()).to.equal(Number(scheduledAt + DELAY) * 1000);
    expect(await currency.paymentPolicy()).to.deep.equal([0n, 0n, 0n, 0n]);

    const [operation] = await board.governance.listGovernanceOperations();
    expect(operation).to.deep.include({
      id: scheduled.operationId,
      status: "waiting",
      description:
        "set the payment fees to 0.00 % on payments to persons, 1.50 % to businesses, 0.00 % to associations",
    });

    const anyone = sdkClient(f, outsider);
    const early = await failure(anyone.governance.executeGovernanceOperation({ operationId: operation.id }));
    expect(early).to.be.instanceOf(GovernanceOperationNotExecutableError);
    expect(early).to.deep.include({ status: "waiting", executableAt: scheduled.executableAt });
    // The timelock itself refuses it too: the SDK's check is for the board's sake, not the authority.
    await expect(f.timelock.connect(outsider).execute(currency.target, 0n, operation.data, ZeroHash, operation.salt))
      .to.be.revertedWithCustomError(f.timelock, "TimelockUnexpectedOperationState")
      .withArgs(operation.id, "0x" + "0".repeat(63) + "4");
    expect(await currency.paymentPolicy()).to.deep.equal([0n, 0n, 0n, 0n]);

    await time.increaseTo(scheduledAt + DELAY);
    await anyone.governance.executeGovernanceOperation({ operationId: operation.id });
    expect(await currency.paymentPolicy()).to.deep.equal([0n, 150n, 0n, 0n]);
    expect(await board.governance.listGovernanceOperations()).to.deep.equal([]);
    const [done] = await board.governance.listGovernanceOperations({ all: true });
    expect(done.status).to.equal("done");
  });

  it("lists operations and recoveries through a node that caps the range of eth_getLogs, as Besu does", async function () {
    const { currency, governor, manager, alice, bob } = f;
    await sdkClient(f, governor).policy.setPaymentFees({ business: 100 });
    await currency.connect(manager).freeze(alice.address);
    await currency.connect(manager).recover(alice.address, bob.address, id("ticket"));
    await networkHelpers.mine(40);
    // The same chain through an EIP-1193 bridge that refuses any eth_getLogs wider than 8 blocks.
    let refusals = 0;
    const capped = new BrowserProvider({
      request: async ({ method, params }: { method: string; params?: unknown[] }) => {
        const range = params?.[0] as { fromBlock?: string; toBlock?: string } | undefined;
        if (method === "eth_getLogs" && Number(range!.toBlock) - Number(range!.fromBlock) > 8) {
          refusals++;
          throw new Error("exceeds max block range of 8");
        }
        return connection.provider.request({ method, params });
      },
    });
    const client = createKomunoClient({
      provider: capped,
      currency: currency.target as string,
      timelock: f.timelock.target as string,
    });
    const [operation] = await client.governance.listGovernanceOperations();
    expect(operation.description).to.equal(
      "set the payment fees to 0.00 % on payments to persons, 1.00 % to businesses, 0.00 % to associations",
    );
    expect((await client.members.listPendingRecoveries()).map((r) => r.lost)).to.deep.equal([alice.address]);
    expect(refusals).to.be.greaterThan(0);
  });

  it("schedules a retried command once: the same call already waiting is reported, not scheduled again", async function () {
    const board = sdkClient(f, f.governor);
    const first = await board.treasury.changeMintAllowance({
      treasurer: f.treasurer.address,
      direction: "increase",
      amount: 50_000n,
    });
    const retry = await board.treasury.changeMintAllowance({
      treasurer: f.treasurer.address,
      direction: "increase",
      amount: 50_000n,
    });
    expect(retry).to.deep.include({ status: "scheduled", alreadyScheduled: true, operationId: first.operationId });
    expect(retry.hash).to.equal(first.hash);
    const operations = await board.governance.listGovernanceOperations();
    expect(operations.map((o) => o.description)).to.deep.equal([
      `raise the mint allowance of treasurer ${f.treasurer.address} by 500.00`,
    ]);
    const before = await f.currency.mintAllowance(f.treasurer.address);
    await time.increase(DELAY);
    await board.governance.executeGovernanceOperation({ operationId: first.operationId! });
    expect(await f.currency.mintAllowance(f.treasurer.address)).to.equal(before + 50_000n);
  });

  it("lets an auditor cancel during the delay, after which nothing executes", async function () {
    const { currency, timelock, governor, auditor, outsider } = f;
    const board = sdkClient(f, governor);
    // A stolen board key tries the worst: upgrading to any code prints money.
    const rogue = await deployImplementation(connection, "LocalCurrencyV2Mock");
    const data = currency.interface.encodeFunctionData("upgradeToAndCall", [rogue.target, "0x"]);
    await timelock.connect(governor).schedule(currency.target, 0n, data, ZeroHash, id("rogue"), DELAY);
    const [operation] = await board.governance.listGovernanceOperations();
    expect(operation.description).to.equal(`upgrade the currency to the implementation at ${rogue.target}`);

    const cancelled = await sdkClient(f, auditor).governance.cancelGovernanceOperation({ operationId: operation.id });
    expect(cancelled.operation.id).to.equal(operation.id);
    await time.increase(DELAY);
    const refused = await failure(
      sdkClient(f, outsider).governance.executeGovernanceOperation({ operationId: operation.id }),
    );
    expect(refused).to.be.instanceOf(GovernanceOperationNotExecutableError);
    expect((refused as GovernanceOperationNotExecutableError).status).to.equal("cancelled");
    await expect(
      timelock.connect(outsider).execute(currency.target, 0n, data, ZeroHash, id("rogue")),
    ).to.be.revertedWithCustomError(timelock, "TimelockUnexpectedOperationState");
    expect(await board.governance.listGovernanceOperations()).to.deep.equal([]);
    // A member cannot cancel.
    await timelock.connect(governor).schedule(currency.target, 0n, data, ZeroHash, id("rogue 2"), DELAY);
    const [again] = await board.governance.listGovernanceOperations();
    await expect(timelock.connect(outsider).cancel(again.id))
      .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
      .withArgs(outsider.address, await timelock.CANCELLER_ROLE());
  });

  it("keeps what only takes power away instant: a pauser pauses and revokes; resuming waits the delay", async function () {
    const { currency, pauser, treasurer, alice, bob, governor } = f;
    await currency.connect(pauser).pause();
    await currency.connect(pauser).revokeRole(await currency.TREASURER_ROLE(), treasurer.address);
    expect(await currency.hasRole(await currency.TREASURER_ROLE(), treasurer.address)).to.equal(false);
    expect(await currency.mintAllowance(treasurer.address)).to.equal(0n);

    const board = sdkClient(f, governor);
    const timelock = f.timelock.connect(governor);
    const unpause = currency.interface.encodeFunctionData("unpause");
    await timelock.schedule(currency.target, 0n, unpause, ZeroHash, ZeroHash, DELAY);
    const [operation] = await board.governance.listGovernanceOperations();
    expect(operation.description).to.equal("resume the currency (unpause)");
    await expect(currency.connect(alice).transfer(bob.address, 1n)).to.be.revertedWithCustomError(
      currency,
      "EnforcedPause",
    );
    await time.increase(DELAY);
    await board.governance.executeGovernanceOperation({ operationId: operation.id });
    await expect(currency.connect(alice).transfer(bob.address, 1n)).to.changeTokenBalance(ethers, currency, bob, 1n);
  });

  it("hands the governor role to a new timelock in two steps, each through the delay", async function () {
    const { currency, timelock, governor, outsider } = f;
    const propose = currency.interface.encodeFunctionData("proposeGovernor", [outsider.address]);
    await timelock.connect(governor).schedule(currency.target, 0n, propose, ZeroHash, ZeroHash, DELAY);
    const [operation] = await sdkClient(f, governor).governance.listGovernanceOperations();
    expect(operation.description).to.equal(
      `propose ${outsider.address} as the currency's governor (it must then accept)`,
    );
    await time.increase(DELAY);
    await timelock.connect(outsider).execute(currency.target, 0n, propose, ZeroHash, ZeroHash);
    expect(await currency.proposedGovernor()).to.equal(outsider.address);
    expect(await currency.hasRole(await currency.GOVERNOR_ROLE(), outsider.address)).to.equal(false);
    await currency.connect(outsider).acceptGovernor();
    expect(await currency.hasRole(await currency.GOVERNOR_ROLE(), outsider.address)).to.equal(true);
  });

  it("shows the auditor the pending operations and recoveries, and the burns the reserve figure subtracts", async function () {
    const { currency, governor, manager, auditor, treasurer, shop, alice, bob } = f;
    await sdkClient(f, governor).policy.setPaymentFees({ business: 200 });
    const timelock = f.timelock.connect(governor);
    const delay = currency.interface.encodeFunctionData("setMemberMoveDelay", [72n * 3_600n]);
    await timelock.schedule(currency.target, 0n, delay, ZeroHash, ZeroHash, DELAY);
    await currency.connect(manager).freeze(alice.address);
    await currency.connect(manager).recover(alice.address, bob.address, id("ticket 7"));

    // The statement of now, attested; then a payout settles; then the same statement arrives again.
    const asOf = BigInt(await time.latest());
    await currency.connect(auditor).attestReserve(30_000n, asOf, id("statement"));
    await currency.connect(shop).requestReconversion(2_500n);
    await currency.connect(treasurer).settleReconversion(1n, depositRef("PAYOUT-1"));
    await currency.connect(auditor).attestReserve(30_000n, asOf, id("statement"));

    const report = await audit(sdkClient(f));
    expect(report.reserve.attestation).to.deep.include({ amount: 30_000n, asOf: Number(asOf) });
    expect(report.reserve.burnsSince.map((b) => b.amount)).to.deep.equal([2_500n]);
    expect(report.reserve.reserve).to.equal(27_500n);
    expect(report.checks.find((c) => c.name === "reserve arithmetic matches the contract")!.ok).to.equal(true);
    expect(report.pendingGovernance!.map((o) => o.description)).to.deep.equal([
      "set the payment fees to 0.00 % on payments to persons, 2.00 % to businesses, 0.00 % to associations",
      "set the delay of recoveries, key migrations and credit moves to 72 h",
    ]);
    expect(report.pendingRecoveries).to.have.length(1);
    expect(report.pendingRecoveries[0]).to.deep.include({
      lost: alice.address,
      replacement: bob.address,
      proposedBy: manager.address,
    });
  });
});
