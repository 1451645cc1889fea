import { expect } from "chai";
import { network } from "hardhat";

import { permitTypedData } from "../../sdk/permit.js";
import {
  authorizationNonce,
  currencyDomain,
  signCancelAuthorization,
  signPaymentAuthorization,
  type AuthorizationKind,
} from "../helpers/authorizations.js";
import { deployFundedCurrency, Status, type CurrencyFixture } from "../helpers/fixtures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

async function fundedCurrency() {
  return deployFundedCurrency(connection);
}

describe("Transfer authorizations (EIP-3009)", function () {
  let f: CurrencyFixture;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(fundedCurrency);
  });

  /** alice signs a payment of `value` to `to`, valid for an hour from now unless told otherwise. */
  async function aliceSigns(
    to: string,
    value: bigint,
    options: { label?: string; validAfter?: bigint; validBefore?: bigint; kind?: AuthorizationKind } = {},
  ) {
    const now = BigInt(await time.latest());
    return signPaymentAuthorization(
      f.currency,
      f.alice,
      {
        to,
        value,
        validAfter: options.validAfter ?? now - 1n,
        validBefore: options.validBefore ?? now + 3_600n,
        nonce: authorizationNonce(options.label ?? "default"),
      },
      options.kind,
    );
  }

  describe("transferWithAuthorization", function () {
    it("pays with the payer's signature, submitted by a relayer who is not a member", async function () {
      const { currency, alice, bob, outsider } = f;
      const auth = await aliceSigns(bob.address, 1_250n);
      const nonce = auth.message.nonce;
      expect(await currency.authorizationState(alice.address, nonce)).to.equal(false);

      const payment = await currency.connect(outsider).transferWithAuthorization(...auth.args());
      await expect(payment).to.emit(currency, "AuthorizationUsed").withArgs(alice.address, nonce);
      await expect(payment).to.emit(currency, "Transfer").withArgs(alice.address, bob.address, 1_250n);
      await expect(payment).to.changeTokenBalances(ethers, currency, [alice, bob, outsider], [-1_250n, 1_250n, 0n]);
      expect(await currency.authorizationState(alice.address, nonce)).to.equal(true);
      expect(await currency.totalSupply()).to.equal(30_000n);

      const receipt = (await payment.wait())!;
      console.log(`      gas of a transferWithAuthorization (no fee): ${receipt.gasUsed}`);
    });

    it("rejects a replayed authorization", async function () {
      const { currency, alice, bob, outsider } = f;
      const auth = await aliceSigns(bob.address, 1_000n);
      await currency.connect(outsider).transferWithAuthorization(...auth.args());
      await expect(currency.connect(outsider).transferWithAuthorization(...auth.args()))
        .to.be.revertedWithCustomError(currency, "AuthorizationAlreadyUsed")
        .withArgs(alice.address, auth.message.nonce);
      expect(await currency.balanceOf(bob.address)).to.equal(11_000n);
    });

    it("accepts authorizations in any order of their nonces", async function () {
      const { currency, alice, bob, outsider } = f;
      const second = await aliceSigns(bob.address, 200n, { label: "second" });
      const first = await aliceSigns(bob.address, 100n, { label: "first" });
      await currency.connect(outsider).transferWithAuthorization(...second.args());
      await currency.connect(outsider).transferWithAuthorization(...first.args());
      expect(await currency.balanceOf(alice.address)).to.equal(9_700n);
      expect(await currency.authorizationState(alice.address, first.message.nonce)).to.equal(true);
      expect(await currency.authorizationState(alice.address, second.message.nonce)).to.equal(true);
    });

    it("rejects an authorization until the block after validAfter", async function () {
      const { currency, alice, bob, outsider } = f;
      const validAfter = BigInt(await time.latest()) + 1_000n;
      const auth = await aliceSigns(bob.address, 500n, { validAfter, validBefore: validAfter + 3_600n });
      await expect(currency.connect(outsider).transferWithAuthorization(...auth.args()))
        .to.be.revertedWithCustomError(currency, "AuthorizationNotYetValid")
        .withArgs(validAfter);
      await time.setNextBlockTimestamp(validAfter);
      await expect(currency.connect(outsider).transferWithAuthorization(...auth.args()))
        .to.be.revertedWithCustomError(currency, "AuthorizationNotYetValid")
        .withArgs(validAfter);
      expect(await currency.authorizationState(alice.address, auth.message.nonce)).to.equal(false);

      await time.setNextBlockTimestamp(validAfter + 1n);
      await expect(currency.connect(outsider).transferWithAuthorization(...auth.args())).to.changeTokenBalances(
        ethers,
        currency,
        [alice, bob],
        [-500n, 500n],
      );
    });

    it("rejects an authorization from validBefore on", async function () {
      const { currency, alice, bob, outsider } = f;
      const validBefore = BigInt(await time.latest()) + 100n;
      const auth = await aliceSigns(bob.address, 500n, { validBefore });
      await time.setNextBlockTimestamp(validBefore);
      await expect(currency.connect(outsider).transferWithAuthorization(...auth.args()))
        .to.be.revertedWithCustomError(currency, "AuthorizationExpired")
        .withArgs(validBefore);
      await time.increaseTo(validBefore + 1_000n);
      await expect(currency.connect(outsider).transferWithAuthorization(...auth.args()))
        .to.be.revertedWithCustomError(currency, "AuthorizationExpired")
        .withArgs(validBefore);
      expect(await currency.authorizationState(alice.address, auth.message.nonce)).to.equal(false);
      expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
    });

    it("rejects a window longer than a day, so a payment signed before a fee rise never meets it (regression)", async function () {
      const { currency, governor, alice, shop, outsider } = f;
      const now = BigInt(await time.latest());
      const day = await currency.MAX_AUTHORIZATION_VALIDITY();
      expect(day).to.equal(86_400n);
      const longLived = await aliceSigns(shop.address, 1_000n, { validAfter: now - 1n, validBefore: now + day });
      await expect(currency.connect(outsider).transferWithAuthorization(...longLived.args()))
        .to.be.revertedWithCustomError(currency, "AuthorizationValidityTooLong")
        .withArgs(now - 1n, now + day, day);
      // The attack it stops: a fee raised to the maximum two days later meets no authorization signed today.
      const today = await aliceSigns(shop.address, 1_000n, {
        label: "today",
        validAfter: now - 1n,
        validBefore: now + day - 1n,
      });
      await time.increase(2n * day);
      await currency.connect(governor).setPaymentFees(0, await currency.MAX_FEE_BPS(), 0);
      await expect(currency.connect(outsider).transferWithAuthorization(...today.args()))
        .to.be.revertedWithCustomError(currency, "AuthorizationExpired")
        .withArgs(now + day - 1n);
      expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
    });

    it("rejects an authorization signed by someone else than the payer", async function () {
      const { currency, alice, bob, outsider } = f;
      const now = BigInt(await time.latest());
      const forged = await signPaymentAuthorization(currency, bob, {
        from: alice.address,
        to: bob.address,
        value: 5_000n,
        validAfter: now - 1n,
        validBefore: now + 3_600n,
        nonce: authorizationNonce("forged"),
      });
      expect(forged.recoveredFor()).to.equal(bob.address);
      await expect(currency.connect(outsider).transferWithAuthorization(...forged.args()))
        .to.be.revertedWithCustomError(currency, "InvalidAuthorizationSigner")
        .withArgs(bob.address, alice.address);
      expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
    });

    it("rejects a signature submitted with a tampered value, payee or nonce", async function () {
      const { currency, alice, bob, shop, outsider } = f;
      const auth = await aliceSigns(bob.address, 100n);
      for (const changes of [{ value: 10_000n }, { to: shop.address }, { nonce: authorizationNonce("other") }]) {
        const recovered = auth.recoveredFor(changes);
        expect(recovered).to.not.equal(alice.address);
        await expect(currency.connect(outsider).transferWithAuthorization(...auth.args(changes)))
          .to.be.revertedWithCustomError(currency, "InvalidAuthorizationSigner")
          .withArgs(recovered, alice.address);
      }
      expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
      expect(await currency.authorizationState(alice.address, auth.message.nonce)).to.equal(false);
    });
  });

  describe("receiveWithAuthorization", function () {
    it("can only be submitted by the payee", async function () {
      const { currency, alice, bob, outsider } = f;
      const auth = await aliceSigns(bob.address, 700n, { kind: "ReceiveWithAuthorization" });
      await expect(currency.connect(outsider).receiveWithAuthorization(...auth.args()))
        .to.be.revertedWithCustomError(currency, "CallerNotPayee")
        .withArgs(outsider.address, bob.address);
      await expect(currency.connect(alice).receiveWithAuthorization(...auth.args()))
        .to.be.revertedWithCustomError(currency, "CallerNotPayee")
        .withArgs(alice.address, bob.address);

      const payment = await currency.connect(bob).receiveWithAuthorization(...auth.args());
      await expect(payment).to.emit(currency, "AuthorizationUsed").withArgs(alice.address, auth.message.nonce);
      await expect(payment).to.emit(currency, "Transfer").withArgs(alice.address, bob.address, 700n);
      await expect(payment).to.changeTokenBalances(ethers, currency, [alice, bob], [-700n, 700n]);
      expect(await currency.authorizationState(alice.address, auth.message.nonce)).to.equal(true);
    });

    it("does not accept a transfer authorization as a receive authorization, nor the reverse", async function () {
      const { currency, alice, bob, outsider } = f;
      const transfer = await aliceSigns(bob.address, 100n, { label: "transfer" });
      await expect(currency.connect(bob).receiveWithAuthorization(...transfer.args()))
        .to.be.revertedWithCustomError(currency, "InvalidAuthorizationSigner")
        .withArgs(transfer.recoveredFor({}, "ReceiveWithAuthorization"), alice.address);
      const receive = await aliceSigns(bob.address, 100n, { label: "receive", kind: "ReceiveWithAuthorization" });
      await expect(currency.connect(outsider).transferWithAuthorization(...receive.args()))
        .to.be.revertedWithCustomError(currency, "InvalidAuthorizationSigner")
        .withArgs(receive.recoveredFor({}, "TransferWithAuthorization"), alice.address);
    });
  });

  describe("cancelAuthorization", function () {
    it("cancels an unused authorization, which can then be neither used nor cancelled again", async function () {
      const { currency, alice, bob, outsider } = f;
      const auth = await aliceSigns(bob.address, 100n);
      const nonce = auth.message.nonce;
      const cancel = await signCancelAuthorization(currency, alice, nonce);
      await expect(currency.connect(outsider).cancelAuthorization(...cancel.args))
        .to.emit(currency, "AuthorizationCanceled")
        .withArgs(alice.address, nonce);
      expect(await currency.authorizationState(alice.address, nonce)).to.equal(true);

      await expect(currency.connect(outsider).transferWithAuthorization(...auth.args()))
        .to.be.revertedWithCustomError(currency, "AuthorizationAlreadyUsed")
        .withArgs(alice.address, nonce);
      await expect(currency.connect(outsider).cancelAuthorization(...cancel.args))
        .to.be.revertedWithCustomError(currency, "AuthorizationAlreadyUsed")
        .withArgs(alice.address, nonce);
      expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
    });

    it("cannot cancel an authorization already used", async function () {
      const { currency, alice, bob, outsider } = f;
      const auth = await aliceSigns(bob.address, 100n);
      await currency.connect(outsider).transferWithAuthorization(...auth.args());
      const cancel = await signCancelAuthorization(currency, alice, auth.message.nonce);
      await expect(currency.connect(outsider).cancelAuthorization(...cancel.args))
        .to.be.revertedWithCustomError(currency, "AuthorizationAlreadyUsed")
        .withArgs(alice.address, auth.message.nonce);
    });

    it("rejects a cancellation not signed by the authorizer, and the authorization stays usable", async function () {
      const { currency, alice, bob, outsider } = f;
      const auth = await aliceSigns(bob.address, 100n);
      const nonce = auth.message.nonce;
      const forged = await signCancelAuthorization(currency, bob, nonce, alice.address);
      await expect(currency.connect(outsider).cancelAuthorization(...forged.args))
        .to.be.revertedWithCustomError(currency, "InvalidAuthorizationSigner")
        .withArgs(bob.address, alice.address);
      expect(await currency.authorizationState(alice.address, nonce)).to.equal(false);
      await expect(currency.connect(outsider).transferWithAuthorization(...auth.args())).to.changeTokenBalance(
        ethers,
        currency,
        bob,
        100n,
      );
    });
  });

  it("keeps its nonces apart from the permit nonces", async function () {
    const { currency, alice, bob, outsider } = f;
    await currency.connect(outsider).transferWithAuthorization(...(await aliceSigns(bob.address, 100n)).args());
    expect(await currency.nonces(alice.address)).to.equal(0n);

    const deadline = BigInt(await time.latest()) + 3_600n;
    const { domain, types, message } = permitTypedData({
      ...(await currencyDomain(currency)),
      owner: alice.address,
      spender: bob.address,
      value: 300n,
      nonce: 0n,
      deadline,
    });
    const { v, r, s } = ethers.Signature.from(await alice.signTypedData(domain, types, message));
    await currency.connect(outsider).permit(alice.address, bob.address, 300n, deadline, v, r, s);
    expect(await currency.allowance(alice.address, bob.address)).to.equal(300n);
    expect(await currency.nonces(alice.address)).to.equal(1n);

    const next = await aliceSigns(bob.address, 100n, { label: "after the permit" });
    await expect(currency.connect(outsider).transferWithAuthorization(...next.args())).to.changeTokenBalance(
      ethers,
      currency,
      bob,
      100n,
    );
  });

  describe("every ledger rule still applies, and a refused payment leaves the authorization unused", function () {
    it("refuses a frozen payer, and pays once the payer is unfrozen", async function () {
      const { currency, manager, alice, bob, outsider } = f;
      const auth = await aliceSigns(bob.address, 100n);
      await currency.connect(manager).freeze(alice.address);
      await expect(currency.connect(outsider).transferWithAuthorization(...auth.args()))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(alice.address, Status.Frozen);
      expect(await currency.authorizationState(alice.address, auth.message.nonce)).to.equal(false);

      await currency.connect(manager).unfreeze(alice.address);
      await expect(currency.connect(outsider).transferWithAuthorization(...auth.args())).to.changeTokenBalance(
        ethers,
        currency,
        bob,
        100n,
      );
    });

    it("refuses a payee that was never admitted", async function () {
      const { currency, alice, outsider } = f;
      const auth = await aliceSigns(outsider.address, 100n);
      await expect(currency.connect(outsider).transferWithAuthorization(...auth.args()))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(outsider.address, Status.None);
      expect(await currency.authorizationState(alice.address, auth.message.nonce)).to.equal(false);
    });

    it("refuses to pay while the currency is paused", async function () {
      const { currency, pauser, alice, bob, outsider } = f;
      const auth = await aliceSigns(bob.address, 100n);
      await currency.connect(pauser).pause();
      await expect(currency.connect(outsider).transferWithAuthorization(...auth.args())).to.be.revertedWithCustomError(
        currency,
        "EnforcedPause",
      );
      expect(await currency.authorizationState(alice.address, auth.message.nonce)).to.equal(false);
    });

    it("refuses a payment above the payer's balance", async function () {
      const { currency, alice, bob, outsider } = f;
      const auth = await aliceSigns(bob.address, 10_001n);
      await expect(currency.connect(outsider).transferWithAuthorization(...auth.args()))
        .to.be.revertedWithCustomError(currency, "ERC20InsufficientBalance")
        .withArgs(alice.address, 10_000n, 10_001n);
      expect(await currency.authorizationState(alice.address, auth.message.nonce)).to.equal(false);
      expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
    });
  });
});
