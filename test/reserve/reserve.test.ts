import { expect } from "chai";
import { id } from "ethers";
import { network } from "hardhat";

import { deployFundedCurrency, depositRef, ONE_DAY, type CurrencyFixture } from "../helpers/fixtures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const evidence = id("bank statement 2026-11");

async function fundedCurrency() {
  return deployFundedCurrency(connection);
}

describe("Reserve attestations and the mint policy", function () {
  let f: CurrencyFixture;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(fundedCurrency);
  });

  it("records an attestation and reports it with its age", async function () {
    const { currency, auditor } = f;
    const asOf = BigInt(await time.latest()) - 3_600n;
    await expect(currency.connect(auditor).attestReserve(50_000n, asOf, evidence))
      .to.emit(currency, "ReserveAttested")
      .withArgs(auditor.address, 50_000n, asOf, evidence);
    expect(await currency.lastAttestation()).to.deep.equal([50_000n, asOf, evidence, auditor.address]);
    await time.increase(100);
    expect(await currency.attestationAge()).to.equal(BigInt(await time.latest()) - asOf);
    expect(await currency.isFullyBacked()).to.equal(true);
  });

  it("reports a currency whose supply exceeds the attested reserve as not fully backed", async function () {
    const { currency, auditor } = f;
    expect(await currency.isFullyBacked()).to.equal(false);
    await currency.connect(auditor).attestReserve(29_999n, BigInt(await time.latest()), evidence);
    expect(await currency.isFullyBacked()).to.equal(false);
  });

  it("has no age before the first attestation", async function () {
    await expect(f.currency.attestationAge()).to.be.revertedWithCustomError(f.currency, "NoAttestation");
  });

  it("rejects an attestation dated in the future", async function () {
    const { currency, auditor } = f;
    const now = BigInt(await time.latest()) + 10n;
    await time.setNextBlockTimestamp(now);
    await expect(currency.connect(auditor).attestReserve(1n, now + 1n, evidence))
      .to.be.revertedWithCustomError(currency, "AttestationInFuture")
      .withArgs(now + 1n, now);
  });

  it("rejects an attestation older than the last one, or dated zero", async function () {
    const { currency, auditor } = f;
    const asOf = BigInt(await time.latest());
    await currency.connect(auditor).attestReserve(1n, asOf, evidence);
    await expect(currency.connect(auditor).attestReserve(1n, asOf - 1n, evidence))
      .to.be.revertedWithCustomError(currency, "AttestationOutOfOrder")
      .withArgs(asOf - 1n, asOf);
    await expect(currency.connect(auditor).attestReserve(1n, 0n, evidence))
      .to.be.revertedWithCustomError(currency, "AttestationOutOfOrder")
      .withArgs(0n, asOf);
  });

  it("rejects an attestation without evidence", async function () {
    const { currency, auditor } = f;
    await expect(
      currency.connect(auditor).attestReserve(1n, BigInt(await time.latest()), ethers.ZeroHash),
    ).to.be.revertedWithCustomError(currency, "MissingEvidence");
  });

  describe("strict policy", function () {
    beforeEach(async function () {
      await expect(
        f.currency
          .connect(f.governor)
          .setMintPolicy({ reserveCapEnabled: true, maxAttestationAge: ONE_DAY, headroom: 0n }),
      )
        .to.emit(f.currency, "MintPolicySet")
        .withArgs(f.governor.address, true, ONE_DAY, 0n);
    });

    it("rejects any mint before a first attestation", async function () {
      await expect(
        f.currency.connect(f.treasurer).mint(f.alice.address, 1n, depositRef("S-1")),
      ).to.be.revertedWithCustomError(f.currency, "NoAttestation");
    });

    it("mints up to the attested reserve, and not a cent more", async function () {
      const { currency, auditor, treasurer, alice } = f;
      await currency.connect(auditor).attestReserve(40_000n, BigInt(await time.latest()), evidence);
      await currency.connect(treasurer).mint(alice.address, 10_000n, depositRef("S-1"));
      await expect(currency.connect(treasurer).mint(alice.address, 1n, depositRef("S-2")))
        .to.be.revertedWithCustomError(currency, "ReserveExceeded")
        .withArgs(40_001n, 40_000n, 0n);
      expect(await currency.totalSupply()).to.equal(40_000n);
      expect(await currency.isDepositMinted(depositRef("S-2"))).to.equal(false);
    });

    it("applies the cap to a batch's total", async function () {
      const { currency, auditor, treasurer, alice, bob } = f;
      await currency.connect(auditor).attestReserve(30_150n, BigInt(await time.latest()), evidence);
      await expect(
        currency.connect(treasurer).mintBatch([
          { to: alice.address, amount: 100n, depositRef: depositRef("S-3") },
          { to: bob.address, amount: 100n, depositRef: depositRef("S-4") },
        ]),
      )
        .to.be.revertedWithCustomError(currency, "ReserveExceeded")
        .withArgs(30_200n, 30_150n, 0n);
    });

    it("allows the headroom above the reserve", async function () {
      const { currency, governor, auditor, treasurer, alice } = f;
      await currency
        .connect(governor)
        .setMintPolicy({ reserveCapEnabled: true, maxAttestationAge: 0n, headroom: 500n });
      await currency.connect(auditor).attestReserve(30_000n, BigInt(await time.latest()), evidence);
      await currency.connect(treasurer).mint(alice.address, 500n, depositRef("S-5"));
      await expect(currency.connect(treasurer).mint(alice.address, 1n, depositRef("S-6")))
        .to.be.revertedWithCustomError(currency, "ReserveExceeded")
        .withArgs(30_501n, 30_000n, 500n);
    });

    it("lowers the cap by every unit burned since the attestation: those euros left the fund", async function () {
      const { currency, auditor, treasurer, manager, governor, shop, alice } = f;
      await currency.connect(auditor).attestReserve(30_000n, BigInt(await time.latest()), evidence);
      await currency.connect(governor).setReconversionPolicy(1 << 2, 0, ethers.ZeroAddress);
      await currency.connect(shop).requestReconversion(10_000n);
      await currency.connect(treasurer).settleReconversion(1n, depositRef("PAYOUT-1"));
      expect(await currency.burnedSinceAttestation()).to.equal(10_000n);
      expect(await currency.totalSupply()).to.equal(20_000n);
      expect(await currency.isFullyBacked()).to.equal(true);
      await expect(currency.connect(treasurer).mint(alice.address, 1n, depositRef("S-10")))
        .to.be.revertedWithCustomError(currency, "ReserveExceeded")
        .withArgs(20_001n, 20_000n, 0n);
      // A treasurer burn counts too; a new attestation starts again from the fund's balance.
      await currency.connect(manager).admit(treasurer.address, 3);
      await currency.connect(alice).transfer(treasurer.address, 1_000n);
      await currency.connect(treasurer).burn(1_000n, depositRef("NOTES-1"));
      expect(await currency.burnedSinceAttestation()).to.equal(11_000n);
      // A statement of a later second than every burn (a burn in the statement's own second counts as after it).
      await time.increase(1);
      await currency.connect(auditor).attestReserve(19_500n, BigInt(await time.latest()), evidence);
      expect(await currency.burnedSinceAttestation()).to.equal(0n);
      expect(await currency.isFullyBacked()).to.equal(true);
      await currency.connect(treasurer).mint(alice.address, 500n, depositRef("S-11"));
    });

    describe("an attestation never erases payouts made after its statement (regression: the erasable bound)", function () {
      beforeEach(async function () {
        await f.currency
          .connect(f.governor)
          .setMintPolicy({ reserveCapEnabled: true, maxAttestationAge: 10n * ONE_DAY, headroom: 0n });
      });

      /** The fund held 30,000 at T0 (= supply); a payout of 10,000 settles at T1 > T0. */
      async function payoutAfterStatement() {
        const { currency, auditor, treasurer, governor, shop } = f;
        const statementTime = BigInt(await time.latest());
        await currency.connect(auditor).attestReserve(30_000n, statementTime, evidence);
        await currency.connect(governor).setReconversionPolicy(1 << 2, 0, ethers.ZeroAddress);
        await currency.connect(shop).requestReconversion(10_000n);
        await time.increase(ONE_DAY);
        await currency.connect(treasurer).settleReconversion(1n, depositRef("PAYOUT-D1"));
        await time.increase(ONE_DAY);
        return statementTime;
      }

      it("keeps counting the payout when the same statement is sent again", async function () {
        const { currency, auditor, treasurer, alice } = f;
        const statementTime = await payoutAfterStatement();
        await currency.connect(auditor).attestReserve(30_000n, statementTime, evidence);
        expect(await currency.burnedSinceAttestation()).to.equal(10_000n);
        // The attacker's move: mint back the paid-out euros with no deposit behind them.
        await expect(currency.connect(treasurer).mint(alice.address, 1n, depositRef("NO-DEPOSIT")))
          .to.be.revertedWithCustomError(currency, "ReserveExceeded")
          .withArgs(20_001n, 20_000n, 0n);
        expect(await currency.totalSupply()).to.equal(20_000n);
      });

      it("counts payouts that settled between a statement's date and its late attestation (D attested on D+4)", async function () {
        const { currency, auditor, treasurer, alice } = f;
        const statementTime = await payoutAfterStatement();
        // The statement of day D, made before the payout, arrives two days later still showing 30,000.
        await currency.connect(auditor).attestReserve(30_000n, statementTime + 1n, id("statement D, late"));
        expect(await currency.burnedSinceAttestation()).to.equal(10_000n);
        expect(await currency.isFullyBacked()).to.equal(true);
        await expect(currency.connect(treasurer).mint(alice.address, 1n, depositRef("NO-DEPOSIT")))
          .to.be.revertedWithCustomError(currency, "ReserveExceeded")
          .withArgs(20_001n, 20_000n, 0n);
      });

      it("counts nothing twice once a statement dated after the payout shows it", async function () {
        const { currency, auditor, treasurer, alice } = f;
        await payoutAfterStatement();
        await currency.connect(auditor).attestReserve(20_000n, BigInt(await time.latest()), id("statement D+3"));
        expect(await currency.burnedSinceAttestation()).to.equal(0n);
        await expect(currency.connect(treasurer).mint(alice.address, 1n, depositRef("NO-DEPOSIT")))
          .to.be.revertedWithCustomError(currency, "ReserveExceeded")
          .withArgs(20_001n, 20_000n, 0n);
      });
    });

    it("no longer reports a currency as fully backed once its attestation is older than the maximum age", async function () {
      const { currency, auditor } = f;
      const asOf = BigInt(await time.latest());
      await currency.connect(auditor).attestReserve(100_000n, asOf, evidence);
      expect(await currency.isFullyBacked()).to.equal(true);
      await time.increaseTo(asOf + ONE_DAY + 1n);
      expect(await currency.isFullyBacked()).to.equal(false);
    });

    it("rejects mints once the attestation is older than the maximum age", async function () {
      const { currency, auditor, treasurer, alice } = f;
      const asOf = BigInt(await time.latest());
      await currency.connect(auditor).attestReserve(100_000n, asOf, evidence);
      await time.setNextBlockTimestamp(asOf + ONE_DAY + 1n);
      await expect(currency.connect(treasurer).mint(alice.address, 1n, depositRef("S-7")))
        .to.be.revertedWithCustomError(currency, "AttestationExpired")
        .withArgs(asOf, ONE_DAY + 1n, ONE_DAY);
    });

    it("lets the governor disable each rule", async function () {
      const { currency, governor, auditor, treasurer, alice } = f;
      const asOf = BigInt(await time.latest());
      await currency.connect(auditor).attestReserve(30_000n, asOf, evidence);
      await currency
        .connect(governor)
        .setMintPolicy({ reserveCapEnabled: false, maxAttestationAge: ONE_DAY, headroom: 0n });
      await currency.connect(treasurer).mint(alice.address, 1_000n, depositRef("S-8"));
      await time.increase(ONE_DAY + 1n);
      await currency.connect(governor).setMintPolicy({ reserveCapEnabled: false, maxAttestationAge: 0n, headroom: 0n });
      await currency.connect(treasurer).mint(alice.address, 1_000n, depositRef("S-9"));
      expect(await currency.totalSupply()).to.equal(32_000n);
    });
  });
});
