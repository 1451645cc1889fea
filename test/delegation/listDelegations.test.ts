import { expect } from "chai";
import { network } from "hardhat";

import { grantDelegation, listDelegations, revokeDelegation } from "../../sdk/actions/delegation/index.js";
import { deployFundedCurrency } from "../helpers/fixtures.js";
import { sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { networkHelpers } = connection;

async function currencyWithDelegates() {
  const fixture = await deployFundedCurrency(connection);
  // Delegates must be active members.
  await fixture.currency.connect(fixture.manager).admit(fixture.outsider.address, 1n);
  return fixture;
}

describe("SDK: listDelegations", function () {
  it("lists an owner's grants in force with what is left, one per delegate, and leaves revoked ones out", async function () {
    const f = await networkHelpers.loadFixture(currencyWithDelegates);
    const alice = sdkClient(f, f.alice);
    const reader = sdkClient(f);
    expect(await listDelegations(reader, { owner: f.alice.address })).to.deep.equal([]);

    await grantDelegation(alice, { delegate: f.outsider.address, perPaymentCap: 500n, totalCap: 1_000n });
    // A second grant to the same delegate replaces the first: still one line.
    await grantDelegation(alice, { delegate: f.outsider.address, perPaymentCap: 700n, totalCap: 2_000n });
    await grantDelegation(alice, { delegate: f.bob.address, perPaymentCap: 100n });
    // Another owner's grant is not alice's.
    await grantDelegation(sdkClient(f, f.bob), { delegate: f.outsider.address, perPaymentCap: 300n });

    const listed = await listDelegations(reader, { owner: f.alice.address });
    expect(listed.map((d) => [d.delegate, d.perPaymentCap, d.totalCap, d.remaining])).to.deep.equal([
      [f.outsider.address, 700n, 2_000n, 2_000n],
      [f.bob.address, 100n, null, null],
    ]);

    await revokeDelegation(alice, { delegate: f.outsider.address });
    const after = await listDelegations(reader, { owner: f.alice.address });
    expect(after.map((d) => d.delegate)).to.deep.equal([f.bob.address]);
  });
});
