import { expect } from "chai";
import { network } from "hardhat";

import {
  deployFundedCurrency,
  depositRef,
  Kind,
  kindsMask,
  ReconversionStatus,
  Status,
  type CurrencyFixture,
} from "../helpers/fixtures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const payoutRef = depositRef("PAYOUT-2026-0001");

async function currencyWithCommission() {
  return deployFundedCurrency(connection, { commissionBps: 300 });
}

describe("Reconversion to euros", function () {
  let f: CurrencyFixture;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(currencyWithCommission);
  });

  async function requestFromShop(amount: bigint) {
    await f.currency.connect(f.shop).requestReconversion(amount);
    return await f.currency.reconversionCount();
  }

  describe("request", function () {
    it("moves a business's amount into escrow and opens a request", async function () {
      const { currency, shop } = f;
      const currencyAddress = await currency.getAddress();
      const request = await currency.connect(shop).requestReconversion(4_000n);
      await expect(request).to.emit(currency, "ReconversionRequested").withArgs(1n, shop.address, 4_000n);
      await expect(request).to.emit(currency, "Transfer").withArgs(shop.address, currencyAddress, 4_000n);
      await expect(request).to.changeTokenBalances(ethers, currency, [shop, currencyAddress], [-4_000n, 4_000n]);
      expect(await currency.escrowed()).to.equal(4_000n);
      expect(await currency.reconversion(1n)).to.deep.equal([shop.address, 4_000n, ReconversionStatus.Pending, 300n]);
      expect(await currency.totalSupply()).to.equal(30_000n);
    });

    it("rejects a member whose kind may not reconvert", async function () {
      const { currency, alice } = f;
      await expect(currency.connect(alice).requestReconversion(1n))
        .to.be.revertedWithCustomError(currency, "ReconversionNotAllowed")
        .withArgs(alice.address, Kind.Person);
    });

    it("rejects a zero amount, an amount above the balance and a frozen member", async function () {
      const { currency, manager, shop } = f;
      await expect(currency.connect(shop).requestReconversion(0n)).to.be.revertedWithCustomError(
        currency,
        "ZeroAmount",
      );
      await expect(currency.connect(shop).requestReconversion(10_001n))
        .to.be.revertedWithCustomError(currency, "ERC20InsufficientBalance")
        .withArgs(shop.address, 10_000n, 10_001n);
      await currency.connect(manager).freeze(shop.address);
      await expect(currency.connect(shop).requestReconversion(1n))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(shop.address, Status.Frozen);
      expect(await currency.reconversionCount()).to.equal(0n);
    });
  });

  describe("settlement", function () {
    it("burns the amount except the commission, which goes to the fee account", async function () {
      const { currency, treasurer, association } = f;
      const id = await requestFromShop(4_000n);
      const settlement = await currency.connect(treasurer).settleReconversion(id, payoutRef);
      await expect(settlement)
        .to.emit(currency, "ReconversionSettled")
        .withArgs(id, treasurer.address, payoutRef, 3_880n, 120n);
      await expect(settlement)
        .to.emit(currency, "Transfer")
        .withArgs(await currency.getAddress(), ethers.ZeroAddress, 3_880n);
      await expect(settlement).to.changeTokenBalance(ethers, currency, association, 120n);
      expect(await currency.totalSupply()).to.equal(30_000n - 3_880n);
      expect(await currency.escrowed()).to.equal(0n);
      expect((await currency.reconversion(id)).status).to.equal(ReconversionStatus.Settled);
      expect(await currency.isReferenceUsed(payoutRef)).to.equal(true);
    });

    it("uses the commission rate in force when the request was made", async function () {
      const { currency, governor, treasurer, association } = f;
      const id = await requestFromShop(10_000n);
      await currency.connect(governor).setReconversionPolicy(kindsMask(Kind.Business), 1_000, association.address);
      await expect(currency.connect(treasurer).settleReconversion(id, payoutRef))
        .to.emit(currency, "ReconversionSettled")
        .withArgs(id, treasurer.address, payoutRef, 9_700n, 300n);
    });

    it("credits the commission to a frozen fee account: a freeze there does not stop settlements", async function () {
      const { currency, treasurer, manager, association } = f;
      const id = await requestFromShop(4_000n);
      await currency.connect(manager).freeze(association.address);
      await expect(currency.connect(treasurer).settleReconversion(id, payoutRef)).to.changeTokenBalance(
        ethers,
        currency,
        association,
        120n,
      );
      expect((await currency.accountOf(association.address)).status).to.equal(Status.Frozen);
    });

    it("lets the governor change the policy while the fee account in place is frozen, not name another frozen one", async function () {
      const { currency, governor, manager, association, alice } = f;
      await currency.connect(manager).freeze(association.address);
      await expect(currency.connect(governor).setReconversionPolicy(kindsMask(Kind.Business), 500, association.address))
        .to.emit(currency, "ReconversionPolicySet")
        .withArgs(governor.address, kindsMask(Kind.Business), 500, association.address);
      await currency.connect(manager).freeze(alice.address);
      await expect(currency.connect(governor).setReconversionPolicy(kindsMask(Kind.Business), 500, alice.address))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(alice.address, Status.Frozen);
    });

    it("rejects settling twice, or an unknown request", async function () {
      const { currency, treasurer } = f;
      const id = await requestFromShop(1_000n);
      await currency.connect(treasurer).settleReconversion(id, payoutRef);
      await expect(currency.connect(treasurer).settleReconversion(id, depositRef("PAYOUT-2")))
        .to.be.revertedWithCustomError(currency, "ReconversionNotPending")
        .withArgs(id, ReconversionStatus.Settled);
      await expect(currency.connect(treasurer).settleReconversion(99n, depositRef("PAYOUT-3")))
        .to.be.revertedWithCustomError(currency, "ReconversionNotPending")
        .withArgs(99n, ReconversionStatus.None);
    });

    it("rejects a payout reference used before, or zero", async function () {
      const { currency, treasurer } = f;
      const first = await requestFromShop(1_000n);
      const second = await requestFromShop(1_000n);
      await currency.connect(treasurer).settleReconversion(first, payoutRef);
      await expect(currency.connect(treasurer).settleReconversion(second, payoutRef))
        .to.be.revertedWithCustomError(currency, "ReferenceAlreadyUsed")
        .withArgs(payoutRef);
      await expect(
        currency.connect(treasurer).settleReconversion(second, ethers.ZeroHash),
      ).to.be.revertedWithCustomError(currency, "MissingReference");
      expect((await currency.reconversion(second)).status).to.equal(ReconversionStatus.Pending);
    });
  });

  describe("rejection", function () {
    it("refunds the escrow to the member", async function () {
      const { currency, treasurer, shop } = f;
      const id = await requestFromShop(4_000n);
      const rejection = await currency.connect(treasurer).rejectReconversion(id, "IBAN does not match the member");
      await expect(rejection)
        .to.emit(currency, "ReconversionRejected")
        .withArgs(id, treasurer.address, "IBAN does not match the member");
      await expect(rejection).to.changeTokenBalance(ethers, currency, shop, 4_000n);
      expect(await currency.escrowed()).to.equal(0n);
      expect(await currency.totalSupply()).to.equal(30_000n);
      expect((await currency.reconversion(id)).status).to.equal(ReconversionStatus.Rejected);
    });

    it("requires a reason", async function () {
      const id = await requestFromShop(1n);
      await expect(f.currency.connect(f.treasurer).rejectReconversion(id, "")).to.be.revertedWithCustomError(
        f.currency,
        "MissingRejectionReason",
      );
    });

    it("will not refund a frozen member: a frozen balance changes only by recovery", async function () {
      const { currency, treasurer, manager, shop } = f;
      const id = await requestFromShop(1_000n);
      await currency.connect(manager).freeze(shop.address);
      await expect(currency.connect(treasurer).rejectReconversion(id, "frozen"))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(shop.address, Status.Frozen);
    });
  });

  describe("treasurer burns", function () {
    it("destroys currency the treasurer holds, against a reference used once", async function () {
      const { currency, manager, treasurer, alice } = f;
      await currency.connect(manager).admit(treasurer.address, Kind.Association);
      await currency.connect(alice).transfer(treasurer.address, 2_000n);
      const ref = depositRef("PAPER-NOTES-2026-11");
      const burn = await currency.connect(treasurer).burn(1_500n, ref);
      await expect(burn).to.emit(currency, "Burned").withArgs(treasurer.address, 1_500n, ref);
      await expect(burn).to.emit(currency, "Transfer").withArgs(treasurer.address, ethers.ZeroAddress, 1_500n);
      await expect(burn).to.changeTokenBalance(ethers, currency, treasurer, -1_500n);
      expect(await currency.totalSupply()).to.equal(28_500n);
      await expect(currency.connect(treasurer).burn(500n, ref))
        .to.be.revertedWithCustomError(currency, "ReferenceAlreadyUsed")
        .withArgs(ref);
    });

    it("rejects a burn by a treasurer without an active account, a zero amount, or above the balance", async function () {
      const { currency, manager, treasurer } = f;
      await expect(currency.connect(treasurer).burn(1n, depositRef("B-1")))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(treasurer.address, Status.None);
      await currency.connect(manager).admit(treasurer.address, Kind.Association);
      await expect(currency.connect(treasurer).burn(0n, depositRef("B-1"))).to.be.revertedWithCustomError(
        currency,
        "ZeroAmount",
      );
      await expect(currency.connect(treasurer).burn(1n, depositRef("B-1")))
        .to.be.revertedWithCustomError(currency, "ERC20InsufficientBalance")
        .withArgs(treasurer.address, 0n, 1n);
    });
  });

  describe("policy", function () {
    it("lets the governor choose who may reconvert, the commission and the fee account", async function () {
      const { currency, governor, association, alice } = f;
      const mask = kindsMask(Kind.Person, Kind.Business);
      await expect(currency.connect(governor).setReconversionPolicy(mask, 150, association.address))
        .to.emit(currency, "ReconversionPolicySet")
        .withArgs(governor.address, mask, 150, association.address);
      expect(await currency.reconversionPolicy()).to.deep.equal([BigInt(mask), 150n, association.address]);
      await expect(currency.connect(alice).requestReconversion(100n))
        .to.emit(currency, "ReconversionRequested")
        .withArgs(1n, alice.address, 100n);
    });

    it("rejects a commission above 100 %, a commission without a fee account, and bad kinds", async function () {
      const { currency, governor, association, outsider } = f;
      const business = kindsMask(Kind.Business);
      await expect(currency.connect(governor).setReconversionPolicy(business, 10_001, association.address))
        .to.be.revertedWithCustomError(currency, "CommissionTooHigh")
        .withArgs(10_001);
      await expect(
        currency.connect(governor).setReconversionPolicy(business, 100, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(currency, "FeeAccountRequired");
      await expect(currency.connect(governor).setReconversionPolicy(business, 100, outsider.address))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(outsider.address, Status.None);
      await expect(currency.connect(governor).setReconversionPolicy(1, 0, ethers.ZeroAddress))
        .to.be.revertedWithCustomError(currency, "InvalidReconversionKinds")
        .withArgs(1);
      expect(await currency.reconversionPolicy()).to.deep.equal([BigInt(business), 300n, association.address]);
    });

    it("is stopped by the pause: requests, settlements, rejections and burns", async function () {
      const { currency, pauser, treasurer, shop } = f;
      const id = await requestFromShop(1_000n);
      await currency.connect(pauser).pause();
      await expect(currency.connect(shop).requestReconversion(1n)).to.be.revertedWithCustomError(
        currency,
        "EnforcedPause",
      );
      await expect(currency.connect(treasurer).settleReconversion(id, payoutRef)).to.be.revertedWithCustomError(
        currency,
        "EnforcedPause",
      );
      await expect(currency.connect(treasurer).rejectReconversion(id, "no")).to.be.revertedWithCustomError(
        currency,
        "EnforcedPause",
      );
      await expect(currency.connect(treasurer).burn(1n, payoutRef)).to.be.revertedWithCustomError(
        currency,
        "EnforcedPause",
      );
    });
  });
});
