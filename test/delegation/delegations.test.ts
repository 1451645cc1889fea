import { expect } from "chai";
import { Signature } from "ethers";
import { network } from "hardhat";

import { permitTypedData } from "../../sdk/permit.js";
import type { Delegations } from "../../types/ethers-contracts/index.js";
import { currencyDomain } from "../helpers/authorizations.js";
import { deployFundedCurrency, Kind, Status, type CurrencyFixture } from "../helpers/fixtures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const MAX_UINT64 = 2n ** 64n - 1n;

interface DelegationsFixture extends CurrencyFixture {
  delegations: Delegations;
  delegationsAddress: string;
}

/** The funded currency, the Delegations contract beside it, and alice's unlimited allowance to it. */
async function currencyWithDelegations(): Promise<DelegationsFixture> {
  const fixture = await deployFundedCurrency(connection);
  const { delegations } = fixture;
  const delegationsAddress = await delegations.getAddress();
  await fixture.currency.connect(fixture.alice).approve(delegationsAddress, ethers.MaxUint256);
  // The delegate of most tests: delegates are active members, so a stolen delegate key can be frozen.
  await fixture.currency.connect(fixture.manager).admit(fixture.outsider.address, Kind.Person);
  return { ...fixture, delegations, delegationsAddress };
}

describe("Delegations: paying on a member's behalf", function () {
  let f: DelegationsFixture;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(currencyWithDelegations);
  });

  async function grantToOutsider(perPaymentCap: bigint, totalCap = 0n, expiresAt = 0n) {
    await f.delegations.connect(f.alice).grant(f.outsider.address, perPaymentCap, totalCap, expiresAt);
  }

  describe("deployment", function () {
    it("is bound to its currency", async function () {
      expect(await f.delegations.currency()).to.equal(await f.currency.getAddress());
    });

    it("rejects the zero address as currency", async function () {
      const factory = await ethers.getContractFactory("Delegations");
      await expect(ethers.deployContract("Delegations", [ethers.ZeroAddress]))
        .to.be.revertedWithCustomError(factory, "InvalidCurrency")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("grant", function () {
    it("records the caps and the expiry and tells who granted what", async function () {
      const { delegations, alice, outsider } = f;
      const expiresAt = BigInt(await time.latest()) + 3_600n;
      await expect(delegations.connect(alice).grant(outsider.address, 500n, 2_000n, expiresAt))
        .to.emit(delegations, "DelegationGranted")
        .withArgs(alice.address, outsider.address, 500n, 2_000n, expiresAt);
      expect(await delegations.delegationOf(alice.address, outsider.address)).to.deep.equal([
        500n,
        2_000n,
        0n,
        expiresAt,
        true,
      ]);
    });

    it("shows no grant as all zeros, not usable", async function () {
      expect(await f.delegations.delegationOf(f.alice.address, f.bob.address)).to.deep.equal([0n, 0n, 0n, 0n, false]);
    });

    it("rejects the zero address and the owner as delegate", async function () {
      const { delegations, alice } = f;
      await expect(delegations.connect(alice).grant(ethers.ZeroAddress, 1n, 0n, 0n))
        .to.be.revertedWithCustomError(delegations, "InvalidDelegate")
        .withArgs(alice.address, ethers.ZeroAddress);
      await expect(delegations.connect(alice).grant(alice.address, 1n, 0n, 0n))
        .to.be.revertedWithCustomError(delegations, "InvalidDelegate")
        .withArgs(alice.address, alice.address);
    });

    it("rejects a zero per-payment cap and a total cap below it", async function () {
      const { delegations, alice, bob } = f;
      await expect(delegations.connect(alice).grant(bob.address, 0n, 0n, 0n))
        .to.be.revertedWithCustomError(delegations, "InvalidDelegationCaps")
        .withArgs(0n, 0n);
      await expect(delegations.connect(alice).grant(bob.address, 500n, 499n, 0n))
        .to.be.revertedWithCustomError(delegations, "InvalidDelegationCaps")
        .withArgs(500n, 499n);
      await expect(delegations.connect(alice).grant(bob.address, 500n, 500n, 0n)).to.emit(
        delegations,
        "DelegationGranted",
      );
    });

    it("rejects caps that do not fit 64 bits instead of truncating them", async function () {
      const { delegations, alice, bob } = f;
      await expect(delegations.connect(alice).grant(bob.address, MAX_UINT64 + 1n, 0n, 0n))
        .to.be.revertedWithCustomError(delegations, "DelegationCapTooLarge")
        .withArgs(MAX_UINT64 + 1n, MAX_UINT64);
      await expect(delegations.connect(alice).grant(bob.address, 1n, ethers.MaxUint256, 0n))
        .to.be.revertedWithCustomError(delegations, "DelegationCapTooLarge")
        .withArgs(ethers.MaxUint256, MAX_UINT64);
      await delegations.connect(alice).grant(bob.address, MAX_UINT64, MAX_UINT64, 0n);
      expect((await delegations.delegationOf(alice.address, bob.address)).perPaymentCap).to.equal(MAX_UINT64);
    });

    it("rejects an expiry that is not in the future", async function () {
      const { delegations, alice, bob } = f;
      const now = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(now);
      await expect(delegations.connect(alice).grant(bob.address, 1n, 0n, now))
        .to.be.revertedWithCustomError(delegations, "InvalidDelegationExpiry")
        .withArgs(now, now);
    });

    it("is only for active members, and only to an active member delegate", async function () {
      const { currency, delegations, manager, alice, bob, shop, others } = f;
      const stranger = others[0];
      await expect(delegations.connect(stranger).grant(alice.address, 1n, 0n, 0n))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(stranger.address, Status.None);
      await expect(delegations.connect(alice).grant(stranger.address, 1n, 0n, 0n))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(stranger.address, Status.None);
      await currency.connect(manager).freeze(bob.address);
      await expect(delegations.connect(bob).grant(alice.address, 1n, 0n, 0n))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(bob.address, Status.Frozen);
      await expect(delegations.connect(alice).grant(bob.address, 1n, 0n, 0n))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(bob.address, Status.Frozen);
      await currency.connect(shop).transfer(alice.address, 10_000n);
      await currency.connect(manager).close(shop.address);
      await expect(delegations.connect(alice).grant(shop.address, 1n, 0n, 0n))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(shop.address, Status.Closed);
    });

    it("lets the owner grant and approve in one transaction with a permit", async function () {
      const { currency, delegations, delegationsAddress, bob, shop } = f;
      const { domain, types, message } = permitTypedData({
        ...(await currencyDomain(currency)),
        owner: bob.address,
        spender: delegationsAddress,
        value: 3_000n,
        nonce: await currency.nonces(bob.address),
        deadline: ethers.MaxUint256,
      });
      const { v, r, s } = Signature.from(await bob.signTypedData(domain, types, message));
      // Someone submits the permit first: the grant must still go through.
      await currency.permit(bob.address, delegationsAddress, 3_000n, ethers.MaxUint256, v, r, s);
      await expect(
        delegations.connect(bob).grantWithPermit(shop.address, 1_000n, 3_000n, 0n, 3_000n, ethers.MaxUint256, v, r, s),
      )
        .to.emit(delegations, "DelegationGranted")
        .withArgs(bob.address, shop.address, 1_000n, 3_000n, 0n);
      expect(await currency.allowance(bob.address, delegationsAddress)).to.equal(3_000n);
      await expect(delegations.connect(shop).payFor(bob.address, shop.address, 1_000n)).to.changeTokenBalances(
        ethers,
        currency,
        [bob, shop],
        [-1_000n, 1_000n],
      );
    });

    it("returns the permit's own error when the permit fails and the allowance is short", async function () {
      const { currency, delegations, delegationsAddress, bob, shop } = f;
      const { domain, types, message } = permitTypedData({
        ...(await currencyDomain(currency)),
        owner: bob.address,
        spender: delegationsAddress,
        value: 3_000n,
        nonce: await currency.nonces(bob.address),
        deadline: ethers.MaxUint256,
      });
      // Signed by shop, not bob.
      const { v, r, s } = Signature.from(await shop.signTypedData(domain, types, message));
      await expect(
        delegations.connect(bob).grantWithPermit(shop.address, 1_000n, 0n, 0n, 3_000n, ethers.MaxUint256, v, r, s),
      )
        .to.be.revertedWithCustomError(currency, "ERC2612InvalidSigner")
        .withArgs(shop.address, bob.address);
    });
  });

  describe("payFor", function () {
    it("pays from the owner's balance to a member, counts it and tells who paid whom", async function () {
      const { currency, delegations, alice, bob, outsider } = f;
      await grantToOutsider(1_000n, 5_000n);
      const before = await Promise.all([currency.balanceOf(alice.address), currency.balanceOf(bob.address)]);
      const payment = delegations.connect(outsider).payFor(alice.address, bob.address, 700n);
      await expect(payment)
        .to.emit(delegations, "DelegatedPaymentMade")
        .withArgs(alice.address, outsider.address, bob.address, 700n, 700n);
      await expect(payment).to.emit(currency, "Transfer").withArgs(alice.address, bob.address, 700n);
      expect(await currency.balanceOf(alice.address)).to.equal(before[0] - 700n);
      expect(await currency.balanceOf(bob.address)).to.equal(before[1] + 700n);
      expect(await currency.balanceOf(outsider.address)).to.equal(0n);
      expect((await delegations.delegationOf(alice.address, outsider.address)).spent).to.equal(700n);
      // The unlimited allowance is left as it is.
      expect(await currency.allowance(alice.address, f.delegationsAddress)).to.equal(ethers.MaxUint256);
    });

    it("lets a delegate pay itself when it is a member (a pull payment)", async function () {
      const { currency, delegations, alice, shop } = f;
      await delegations.connect(alice).grant(shop.address, 1_000n, 0n, 0n);
      await expect(delegations.connect(shop).payFor(alice.address, shop.address, 1_000n)).to.changeTokenBalances(
        ethers,
        currency,
        [alice, shop],
        [-1_000n, 1_000n],
      );
    });

    it("costs little gas", async function () {
      const { delegations, alice, bob, outsider } = f;
      await grantToOutsider(1_000n, 5_000n);
      await delegations.connect(outsider).payFor(alice.address, bob.address, 100n);
      const receipt = await (await delegations.connect(outsider).payFor(alice.address, bob.address, 100n)).wait();
      console.log(`      gas of a delegated payment (capped grant, unlimited allowance): ${receipt!.gasUsed}`);
      expect(receipt!.gasUsed).to.be.lessThan(100_000n);
    });

    it("rejects a zero amount", async function () {
      const { delegations, alice, bob, outsider } = f;
      await grantToOutsider(1_000n);
      await expect(delegations.connect(outsider).payFor(alice.address, bob.address, 0n)).to.be.revertedWithCustomError(
        delegations,
        "ZeroAmount",
      );
    });

    it("rejects a caller the owner never named", async function () {
      const { delegations, alice, bob, outsider } = f;
      await grantToOutsider(1_000n);
      await expect(delegations.connect(bob).payFor(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(delegations, "DelegationNotFound")
        .withArgs(alice.address, bob.address);
      // A grant from alice says nothing about bob's money.
      await expect(delegations.connect(outsider).payFor(bob.address, alice.address, 1n))
        .to.be.revertedWithCustomError(delegations, "DelegationNotFound")
        .withArgs(bob.address, outsider.address);
    });

    it("rejects a payment above the per-payment cap", async function () {
      const { delegations, alice, bob, outsider } = f;
      await grantToOutsider(1_000n);
      await expect(delegations.connect(outsider).payFor(alice.address, bob.address, 1_001n))
        .to.be.revertedWithCustomError(delegations, "DelegationPaymentCapExceeded")
        .withArgs(alice.address, outsider.address, 1_001n, 1_000n);
    });

    it("never lets the payments of a grant pass its total cap", async function () {
      const { currency, delegations, alice, bob, outsider } = f;
      await grantToOutsider(1_000n, 2_500n);
      const aliceBefore = await currency.balanceOf(alice.address);
      for (const [amount, spentAfter] of [
        [1_000n, 1_000n],
        [1_000n, 2_000n],
      ]) {
        await expect(delegations.connect(outsider).payFor(alice.address, bob.address, amount))
          .to.emit(delegations, "DelegatedPaymentMade")
          .withArgs(alice.address, outsider.address, bob.address, amount, spentAfter);
      }
      await expect(delegations.connect(outsider).payFor(alice.address, bob.address, 501n))
        .to.be.revertedWithCustomError(delegations, "DelegationTotalCapExceeded")
        .withArgs(alice.address, outsider.address, 2_000n, 501n, 2_500n);
      await delegations.connect(outsider).payFor(alice.address, bob.address, 500n);
      const used = await delegations.delegationOf(alice.address, outsider.address);
      expect(used.spent).to.equal(2_500n);
      expect(used.usable).to.equal(false);
      await expect(delegations.connect(outsider).payFor(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(delegations, "DelegationTotalCapExceeded")
        .withArgs(alice.address, outsider.address, 2_500n, 1n, 2_500n);
      expect(await currency.balanceOf(alice.address)).to.equal(aliceBefore - 2_500n);
    });

    it("keeps every payment and their sum within the caps over a random sequence", async function () {
      const { currency, delegations, alice, bob, outsider } = f;
      const perPayment = 700n;
      const total = 6_000n;
      await grantToOutsider(perPayment, total);
      let seed = 42;
      const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
      let spent = 0n;
      for (let i = 0; i < 40; i++) {
        const amount = BigInt(1 + (next() % 900));
        const allowed = amount <= perPayment && spent + amount <= total;
        const payment = delegations.connect(outsider).payFor(alice.address, bob.address, amount);
        if (allowed) {
          await payment;
          spent += amount;
        } else {
          await expect(payment).to.be.revert(ethers);
        }
        expect((await delegations.delegationOf(alice.address, outsider.address)).spent).to.equal(spent);
      }
      expect(spent).to.be.lessThanOrEqual(total);
      expect(spent).to.be.greaterThan(total - perPayment);
      expect(await currency.balanceOf(alice.address)).to.equal(10_000n - spent);
    });

    it("counts without limit when there is no total cap", async function () {
      const { delegations, alice, bob, outsider } = f;
      await grantToOutsider(1_000n);
      for (let i = 0; i < 5; i++) await delegations.connect(outsider).payFor(alice.address, bob.address, 1_000n);
      expect(await delegations.delegationOf(alice.address, outsider.address)).to.deep.equal([
        1_000n,
        0n,
        5_000n,
        0n,
        true,
      ]);
    });

    it("stops working at the expiry", async function () {
      const { delegations, alice, bob, outsider } = f;
      const expiresAt = BigInt(await time.latest()) + 3_600n;
      await grantToOutsider(1_000n, 0n, expiresAt);
      await time.setNextBlockTimestamp(expiresAt - 1n);
      await delegations.connect(outsider).payFor(alice.address, bob.address, 1n);
      await time.setNextBlockTimestamp(expiresAt);
      await expect(delegations.connect(outsider).payFor(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(delegations, "DelegationExpired")
        .withArgs(alice.address, outsider.address, expiresAt);
      // The refused payment mined no block: mine one at the expiry for the view to see it.
      await time.setNextBlockTimestamp(expiresAt);
      await networkHelpers.mine();
      expect((await delegations.delegationOf(alice.address, outsider.address)).usable).to.equal(false);
    });

    it("does not let a frozen or closed delegate pay, as the ledger's transferFrom", async function () {
      const { currency, delegations, manager, alice, bob, shop } = f;
      await delegations.connect(alice).grant(bob.address, 1_000n, 0n, 0n);
      await delegations.connect(alice).grant(shop.address, 1_000n, 0n, 0n);
      await currency.connect(manager).freeze(bob.address);
      await expect(delegations.connect(bob).payFor(alice.address, shop.address, 1n))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(bob.address, Status.Frozen);
      await currency.connect(shop).transfer(alice.address, 10_000n);
      await currency.connect(manager).close(shop.address);
      await expect(delegations.connect(shop).payFor(alice.address, alice.address, 1n))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(shop.address, Status.Closed);
      await currency.connect(manager).unfreeze(bob.address);
      await delegations.connect(bob).payFor(alice.address, alice.address, 1n);
    });

    it("leaves the ledger's rules to the ledger: frozen owner, recipient not a member, pause", async function () {
      const { currency, delegations, manager, pauser, alice, bob, outsider, others } = f;
      await grantToOutsider(1_000n);
      await expect(delegations.connect(outsider).payFor(alice.address, others[0].address, 1n))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(others[0].address, Status.None);
      await currency.connect(pauser).pause();
      await expect(delegations.connect(outsider).payFor(alice.address, bob.address, 1n)).to.be.revertedWithCustomError(
        currency,
        "EnforcedPause",
      );
      await currency.connect(f.governor).unpause();
      await currency.connect(manager).freeze(alice.address);
      await expect(delegations.connect(outsider).payFor(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(alice.address, Status.Frozen);
      // Nothing was counted for the refused payments.
      expect((await delegations.delegationOf(alice.address, outsider.address)).spent).to.equal(0n);
    });

    it("needs the owner's allowance to this contract, and its balance", async function () {
      const { currency, delegations, delegationsAddress, alice, bob, shop, outsider } = f;
      await delegations.connect(bob).grant(outsider.address, 5_000n, 0n, 0n);
      await expect(delegations.connect(outsider).payFor(bob.address, shop.address, 100n))
        .to.be.revertedWithCustomError(currency, "ERC20InsufficientAllowance")
        .withArgs(delegationsAddress, 0n, 100n);
      await currency.connect(bob).approve(delegationsAddress, 150n);
      await delegations.connect(outsider).payFor(bob.address, shop.address, 100n);
      await expect(delegations.connect(outsider).payFor(bob.address, shop.address, 100n))
        .to.be.revertedWithCustomError(currency, "ERC20InsufficientAllowance")
        .withArgs(delegationsAddress, 50n, 100n);
      expect((await delegations.delegationOf(bob.address, outsider.address)).spent).to.equal(100n);

      await grantToOutsider(5_000n);
      await currency.connect(alice).transfer(shop.address, 6_000n);
      await expect(delegations.connect(outsider).payFor(alice.address, shop.address, 4_001n))
        .to.be.revertedWithCustomError(currency, "ERC20InsufficientBalance")
        .withArgs(alice.address, 4_000n, 4_001n);
    });
  });

  describe("revoke", function () {
    it("withdraws the grant: the delegate can no longer pay", async function () {
      const { delegations, alice, bob, outsider } = f;
      await grantToOutsider(1_000n);
      await expect(delegations.connect(alice).revoke(outsider.address))
        .to.emit(delegations, "DelegationRevoked")
        .withArgs(alice.address, outsider.address);
      await expect(delegations.connect(outsider).payFor(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(delegations, "DelegationNotFound")
        .withArgs(alice.address, outsider.address);
      expect(await delegations.delegationOf(alice.address, outsider.address)).to.deep.equal([0n, 0n, 0n, 0n, false]);
    });

    it("rejects revoking a grant that does not exist", async function () {
      const { delegations, alice, bob, outsider } = f;
      await expect(delegations.connect(alice).revoke(bob.address))
        .to.be.revertedWithCustomError(delegations, "DelegationNotFound")
        .withArgs(alice.address, bob.address);
      await grantToOutsider(1_000n);
      // Only the owner can revoke: for the delegate, the pair (delegate, owner) has no grant.
      await expect(delegations.connect(outsider).revoke(alice.address))
        .to.be.revertedWithCustomError(delegations, "DelegationNotFound")
        .withArgs(outsider.address, alice.address);
    });

    it("works for a frozen owner and during a pause", async function () {
      const { currency, delegations, manager, pauser, alice, outsider } = f;
      await grantToOutsider(1_000n);
      await currency.connect(pauser).pause();
      await currency.connect(manager).freeze(alice.address);
      await expect(delegations.connect(alice).revoke(outsider.address)).to.emit(delegations, "DelegationRevoked");
    });
  });

  describe("re-grant", function () {
    it("replaces the earlier grant and restarts its spent count", async function () {
      const { delegations, alice, bob, outsider } = f;
      await grantToOutsider(1_000n, 1_000n);
      await delegations.connect(outsider).payFor(alice.address, bob.address, 1_000n);
      await expect(delegations.connect(outsider).payFor(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(delegations, "DelegationTotalCapExceeded")
        .withArgs(alice.address, outsider.address, 1_000n, 1n, 1_000n);
      await grantToOutsider(200n, 400n);
      expect(await delegations.delegationOf(alice.address, outsider.address)).to.deep.equal([200n, 400n, 0n, 0n, true]);
      await expect(delegations.connect(outsider).payFor(alice.address, bob.address, 201n))
        .to.be.revertedWithCustomError(delegations, "DelegationPaymentCapExceeded")
        .withArgs(alice.address, outsider.address, 201n, 200n);
      await delegations.connect(outsider).payFor(alice.address, bob.address, 200n);
    });

    it("keeps each delegate's grant apart", async function () {
      const { delegations, alice, bob, outsider } = f;
      await grantToOutsider(1_000n, 1_000n);
      await delegations.connect(alice).grant(bob.address, 300n, 0n, 0n);
      await delegations.connect(outsider).payFor(alice.address, bob.address, 1_000n);
      await delegations.connect(alice).revoke(outsider.address);
      await delegations.connect(bob).payFor(alice.address, bob.address, 300n);
      expect((await delegations.delegationOf(alice.address, bob.address)).spent).to.equal(300n);
    });
  });
});
