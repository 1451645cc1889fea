import { expect } from "chai";
import { network } from "hardhat";

import { acceptMigration, cancelMigration, proposeMigration } from "../../sdk/actions/members/migration.js";
import { ContractRevertError } from "../../sdk/errors.js";
import { deployCurrencyWithCredit, type CreditFixture } from "../credit/fixture.js";
import { Kind, Status } from "../helpers/fixtures.js";
import { failure, sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { networkHelpers } = connection;
const DELAY = 72n * 3_600n;

async function currencyWithCredit(): Promise<CreditFixture> {
  const f = await deployCurrencyWithCredit(connection);
  await f.currency.connect(f.governor).setMemberMoveDelay(DELAY);
  return f;
}

describe("SDK: a member moves to a new key, after the delay, with its credit account", function () {
  let f: CreditFixture;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(currencyWithCredit);
  });

  it("proposes with the old key, refuses the new key before the delay, then moves balance and credit", async function () {
    const { currency, credit, alice, bob, others } = f;
    const newKey = others[0];
    await credit.connect(alice).pay(bob.address, 4_000n);
    const proposal = await proposeMigration(sdkClient(f, alice), { newAccount: newKey.address });
    const proposedAt = BigInt((await connection.ethers.provider.getBlock(proposal.blockNumber))!.timestamp);
    expect(proposal.executableAt.getTime()).to.equal(Number(proposedAt + DELAY) * 1000);

    const early = await failure(acceptMigration(sdkClient(f, newKey), { oldAccount: alice.address }));
    expect(early).to.be.instanceOf(ContractRevertError);
    expect((early as ContractRevertError).errorName).to.equal("MemberMoveNotYetExecutable");
    expect(await currency.balanceOf(alice.address)).to.equal(10_000n);

    await networkHelpers.time.increase(DELAY);
    const accepted = await acceptMigration(sdkClient(f, newKey), { oldAccount: alice.address });
    expect(accepted.creditMoved).to.not.equal(null);
    expect(await currency.accountOf(newKey.address)).to.deep.equal([10_000n, Kind.Person, Status.Active]);
    expect(await currency.accountOf(alice.address)).to.deep.equal([0n, Kind.Person, Status.Closed]);
    expect(await credit.creditBalanceOf(newKey.address)).to.equal(-4_000n);
    expect(await credit.creditLimitsOf(newKey.address)).to.deep.equal([10_000n, 20_000n]);
    expect(await credit.creditBalanceOf(alice.address)).to.equal(0n);
  });

  it("lets the old key cancel a move it did not mean", async function () {
    const { currency, alice, others } = f;
    await proposeMigration(sdkClient(f, alice), { newAccount: others[0].address });
    await cancelMigration(sdkClient(f, alice));
    await networkHelpers.time.increase(DELAY);
    const refused = await failure(acceptMigration(sdkClient(f, others[0]), { oldAccount: alice.address }));
    expect((refused as ContractRevertError).errorName).to.equal("MigrationNotProposed");
    expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
  });
});
