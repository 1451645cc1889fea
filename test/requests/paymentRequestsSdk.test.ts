import { expect } from "chai";
import { Command } from "commander";
import { network } from "hardhat";

import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import {
  cancelPaymentRequest,
  createPaymentRequest,
  getPaymentRequest,
  listPaymentRequests,
  payPaymentRequest,
  rejectPaymentRequest,
} from "../../sdk/actions/requests/index.js";
import { parseAmount } from "../../sdk/amounts.js";
import { registerRequestCommands } from "../../sdk/cli/commands/requests.js";
import { ContractRevertError, ExtensionNotDeployedError, InvalidInputError } from "../../sdk/errors.js";
import { deployFundedCurrency, type CurrencyFixture } from "../helpers/fixtures.js";
import { sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

interface SdkFixture extends CurrencyFixture {
  requestsAddress: string;
}

async function deployRequests(): Promise<SdkFixture> {
  const fixture = await deployFundedCurrency(connection);
  return { ...fixture, requestsAddress: await fixture.requests.getAddress() };
}

describe("Payment requests through the SDK", function () {
  let f: SdkFixture;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(deployRequests);
  });

  function clientOf(signer?: HardhatEthersSigner, withRequests = true) {
    return sdkClient(f, signer, withRequests);
  }

  it("creates a request, lists it for both parties, and pays it with a permit in one transaction", async function () {
    const shop = clientOf(f.shop);
    const alice = clientOf(f.alice);
    const created = await createPaymentRequest(shop, {
      payer: f.alice.address,
      amount: parseAmount("12.50"),
      memo: "Panier de légumes",
    });
    expect(created.id).to.equal(1n);

    const [incoming] = await listPaymentRequests(alice, { account: f.alice.address, direction: "incoming" });
    expect(incoming).to.include({
      id: 1n,
      requester: f.shop.address,
      payer: f.alice.address,
      amount: 1_250n,
      expiresAt: null,
      memo: "Panier de légumes",
      status: "open",
      expired: false,
      direction: "incoming",
    });
    expect(await listPaymentRequests(alice, { account: f.alice.address, direction: "outgoing" })).to.deep.equal([]);
    const [outgoing] = await listPaymentRequests(shop, { account: f.shop.address });
    expect(outgoing.direction).to.equal("outgoing");

    const paid = await payPaymentRequest(alice, { id: 1n });
    expect(paid.usedPermit).to.equal(true);
    expect(paid.amount).to.equal(1_250n);
    expect(await f.currency.balanceOf(f.shop.address)).to.equal(11_250n);
    expect(await f.currency.balanceOf(f.alice.address)).to.equal(8_750n);
    expect((await getPaymentRequest(alice, { id: 1n })).status).to.equal("paid");
    // Paid requests leave the default list, and stay in the full one.
    expect(await listPaymentRequests(alice, { account: f.alice.address })).to.deep.equal([]);
    const all = await listPaymentRequests(alice, { account: f.alice.address, includeClosed: true });
    expect(all.map((r) => [r.id, r.status])).to.deep.equal([[1n, "paid"]]);
  });

  it("pays with the allowance when it covers the amount", async function () {
    const shop = clientOf(f.shop);
    const alice = clientOf(f.alice);
    const { id } = await createPaymentRequest(shop, { payer: f.alice.address, amount: 500n });
    await f.currency.connect(f.alice).approve(f.requestsAddress, 10_000n);
    const paid = await payPaymentRequest(alice, { id });
    expect(paid.usedPermit).to.equal(false);
    expect(await f.currency.allowance(f.alice.address, f.requestsAddress)).to.equal(9_500n);
  });

  it("flags an open request past its expiry, which can still be rejected or cancelled", async function () {
    const shop = clientOf(f.shop);
    const alice = clientOf(f.alice);
    const bob = clientOf(f.bob);
    const expiresAt = (await time.latest()) + 600;
    const first = await createPaymentRequest(shop, { payer: f.alice.address, amount: 100n, expiresAt });
    const second = await createPaymentRequest(shop, {
      payer: f.alice.address,
      amount: 200n,
      expiresAt: new Date(expiresAt * 1000),
    });
    const third = await createPaymentRequest(bob, { payer: f.shop.address, amount: 300n, memo: "Refund" });
    await time.increaseTo(expiresAt);
    const request = await getPaymentRequest(alice, { id: first.id });
    expect(request).to.include({ status: "open", expired: true, expiresAt });

    const shopList = await listPaymentRequests(shop, { account: f.shop.address });
    expect(shopList.map((r) => [r.id, r.direction, r.expired])).to.deep.equal([
      [first.id, "outgoing", true],
      [second.id, "outgoing", true],
      [third.id, "incoming", false],
    ]);

    await rejectPaymentRequest(alice, { id: first.id });
    await cancelPaymentRequest(shop, { id: second.id });
    const closed = await listPaymentRequests(shop, { account: f.shop.address, includeClosed: true });
    expect(closed.map((r) => r.status)).to.deep.equal(["rejected", "cancelled", "open"]);
  });

  it("refuses bad input before sending, and reports the ledger's refusal decoded", async function () {
    const shop = clientOf(f.shop);
    const alice = clientOf(f.alice);
    const shopNonce = await ethers.provider.getTransactionCount(f.shop.address);
    const refusals: (() => Promise<unknown>)[] = [
      () => createPaymentRequest(shop, { payer: f.alice.address, amount: 1n, memo: "é".repeat(101) }),
      () => createPaymentRequest(shop, { payer: f.alice.address, amount: 0n }),
      () => createPaymentRequest(shop, { payer: f.alice.address, amount: 1n, expiresAt: -5 }),
      () => payPaymentRequest(alice, { id: 0n }),
      () => getPaymentRequest(alice, { id: 9n }),
      () => listPaymentRequests(alice, { account: f.alice.address, direction: "sideways" as "incoming" }),
    ];
    for (const refusal of refusals) {
      const error = await refusal().catch((e: unknown) => e);
      expect(error).to.be.instanceOf(InvalidInputError);
    }
    expect(await ethers.provider.getTransactionCount(f.shop.address)).to.equal(shopNonce);

    const missing = await createPaymentRequest(clientOf(f.shop, false), { payer: f.alice.address, amount: 1n }).catch(
      (e: unknown) => e,
    );
    expect(missing).to.be.instanceOf(ExtensionNotDeployedError);

    const { id } = await createPaymentRequest(shop, { payer: f.alice.address, amount: 10_001n });
    const error = await payPaymentRequest(alice, { id }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).to.equal("ERC20InsufficientBalance");
  });

  it("registers the request commands on the CLI", function () {
    const program = new Command("komuno");
    registerRequestCommands(program);
    const request = program.commands.find((c) => c.name() === "request")!;
    expect(request.commands.map((c) => c.name())).to.deep.equal(["create", "pay", "reject", "cancel", "list", "show"]);
    for (const command of request.commands) expect(command.description()).to.not.equal("");
  });
});
