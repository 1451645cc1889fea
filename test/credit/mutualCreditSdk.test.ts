import { expect } from "chai";
import { network } from "hardhat";

import {
  acceptCreditMove,
  getCreditAccount,
  getCreditHistory,
  payCredit,
  proposeCreditMove,
  setCreditLimits,
} from "../../sdk/actions/credit/index.js";
import { MAX_CREDIT_LIMIT } from "../../sdk/actions/credit/setCreditLimits.js";
import {
  ContractRevertError,
  ExtensionNotDeployedError,
  InvalidAddressError,
  InvalidInputError,
} from "../../sdk/errors.js";
import { Status } from "../helpers/fixtures.js";
import { deployCurrencyWithCredit, type CreditFixture } from "./fixture.js";
import { failure, sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function currencyWithCredit(): Promise<CreditFixture> {
  return deployCurrencyWithCredit(connection);
}

describe("SDK: mutual credit", function () {
  let f: CreditFixture;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(currencyWithCredit);
  });

  async function clientOf(signer?: (typeof f)["alice"], withCredit = true) {
    return sdkClient(f, signer, withCredit);
  }

  it("sets limits, pays and shows an account with the room it has left", async function () {
    const { manager, alice, shop } = f;
    await setCreditLimits(await clientOf(manager), { account: alice.address, floor: 3_000n, ceiling: 0n });
    const result = await payCredit(await clientOf(alice), { to: shop.address, amount: 1_000n });
    expect(result.receipt.status).to.equal(1);
    expect(await getCreditAccount(await clientOf(), { account: alice.address })).to.deep.equal({
      account: alice.address,
      balance: -1_000n,
      floor: 3_000n,
      ceiling: 0n,
      canPay: 2_000n,
      canReceive: 1_000n,
    });
  });

  it("shows no room, never a negative one, when limits were lowered below the balance", async function () {
    const { manager, alice, shop } = f;
    await payCredit(await clientOf(alice), { to: shop.address, amount: 5_000n });
    await setCreditLimits(await clientOf(manager), { account: alice.address, floor: 1_000n, ceiling: 0n });
    await setCreditLimits(await clientOf(manager), { account: shop.address, floor: 0n, ceiling: 1_000n });
    const [payer, payee] = await Promise.all(
      [alice, shop].map(async (m) => getCreditAccount(await clientOf(), { account: m.address })),
    );
    expect([payer.canPay, payer.canReceive]).to.deep.equal([0n, 5_000n]);
    expect([payee.canPay, payee.canReceive]).to.deep.equal([5_000n, 0n]);
  });

  it("lists an account's credit movements with the balance after each, a move to a new key included", async function () {
    const { alice, shop, manager, currency, others } = f;
    const first = await payCredit(await clientOf(alice), { to: shop.address, amount: 1_000n });
    await payCredit(await clientOf(shop), { to: alice.address, amount: 400n });
    expect(
      (await getCreditHistory(await clientOf(), { account: alice.address })).map((e) => [
        e.type,
        e.direction,
        e.counterparty,
        e.amount,
        e.balanceAfter,
      ]),
    ).to.deep.equal([
      ["payment", "out", shop.address, -1_000n, -1_000n],
      ["payment", "in", shop.address, 400n, -600n],
    ]);
    const [entry] = await getCreditHistory(await clientOf(), { account: shop.address });
    expect(entry).to.include({ transactionHash: first.hash, amount: 1_000n, balanceAfter: 1_000n });

    const newKey = others[0];
    await currency.connect(manager).admit(newKey.address, 1n);
    await currency.connect(manager).freeze(alice.address);
    await proposeCreditMove(await clientOf(manager), { from: alice.address, to: newKey.address, reason: "lost phone" });
    await acceptCreditMove(await clientOf(newKey), { from: alice.address });
    const moved = await getCreditHistory(await clientOf(), { account: newKey.address });
    expect(moved.map((e) => [e.type, e.direction, e.counterparty, e.amount, e.balanceAfter])).to.deep.equal([
      ["move", "in", alice.address, -600n, -600n],
    ]);
    expect((await getCreditHistory(await clientOf(), { account: alice.address })).at(-1)).to.include({
      type: "move",
      direction: "out",
      amount: 600n,
      balanceAfter: 0n,
    });
  });

  it("checks inputs before sending anything", async function () {
    const { manager, alice } = f;
    const asManager = await clientOf(manager);
    for (const [floor, ceiling] of [
      [-1n, 0n],
      [0n, MAX_CREDIT_LIMIT + 1n],
    ]) {
      expect(await failure(setCreditLimits(asManager, { account: alice.address, floor, ceiling }))).to.be.instanceOf(
        InvalidInputError,
      );
    }
    const asAlice = await clientOf(alice);
    expect(await failure(payCredit(asAlice, { to: f.shop.address, amount: 0n }))).to.be.instanceOf(InvalidInputError);
    expect(await failure(payCredit(asAlice, { to: alice.address, amount: 1n }))).to.be.instanceOf(InvalidInputError);
    expect(await failure(payCredit(asAlice, { to: "0x1234", amount: 1n }))).to.be.instanceOf(InvalidAddressError);
    expect(await failure(getCreditAccount(await clientOf(alice, false), { account: alice.address }))).to.be.instanceOf(
      ExtensionNotDeployedError,
    );
    expect(await ethers.provider.getTransactionCount(alice.address)).to.equal(0);
  });

  it("reports a refused payment as a typed revert", async function () {
    const { alice, outsider } = f;
    const error = (await failure(
      payCredit(await clientOf(alice), { to: outsider.address, amount: 1n }),
    )) as ContractRevertError;
    expect(error).to.be.instanceOf(ContractRevertError);
    expect(error).to.include({ errorName: "AccountNotActive" });
    expect(error.args).to.deep.equal({ account: outsider.address, status: Status.None });
  });
});
