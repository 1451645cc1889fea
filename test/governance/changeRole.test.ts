import { expect } from "chai";
import { network } from "hardhat";

import { CURRENCY_ROLES } from "../../sdk/actions/governance/changeRole.js";
import { InvalidInputError } from "../../sdk/errors.js";
import { deployFundedCurrency, type CurrencyFixture } from "../helpers/fixtures.js";
import { failure, sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { networkHelpers } = connection;
const DELAY = 48n * 3_600n;

/** A currency whose governor is the timelock, with its 48 h delay in force. */
async function timelockedCurrency() {
  return deployFundedCurrency(connection, { governanceDelay: DELAY });
}

describe("changeRole: the board grants and revokes the currency's roles through its public delay", function () {
  let f: CurrencyFixture & { timelock: NonNullable<CurrencyFixture["timelock"]> };

  beforeEach(async function () {
    f = (await networkHelpers.loadFixture(timelockedCurrency)) as typeof f;
  });

  it("schedules a treasurer's grant in plain words, which takes effect only after the delay", async function () {
    const board = sdkClient(f, f.governor);
    const scheduled = await board.governance.changeRole({
      role: "treasurer",
      account: f.outsider.address,
      change: "grant",
    });
    expect(scheduled.status).to.equal("scheduled");
    const [operation] = await board.governance.listGovernanceOperations();
    expect(operation.description).to.equal(`grant the treasurer role to ${f.outsider.address}`);
    expect(await f.currency.hasRole(CURRENCY_ROLES.treasurer, f.outsider.address)).to.equal(false);
    await networkHelpers.time.increase(DELAY);
    await board.governance.executeGovernanceOperation({ operationId: scheduled.operationId! });
    expect(await f.currency.hasRole(CURRENCY_ROLES.treasurer, f.outsider.address)).to.equal(true);
  });

  it("revokes a treasurer after the delay, clearing its mint allowance", async function () {
    const board = sdkClient(f, f.governor);
    expect(await f.currency.mintAllowance(f.treasurer.address)).to.be.greaterThan(0n);
    const scheduled = await board.governance.changeRole({
      role: "treasurer",
      account: f.treasurer.address,
      change: "revoke",
    });
    const [operation] = await board.governance.listGovernanceOperations();
    expect(operation.description).to.equal(`revoke the treasurer role from ${f.treasurer.address}`);
    await networkHelpers.time.increase(DELAY);
    await board.governance.executeGovernanceOperation({ operationId: scheduled.operationId! });
    expect(await f.currency.hasRole(CURRENCY_ROLES.treasurer, f.treasurer.address)).to.equal(false);
    expect(await f.currency.mintAllowance(f.treasurer.address)).to.equal(0n);
  });

  it("refuses an unknown role, the governor's seat and a bad address before anything is sent", async function () {
    const board = sdkClient(f, f.governor);
    for (const params of [
      { role: "governor", account: f.outsider.address, change: "grant" },
      { role: "treasurer", account: "0x1234", change: "grant" },
      { role: "auditor", account: f.outsider.address, change: "give" },
    ]) {
      const error = await failure(board.governance.changeRole(params as never));
      expect(error, JSON.stringify(params)).to.be.instanceOf(Error);
      expect((error as Error).name).to.be.oneOf([InvalidInputError.name, "InvalidAddressError"]);
    }
    expect(await board.governance.listGovernanceOperations()).to.deep.equal([]);
  });
});
