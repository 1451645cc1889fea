import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import { network } from "hardhat";

import {
  deployCurrency as deployThroughIgnition,
  oneAddressPerRole,
  roleHoldersInOrder,
} from "../../ignition/deployCurrency.js";
import type { LocalCurrency } from "../../types/ethers-contracts/index.js";
import { authorizationNonce, signPaymentAuthorization } from "../helpers/authorizations.js";
import {
  deployFundedCurrency,
  depositRef,
  Kind,
  kindsMask,
  Status,
  type CurrencyFixture,
} from "../helpers/fixtures.js";
import { erc7201, mappingSlot, readSlot } from "../helpers/storage.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const reason = depositRef("ticket 2026-201: lost phone");

async function fundedCurrency() {
  return deployFundedCurrency(connection);
}

/** A currency whose deployment names no fee account (allowed: no commission, no payment fees yet). */
async function currencyWithoutFeeAccount() {
  const [governor, treasurer, auditor, manager, pauser] = await ethers.getSigners();
  const init = oneAddressPerRole(roleHoldersInOrder([governor, treasurer, auditor, manager, pauser, governor]));
  const { address } = await deployThroughIgnition(connection, { ...init, feeAccount: ethers.ZeroAddress });
  const currency = (await ethers.getContractAt("LocalCurrency", address)) as LocalCurrency;
  return { currency, governor };
}

/** The Transfer and PaymentFeeCharged events of a transaction, in the order they were emitted. */
async function paymentEvents(currency: LocalCurrency, tx: ContractTransactionResponse) {
  const receipt = (await tx.wait())!;
  return receipt.logs
    .map((log) => currency.interface.parseLog(log))
    .filter((event) => event?.name === "Transfer" || event?.name === "PaymentFeeCharged")
    .map((event) => [event!.name, ...event!.args.toArray()]);
}

const pairBit = (fromKind: bigint, toKind: bigint) => 1n << (4n * fromKind + toKind);

describe("Payment policy: fees and transfer rules", function () {
  let f: CurrencyFixture;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(fundedCurrency);
  });

  function nonGovernors() {
    const { treasurer, auditor, manager, pauser, association, alice, shop, outsider } = f;
    return { treasurer, auditor, manager, pauser, association, alice, shop, outsider };
  }

  describe("fees", function () {
    it("are zero by default: the payee receives the whole amount and no fee is charged", async function () {
      const { currency, alice, shop, association } = f;
      expect(await currency.paymentPolicy()).to.deep.equal([0n, 0n, 0n, 0n]);
      const payment = await currency.connect(alice).transfer(shop.address, 4_000n);
      await expect(payment).to.changeTokenBalances(ethers, currency, [alice, shop, association], [-4_000n, 4_000n, 0n]);
      await expect(payment).to.not.emit(currency, "PaymentFeeCharged");
      expect(await paymentEvents(currency, payment)).to.deep.equal([["Transfer", alice.address, shop.address, 4_000n]]);
    });

    it("can be set by the governor only", async function () {
      const { currency } = f;
      const governorRole = await currency.GOVERNOR_ROLE();
      for (const [name, signer] of Object.entries(nonGovernors())) {
        await expect(currency.connect(signer).setPaymentFees(0n, 100n, 0n), name)
          .to.be.revertedWithCustomError(currency, "AccessControlUnauthorizedAccount")
          .withArgs(signer.address, governorRole);
      }
      expect(await currency.paymentPolicy()).to.deep.equal([0n, 0n, 0n, 0n]);
    });

    it("are at most MAX_FEE_BPS (500 basis points) for each kind of recipient", async function () {
      const { currency, governor } = f;
      const g = currency.connect(governor);
      expect(await currency.MAX_FEE_BPS()).to.equal(500n);
      await expect(g.setPaymentFees(501n, 0n, 0n))
        .to.be.revertedWithCustomError(currency, "FeeTooHigh")
        .withArgs(Kind.Person, 501n);
      await expect(g.setPaymentFees(0n, 10_000n, 0n))
        .to.be.revertedWithCustomError(currency, "FeeTooHigh")
        .withArgs(Kind.Business, 10_000n);
      await expect(g.setPaymentFees(0n, 0n, 65_535n))
        .to.be.revertedWithCustomError(currency, "FeeTooHigh")
        .withArgs(Kind.Association, 65_535n);
      expect(await currency.paymentPolicy()).to.deep.equal([0n, 0n, 0n, 0n]);
      await g.setPaymentFees(500n, 500n, 500n);
      expect(await currency.paymentPolicy()).to.deep.equal([500n, 500n, 500n, 0n]);
    });

    it("are recorded per recipient kind and announced", async function () {
      const { currency, governor } = f;
      await expect(currency.connect(governor).setPaymentFees(100n, 250n, 0n))
        .to.emit(currency, "PaymentFeesSet")
        .withArgs(governor.address, 100n, 250n, 0n);
      expect(await currency.paymentPolicy()).to.deep.equal([100n, 250n, 0n, 0n]);
      await currency.connect(governor).setPaymentFees(0n, 0n, 0n);
      expect(await currency.paymentPolicy()).to.deep.equal([0n, 0n, 0n, 0n]);
    });

    it("come out of the amount paid: the payee receives the rest and the fee account the fee", async function () {
      const { currency, governor, alice, shop, association } = f;
      await currency.connect(governor).setPaymentFees(0n, 250n, 0n);
      const payment = await currency.connect(alice).transfer(shop.address, 4_000n);
      await expect(payment).to.changeTokenBalances(
        ethers,
        currency,
        [alice, shop, association],
        [-4_000n, 3_900n, 100n],
      );
      await expect(payment)
        .to.emit(currency, "PaymentFeeCharged")
        .withArgs(alice.address, shop.address, association.address, 4_000n, 100n);
      expect(await paymentEvents(currency, payment)).to.deep.equal([
        ["Transfer", alice.address, shop.address, 3_900n],
        ["Transfer", alice.address, association.address, 100n],
        ["PaymentFeeCharged", alice.address, shop.address, association.address, 4_000n, 100n],
      ]);
      expect(await currency.totalSupply()).to.equal(30_000n);
    });

    it("depend on the recipient's kind, not the payer's", async function () {
      const { currency, governor, alice, bob, shop, association } = f;
      await currency.connect(governor).setPaymentFees(100n, 250n, 500n);
      await expect(currency.connect(shop).transfer(bob.address, 1_000n)).to.changeTokenBalances(
        ethers,
        currency,
        [shop, bob, association],
        [-1_000n, 990n, 10n],
      );
      await expect(currency.connect(bob).transfer(shop.address, 1_000n)).to.changeTokenBalances(
        ethers,
        currency,
        [bob, shop, association],
        [-1_000n, 975n, 25n],
      );
      // Paying the fee account itself: it receives the rest and the fee, that is the whole amount.
      const toFeeAccount = await currency.connect(alice).transfer(association.address, 1_000n);
      await expect(toFeeAccount).to.changeTokenBalances(ethers, currency, [alice, association], [-1_000n, 1_000n]);
      expect(await paymentEvents(currency, toFeeAccount)).to.deep.equal([
        ["Transfer", alice.address, association.address, 950n],
        ["Transfer", alice.address, association.address, 50n],
        ["PaymentFeeCharged", alice.address, association.address, association.address, 1_000n, 50n],
      ]);
      expect(await currency.totalSupply()).to.equal(30_000n);
    });

    it("are rounded down: a fee below one cent is not charged", async function () {
      const { currency, governor, alice, shop, association } = f;
      await currency.connect(governor).setPaymentFees(0n, 150n, 0n);
      const oneCent = await currency.connect(alice).transfer(shop.address, 1n);
      await expect(oneCent).to.changeTokenBalances(ethers, currency, [alice, shop, association], [-1n, 1n, 0n]);
      await expect(oneCent).to.not.emit(currency, "PaymentFeeCharged");
      // 66 cents at 1.5 % = 0.99 cent, rounded down to 0; 67 cents = 1.005 cents, rounded down to 1.
      await expect(currency.connect(alice).transfer(shop.address, 66n)).to.not.emit(currency, "PaymentFeeCharged");
      await expect(currency.connect(alice).transfer(shop.address, 67n))
        .to.emit(currency, "PaymentFeeCharged")
        .withArgs(alice.address, shop.address, association.address, 67n, 1n);
      expect(await currency.balanceOf(association.address)).to.equal(1n);
    });

    it("are at most 5 %: a governor cannot take a member's payment (regression: the 100 % fee)", async function () {
      const { currency, governor, alice, shop, association } = f;
      await expect(currency.connect(governor).setPaymentFees(0n, 10_000n, 0n))
        .to.be.revertedWithCustomError(currency, "FeeTooHigh")
        .withArgs(Kind.Business, 10_000n);
      await currency.connect(governor).setPaymentFees(0n, 500n, 0n);
      const payment = await currency.connect(alice).transfer(shop.address, 2_500n);
      await expect(payment).to.changeTokenBalances(
        ethers,
        currency,
        [alice, shop, association],
        [-2_500n, 2_375n, 125n],
      );
    });

    it("are charged on payments made with an allowance, which is spent by the whole amount", async function () {
      const { currency, governor, alice, shop, association, outsider } = f;
      await currency.connect(governor).setPaymentFees(0n, 250n, 0n);
      await currency.connect(alice).approve(outsider.address, 5_000n);
      const payment = await currency.connect(outsider).transferFrom(alice.address, shop.address, 4_000n);
      await expect(payment).to.changeTokenBalances(
        ethers,
        currency,
        [alice, shop, association, outsider],
        [-4_000n, 3_900n, 100n, 0n],
      );
      await expect(payment)
        .to.emit(currency, "PaymentFeeCharged")
        .withArgs(alice.address, shop.address, association.address, 4_000n, 100n);
      expect(await currency.allowance(alice.address, outsider.address)).to.equal(1_000n);
    });

    it("are charged on payments made with a signed transfer authorization", async function () {
      const { currency, governor, alice, shop, association, outsider } = f;
      await currency.connect(governor).setPaymentFees(0n, 250n, 0n);
      const auth = await signPaymentAuthorization(currency, alice, {
        to: shop.address,
        value: 4_000n,
        validAfter: BigInt(await networkHelpers.time.latest()) - 1n,
        validBefore: BigInt(await networkHelpers.time.latest()) + 3_600n,
        nonce: authorizationNonce("fee"),
      });
      const payment = await currency.connect(outsider).transferWithAuthorization(...auth.args());
      await expect(payment).to.changeTokenBalances(
        ethers,
        currency,
        [alice, shop, association, outsider],
        [-4_000n, 3_900n, 100n, 0n],
      );
      expect(await paymentEvents(currency, payment)).to.deep.equal([
        ["Transfer", alice.address, shop.address, 3_900n],
        ["Transfer", alice.address, association.address, 100n],
        ["PaymentFeeCharged", alice.address, shop.address, association.address, 4_000n, 100n],
      ]);
      console.log(`      gas of a transferWithAuthorization with a fee: ${(await payment.wait())!.gasUsed}`);
    });

    it("are credited to the fee account even while it is frozen", async function () {
      const { currency, governor, manager, alice, shop, association } = f;
      await currency.connect(governor).setPaymentFees(0n, 250n, 0n);
      await currency.connect(manager).freeze(association.address);
      await expect(currency.connect(alice).transfer(shop.address, 4_000n)).to.changeTokenBalances(
        ethers,
        currency,
        [alice, shop, association],
        [-4_000n, 3_900n, 100n],
      );
      expect(await currency.totalSupply()).to.equal(30_000n);
    });

    it("are not charged on mints, reconversion requests or recoveries", async function () {
      const { currency, governor, treasurer, manager, alice, bob, shop, association } = f;
      await currency.connect(governor).setPaymentFees(500n, 500n, 500n);

      const mint = await currency.connect(treasurer).mint(shop.address, 2_000n, depositRef("fee-free mint"));
      await expect(mint).to.changeTokenBalances(ethers, currency, [shop, association], [2_000n, 0n]);
      await expect(mint).to.not.emit(currency, "PaymentFeeCharged");

      const request = await currency.connect(shop).requestReconversion(3_000n);
      await expect(request).to.changeTokenBalances(
        ethers,
        currency,
        [shop, await currency.getAddress(), association],
        [-3_000n, 3_000n, 0n],
      );
      await expect(request).to.not.emit(currency, "PaymentFeeCharged");

      await currency.connect(manager).freeze(bob.address);
      await currency.connect(manager).recover(bob.address, alice.address, reason);
      const recovery = await currency.connect(manager).executeRecovery(bob.address);
      await expect(recovery).to.changeTokenBalances(
        ethers,
        currency,
        [bob, alice, association],
        [-10_000n, 10_000n, 0n],
      );
      await expect(recovery).to.not.emit(currency, "PaymentFeeCharged");
    });

    it("refuse fees while the fee account is closed (possible only for one closed before an upgrade)", async function () {
      const { currency, governor, association } = f;
      // Forge what an older release allowed: the fee account closed (status byte at bit 136 of its word).
      const slot = mappingSlot("address", association.address, erc7201("komuno.storage.Ledger"));
      const word = await readSlot(ethers.provider, await currency.getAddress(), slot);
      const closed = (word & ~(0xffn << 136n)) | (Status.Closed << 136n);
      await networkHelpers.setStorageAt(await currency.getAddress(), slot, closed);
      await expect(currency.connect(governor).setPaymentFees(0n, 100n, 0n))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(association.address, Status.Closed);
      expect(await currency.paymentPolicy()).to.deep.equal([0n, 0n, 0n, 0n]);
    });

    it("keep the fee account: the reconversion policy cannot drop it while payment fees are set", async function () {
      const { currency, governor } = f;
      const businesses = kindsMask(Kind.Business);
      await currency.connect(governor).setPaymentFees(0n, 100n, 0n);
      await expect(
        currency.connect(governor).setReconversionPolicy(businesses, 0n, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(currency, "FeeAccountRequired");
      expect((await currency.reconversionPolicy())[2]).to.equal(f.association.address);

      // Without payment fees the fee account may go, and then payment fees cannot come back.
      await currency.connect(governor).setPaymentFees(0n, 0n, 0n);
      await currency.connect(governor).setReconversionPolicy(businesses, 0n, ethers.ZeroAddress);
      await expect(currency.connect(governor).setPaymentFees(0n, 100n, 0n)).to.be.revertedWithCustomError(
        currency,
        "FeeAccountRequired",
      );
      expect(await currency.paymentPolicy()).to.deep.equal([0n, 0n, 0n, 0n]);
    });
  });

  describe("transfer rules", function () {
    it("can be set by the governor only", async function () {
      const { currency } = f;
      const governorRole = await currency.GOVERNOR_ROLE();
      for (const [name, signer] of Object.entries(nonGovernors())) {
        await expect(currency.connect(signer).setTransferRule(Kind.Person, Kind.Person, true), name)
          .to.be.revertedWithCustomError(currency, "AccessControlUnauthorizedAccount")
          .withArgs(signer.address, governorRole);
      }
      expect((await currency.paymentPolicy())[3]).to.equal(0n);
    });

    it("reject the kind None on either side", async function () {
      const { currency, governor } = f;
      await expect(currency.connect(governor).setTransferRule(Kind.None, Kind.Business, true))
        .to.be.revertedWithCustomError(currency, "InvalidAccountKind")
        .withArgs(Kind.None);
      await expect(currency.connect(governor).setTransferRule(Kind.Person, Kind.None, true))
        .to.be.revertedWithCustomError(currency, "InvalidAccountKind")
        .withArgs(Kind.None);
    });

    it("forbid payments between two kinds, by transfer, allowance or signed authorization", async function () {
      const { currency, governor, alice, bob, outsider } = f;
      await expect(currency.connect(governor).setTransferRule(Kind.Person, Kind.Person, true))
        .to.emit(currency, "TransferRuleSet")
        .withArgs(governor.address, Kind.Person, Kind.Person, true);

      await expect(currency.connect(alice).transfer(bob.address, 100n))
        .to.be.revertedWithCustomError(currency, "PaymentBetweenKindsForbidden")
        .withArgs(Kind.Person, Kind.Person);

      await currency.connect(alice).approve(outsider.address, 1_000n);
      await expect(currency.connect(outsider).transferFrom(alice.address, bob.address, 100n))
        .to.be.revertedWithCustomError(currency, "PaymentBetweenKindsForbidden")
        .withArgs(Kind.Person, Kind.Person);
      expect(await currency.allowance(alice.address, outsider.address)).to.equal(1_000n);

      const auth = await signPaymentAuthorization(currency, alice, {
        to: bob.address,
        value: 100n,
        validAfter: BigInt(await networkHelpers.time.latest()) - 1n,
        validBefore: BigInt(await networkHelpers.time.latest()) + 3_600n,
        nonce: authorizationNonce("person to person"),
      });
      await expect(currency.connect(outsider).transferWithAuthorization(...auth.args()))
        .to.be.revertedWithCustomError(currency, "PaymentBetweenKindsForbidden")
        .withArgs(Kind.Person, Kind.Person);
      expect(await currency.authorizationState(alice.address, auth.message.nonce)).to.equal(false);

      expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
      expect(await currency.balanceOf(bob.address)).to.equal(10_000n);
    });

    it("leave the other pairs allowed, in both directions", async function () {
      const { currency, governor, alice, bob, shop, association } = f;
      await currency.connect(governor).setTransferRule(Kind.Business, Kind.Person, true);
      await expect(currency.connect(shop).transfer(alice.address, 100n))
        .to.be.revertedWithCustomError(currency, "PaymentBetweenKindsForbidden")
        .withArgs(Kind.Business, Kind.Person);
      await expect(currency.connect(alice).transfer(shop.address, 100n)).to.changeTokenBalance(
        ethers,
        currency,
        shop,
        100n,
      );
      await expect(currency.connect(alice).transfer(bob.address, 100n)).to.changeTokenBalance(
        ethers,
        currency,
        bob,
        100n,
      );
      await expect(currency.connect(shop).transfer(association.address, 100n)).to.changeTokenBalance(
        ethers,
        currency,
        association,
        100n,
      );
      await expect(currency.connect(shop).transfer(shop.address, 100n)).to.changeTokenBalance(
        ethers,
        currency,
        shop,
        0n,
      );
    });

    it("can be lifted: payments are allowed again", async function () {
      const { currency, governor, alice, bob } = f;
      await currency.connect(governor).setTransferRule(Kind.Person, Kind.Person, true);
      await expect(currency.connect(governor).setTransferRule(Kind.Person, Kind.Person, false))
        .to.emit(currency, "TransferRuleSet")
        .withArgs(governor.address, Kind.Person, Kind.Person, false);
      expect((await currency.paymentPolicy())[3]).to.equal(0n);
      await expect(currency.connect(alice).transfer(bob.address, 100n)).to.changeTokenBalances(
        ethers,
        currency,
        [alice, bob],
        [-100n, 100n],
      );
    });

    it("do not block mints, reconversions or recoveries", async function () {
      const { currency, governor, treasurer, manager, alice, bob, shop } = f;
      const kinds = [Kind.Person, Kind.Business, Kind.Association];
      for (const from of kinds)
        for (const to of kinds) await currency.connect(governor).setTransferRule(from, to, true);
      expect((await currency.paymentPolicy())[3]).to.equal(0xeee0n);

      await expect(
        currency.connect(treasurer).mint(alice.address, 1_000n, depositRef("mint under rules")),
      ).to.changeTokenBalance(ethers, currency, alice, 1_000n);
      await currency.connect(shop).requestReconversion(4_000n);
      const id = await currency.reconversionCount();
      await expect(currency.connect(treasurer).settleReconversion(id, depositRef("payout under rules"))).to.emit(
        currency,
        "ReconversionSettled",
      );
      await currency.connect(manager).freeze(bob.address);
      await currency.connect(manager).recover(bob.address, alice.address, reason);
      await expect(currency.connect(manager).executeRecovery(bob.address)).to.changeTokenBalances(
        ethers,
        currency,
        [bob, alice],
        [-10_000n, 10_000n],
      );
    });

    it("are reported as bit 4 * fromKind + toKind of forbiddenKindPairs", async function () {
      const { currency, governor } = f;
      await currency.connect(governor).setPaymentFees(100n, 250n, 0n);
      await currency.connect(governor).setTransferRule(Kind.Person, Kind.Business, true);
      await currency.connect(governor).setTransferRule(Kind.Business, Kind.Association, true);
      const expected = pairBit(Kind.Person, Kind.Business) | pairBit(Kind.Business, Kind.Association);
      expect(expected).to.equal(0x840n);
      expect(await currency.paymentPolicy()).to.deep.equal([100n, 250n, 0n, expected]);
      // Forbidding twice changes nothing; lifting one rule keeps the other.
      await currency.connect(governor).setTransferRule(Kind.Person, Kind.Business, true);
      await currency.connect(governor).setTransferRule(Kind.Person, Kind.Business, false);
      expect(await currency.paymentPolicy()).to.deep.equal([100n, 250n, 0n, pairBit(Kind.Business, Kind.Association)]);
    });
  });
});

describe("Payment fees on a currency deployed without a fee account", function () {
  let currency: LocalCurrency;
  let governor: Awaited<ReturnType<typeof currencyWithoutFeeAccount>>["governor"];

  beforeEach(async function () {
    ({ currency, governor } = await networkHelpers.loadFixture(currencyWithoutFeeAccount));
  });

  it("cannot have payment fees until the governor names a fee account", async function () {
    expect((await currency.reconversionPolicy())[2]).to.equal(ethers.ZeroAddress);
    for (const fees of [
      [1n, 0n, 0n],
      [0n, 100n, 0n],
      [0n, 0n, 500n],
    ] as const) {
      await expect(currency.connect(governor).setPaymentFees(...fees)).to.be.revertedWithCustomError(
        currency,
        "FeeAccountRequired",
      );
    }
    await expect(currency.connect(governor).setPaymentFees(0n, 0n, 0n))
      .to.emit(currency, "PaymentFeesSet")
      .withArgs(governor.address, 0n, 0n, 0n);
    expect(await currency.paymentPolicy()).to.deep.equal([0n, 0n, 0n, 0n]);
  });

  it("can have payment fees once the governor names an admitted fee account", async function () {
    const [, , , manager, , association] = await ethers.getSigners();
    await currency.connect(manager).admit(association.address, Kind.Association);
    await currency.connect(governor).setReconversionPolicy(kindsMask(Kind.Business), 0n, association.address);
    await expect(currency.connect(governor).setPaymentFees(0n, 100n, 0n))
      .to.emit(currency, "PaymentFeesSet")
      .withArgs(governor.address, 0n, 100n, 0n);
  });
});
