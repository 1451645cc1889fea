import { expect } from "chai";
import { getAddress, Wallet } from "ethers";
import { network } from "hardhat";

import { getBalances } from "../../sdk/actions/wallet/getBalances.js";
import { InvalidAddressError } from "../../sdk/errors.js";
import { MULTICALL3_ADDRESS, MULTICALL3_RUNTIME_CODE } from "../../sdk/node/chain/multicall3.js";
import { deployFundedCurrency, type CurrencyFixture } from "../helpers/fixtures.js";
import { failure, sdkClient } from "../helpers/sdk.js";

describe("wallet.getBalances", function () {
  let f: CurrencyFixture;
  let ethCalls: number;

  beforeEach(async function () {
    f = await deployFundedCurrency(await network.create());
    await f.currency.connect(f.alice).transfer(f.bob.address, 2_550n);
    // Every read goes through the provider's `call`: counting them tells one multicall from one call per account.
    ethCalls = 0;
    const provider = f.connection.ethers.provider;
    const call = provider.call.bind(provider);
    provider.call = (...args: Parameters<typeof call>) => {
      ethCalls += 1;
      return call(...args);
    };
  });

  async function setMulticall3(code: string) {
    await f.connection.provider.request({ method: "hardhat_setCode", params: [MULTICALL3_ADDRESS, code] });
  }

  it("reads 600 balances in two Multicall3 calls, in the order asked, checksummed", async function () {
    await setMulticall3(MULTICALL3_RUNTIME_CODE);
    const strangers = Array.from({ length: 597 }, () => Wallet.createRandom().address.toLowerCase());
    const accounts = [f.alice.address.toLowerCase(), ...strangers, f.bob.address, f.shop.address];
    const balances = await sdkClient(f).wallet.getBalances({ accounts });
    expect(ethCalls).to.equal(2);
    expect(balances.map((b) => b.account)).to.deep.equal(accounts.map((a) => getAddress(a)));
    expect(balances[0].balance).to.equal(7_450n);
    expect(balances.slice(1, 598).every((b) => b.balance === 0n)).to.equal(true);
    expect(balances.slice(598).map((b) => b.balance)).to.deep.equal([12_550n, 10_000n]);
  });

  it("falls back to one balanceOf per account where the chain has no Multicall3, with the same result", async function () {
    const accounts = [f.alice.address, f.bob.address, f.shop.address, f.outsider.address];
    const expected = [7_450n, 12_550n, 10_000n, 0n];
    const without = await getBalances(sdkClient(f), { accounts });
    expect(ethCalls).to.equal(4);
    expect(without.map((b) => b.balance)).to.deep.equal(expected);

    await setMulticall3(MULTICALL3_RUNTIME_CODE);
    ethCalls = 0;
    const withIt = await getBalances(sdkClient(f), { accounts });
    expect(ethCalls).to.equal(1);
    expect(withIt).to.deep.equal(without);
  });

  it("ignores other code at Multicall3's address", async function () {
    await setMulticall3("0x6000");
    const balances = await getBalances(sdkClient(f), { accounts: [f.alice.address, f.bob.address] });
    expect(ethCalls).to.equal(2);
    expect(balances.map((b) => b.balance)).to.deep.equal([7_450n, 12_550n]);
  });

  it("reads at the block asked, as an audit does", async function () {
    await setMulticall3(MULTICALL3_RUNTIME_CODE);
    const before = await f.connection.ethers.provider.getBlockNumber();
    await f.currency.connect(f.bob).transfer(f.shop.address, 550n);
    const accounts = [f.bob.address, f.shop.address];
    expect((await getBalances(sdkClient(f), { accounts, blockTag: before })).map((b) => b.balance)).to.deep.equal([
      12_550n,
      10_000n,
    ]);
    expect((await getBalances(sdkClient(f), { accounts })).map((b) => b.balance)).to.deep.equal([12_000n, 10_550n]);
  });

  it("returns nothing for no account and refuses a bad address before sending anything", async function () {
    expect(await getBalances(sdkClient(f), { accounts: [] })).to.deep.equal([]);
    const error = await failure(getBalances(sdkClient(f), { accounts: [f.alice.address, "0x1234"] }));
    expect(error).to.be.instanceOf(InvalidAddressError);
    expect(ethCalls).to.equal(0);
  });
});
