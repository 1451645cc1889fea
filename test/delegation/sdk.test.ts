import { expect } from "chai";
import { network } from "hardhat";

import { getDelegation, grantDelegation, payAsDelegate, revokeDelegation } from "../../sdk/actions/delegation/index.js";
import { ContractRevertError, ExtensionNotDeployedError, InvalidInputError } from "../../sdk/errors.js";
import { deployFundedCurrency, Status } from "../helpers/fixtures.js";
import { failure, sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function currencyWithDelegations() {
  const fixture = await deployFundedCurrency(connection);
  // The delegate: an active member, as the contract requires.
  await fixture.currency.connect(fixture.manager).admit(fixture.outsider.address, 1n);
  return { ...fixture, delegationsAddress: await fixture.delegations.getAddress() };
}

describe("SDK: delegation actions", function () {
  let f: Awaited<ReturnType<typeof currencyWithDelegations>>;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(currencyWithDelegations);
  });

  function clientOf(signer?: (typeof f)["alice"], withDelegations = true) {
    return sdkClient(f, signer, withDelegations);
  }

  it("grants with a permit in one transaction, then pays, shows and revokes", async function () {
    const { currency, alice, bob, outsider, delegationsAddress } = f;
    const owner = clientOf(alice);
    const expiresAt = new Date(Date.now() + 3_600_000);
    const granted = await grantDelegation(owner, {
      delegate: outsider.address,
      perPaymentCap: 1_000n,
      totalCap: 3_000n,
      expiresAt,
    });
    expect(granted.approved).to.equal(true);
    expect(await currency.allowance(alice.address, delegationsAddress)).to.equal(ethers.MaxUint256);
    // The allowance is already unlimited: a second grant sends no permit.
    expect((await grantDelegation(owner, { delegate: bob.address, perPaymentCap: 10n })).approved).to.equal(false);

    await payAsDelegate(clientOf(outsider), { owner: alice.address, to: bob.address, amount: 800n });
    expect(await currency.balanceOf(bob.address)).to.equal(10_800n);
    expect(await getDelegation(clientOf(), { owner: alice.address, delegate: outsider.address })).to.deep.equal({
      owner: alice.address,
      delegate: outsider.address,
      granted: true,
      perPaymentCap: 1_000n,
      totalCap: 3_000n,
      spent: 800n,
      remaining: 2_200n,
      expiresAt: new Date(Math.ceil(expiresAt.getTime() / 1000) * 1000),
      usable: true,
    });

    await revokeDelegation(owner, { delegate: outsider.address });
    const revoked = await getDelegation(clientOf(), { owner: alice.address, delegate: outsider.address });
    expect(revoked.granted).to.equal(false);
    expect(revoked.usable).to.equal(false);
  });

  it("leaves the allowance alone when asked to", async function () {
    const { currency, bob, outsider, delegationsAddress } = f;
    const result = await grantDelegation(clientOf(bob), {
      delegate: outsider.address,
      perPaymentCap: 1_000n,
      allowance: "keep",
    });
    expect(result.approved).to.equal(false);
    expect(await currency.allowance(bob.address, delegationsAddress)).to.equal(0n);
  });

  it("refuses bad input before sending anything", async function () {
    const owner = clientOf(f.alice);
    const delegate = f.outsider.address;
    for (const params of [
      { delegate, perPaymentCap: 0n },
      { delegate, perPaymentCap: 2n ** 64n },
      { delegate, perPaymentCap: 500n, totalCap: 499n },
      { delegate, perPaymentCap: 500n, expiresAt: new Date(Date.now() - 1_000) },
      { delegate, perPaymentCap: 500n, expiresAt: new Date("not a date") },
    ]) {
      expect(await failure(grantDelegation(owner, params))).to.be.instanceOf(InvalidInputError);
    }
    const zero = payAsDelegate(owner, { owner: delegate, to: delegate, amount: 0n });
    expect(await failure(zero)).to.be.instanceOf(InvalidInputError);
  });

  it("says when the currency has no delegations contract", async function () {
    const read = getDelegation(clientOf(undefined, false), { owner: f.alice.address, delegate: f.bob.address });
    expect(await failure(read)).to.be.instanceOf(ExtensionNotDeployedError);
  });

  it("decodes the currency's errors: a frozen delegate cannot pay", async function () {
    const { currency, manager, alice, bob } = f;
    await grantDelegation(clientOf(alice), { delegate: bob.address, perPaymentCap: 100n });
    await currency.connect(manager).freeze(bob.address);
    const error = await failure(payAsDelegate(clientOf(bob), { owner: alice.address, to: alice.address, amount: 1n }));
    expect(error).to.be.instanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).to.equal("AccountNotActive");
    expect((error as ContractRevertError).args).to.deep.equal({ account: bob.address, status: Status.Frozen });
  });
});
