import { expect } from "chai";
import { id } from "ethers";
import { network } from "hardhat";

import { deployFundedCurrency, Kind, kindsMask, Status, type CurrencyFixture } from "../helpers/fixtures.js";

const connection = await network.create();
const { ethers } = connection;
async function fundedCurrency() {
  return deployFundedCurrency(connection);
}

describe("Membership", function () {
  let f: CurrencyFixture;

  beforeEach(async function () {
    f = await connection.networkHelpers.loadFixture(fundedCurrency);
  });

  describe("admission", function () {
    it("admits an account with its kind, active and empty", async function () {
      const { currency, manager, outsider } = f;
      await expect(currency.connect(manager).admit(outsider.address, Kind.Business))
        .to.emit(currency, "MemberAdmitted")
        .withArgs(manager.address, outsider.address, Kind.Business);
      expect(await currency.accountOf(outsider.address)).to.deep.equal([0n, Kind.Business, Status.Active]);
    });

    it("rejects admitting an account twice, even once closed", async function () {
      const { currency, manager, alice, bob } = f;
      await expect(currency.connect(manager).admit(alice.address, Kind.Person))
        .to.be.revertedWithCustomError(currency, "AccountAlreadyAdmitted")
        .withArgs(alice.address, Status.Active);
      await currency.connect(bob).transfer(alice.address, 10_000n);
      await currency.connect(manager).close(bob.address);
      await expect(currency.connect(manager).admit(bob.address, Kind.Person))
        .to.be.revertedWithCustomError(currency, "AccountAlreadyAdmitted")
        .withArgs(bob.address, Status.Closed);
    });

    it("rejects the kind None, the zero address and the currency itself", async function () {
      const { currency, manager, outsider } = f;
      await expect(currency.connect(manager).admit(outsider.address, Kind.None))
        .to.be.revertedWithCustomError(currency, "InvalidAccountKind")
        .withArgs(Kind.None);
      await expect(currency.connect(manager).admit(ethers.ZeroAddress, Kind.Person))
        .to.be.revertedWithCustomError(currency, "InvalidAccount")
        .withArgs(ethers.ZeroAddress);
      const self = await currency.getAddress();
      await expect(currency.connect(manager).admit(self, Kind.Person))
        .to.be.revertedWithCustomError(currency, "InvalidAccount")
        .withArgs(self);
      expect((await currency.accountOf(outsider.address)).status).to.equal(Status.None);
    });
  });

  describe("freeze, unfreeze and close", function () {
    it("freezes and unfreezes an account, keeping its balance", async function () {
      const { currency, manager, alice } = f;
      await expect(currency.connect(manager).freeze(alice.address))
        .to.emit(currency, "MemberFrozen")
        .withArgs(manager.address, alice.address);
      expect(await currency.accountOf(alice.address)).to.deep.equal([10_000n, Kind.Person, Status.Frozen]);
      await expect(currency.connect(manager).unfreeze(alice.address))
        .to.emit(currency, "MemberUnfrozen")
        .withArgs(manager.address, alice.address);
      expect(await currency.accountOf(alice.address)).to.deep.equal([10_000n, Kind.Person, Status.Active]);
    });

    it("rejects freezing an account that is not active and unfreezing one that is not frozen", async function () {
      const { currency, manager, alice, outsider } = f;
      await expect(currency.connect(manager).freeze(outsider.address))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(outsider.address, Status.None);
      await expect(currency.connect(manager).unfreeze(alice.address))
        .to.be.revertedWithCustomError(currency, "AccountNotFrozen")
        .withArgs(alice.address, Status.Active);
    });

    it("closes only an empty account", async function () {
      const { currency, manager, alice, bob } = f;
      await expect(currency.connect(manager).close(alice.address))
        .to.be.revertedWithCustomError(currency, "AccountNotEmpty")
        .withArgs(alice.address, 10_000n);
      await currency.connect(alice).transfer(bob.address, 10_000n);
      await currency.connect(manager).freeze(alice.address);
      await expect(currency.connect(manager).close(alice.address))
        .to.emit(currency, "MemberClosed")
        .withArgs(manager.address, alice.address);
      expect((await currency.accountOf(alice.address)).status).to.equal(Status.Closed);
      await expect(currency.connect(manager).close(alice.address))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(alice.address, Status.Closed);
    });
  });

  describe("the fee account", function () {
    it("can be neither closed nor migrated away while it is the fee account, then can once replaced", async function () {
      const { currency, manager, governor, association, outsider, shop } = f;
      await expect(currency.connect(manager).close(association.address))
        .to.be.revertedWithCustomError(currency, "FeeAccountMustStayOpen")
        .withArgs(association.address);
      await currency.connect(association).proposeMigration(outsider.address);
      await expect(currency.connect(outsider).acceptMigration(association.address))
        .to.be.revertedWithCustomError(currency, "FeeAccountMustStayOpen")
        .withArgs(association.address);
      expect((await currency.accountOf(association.address)).status).to.equal(Status.Active);
      await currency.connect(governor).setReconversionPolicy(kindsMask(Kind.Business), 0, shop.address);
      await expect(currency.connect(manager).close(association.address))
        .to.emit(currency, "MemberClosed")
        .withArgs(manager.address, association.address);
    });
  });

  describe("migration to a new key", function () {
    it("moves kind and balance to the new key once it accepts, and closes the old one", async function () {
      const { currency, alice, outsider } = f;
      await expect(currency.connect(alice).proposeMigration(outsider.address))
        .to.emit(currency, "MigrationProposed")
        .withArgs(alice.address, outsider.address);
      expect(await currency.pendingMigration(alice.address)).to.equal(outsider.address);

      const migration = await currency.connect(outsider).acceptMigration(alice.address);
      await expect(migration).to.emit(currency, "AccountMigrated").withArgs(alice.address, outsider.address, 10_000n);
      await expect(migration).to.emit(currency, "Transfer").withArgs(alice.address, outsider.address, 10_000n);
      expect(await currency.accountOf(outsider.address)).to.deep.equal([10_000n, Kind.Person, Status.Active]);
      expect(await currency.accountOf(alice.address)).to.deep.equal([0n, Kind.Person, Status.Closed]);
      expect(await currency.pendingMigration(alice.address)).to.equal(ethers.ZeroAddress);
      expect(await currency.totalSupply()).to.equal(30_000n);
    });

    it("rejects acceptance by any key but the proposed one", async function () {
      const { currency, alice, outsider, others } = f;
      await currency.connect(alice).proposeMigration(outsider.address);
      await expect(currency.connect(others[0]).acceptMigration(alice.address))
        .to.be.revertedWithCustomError(currency, "MigrationNotProposed")
        .withArgs(alice.address, others[0].address);
    });

    it("rejects a migration to an account that was already admitted", async function () {
      const { currency, alice, bob } = f;
      await expect(currency.connect(alice).proposeMigration(bob.address))
        .to.be.revertedWithCustomError(currency, "AccountAlreadyAdmitted")
        .withArgs(bob.address, Status.Active);
    });

    it("rejects a migration from a frozen account, proposed or accepted", async function () {
      const { currency, manager, alice, bob, outsider } = f;
      await currency.connect(manager).freeze(alice.address);
      await expect(currency.connect(alice).proposeMigration(outsider.address))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(alice.address, Status.Frozen);

      await currency.connect(bob).proposeMigration(outsider.address);
      await currency.connect(manager).freeze(bob.address);
      await expect(currency.connect(outsider).acceptMigration(bob.address))
        .to.be.revertedWithCustomError(currency, "MigrationNotProposed")
        .withArgs(bob.address, outsider.address);
    });

    it("is cancelled when the old key is frozen", async function () {
      const { currency, manager, alice, outsider } = f;
      await currency.connect(alice).proposeMigration(outsider.address);
      await currency.connect(manager).freeze(alice.address);
      expect(await currency.pendingMigration(alice.address)).to.equal(ethers.ZeroAddress);
      await currency.connect(manager).unfreeze(alice.address);
      await expect(currency.connect(outsider).acceptMigration(alice.address))
        .to.be.revertedWithCustomError(currency, "MigrationNotProposed")
        .withArgs(alice.address, outsider.address);
    });

    it("is stopped by the pause", async function () {
      const { currency, pauser, alice, outsider } = f;
      await currency.connect(alice).proposeMigration(outsider.address);
      await currency.connect(pauser).pause();
      await expect(currency.connect(outsider).acceptMigration(alice.address)).to.be.revertedWithCustomError(
        currency,
        "EnforcedPause",
      );
    });
  });

  describe("recovery of a lost key", function () {
    const reason = id("ticket 2026-114: lost phone, identity checked at the office");

    it("moves a frozen account's whole balance to the member's new admitted address", async function () {
      const { currency, manager, alice, outsider } = f;
      await currency.connect(manager).freeze(alice.address);
      await currency.connect(manager).admit(outsider.address, Kind.Person);
      const recovery = await currency.connect(manager).recover(alice.address, outsider.address, reason);
      await expect(recovery)
        .to.emit(currency, "AccountRecovered")
        .withArgs(manager.address, alice.address, outsider.address, 10_000n, reason);
      await expect(recovery).to.changeTokenBalances(ethers, currency, [alice, outsider], [-10_000n, 10_000n]);
      expect((await currency.accountOf(alice.address)).status).to.equal(Status.Frozen);
    });

    it("is stopped by the pause, the emergency stop against a stolen member manager key", async function () {
      const { currency, manager, pauser, alice, bob } = f;
      await currency.connect(manager).freeze(alice.address);
      await currency.connect(pauser).pause();
      await expect(currency.connect(manager).recover(alice.address, bob.address, reason)).to.be.revertedWithCustomError(
        currency,
        "EnforcedPause",
      );
      expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
    });

    it("rejects recovering an account that is not frozen", async function () {
      const { currency, manager, alice, bob } = f;
      await expect(currency.connect(manager).recover(alice.address, bob.address, reason))
        .to.be.revertedWithCustomError(currency, "AccountNotFrozen")
        .withArgs(alice.address, Status.Active);
    });

    it("rejects a replacement that is not an active member", async function () {
      const { currency, manager, alice, outsider } = f;
      await currency.connect(manager).freeze(alice.address);
      await expect(currency.connect(manager).recover(alice.address, outsider.address, reason))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(outsider.address, Status.None);
    });

    it("rejects a recovery without a reason", async function () {
      const { currency, manager, alice, bob } = f;
      await currency.connect(manager).freeze(alice.address);
      await expect(
        currency.connect(manager).recover(alice.address, bob.address, ethers.ZeroHash),
      ).to.be.revertedWithCustomError(currency, "MissingReason");
      expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
    });
  });
});
