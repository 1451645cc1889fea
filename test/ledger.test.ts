import { expect } from "chai";
import { network } from "hardhat";

import { deployFundedCurrency, Status, type CurrencyFixture } from "./helpers/fixtures.js";

const connection = await network.create();
async function fundedCurrency() {
  return deployFundedCurrency(connection);
}

describe("Ledger: payments between members", function () {
  let f: CurrencyFixture;

  beforeEach(async function () {
    f = await connection.networkHelpers.loadFixture(fundedCurrency);
  });

  it("is an ERC-20 with 2 decimals, the name and symbol given at deployment", async function () {
    expect(await f.currency.name()).to.equal("Monnaie Libournaise");
    expect(await f.currency.symbol()).to.equal("MIEL");
    expect(await f.currency.decimals()).to.equal(2n);
    expect(await f.currency.totalSupply()).to.equal(30_000n);
  });

  it("moves money between two active members", async function () {
    const { currency, connection, alice, bob } = f;
    const payment = await currency.connect(alice).transfer(bob.address, 1_250n);
    await expect(payment).to.emit(currency, "Transfer").withArgs(alice.address, bob.address, 1_250n);
    await expect(payment).to.changeTokenBalances(connection.ethers, currency, [alice, bob], [-1_250n, 1_250n]);
    expect(await currency.totalSupply()).to.equal(30_000n);
  });

  it("rejects a payment to an account that was never admitted", async function () {
    const { currency, alice, outsider } = f;
    await expect(currency.connect(alice).transfer(outsider.address, 1n))
      .to.be.revertedWithCustomError(currency, "AccountNotActive")
      .withArgs(outsider.address, Status.None);
  });
});
