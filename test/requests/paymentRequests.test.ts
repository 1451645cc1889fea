import { expect } from "chai";
import { network } from "hardhat";

import { permitTypedData } from "../../sdk/permit.js";
import type { PaymentRequests } from "../../types/ethers-contracts/index.js";
import { currencyDomain } from "../helpers/authorizations.js";
import { deployFundedCurrency, Status, type CurrencyFixture } from "../helpers/fixtures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const RequestStatus = { None: 0n, Open: 1n, Paid: 2n, Rejected: 3n, Cancelled: 4n } as const;

interface RequestsFixture extends CurrencyFixture {
  requests: PaymentRequests;
  requestsAddress: string;
}

async function deployRequests(): Promise<RequestsFixture> {
  const fixture = await deployFundedCurrency(connection);
  return { ...fixture, requestsAddress: await fixture.requests.getAddress() };
}

describe("Payment requests", function () {
  let f: RequestsFixture;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(deployRequests);
  });

  /** The shop asks alice for `amount` cents; returns the new id. */
  async function shopRequests(amount: bigint, expiresAt = 0n, memo = "2 baguettes") {
    await f.requests.connect(f.shop).create(f.alice.address, amount, expiresAt, memo);
    return await f.requests.requestCount();
  }

  async function approveRequests(amount: bigint) {
    await f.currency.connect(f.alice).approve(f.requestsAddress, amount);
  }

  async function signPermit(value: bigint, deadline: bigint, signer = f.alice, owner = f.alice.address) {
    const { domain, types, message } = permitTypedData({
      ...(await currencyDomain(f.currency)),
      owner,
      spender: f.requestsAddress,
      value,
      nonce: await f.currency.nonces(owner),
      deadline,
    });
    return ethers.Signature.from(await signer.signTypedData(domain, types, message));
  }

  describe("deployment", function () {
    it("is bound to its currency and refuses the zero address", async function () {
      const { requests, currency } = f;
      expect(await requests.currency()).to.equal(await currency.getAddress());
      expect(await requests.requestCount()).to.equal(0n);
      await expect(ethers.deployContract("PaymentRequests", [ethers.ZeroAddress]))
        .to.be.revertedWithCustomError(requests, "InvalidCurrency")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("create", function () {
    it("opens a request with sequential ids, the memo only in the event", async function () {
      const { requests, shop, alice, bob } = f;
      const expiresAt = BigInt(await time.latest()) + 3_600n;
      const creation = await requests.connect(shop).create(alice.address, 1_250n, expiresAt, "Order #42");
      await expect(creation)
        .to.emit(requests, "PaymentRequested")
        .withArgs(1n, shop.address, alice.address, 1_250n, expiresAt, "Order #42");
      const receipt = (await creation.wait())!;
      console.log(`      gas of create (memo of 9 bytes, with expiry): ${receipt.gasUsed}`);
      expect(await requests.requestOf(1n)).to.deep.equal([
        shop.address,
        alice.address,
        1_250n,
        expiresAt,
        RequestStatus.Open,
        0n, // no fee on payments to the shop when it asked
      ]);
      await expect(requests.connect(bob).create(alice.address, 1n, 0n, ""))
        .to.emit(requests, "PaymentRequested")
        .withArgs(2n, bob.address, alice.address, 1n, 0n, "");
      expect(await requests.requestCount()).to.equal(2n);
    });

    it("moves no money", async function () {
      const { requests, currency, shop, alice } = f;
      await expect(requests.connect(shop).create(alice.address, 1_000n, 0n, "")).to.changeTokenBalances(
        ethers,
        currency,
        [shop, alice],
        [0n, 0n],
      );
    });

    it("rejects a zero amount and an amount that does not fit a request", async function () {
      const { requests, shop, alice } = f;
      await expect(requests.connect(shop).create(alice.address, 0n, 0n, "")).to.be.revertedWithCustomError(
        requests,
        "ZeroAmount",
      );
      const tooLarge = 2n ** 96n;
      await expect(requests.connect(shop).create(alice.address, tooLarge, 0n, ""))
        .to.be.revertedWithCustomError(requests, "AmountTooLarge")
        .withArgs(tooLarge);
      await expect(requests.connect(shop).create(alice.address, tooLarge - 1n, 0n, "")).to.emit(
        requests,
        "PaymentRequested",
      );
    });

    it("rejects an expiry that is not in the future", async function () {
      const { requests, shop, alice } = f;
      const now = BigInt(await time.latest());
      await time.setNextBlockTimestamp(now + 10n);
      await expect(requests.connect(shop).create(alice.address, 1n, now + 10n, ""))
        .to.be.revertedWithCustomError(requests, "InvalidExpiry")
        .withArgs(now + 10n, now + 10n);
      await expect(requests.connect(shop).create(alice.address, 1n, 1n, ""))
        .to.be.revertedWithCustomError(requests, "InvalidExpiry")
        .withArgs(1n, now + 10n); // nothing was mined: the pending block still has that time
    });

    it("rejects a memo longer than 200 bytes (counted in UTF-8 bytes, not characters)", async function () {
      const { requests, shop, alice } = f;
      expect(await requests.MAX_MEMO_LENGTH()).to.equal(200n);
      await expect(requests.connect(shop).create(alice.address, 1n, 0n, "x".repeat(200))).to.emit(
        requests,
        "PaymentRequested",
      );
      await expect(requests.connect(shop).create(alice.address, 1n, 0n, "x".repeat(201)))
        .to.be.revertedWithCustomError(requests, "MemoTooLong")
        .withArgs(201n, 200n);
      await expect(requests.connect(shop).create(alice.address, 1n, 0n, "é".repeat(101)))
        .to.be.revertedWithCustomError(requests, "MemoTooLong")
        .withArgs(202n, 200n);
    });

    it("rejects the zero address or the requester as payer", async function () {
      const { requests, shop } = f;
      await expect(requests.connect(shop).create(ethers.ZeroAddress, 1n, 0n, ""))
        .to.be.revertedWithCustomError(requests, "InvalidPayer")
        .withArgs(ethers.ZeroAddress);
      await expect(requests.connect(shop).create(shop.address, 1n, 0n, ""))
        .to.be.revertedWithCustomError(requests, "InvalidPayer")
        .withArgs(shop.address);
    });

    it("needs an active requester and an active payer", async function () {
      const { requests, manager, shop, alice, outsider } = f;
      await expect(requests.connect(outsider).create(alice.address, 1n, 0n, ""))
        .to.be.revertedWithCustomError(requests, "AccountNotActive")
        .withArgs(outsider.address, Status.None);
      await expect(requests.connect(shop).create(outsider.address, 1n, 0n, ""))
        .to.be.revertedWithCustomError(requests, "AccountNotActive")
        .withArgs(outsider.address, Status.None);
      await f.currency.connect(manager).freeze(alice.address);
      await expect(requests.connect(shop).create(alice.address, 1n, 0n, ""))
        .to.be.revertedWithCustomError(requests, "AccountNotActive")
        .withArgs(alice.address, Status.Frozen);
      await expect(requests.connect(alice).create(shop.address, 1n, 0n, ""))
        .to.be.revertedWithCustomError(requests, "AccountNotActive")
        .withArgs(alice.address, Status.Frozen);
      expect(await requests.requestCount()).to.equal(0n);
    });

    it("is allowed while the currency is paused: no money moves", async function () {
      const { requests, currency, pauser, shop, alice } = f;
      await currency.connect(pauser).pause();
      await expect(requests.connect(shop).create(alice.address, 1n, 0n, "")).to.emit(requests, "PaymentRequested");
    });
  });

  describe("create with a reference", function () {
    const invoice = ethers.id("Facture 42");

    it("records the requester's reference, and refuses a second request under it (a retry asks only once)", async function () {
      const { requests, shop, alice, bob } = f;
      const created = requests.connect(shop).createWithReference(alice.address, 1_250n, 0n, "Facture 42", invoice);
      await expect(created)
        .to.emit(requests, "PaymentRequested")
        .withArgs(1n, shop.address, alice.address, 1_250n, 0n, "Facture 42");
      await expect(created).to.emit(requests, "PaymentRequestReferenced").withArgs(1n, shop.address, invoice);
      expect(await requests.requestIdByReference(shop.address, invoice)).to.equal(1n);
      await expect(requests.connect(shop).createWithReference(alice.address, 1_250n, 0n, "Facture 42", invoice))
        .to.be.revertedWithCustomError(requests, "RequestReferenceUsed")
        .withArgs(shop.address, invoice, 1n);
      expect(await requests.requestCount()).to.equal(1n);
      // References are the requester's own: another member may use the same text.
      await requests.connect(bob).createWithReference(alice.address, 300n, 0n, "", invoice);
      expect(await requests.requestIdByReference(bob.address, invoice)).to.equal(2n);
    });

    it("applies every rule of create, and keeps the reference free when refused", async function () {
      const { requests, shop } = f;
      await expect(requests.connect(shop).createWithReference(shop.address, 1n, 0n, "", invoice))
        .to.be.revertedWithCustomError(requests, "InvalidPayer")
        .withArgs(shop.address);
      expect(await requests.requestIdByReference(shop.address, invoice)).to.equal(0n);
    });
  });

  describe("pay", function () {
    it("moves exactly the amount from the payer to the requester, within the payer's allowance", async function () {
      const { requests, currency, shop, alice } = f;
      const id = await shopRequests(1_250n);
      await approveRequests(2_000n);
      const aliceBefore = await currency.balanceOf(alice.address);
      const shopBefore = await currency.balanceOf(shop.address);
      const payment = await requests.connect(alice).pay(id);
      await expect(payment).to.emit(requests, "PaymentRequestPaid").withArgs(id, alice.address, shop.address, 1_250n);
      await expect(payment).to.emit(currency, "Transfer").withArgs(alice.address, shop.address, 1_250n);
      const receipt = (await payment.wait())!;
      console.log(`      gas of pay (allowance given beforehand): ${receipt.gasUsed}`);
      expect(await currency.balanceOf(alice.address)).to.equal(aliceBefore - 1_250n);
      expect(await currency.balanceOf(shop.address)).to.equal(shopBefore + 1_250n);
      expect(await currency.balanceOf(f.requestsAddress)).to.equal(0n);
      expect(await currency.allowance(alice.address, f.requestsAddress)).to.equal(750n);
      expect((await requests.requestOf(id)).status).to.equal(RequestStatus.Paid);
    });

    it("refuses to be paid once the fee on its requester rose since it was made (regression: the fee front-run)", async function () {
      const { requests, currency, governor, shop, alice } = f;
      await currency.connect(governor).setPaymentFees(0, 100, 0);
      const id = await shopRequests(2_000n);
      expect((await requests.requestOf(id)).feeBps).to.equal(100n);
      await approveRequests(10_000n);
      // The governor raises the fee on businesses after the shop asked: the shop would receive less than it saw.
      await currency.connect(governor).setPaymentFees(0, 500, 0);
      await expect(requests.connect(alice).pay(id))
        .to.be.revertedWithCustomError(requests, "FeeRaisedSinceRequest")
        .withArgs(id, 100n, 500n);
      expect(await currency.balanceOf(shop.address)).to.equal(10_000n);
      // A fee lowered since is no surprise to anyone: the request pays.
      await currency.connect(governor).setPaymentFees(0, 50, 0);
      await expect(requests.connect(alice).pay(id)).to.changeTokenBalances(
        ethers,
        currency,
        [alice, shop],
        [-2_000n, 1_990n],
      );
    });

    it("is paid at most once", async function () {
      const { requests, currency, alice } = f;
      const id = await shopRequests(1_000n);
      await approveRequests(10_000n);
      await requests.connect(alice).pay(id);
      await expect(requests.connect(alice).pay(id))
        .to.be.revertedWithCustomError(requests, "RequestNotOpen")
        .withArgs(id, RequestStatus.Paid);
      expect(await currency.allowance(alice.address, f.requestsAddress)).to.equal(9_000n);
    });

    it("is paid by the payer only", async function () {
      const { requests, currency, shop, bob } = f;
      const id = await shopRequests(1_000n);
      await currency.connect(bob).approve(f.requestsAddress, 1_000n);
      await expect(requests.connect(bob).pay(id))
        .to.be.revertedWithCustomError(requests, "NotRequestPayer")
        .withArgs(id, bob.address);
      await expect(requests.connect(shop).pay(id))
        .to.be.revertedWithCustomError(requests, "NotRequestPayer")
        .withArgs(id, shop.address);
    });

    it("rejects an unknown request", async function () {
      await expect(f.requests.connect(f.alice).pay(7n))
        .to.be.revertedWithCustomError(f.requests, "RequestNotOpen")
        .withArgs(7n, RequestStatus.None);
    });

    it("cannot be paid from its expiry on, but can be paid just before", async function () {
      const { requests, alice } = f;
      const expiresAt = BigInt(await time.latest()) + 3_600n;
      const late = await shopRequests(1_000n, expiresAt);
      const onTime = await shopRequests(1_000n, expiresAt);
      await approveRequests(2_000n);
      await time.setNextBlockTimestamp(expiresAt - 1n);
      await expect(requests.connect(alice).pay(onTime)).to.emit(requests, "PaymentRequestPaid");
      await time.setNextBlockTimestamp(expiresAt);
      await expect(requests.connect(alice).pay(late))
        .to.be.revertedWithCustomError(requests, "RequestExpired")
        .withArgs(late, expiresAt);
      // The chain still reports it open: the SDK shows it as expired.
      expect((await requests.requestOf(late)).status).to.equal(RequestStatus.Open);
    });

    it("needs an allowance covering the amount", async function () {
      const { requests, currency, alice } = f;
      const id = await shopRequests(1_000n);
      await expect(requests.connect(alice).pay(id))
        .to.be.revertedWithCustomError(currency, "ERC20InsufficientAllowance")
        .withArgs(f.requestsAddress, 0n, 1_000n);
      await approveRequests(999n);
      await expect(requests.connect(alice).pay(id))
        .to.be.revertedWithCustomError(currency, "ERC20InsufficientAllowance")
        .withArgs(f.requestsAddress, 999n, 1_000n);
      expect((await requests.requestOf(id)).status).to.equal(RequestStatus.Open);
    });

    it("obeys the ledger: insufficient balance, frozen payer or requester, pause", async function () {
      const { requests, currency, manager, pauser, governor, shop, alice } = f;
      const tooMuch = await shopRequests(10_001n);
      const id = await shopRequests(1_000n);
      await approveRequests(100_000n);
      await expect(requests.connect(alice).pay(tooMuch))
        .to.be.revertedWithCustomError(currency, "ERC20InsufficientBalance")
        .withArgs(alice.address, 10_000n, 10_001n);

      await currency.connect(manager).freeze(alice.address);
      await expect(requests.connect(alice).pay(id))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(alice.address, Status.Frozen);
      await currency.connect(manager).unfreeze(alice.address);

      await currency.connect(manager).freeze(shop.address);
      await expect(requests.connect(alice).pay(id))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(shop.address, Status.Frozen);
      await currency.connect(manager).unfreeze(shop.address);

      await currency.connect(pauser).pause();
      await expect(requests.connect(alice).pay(id)).to.be.revertedWithCustomError(currency, "EnforcedPause");
      await currency.connect(governor).unpause();

      // Every failure left the request open: it can still be paid.
      await expect(requests.connect(alice).pay(id)).to.changeTokenBalances(
        ethers,
        currency,
        [alice, shop],
        [-1_000n, 1_000n],
      );
    });
  });

  describe("payWithPermit", function () {
    it("pays in one transaction with a permit for exactly the amount", async function () {
      const { requests, currency, shop, alice } = f;
      const id = await shopRequests(1_250n);
      const deadline = BigInt(await time.latest()) + 600n;
      const { v, r, s } = await signPermit(1_250n, deadline);
      const payment = await requests.connect(alice).payWithPermit(id, deadline, v, r, s);
      await expect(payment).to.emit(currency, "Approval").withArgs(alice.address, f.requestsAddress, 1_250n);
      await expect(payment).to.emit(requests, "PaymentRequestPaid").withArgs(id, alice.address, shop.address, 1_250n);
      await expect(payment).to.changeTokenBalances(ethers, currency, [alice, shop], [-1_250n, 1_250n]);
      console.log(`      gas of payWithPermit: ${(await payment.wait())!.gasUsed}`);
      expect(await currency.allowance(alice.address, f.requestsAddress)).to.equal(0n);
      expect(await currency.nonces(alice.address)).to.equal(1n);
      expect((await requests.requestOf(id)).status).to.equal(RequestStatus.Paid);
    });

    it("still pays when someone front-ran the permit", async function () {
      const { requests, currency, outsider, shop, alice } = f;
      const id = await shopRequests(1_250n);
      const deadline = BigInt(await time.latest()) + 600n;
      const { v, r, s } = await signPermit(1_250n, deadline);
      // Seen in the mempool and submitted first: the nonce is used, the allowance is there.
      await currency.connect(outsider).permit(alice.address, f.requestsAddress, 1_250n, deadline, v, r, s);
      await expect(requests.connect(alice).payWithPermit(id, deadline, v, r, s))
        .to.emit(requests, "PaymentRequestPaid")
        .withArgs(id, alice.address, shop.address, 1_250n);
      expect(await currency.balanceOf(shop.address)).to.equal(11_250n);
    });

    it("reports the currency's permit error when the permit fails and the allowance does not cover", async function () {
      const { requests, currency, alice, bob } = f;
      const id = await shopRequests(1_250n);
      const now = BigInt(await time.latest());
      const expired = await signPermit(1_250n, now - 1n);
      await expect(requests.connect(alice).payWithPermit(id, now - 1n, expired.v, expired.r, expired.s))
        .to.be.revertedWithCustomError(currency, "ERC2612ExpiredSignature")
        .withArgs(now - 1n);
      // A permit signed by another key does not let bob's signature spend alice's money.
      const forged = await signPermit(1_250n, now + 600n, bob);
      await expect(requests.connect(alice).payWithPermit(id, now + 600n, forged.v, forged.r, forged.s))
        .to.be.revertedWithCustomError(currency, "ERC2612InvalidSigner")
        .withArgs(bob.address, alice.address);
      expect((await requests.requestOf(id)).status).to.equal(RequestStatus.Open);
    });

    it("applies the same checks as pay: payer only, open, not expired", async function () {
      const { requests, bob, alice } = f;
      const expiresAt = BigInt(await time.latest()) + 3_600n;
      const id = await shopRequests(1_000n, expiresAt);
      const deadline = expiresAt + 3_600n;
      const { v, r, s } = await signPermit(1_000n, deadline);
      await expect(requests.connect(bob).payWithPermit(id, deadline, v, r, s))
        .to.be.revertedWithCustomError(requests, "NotRequestPayer")
        .withArgs(id, bob.address);
      await time.increaseTo(expiresAt);
      await expect(requests.connect(alice).payWithPermit(id, deadline, v, r, s))
        .to.be.revertedWithCustomError(requests, "RequestExpired")
        .withArgs(id, expiresAt);
      await requests.connect(alice).reject(id);
      await expect(requests.connect(alice).payWithPermit(id, deadline, v, r, s))
        .to.be.revertedWithCustomError(requests, "RequestNotOpen")
        .withArgs(id, RequestStatus.Rejected);
    });
  });

  describe("reject and cancel", function () {
    it("lets the payer reject an open request, which can then be neither paid nor cancelled", async function () {
      const { requests, shop, alice } = f;
      const id = await shopRequests(1_000n);
      await approveRequests(1_000n);
      await expect(requests.connect(alice).reject(id))
        .to.emit(requests, "PaymentRequestRejected")
        .withArgs(id, alice.address);
      expect((await requests.requestOf(id)).status).to.equal(RequestStatus.Rejected);
      await expect(requests.connect(alice).pay(id))
        .to.be.revertedWithCustomError(requests, "RequestNotOpen")
        .withArgs(id, RequestStatus.Rejected);
      await expect(requests.connect(shop).cancel(id))
        .to.be.revertedWithCustomError(requests, "RequestNotOpen")
        .withArgs(id, RequestStatus.Rejected);
      await expect(requests.connect(alice).reject(id))
        .to.be.revertedWithCustomError(requests, "RequestNotOpen")
        .withArgs(id, RequestStatus.Rejected);
    });

    it("lets the requester cancel an open request, which can then no longer be paid", async function () {
      const { requests, shop, alice } = f;
      const id = await shopRequests(1_000n);
      await approveRequests(1_000n);
      await expect(requests.connect(shop).cancel(id))
        .to.emit(requests, "PaymentRequestCancelled")
        .withArgs(id, shop.address);
      expect((await requests.requestOf(id)).status).to.equal(RequestStatus.Cancelled);
      await expect(requests.connect(alice).pay(id))
        .to.be.revertedWithCustomError(requests, "RequestNotOpen")
        .withArgs(id, RequestStatus.Cancelled);
      await expect(requests.connect(alice).reject(id))
        .to.be.revertedWithCustomError(requests, "RequestNotOpen")
        .withArgs(id, RequestStatus.Cancelled);
    });

    it("lets only the payer reject and only the requester cancel", async function () {
      const { requests, shop, alice, bob } = f;
      const id = await shopRequests(1_000n);
      for (const signer of [shop, bob]) {
        await expect(requests.connect(signer).reject(id))
          .to.be.revertedWithCustomError(requests, "NotRequestPayer")
          .withArgs(id, signer.address);
      }
      for (const signer of [alice, bob]) {
        await expect(requests.connect(signer).cancel(id))
          .to.be.revertedWithCustomError(requests, "NotRequester")
          .withArgs(id, signer.address);
      }
    });

    it("closes a paid request for good and an unknown one is not open", async function () {
      const { requests, shop, alice } = f;
      const id = await shopRequests(1_000n);
      await approveRequests(1_000n);
      await requests.connect(alice).pay(id);
      await expect(requests.connect(shop).cancel(id))
        .to.be.revertedWithCustomError(requests, "RequestNotOpen")
        .withArgs(id, RequestStatus.Paid);
      await expect(requests.connect(alice).reject(id))
        .to.be.revertedWithCustomError(requests, "RequestNotOpen")
        .withArgs(id, RequestStatus.Paid);
      await expect(requests.connect(shop).cancel(9n))
        .to.be.revertedWithCustomError(requests, "RequestNotOpen")
        .withArgs(9n, RequestStatus.None);
    });

    it("closes an expired request too, also while the currency is paused", async function () {
      const { requests, currency, pauser, shop, alice } = f;
      const expiresAt = BigInt(await time.latest()) + 60n;
      const first = await shopRequests(1_000n, expiresAt);
      const second = await shopRequests(1_000n, expiresAt);
      await time.increaseTo(expiresAt + 1n);
      await currency.connect(pauser).pause();
      await expect(requests.connect(alice).reject(first)).to.emit(requests, "PaymentRequestRejected");
      await expect(requests.connect(shop).cancel(second)).to.emit(requests, "PaymentRequestCancelled");
    });
  });
});
