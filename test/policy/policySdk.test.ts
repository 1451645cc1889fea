import { expect } from "chai";
import { network } from "hardhat";

import { getPaymentPolicy, quotePayment, setPaymentFees, setTransferRule } from "../../sdk/actions/policy/index.js";
import {
  cancelTransferAuthorization,
  getAuthorizationState,
  getSigningDomain,
  relayTransferAuthorization,
  signPaymentAuthorization,
} from "../../sdk/actions/relay/index.js";
import { pay } from "../../sdk/actions/wallet/pay.js";
import {
  AuthorizationAlreadyUsedError,
  AuthorizationExpiredError,
  AuthorizationNotYetValidError,
  ContractRevertError,
  InvalidInputError,
} from "../../sdk/errors.js";
import {
  signCancelAuthorization,
  signTransferAuthorization,
  type SignedTransferAuthorization,
} from "../../sdk/transferAuthorization.js";
import { deployFundedCurrency, Kind, type CurrencyFixture } from "../helpers/fixtures.js";
import { failure, sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function fundedCurrency(): Promise<CurrencyFixture> {
  return deployFundedCurrency(connection);
}

describe("SDK: payment fees, transfer rules and signed payments", function () {
  let f: CurrencyFixture;
  let gasPrinted = false;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(fundedCurrency);
  });

  async function clientOf(signer?: CurrencyFixture["alice"]) {
    return sdkClient(f, signer);
  }

  async function balances() {
    const { currency, alice, shop, association } = f;
    return Promise.all([alice, shop, association].map((m) => currency.balanceOf(m.address)));
  }

  /** alice's signed payment of 10.00 to shop, as the relayer receives it: JSON text parsed back. */
  async function aliceAuthorizes(params: { kind?: "transfer" | "receive"; validForSeconds?: number } = {}) {
    const authorization = await signPaymentAuthorization(await clientOf(f.alice), {
      to: f.shop.address,
      amount: 1_000n,
      ...params,
    });
    return JSON.parse(JSON.stringify(authorization)) as SignedTransferAuthorization;
  }

  it("sets fees, quotes a payment, and the payee receives what was quoted", async function () {
    const { governor, alice, shop } = f;
    await setPaymentFees(await clientOf(governor), { person: 0, business: 150, association: 25 });
    // A kind left out keeps its fee.
    const partial = await setPaymentFees(await clientOf(governor), { association: 30 });
    expect(partial.fees).to.deep.equal({ person: 0, business: 150, association: 30 });
    await setPaymentFees(await clientOf(governor), { association: 25 });
    expect(await getPaymentPolicy(await clientOf())).to.deep.equal({
      fees: { person: 0, business: 150, association: 25 },
      forbidden: [],
    });
    const quote = await quotePayment(await clientOf(alice), { to: shop.address, amount: 1_001n });
    expect(quote).to.deep.equal({ amount: 1_001n, fee: 15n, received: 986n, recipientKind: "business", feeBps: 150 });
    expect(await quotePayment(await clientOf(), { to: f.bob.address, amount: 1_001n })).to.include({ fee: 0n });

    const [aliceBefore, shopBefore, feesBefore] = await balances();
    await pay(await clientOf(alice), { to: shop.address, amount: 1_001n });
    expect(await balances()).to.deep.equal([aliceBefore - 1_001n, shopBefore + 986n, feesBefore + 15n]);
  });

  it("checks fees, kinds and the recipient before sending anything", async function () {
    const { governor, outsider } = f;
    const asGovernor = await clientOf(governor);
    const sent = await ethers.provider.getTransactionCount(governor.address);
    for (const [fees, field] of [
      [{ person: 10_001, business: 0, association: 0 }, "fees.person"],
      [{ person: 0, business: 1.5, association: 0 }, "fees.business"],
      [{ person: 0, business: 0, association: -1 }, "fees.association"],
      [{}, "fees"],
      [{ person: 0, bank: 10 }, "fees.bank"],
      [{ person: 0, business: 10n, association: 0 }, "fees.business"],
    ] as const) {
      const error = await failure(setPaymentFees(asGovernor, fees as never));
      expect(error).to.be.instanceOf(InvalidInputError).and.include({ field });
    }
    for (const [rule, field] of [
      [{ from: "none", to: "person", forbidden: true }, "from"],
      [{ from: "person", to: "bank", forbidden: true }, "to"],
      [{ from: "person", to: "business", forbidden: "yes" }, "forbidden"],
    ] as const) {
      const error = await failure(setTransferRule(asGovernor, rule as never));
      expect(error).to.be.instanceOf(InvalidInputError).and.include({ field });
    }
    expect(await ethers.provider.getTransactionCount(governor.address)).to.equal(sent);
    const error = await failure(quotePayment(asGovernor, { to: outsider.address, amount: 100n }));
    expect(error).to.be.instanceOf(InvalidInputError).and.include({ field: "to" });
    expect(await failure(quotePayment(asGovernor, { to: f.shop.address, amount: 0n }))).to.be.instanceOf(
      InvalidInputError,
    );
  });

  it("refuses a payment between forbidden kinds with the decoded revert, until allowed again", async function () {
    const { governor, alice, shop, bob } = f;
    const asGovernor = await clientOf(governor);
    await setTransferRule(asGovernor, { from: "person", to: "business", forbidden: true });
    await setTransferRule(asGovernor, { from: "business", to: "association", forbidden: true });
    expect((await getPaymentPolicy(asGovernor)).forbidden).to.deep.equal([
      { from: "person", to: "business" },
      { from: "business", to: "association" },
    ]);

    const error = (await failure(
      pay(await clientOf(alice), { to: shop.address, amount: 100n }),
    )) as ContractRevertError;
    expect(error).to.be.instanceOf(ContractRevertError).and.include({ errorName: "PaymentBetweenKindsForbidden" });
    expect(error.args).to.deep.equal({ fromKind: Kind.Person, toKind: Kind.Business });
    // A signed payment obeys the same rule: the relay's checks pass, the ledger refuses.
    const relayed = await failure(
      relayTransferAuthorization(await clientOf(bob), { authorization: await aliceAuthorizes() }),
    );
    expect(relayed).to.be.instanceOf(ContractRevertError).and.include({ errorName: "PaymentBetweenKindsForbidden" });

    await setTransferRule(asGovernor, { from: "person", to: "business", forbidden: false });
    expect((await getPaymentPolicy(asGovernor)).forbidden).to.deep.equal([{ from: "business", to: "association" }]);
    await pay(await clientOf(alice), { to: shop.address, amount: 100n });
  });

  it("relays alice's signed payment from a third account, which pays the gas, fee included", async function () {
    const { governor, alice, bob } = f;
    await setPaymentFees(await clientOf(governor), { person: 0, business: 150, association: 0 });
    const authorization = await aliceAuthorizes({ validForSeconds: 600 });
    const asBob = await clientOf(bob);
    expect(await getAuthorizationState(asBob, { authorizer: alice.address, nonce: authorization.nonce })).to.equal(
      false,
    );
    const [aliceBefore, shopBefore, feesBefore] = await balances();
    const result = await relayTransferAuthorization(asBob, { authorization });
    if (!gasPrinted) {
      console.log(`      gas of a relayed transferWithAuthorization with a fee: ${result.receipt.gasUsed}`);
      gasPrinted = true;
    }
    expect(result.receipt.from).to.equal(bob.address);
    expect(await balances()).to.deep.equal([aliceBefore - 1_000n, shopBefore + 985n, feesBefore + 15n]);
    expect(await ethers.provider.getTransactionCount(alice.address)).to.equal(0);
    expect(await getAuthorizationState(asBob, { authorizer: alice.address, nonce: authorization.nonce })).to.equal(
      true,
    );
  });

  it("refuses, before sending, an authorization used, expired, not yet valid, forged or for another currency", async function () {
    const { alice, bob, shop } = f;
    const asBob = await clientOf(bob);
    const used = await aliceAuthorizes();
    await relayTransferAuthorization(asBob, { authorization: used });
    const expiring = await aliceAuthorizes({ validForSeconds: 60 });
    const { timestamp } = (await ethers.provider.getBlock("latest"))!;
    // A wallet signing offline with the domain it read from the chain earlier.
    const domain = await getSigningDomain(asBob);
    expect(domain).to.deep.equal({
      currency: await f.currency.getAddress(),
      chainId: 31337,
      name: await f.currency.name(),
      version: "1",
    });
    const early = await signTransferAuthorization(alice, {
      ...domain,
      to: shop.address,
      value: 100n,
      validAfter: BigInt(timestamp + 1_000),
      validBefore: BigInt(timestamp + 2_000),
    });
    await networkHelpers.time.increase(61);
    const sent = await ethers.provider.getTransactionCount(bob.address);

    expect(await failure(relayTransferAuthorization(asBob, { authorization: used })))
      .to.be.instanceOf(AuthorizationAlreadyUsedError)
      .and.include({ authorizer: alice.address, nonce: used.nonce });
    expect(await failure(relayTransferAuthorization(asBob, { authorization: expiring })))
      .to.be.instanceOf(AuthorizationExpiredError)
      .and.include({ validBefore: BigInt(expiring.validBefore) });
    expect(await failure(relayTransferAuthorization(asBob, { authorization: early })))
      .to.be.instanceOf(AuthorizationNotYetValidError)
      .and.include({ validAfter: BigInt(early.validAfter) });
    const fresh = await aliceAuthorizes();
    for (const [forged, field] of [
      [{ ...fresh, value: "100000" }, "authorization.signature"],
      [{ ...fresh, to: bob.address }, "authorization.signature"],
      [{ ...fresh, currency: shop.address }, "authorization.currency"],
      [{ ...fresh, name: "Another currency" }, "authorization.name"],
      [{ ...fresh, version: "2" }, "authorization.version"],
      [{ ...fresh, chainId: 46330 }, "authorization.chainId"],
      [JSON.stringify(fresh).slice(1), "authorization"],
    ] as const) {
      const error = await failure(relayTransferAuthorization(asBob, { authorization: forged }));
      expect(error).to.be.instanceOf(InvalidInputError).and.include({ field });
    }
    expect(await ethers.provider.getTransactionCount(bob.address)).to.equal(sent);
  });

  it("lets only the payee submit a receive authorization", async function () {
    const { bob, shop } = f;
    const authorization = await aliceAuthorizes({ kind: "receive" });
    const error = await failure(relayTransferAuthorization(await clientOf(bob), { authorization }));
    expect(error).to.be.instanceOf(InvalidInputError).and.include({ field: "authorization.kind" });
    const [, shopBefore] = await balances();
    await relayTransferAuthorization(await clientOf(shop), { authorization });
    expect((await balances())[1]).to.equal(shopBefore + 1_000n);
  });

  it("cancels an unused authorization, by its authorizer or through a relayer", async function () {
    const { alice, bob } = f;
    const asAlice = await clientOf(alice);
    const asBob = await clientOf(bob);
    const first = await aliceAuthorizes();
    await cancelTransferAuthorization(asAlice, { nonce: first.nonce });
    expect(await getAuthorizationState(asBob, { authorizer: alice.address, nonce: first.nonce })).to.equal(true);
    expect(await failure(relayTransferAuthorization(asBob, { authorization: first }))).to.be.instanceOf(
      AuthorizationAlreadyUsedError,
    );
    expect(await failure(cancelTransferAuthorization(asAlice, { nonce: first.nonce }))).to.be.instanceOf(
      AuthorizationAlreadyUsedError,
    );

    const second = await aliceAuthorizes();
    const cancellation = await signCancelAuthorization(alice, { ...second, nonce: second.nonce });
    await cancelTransferAuthorization(asBob, { cancellation: JSON.stringify(cancellation) });
    expect(await failure(relayTransferAuthorization(asBob, { authorization: second }))).to.be.instanceOf(
      AuthorizationAlreadyUsedError,
    );
    const forged = { ...cancellation, authorizer: bob.address };
    expect(await failure(cancelTransferAuthorization(asBob, { cancellation: forged })))
      .to.be.instanceOf(InvalidInputError)
      .and.include({ field: "cancellation.signature" });
  });
});
