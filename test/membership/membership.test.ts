import { expect } from "chai";
import { id } from "ethers";
import { network } from "hardhat";

import { deployFundedCurrency, Kind, kindsMask, Status, type CurrencyFixture } from "../helpers/fixtures.js";
import { IMPLEMENTATION_SLOT } from "../helpers/storage.js";

const connection = await network.create();
const { ethers } = connection;
const { time } = connection.networkHelpers;
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

  describe("admission of many accounts at once", function () {
    it("admits each account with its own kind, in order, emitting the admission event for each", async function () {
      const { currency, manager, outsider, others } = f;
      const admissions = [
        { account: outsider.address, kind: Kind.Person },
        { account: others[0].address, kind: Kind.Business },
        { account: others[1].address, kind: Kind.Association },
      ];
      const receipt = (await (await currency.connect(manager).admitMembersInBatch(admissions)).wait())!;
      const events = receipt.logs.map((log) => currency.interface.parseLog(log)!);
      expect(events.map((e) => [e.name, ...e.args])).to.deep.equal(
        admissions.map((a) => ["MemberAdmitted", manager.address, a.account, a.kind]),
      );
      for (const { account, kind } of admissions) {
        expect(await currency.accountOf(account)).to.deep.equal([0n, kind, Status.Active]);
      }
    });

    it("admits nobody when one account cannot be admitted, naming that account", async function () {
      const { currency, manager, alice, outsider, others } = f;
      const before = (await ethers.provider.getBlockNumber()) + 1;
      await expect(
        currency.connect(manager).admitMembersInBatch([
          { account: outsider.address, kind: Kind.Person },
          { account: alice.address, kind: Kind.Person },
          { account: others[0].address, kind: Kind.Person },
        ]),
      )
        .to.be.revertedWithCustomError(currency, "AccountAlreadyAdmitted")
        .withArgs(alice.address, Status.Active);
      expect((await currency.accountOf(outsider.address)).status).to.equal(Status.None);
      expect((await currency.accountOf(others[0].address)).status).to.equal(Status.None);
      expect(await currency.queryFilter(currency.filters.MemberAdmitted(), before)).to.have.length(0);
    });

    it("refuses an account listed twice, a kind None, the zero address and the currency itself", async function () {
      const { currency, manager, outsider, others } = f;
      const batch = (...rest: { account: string; kind: bigint }[]) =>
        currency.connect(manager).admitMembersInBatch([{ account: others[0].address, kind: Kind.Person }, ...rest]);
      await expect(batch({ account: others[0].address, kind: Kind.Business }))
        .to.be.revertedWithCustomError(currency, "AccountAlreadyAdmitted")
        .withArgs(others[0].address, Status.Active);
      await expect(batch({ account: outsider.address, kind: Kind.None }))
        .to.be.revertedWithCustomError(currency, "InvalidAccountKind")
        .withArgs(Kind.None);
      await expect(batch({ account: ethers.ZeroAddress, kind: Kind.Person }))
        .to.be.revertedWithCustomError(currency, "InvalidAccount")
        .withArgs(ethers.ZeroAddress);
      const self = await currency.getAddress();
      await expect(batch({ account: self, kind: Kind.Person }))
        .to.be.revertedWithCustomError(currency, "InvalidAccount")
        .withArgs(self);
      expect((await currency.accountOf(others[0].address)).status).to.equal(Status.None);
    });

    it("refuses a closed account, which stays closed", async function () {
      const { currency, manager, alice, bob } = f;
      await currency.connect(alice).transfer(bob.address, 10_000n);
      await currency.connect(manager).close(alice.address);
      await expect(currency.connect(manager).admitMembersInBatch([{ account: alice.address, kind: Kind.Business }]))
        .to.be.revertedWithCustomError(currency, "AccountAlreadyAdmitted")
        .withArgs(alice.address, Status.Closed);
      expect(await currency.accountOf(alice.address)).to.deep.equal([0n, Kind.Person, Status.Closed]);
    });

    it("admits nobody, and emits nothing, for an empty list", async function () {
      const { currency, manager } = f;
      const receipt = (await (await currency.connect(manager).admitMembersInBatch([])).wait())!;
      expect(receipt.logs).to.have.length(0);
    });

    it("keeps the currency within EIP-170's 24,576 bytes", async function () {
      const slot = await ethers.provider.getStorage(await f.currency.getAddress(), IMPLEMENTATION_SLOT);
      const code = await ethers.provider.getCode(ethers.getAddress(ethers.dataSlice(slot, 12)));
      expect((code.length - 2) / 2).to.be.within(20_000, 24_576);
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
    const DELAY = 72n * 3_600n;

    beforeEach(async function () {
      await expect(f.currency.connect(f.governor).setMemberMoveDelay(DELAY))
        .to.emit(f.currency, "MemberMoveDelaySet")
        .withArgs(f.governor.address, DELAY);
    });

    it("moves kind and balance to the new key once it accepts after the delay, and closes the old one", async function () {
      const { currency, alice, outsider } = f;
      const proposal = await currency.connect(alice).proposeMigration(outsider.address);
      const executableAt = BigInt((await proposal.getBlock())!.timestamp) + DELAY;
      await expect(proposal)
        .to.emit(currency, "MigrationProposed")
        .withArgs(alice.address, outsider.address, executableAt);
      expect(await currency.pendingMigration(alice.address)).to.deep.equal([outsider.address, executableAt]);

      await expect(currency.connect(outsider).acceptMigration(alice.address))
        .to.be.revertedWithCustomError(currency, "MemberMoveNotYetExecutable")
        .withArgs(executableAt, executableAt - DELAY + 1n);
      await time.setNextBlockTimestamp(executableAt);
      const migration = await currency.connect(outsider).acceptMigration(alice.address);
      await expect(migration).to.emit(currency, "AccountMigrated").withArgs(alice.address, outsider.address, 10_000n);
      await expect(migration).to.emit(currency, "Transfer").withArgs(alice.address, outsider.address, 10_000n);
      expect(await currency.accountOf(outsider.address)).to.deep.equal([10_000n, Kind.Person, Status.Active]);
      expect(await currency.accountOf(alice.address)).to.deep.equal([0n, Kind.Person, Status.Closed]);
      expect(await currency.pendingMigration(alice.address)).to.deep.equal([ethers.ZeroAddress, 0n]);
      expect(await currency.successorOf(alice.address)).to.equal(outsider.address);
      expect(await currency.totalSupply()).to.equal(30_000n);
    });

    it("cannot complete in one block with a stolen key: the old key cancels during the delay (regression)", async function () {
      const { currency, alice, outsider } = f;
      // A thief holding alice's key proposes a move to his own key and accepts at once.
      await currency.connect(alice).proposeMigration(outsider.address);
      await expect(currency.connect(outsider).acceptMigration(alice.address)).to.be.revertedWithCustomError(
        currency,
        "MemberMoveNotYetExecutable",
      );
      // Alice sees the public proposal and cancels it.
      await expect(currency.connect(alice).cancelMigration())
        .to.emit(currency, "MigrationCancelled")
        .withArgs(alice.address, outsider.address, alice.address);
      await time.increase(DELAY);
      await expect(currency.connect(outsider).acceptMigration(alice.address))
        .to.be.revertedWithCustomError(currency, "MigrationNotProposed")
        .withArgs(alice.address, outsider.address);
      expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
      await expect(currency.connect(alice).cancelMigration())
        .to.be.revertedWithCustomError(currency, "MigrationNotProposed")
        .withArgs(alice.address, ethers.ZeroAddress);
    });

    it("rejects acceptance by any key but the proposed one", async function () {
      const { currency, alice, outsider, others } = f;
      await currency.connect(alice).proposeMigration(outsider.address);
      await time.increase(DELAY);
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
      await time.increase(DELAY);
      await expect(currency.connect(outsider).acceptMigration(bob.address))
        .to.be.revertedWithCustomError(currency, "MigrationNotProposed")
        .withArgs(bob.address, outsider.address);
    });

    it("is cancelled when the old key is frozen", async function () {
      const { currency, manager, alice, outsider } = f;
      await currency.connect(alice).proposeMigration(outsider.address);
      await currency.connect(manager).freeze(alice.address);
      expect(await currency.pendingMigration(alice.address)).to.deep.equal([ethers.ZeroAddress, 0n]);
      await currency.connect(manager).unfreeze(alice.address);
      await time.increase(DELAY);
      await expect(currency.connect(outsider).acceptMigration(alice.address))
        .to.be.revertedWithCustomError(currency, "MigrationNotProposed")
        .withArgs(alice.address, outsider.address);
    });

    it("is stopped by the pause", async function () {
      const { currency, pauser, alice, outsider } = f;
      await currency.connect(alice).proposeMigration(outsider.address);
      await time.increase(DELAY);
      await currency.connect(pauser).pause();
      await expect(currency.connect(outsider).acceptMigration(alice.address)).to.be.revertedWithCustomError(
        currency,
        "EnforcedPause",
      );
    });

    it("refunds a rejected reconversion of the migrated member to its new key", async function () {
      const { currency, treasurer, shop, outsider } = f;
      await currency.connect(shop).requestReconversion(4_000n);
      await currency.connect(shop).proposeMigration(outsider.address);
      await time.increase(DELAY);
      await currency.connect(outsider).acceptMigration(shop.address);
      await expect(currency.connect(treasurer).rejectReconversion(1n, "wrong IBAN")).to.changeTokenBalances(
        ethers,
        currency,
        [shop, outsider],
        [0n, 4_000n],
      );
      expect(await currency.balanceOf(outsider.address)).to.equal(10_000n);
    });

    it("refunds a rejected reconversion to the last key of a member who moved twice", async function () {
      const { currency, treasurer, shop, outsider, others } = f;
      await currency.connect(shop).requestReconversion(4_000n);
      await currency.connect(shop).proposeMigration(outsider.address);
      await time.increase(DELAY);
      await currency.connect(outsider).acceptMigration(shop.address);
      await currency.connect(outsider).proposeMigration(others[0].address);
      await time.increase(DELAY);
      await currency.connect(others[0]).acceptMigration(outsider.address);
      await expect(currency.connect(treasurer).rejectReconversion(1n, "wrong IBAN")).to.changeTokenBalances(
        ethers,
        currency,
        [shop, outsider, others[0]],
        [0n, 0n, 4_000n],
      );
    });

    it("refuses a delay longer than 30 days", async function () {
      const { currency, governor } = f;
      await expect(currency.connect(governor).setMemberMoveDelay(30n * 86_400n + 1n))
        .to.be.revertedWithCustomError(currency, "MemberMoveDelayTooLong")
        .withArgs(30n * 86_400n + 1n, 30n * 86_400n);
    });
  });

  describe("recovery of a lost key", function () {
    const reason = id("ticket 2026-114: lost phone, identity checked at the office");
    const DELAY = 72n * 3_600n;

    beforeEach(async function () {
      await f.currency.connect(f.governor).setMemberMoveDelay(DELAY);
    });

    it("moves a frozen account's whole balance to the member's new address, by anyone, after the delay", async function () {
      const { currency, manager, alice, outsider, others } = f;
      await currency.connect(manager).freeze(alice.address);
      await currency.connect(manager).admit(outsider.address, Kind.Person);
      const proposal = await currency.connect(manager).recover(alice.address, outsider.address, reason);
      const executableAt = BigInt((await proposal.getBlock())!.timestamp) + DELAY;
      await expect(proposal)
        .to.emit(currency, "RecoveryProposed")
        .withArgs(manager.address, alice.address, outsider.address, reason, executableAt);
      await expect(proposal).to.changeTokenBalances(ethers, currency, [alice, outsider], [0n, 0n]);
      expect(await currency.pendingRecovery(alice.address)).to.deep.equal([
        outsider.address,
        executableAt,
        reason,
        manager.address,
      ]);

      await time.setNextBlockTimestamp(executableAt);
      const recovery = await currency.connect(others[0]).executeRecovery(alice.address);
      await expect(recovery)
        .to.emit(currency, "AccountRecovered")
        .withArgs(others[0].address, alice.address, outsider.address, 10_000n, reason);
      await expect(recovery).to.changeTokenBalances(ethers, currency, [alice, outsider], [-10_000n, 10_000n]);
      expect((await currency.accountOf(alice.address)).status).to.equal(Status.Frozen);
      expect(await currency.pendingRecovery(alice.address)).to.deep.equal([
        ethers.ZeroAddress,
        0n,
        ethers.ZeroHash,
        ethers.ZeroAddress,
      ]);
    });

    it("cannot take a member's balance with a stolen manager key: an auditor or the governor cancels (regression)", async function () {
      const { currency, manager, auditor, governor, alice, bob, outsider } = f;
      // The thief freezes a member, admits his own key and recovers the balance to it.
      await currency.connect(manager).freeze(alice.address);
      await currency.connect(manager).admit(outsider.address, Kind.Person);
      await currency.connect(manager).recover(alice.address, outsider.address, reason);
      await expect(currency.connect(outsider).executeRecovery(alice.address))
        .to.be.revertedWithCustomError(currency, "MemberMoveNotYetExecutable")
        .withArgs((await currency.pendingRecovery(alice.address)).executableAt, BigInt(await time.latest()) + 1n);
      await expect(currency.connect(auditor).cancelRecovery(alice.address))
        .to.emit(currency, "RecoveryCancelled")
        .withArgs(alice.address, outsider.address, auditor.address);
      await time.increase(DELAY);
      await expect(currency.connect(outsider).executeRecovery(alice.address))
        .to.be.revertedWithCustomError(currency, "RecoveryNotPending")
        .withArgs(alice.address);
      expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
      // The governor may cancel too; a member may not.
      await currency.connect(manager).recover(alice.address, bob.address, reason);
      await expect(currency.connect(bob).cancelRecovery(alice.address))
        .to.be.revertedWithCustomError(currency, "AccessControlUnauthorizedAccount")
        .withArgs(bob.address, await currency.MEMBER_MANAGER_ROLE());
      await currency.connect(governor).cancelRecovery(alice.address);
      expect((await currency.pendingRecovery(alice.address)).replacement).to.equal(ethers.ZeroAddress);
    });

    it("voids the recoveries of a member manager whose role was revoked since (a stolen key cut off)", async function () {
      const { currency, manager, pauser, alice, bob, outsider } = f;
      await currency.connect(manager).freeze(alice.address);
      await currency.connect(manager).recover(alice.address, bob.address, reason);
      expect((await currency.pendingRecovery(alice.address)).proposer).to.equal(manager.address);
      await currency.connect(pauser).revokeRole(await currency.MEMBER_MANAGER_ROLE(), manager.address);
      await time.increase(DELAY);
      await expect(currency.connect(outsider).executeRecovery(alice.address))
        .to.be.revertedWithCustomError(currency, "RecoveryProposerRevoked")
        .withArgs(alice.address, manager.address);
      expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
    });

    it("refuses a second recovery while one is pending", async function () {
      const { currency, manager, alice, bob, outsider } = f;
      await currency.connect(manager).freeze(alice.address);
      await currency.connect(manager).recover(alice.address, bob.address, reason);
      await currency.connect(manager).admit(outsider.address, Kind.Person);
      await expect(currency.connect(manager).recover(alice.address, outsider.address, reason))
        .to.be.revertedWithCustomError(currency, "RecoveryAlreadyPending")
        .withArgs(alice.address, bob.address);
    });

    it("does not execute if the lost key was unfrozen or the replacement frozen since", async function () {
      const { currency, manager, alice, bob } = f;
      await currency.connect(manager).freeze(alice.address);
      await currency.connect(manager).recover(alice.address, bob.address, reason);
      await currency.connect(manager).freeze(bob.address);
      await time.increase(DELAY);
      await expect(currency.connect(alice).executeRecovery(alice.address))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(bob.address, Status.Frozen);
      await currency.connect(manager).unfreeze(bob.address);
      await currency.connect(manager).unfreeze(alice.address);
      await expect(currency.connect(bob).executeRecovery(alice.address))
        .to.be.revertedWithCustomError(currency, "AccountNotFrozen")
        .withArgs(alice.address, Status.Active);
      expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
    });

    it("is stopped by the pause, the emergency stop against a stolen member manager key", async function () {
      const { currency, manager, pauser, alice, bob } = f;
      await currency.connect(manager).freeze(alice.address);
      await currency.connect(manager).recover(alice.address, bob.address, reason);
      await time.increase(DELAY);
      await currency.connect(pauser).pause();
      await expect(currency.connect(bob).executeRecovery(alice.address)).to.be.revertedWithCustomError(
        currency,
        "EnforcedPause",
      );
      await expect(currency.connect(manager).recover(bob.address, alice.address, reason)).to.be.revertedWithCustomError(
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

  describe("closing", function () {
    it("is stopped by the pause", async function () {
      const { currency, manager, pauser, outsider } = f;
      await currency.connect(manager).admit(outsider.address, Kind.Person);
      await currency.connect(pauser).pause();
      await expect(currency.connect(manager).close(outsider.address)).to.be.revertedWithCustomError(
        currency,
        "EnforcedPause",
      );
      expect((await currency.accountOf(outsider.address)).status).to.equal(Status.Active);
    });
  });
});
