import { expect } from "chai";
import { network } from "hardhat";

import { getHistory } from "../../sdk/actions/wallet/getHistory.js";
import { deployFundedCurrency, type CurrencyFixture } from "../helpers/fixtures.js";
import { sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { networkHelpers } = connection;

async function fundedCurrency() {
  return deployFundedCurrency(connection);
}

describe("SDK getHistory", function () {
  let f: CurrencyFixture;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(fundedCurrency);
  });

  it("tells the payee the fee its payment carried, the payer its fee as a movement of its own", async function () {
    const { currency, governor, alice, shop } = f;
    await currency.connect(governor).setPaymentFees(0n, 250n, 0n);
    const payment = await (await currency.connect(alice).transfer(shop.address, 4_000n)).wait();
    const client = sdkClient(f);
    const ofPayment = <T extends { transactionHash: string }>(entries: T[]) =>
      entries.filter((entry) => entry.transactionHash === payment!.hash);

    const received = ofPayment(await getHistory(client, { account: shop.address }));
    expect(
      received.map(({ type, direction, counterparty, amount, fee }) => ({
        type,
        direction,
        counterparty,
        amount,
        fee,
      })),
    ).to.deep.equal([{ type: "payment", direction: "in", counterparty: alice.address, amount: 3_900n, fee: 100n }]);

    const sent = ofPayment(await getHistory(client, { account: alice.address }));
    expect(sent.map(({ type, amount }) => ({ type, amount }))).to.deep.equal([
      { type: "payment", amount: -3_900n },
      { type: "fee", amount: -100n },
    ]);
    expect(sent.every((entry) => entry.fee === undefined)).to.equal(true);
  });

  it("gives no fee to a payment received without one", async function () {
    const { currency, alice, shop } = f;
    const payment = await (await currency.connect(alice).transfer(shop.address, 1_000n)).wait();
    const [entry] = (await getHistory(sdkClient(f), { account: shop.address })).filter(
      (e) => e.transactionHash === payment!.hash,
    );
    expect(entry).to.include({ type: "payment", amount: 1_000n });
    expect(entry).to.not.have.property("fee");
  });
});
