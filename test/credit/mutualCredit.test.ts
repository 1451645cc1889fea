import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { getAddress, toBeHex } from "ethers";
import { network } from "hardhat";

import { Kind, Status } from "../helpers/fixtures.js";
import { Random } from "../helpers/random.js";
import { erc7201, field, IMPLEMENTATION_SLOT, mappingSlot, readSlot } from "../helpers/storage.js";
import { deployCurrencyWithCredit, type CreditFixture } from "./fixture.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const GOVERNOR_ROLE = ethers.ZeroHash;
const MEMBER_MANAGER_ROLE = ethers.id("MEMBER_MANAGER_ROLE");
const MAX_LIMIT = 2n ** 64n - 1n;

async function currencyWithCredit(): Promise<CreditFixture> {
  return deployCurrencyWithCredit(connection);
}

describe("Mutual credit", function () {
  let f: CreditFixture;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(currencyWithCredit);
  });

  async function balances(...accounts: HardhatEthersSigner[]): Promise<bigint[]> {
    return Promise.all(accounts.map((a) => f.credit.creditBalanceOf(a.address)));
  }

  describe("deployment", function () {
    it("is bound to its currency and starts with no credit in circulation", async function () {
      const { credit, currency, alice } = f;
      expect(await credit.currency()).to.equal(await currency.getAddress());
      expect(await credit.creditOutstanding()).to.equal(0n);
      expect(await credit.creditBalanceOf(alice.address)).to.equal(0n);
      expect(await credit.creditLimitsOf(alice.address)).to.deep.equal([10_000n, 20_000n]);
    });

    it("cannot be initialised twice, nor the implementation at all", async function () {
      const { credit, implementation, currency } = f;
      await expect(credit.initialize(await currency.getAddress())).to.be.revertedWithCustomError(
        credit,
        "InvalidInitialization",
      );
      await expect(implementation.initialize(await currency.getAddress())).to.be.revertedWithCustomError(
        implementation,
        "InvalidInitialization",
      );
    });

    it("rejects a zero currency address", async function () {
      const { implementation } = f;
      const initCall = implementation.interface.encodeFunctionData("initialize", [ethers.ZeroAddress]);
      await expect(ethers.deployContract("ERC1967Proxy", [await implementation.getAddress(), initCall]))
        .to.be.revertedWithCustomError(implementation, "InvalidCurrency")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("limits", function () {
    it("lets the member manager set an account's floor and ceiling", async function () {
      const { credit, manager, alice } = f;
      await expect(credit.connect(manager).setCreditLimits(alice.address, 1_500n, 3_000n))
        .to.emit(credit, "CreditLimitsSet")
        .withArgs(manager.address, alice.address, 1_500n, 3_000n);
      expect(await credit.creditLimitsOf(alice.address)).to.deep.equal([1_500n, 3_000n]);
    });

    it("rejects limits set by anyone without the member-manager role", async function () {
      const { credit, governor, treasurer, pauser, alice, outsider } = f;
      for (const caller of [governor, treasurer, pauser, alice, outsider]) {
        await expect(credit.connect(caller).setCreditLimits(alice.address, 1n, 1n))
          .to.be.revertedWithCustomError(credit, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, MEMBER_MANAGER_ROLE);
      }
      expect(await credit.creditLimitsOf(alice.address)).to.deep.equal([10_000n, 20_000n]);
    });

    it("rejects a floor or a ceiling above 2^64 - 1 cents", async function () {
      const { credit, manager, alice } = f;
      await expect(credit.connect(manager).setCreditLimits(alice.address, MAX_LIMIT + 1n, 0n))
        .to.be.revertedWithCustomError(credit, "CreditLimitsTooLarge")
        .withArgs(MAX_LIMIT + 1n, 0n);
      await expect(credit.connect(manager).setCreditLimits(alice.address, 0n, MAX_LIMIT + 1n))
        .to.be.revertedWithCustomError(credit, "CreditLimitsTooLarge")
        .withArgs(0n, MAX_LIMIT + 1n);
      await credit.connect(manager).setCreditLimits(alice.address, MAX_LIMIT, MAX_LIMIT);
      expect(await credit.creditLimitsOf(alice.address)).to.deep.equal([MAX_LIMIT, MAX_LIMIT]);
    });

    it("rejects limits for an account never admitted, or closed", async function () {
      const { credit, currency, manager, shop, alice, outsider } = f;
      await expect(credit.connect(manager).setCreditLimits(outsider.address, 1n, 1n))
        .to.be.revertedWithCustomError(credit, "AccountNotActive")
        .withArgs(outsider.address, Status.None);
      await currency.connect(shop).transfer(alice.address, 10_000n);
      await currency.connect(manager).close(shop.address);
      await expect(credit.connect(manager).setCreditLimits(shop.address, 0n, 0n))
        .to.be.revertedWithCustomError(credit, "AccountNotActive")
        .withArgs(shop.address, Status.Closed);
    });

    it("gives limits to a frozen member, and while the currency is paused (no money moves)", async function () {
      const { credit, currency, manager, pauser, bob, alice } = f;
      await currency.connect(manager).freeze(bob.address);
      await expect(credit.connect(manager).setCreditLimits(bob.address, 0n, 0n))
        .to.emit(credit, "CreditLimitsSet")
        .withArgs(manager.address, bob.address, 0n, 0n);
      await currency.connect(pauser).pause();
      await expect(credit.connect(manager).setCreditLimits(alice.address, 0n, 0n))
        .to.emit(credit, "CreditLimitsSet")
        .withArgs(manager.address, alice.address, 0n, 0n);
    });

    it("may be lowered below the balance: it stays, and only payments further out fail", async function () {
      const { credit, manager, alice, bob, shop } = f;
      await credit.connect(alice).pay(shop.address, 8_000n);
      await credit.connect(manager).setCreditLimits(alice.address, 5_000n, 20_000n);
      expect(await credit.creditBalanceOf(alice.address)).to.equal(-8_000n);
      await expect(credit.connect(alice).pay(shop.address, 1n))
        .to.be.revertedWithCustomError(credit, "CreditFloorExceeded")
        .withArgs(alice.address, -8_000n, 1n, 5_000n);
      await credit.connect(shop).pay(alice.address, 1_000n);
      expect(await credit.creditBalanceOf(alice.address)).to.equal(-7_000n);

      await credit.connect(shop).pay(bob.address, 4_000n);
      await credit.connect(manager).setCreditLimits(bob.address, 5_000n, 1_000n);
      await expect(credit.connect(shop).pay(bob.address, 1n))
        .to.be.revertedWithCustomError(credit, "CreditCeilingExceeded")
        .withArgs(bob.address, 4_000n, 1n, 1_000n);
      await credit.connect(bob).pay(shop.address, 500n);
      expect(await balances(alice, bob, shop)).to.deep.equal([-7_000n, 3_500n, 3_500n]);
    });
  });

  describe("raising a floor (more credit to spend) waits the member-move delay", function () {
    const DELAY = 72n * 3_600n;

    beforeEach(async function () {
      await f.currency.connect(f.governor).setMemberMoveDelay(DELAY);
    });

    it("cannot hand an accomplice spending power at once with a stolen manager key (regression)", async function () {
      const { credit, currency, manager, auditor, shop, others } = f;
      const accomplice = others[0];
      await currency.connect(manager).admit(accomplice.address, Kind.Person);
      const proposal = await credit.connect(manager).setCreditLimits(accomplice.address, 1_000_000n, 0n);
      const executableAt = BigInt((await proposal.getBlock())!.timestamp) + DELAY;
      await expect(proposal)
        .to.emit(credit, "CreditFloorRaiseProposed")
        .withArgs(manager.address, accomplice.address, 1_000_000n, executableAt);
      await expect(proposal).to.emit(credit, "CreditLimitsSet").withArgs(manager.address, accomplice.address, 0n, 0n);
      expect(await credit.pendingCreditFloorRaise(accomplice.address)).to.deep.equal([1_000_000n, executableAt]);
      // Buying from the shops on credit that does not exist yet fails.
      await expect(credit.connect(accomplice).pay(shop.address, 10_000n))
        .to.be.revertedWithCustomError(credit, "CreditFloorExceeded")
        .withArgs(accomplice.address, 0n, 10_000n, 0n);
      await expect(credit.connect(accomplice).applyCreditFloorRaise(accomplice.address))
        .to.be.revertedWithCustomError(credit, "MemberMoveNotYetExecutable")
        .withArgs(executableAt, executableAt - DELAY + 1n);
      // The auditor sees it and stops it.
      await expect(credit.connect(auditor).cancelCreditFloorRaise(accomplice.address))
        .to.emit(credit, "CreditFloorRaiseCancelled")
        .withArgs(accomplice.address, 1_000_000n, auditor.address);
      await networkHelpers.time.increase(DELAY);
      await expect(credit.connect(accomplice).applyCreditFloorRaise(accomplice.address))
        .to.be.revertedWithCustomError(credit, "CreditFloorRaiseNotPending")
        .withArgs(accomplice.address);
      expect(await credit.creditLimitsOf(accomplice.address)).to.deep.equal([0n, 0n]);
    });

    it("applies a raise after the delay, by anyone, and a lower floor or any ceiling at once", async function () {
      const { credit, manager, alice, outsider } = f;
      await credit.connect(manager).setCreditLimits(alice.address, 15_000n, 30_000n);
      expect(await credit.creditLimitsOf(alice.address)).to.deep.equal([10_000n, 30_000n]);
      await networkHelpers.time.increase(DELAY);
      await expect(credit.connect(outsider).applyCreditFloorRaise(alice.address))
        .to.emit(credit, "CreditLimitsSet")
        .withArgs(outsider.address, alice.address, 15_000n, 30_000n);
      expect(await credit.creditLimitsOf(alice.address)).to.deep.equal([15_000n, 30_000n]);
      await credit.connect(manager).setCreditLimits(alice.address, 5_000n, 1_000n);
      expect(await credit.creditLimitsOf(alice.address)).to.deep.equal([5_000n, 1_000n]);
      expect(await credit.pendingCreditFloorRaise(alice.address)).to.deep.equal([0n, 0n]);
    });

    it("lets only the governor, an auditor or a member manager cancel a raise", async function () {
      const { credit, manager, alice, bob } = f;
      await credit.connect(manager).setCreditLimits(alice.address, 15_000n, 20_000n);
      await expect(credit.connect(bob).cancelCreditFloorRaise(alice.address))
        .to.be.revertedWithCustomError(credit, "AccessControlUnauthorizedAccount")
        .withArgs(bob.address, MEMBER_MANAGER_ROLE);
    });
  });

  describe("payments", function () {
    it("moves credit from payer to payee, the payer going below zero", async function () {
      const { credit, alice, shop } = f;
      const payment = credit.connect(alice).pay(shop.address, 2_500n);
      await expect(payment)
        .to.emit(credit, "CreditPaid")
        .withArgs(alice.address, shop.address, 2_500n, -2_500n, 2_500n);
      expect(await balances(alice, shop)).to.deep.equal([-2_500n, 2_500n]);
      expect(await credit.creditOutstanding()).to.equal(2_500n);

      await expect(credit.connect(shop).pay(alice.address, 1_000n))
        .to.emit(credit, "CreditPaid")
        .withArgs(shop.address, alice.address, 1_000n, 1_500n, -1_500n);
      expect(await credit.creditOutstanding()).to.equal(1_500n);
    });

    it("lets the payer reach exactly its floor, not one cent below", async function () {
      const { credit, alice, shop } = f;
      await credit.connect(alice).pay(shop.address, 10_000n);
      expect(await credit.creditBalanceOf(alice.address)).to.equal(-10_000n);
      await expect(credit.connect(alice).pay(shop.address, 1n))
        .to.be.revertedWithCustomError(credit, "CreditFloorExceeded")
        .withArgs(alice.address, -10_000n, 1n, 10_000n);
    });

    it("lets the payee reach exactly its ceiling, not one cent above", async function () {
      const { credit, bob, shop } = f;
      await credit.connect(shop).pay(bob.address, 5_000n);
      await expect(credit.connect(shop).pay(bob.address, 1n))
        .to.be.revertedWithCustomError(credit, "CreditCeilingExceeded")
        .withArgs(bob.address, 5_000n, 1n, 5_000n);
      expect(await balances(bob, shop)).to.deep.equal([5_000n, -5_000n]);
    });

    it("counts a positive balance as room to pay beyond the floor", async function () {
      const { credit, alice, bob, shop } = f;
      await credit.connect(shop).pay(bob.address, 5_000n);
      await credit.connect(bob).pay(alice.address, 10_000n);
      expect(await balances(alice, bob, shop)).to.deep.equal([10_000n, -5_000n, -5_000n]);
      expect(await credit.creditOutstanding()).to.equal(10_000n);
    });

    it("leaves an admitted member without limits unable to pay or receive", async function () {
      const { credit, currency, manager, alice, others } = f;
      const newcomer = others[0];
      await currency.connect(manager).admit(newcomer.address, Kind.Business);
      await expect(credit.connect(newcomer).pay(alice.address, 1n))
        .to.be.revertedWithCustomError(credit, "CreditFloorExceeded")
        .withArgs(newcomer.address, 0n, 1n, 0n);
      await expect(credit.connect(alice).pay(newcomer.address, 1n))
        .to.be.revertedWithCustomError(credit, "CreditCeilingExceeded")
        .withArgs(newcomer.address, 0n, 1n, 0n);
    });

    it("rejects a zero amount, an amount above 2^128 - 1 cents and a payment to oneself", async function () {
      const { credit, alice, shop } = f;
      await expect(credit.connect(alice).pay(shop.address, 0n)).to.be.revertedWithCustomError(credit, "ZeroAmount");
      await expect(credit.connect(alice).pay(shop.address, 2n ** 128n))
        .to.be.revertedWithCustomError(credit, "AmountTooLarge")
        .withArgs(2n ** 128n);
      await expect(credit.connect(alice).pay(shop.address, 2n ** 128n - 1n))
        .to.be.revertedWithCustomError(credit, "CreditFloorExceeded")
        .withArgs(alice.address, 0n, 2n ** 128n - 1n, 10_000n);
      await expect(credit.connect(alice).pay(alice.address, 1n))
        .to.be.revertedWithCustomError(credit, "CreditToSelf")
        .withArgs(alice.address);
    });

    it("rejects payers and payees that are not active members", async function () {
      const { credit, currency, manager, alice, bob, shop, outsider } = f;
      await expect(credit.connect(alice).pay(outsider.address, 1n))
        .to.be.revertedWithCustomError(credit, "AccountNotActive")
        .withArgs(outsider.address, Status.None);
      await expect(credit.connect(outsider).pay(alice.address, 1n))
        .to.be.revertedWithCustomError(credit, "AccountNotActive")
        .withArgs(outsider.address, Status.None);

      await currency.connect(manager).freeze(bob.address);
      await expect(credit.connect(bob).pay(alice.address, 1n))
        .to.be.revertedWithCustomError(credit, "AccountNotActive")
        .withArgs(bob.address, Status.Frozen);
      await expect(credit.connect(alice).pay(bob.address, 1n))
        .to.be.revertedWithCustomError(credit, "AccountNotActive")
        .withArgs(bob.address, Status.Frozen);
      await currency.connect(manager).unfreeze(bob.address);
      await credit.connect(alice).pay(bob.address, 1n);

      await currency.connect(shop).transfer(alice.address, 10_000n);
      await currency.connect(manager).close(shop.address);
      await expect(credit.connect(alice).pay(shop.address, 1n))
        .to.be.revertedWithCustomError(credit, "AccountNotActive")
        .withArgs(shop.address, Status.Closed);
      await expect(credit.connect(shop).pay(alice.address, 1n))
        .to.be.revertedWithCustomError(credit, "AccountNotActive")
        .withArgs(shop.address, Status.Closed);
    });

    it("stops while the currency is paused, and resumes with it", async function () {
      const { credit, currency, pauser, governor, alice, shop } = f;
      await currency.connect(pauser).pause();
      await expect(credit.connect(alice).pay(shop.address, 1n)).to.be.revertedWithCustomError(credit, "EnforcedPause");
      await currency.connect(governor).unpause();
      await credit.connect(alice).pay(shop.address, 1n);
      expect(await balances(alice, shop)).to.deep.equal([-1n, 1n]);
    });

    it("never touches the euro ledger: balances, supply and reserve stay as they were", async function () {
      const { credit, currency, alice, bob, shop } = f;
      const supplyBefore = await currency.totalSupply();
      const status = async () => [await currency.lastAttestation(), await currency.burnedSinceAttestation()];
      const reserveBefore = await status();
      const payment = credit.connect(alice).pay(shop.address, 7_000n);
      await expect(payment).to.changeTokenBalances(ethers, currency, [alice, bob, shop], [0n, 0n, 0n]);
      await expect(payment).not.to.emit(currency, "Transfer");
      await credit.connect(shop).pay(bob.address, 3_000n);
      expect(await currency.totalSupply()).to.equal(supplyBefore);
      expect(await status()).to.deep.equal(reserveBefore);
      expect(await currency.balanceOf(await credit.getAddress())).to.equal(0n);
    });

    it("keeps the balances summing to zero and the outstanding total exact along a random sequence", async function () {
      const { credit, manager, alice, bob, shop } = f;
      const members = [alice, bob, shop];
      const model = new Map<string, { balance: bigint; floor: bigint; ceiling: bigint }>([
        [alice.address, { balance: 0n, floor: 10_000n, ceiling: 20_000n }],
        [bob.address, { balance: 0n, floor: 5_000n, ceiling: 5_000n }],
        [shop.address, { balance: 0n, floor: 50_000n, ceiling: 50_000n }],
      ]);
      const random = new Random(20260705);
      let accepted = 0;
      for (let step = 0; step < 150; step++) {
        if (random.chance(0.1)) {
          // The manager moves a credit line, sometimes below the balance.
          const member = random.pick(members);
          const limits = model.get(member.address)!;
          limits.floor = random.amount(0n, 20_000n);
          limits.ceiling = random.amount(0n, 20_000n);
          await credit.connect(manager).setCreditLimits(member.address, limits.floor, limits.ceiling);
        } else {
          const from = random.pick(members);
          const to = random.pick(members.filter((m) => m !== from));
          const amount = random.amount(1n, 12_000n);
          const payer = model.get(from.address)!;
          const payee = model.get(to.address)!;
          const call = credit.connect(from).pay(to.address, amount);
          if (payer.balance - amount < -payer.floor) {
            await expect(call)
              .to.be.revertedWithCustomError(credit, "CreditFloorExceeded")
              .withArgs(from.address, payer.balance, amount, payer.floor);
          } else if (payee.balance + amount > payee.ceiling) {
            await expect(call)
              .to.be.revertedWithCustomError(credit, "CreditCeilingExceeded")
              .withArgs(to.address, payee.balance, amount, payee.ceiling);
          } else {
            await expect(call)
              .to.emit(credit, "CreditPaid")
              .withArgs(from.address, to.address, amount, payer.balance - amount, payee.balance + amount);
            payer.balance -= amount;
            payee.balance += amount;
            accepted++;
          }
        }
        const onChain = await balances(...members);
        expect(onChain).to.deep.equal(
          members.map((m) => model.get(m.address)!.balance),
          `step ${step}`,
        );
        expect(onChain.reduce((sum, b) => sum + b, 0n)).to.equal(0n);
        const positive = onChain.reduce((sum, b) => (b > 0n ? sum + b : sum), 0n);
        const negative = onChain.reduce((sum, b) => (b < 0n ? sum - b : sum), 0n);
        expect(await credit.creditOutstanding())
          .to.equal(positive)
          .and.to.equal(negative);
      }
      expect(accepted).to.be.greaterThan(30);
    });

    it("costs less than 70,000 gas per payment", async function () {
      const { credit, currency, alice, bob, shop } = f;
      // A steady-state payment: both parties already hold a balance (their words are non-zero).
      await credit.connect(alice).pay(shop.address, 1_000n);
      await credit.connect(shop).pay(bob.address, 500n);
      const receipt = await (await credit.connect(alice).pay(bob.address, 1_250n)).wait();
      const euro = await (await currency.connect(alice).transfer(bob.address, 1_250n)).wait();
      console.log(`      gas of a mutual-credit payment: ${receipt!.gasUsed} (a euro payment: ${euro!.gasUsed})`);
      expect(receipt!.gasUsed).to.be.lessThan(70_000n);
    });
  });

  describe("moving a credit account", function () {
    const reason = ethers.id("ticket 2026-118");

    async function aliceOwesBob() {
      const { credit, alice, bob, currency, manager, others } = f;
      await credit.connect(alice).pay(bob.address, 4_000n);
      await currency.connect(manager).admit(others[0].address, Kind.Person);
      return { replacement: others[0] };
    }

    it("moves a frozen member's balance and limits once the new account accepts after the delay, leaving the sums unchanged", async function () {
      const { credit, currency, manager, governor, alice } = f;
      const { replacement } = await aliceOwesBob();
      const delay = 72n * 3_600n;
      await currency.connect(governor).setMemberMoveDelay(delay);
      await currency.connect(manager).freeze(alice.address);
      const outstanding = await credit.creditOutstanding();
      const proposal = await credit.connect(manager).proposeCreditMove(alice.address, replacement.address, reason);
      const executableAt = BigInt((await proposal.getBlock())!.timestamp) + delay;
      await expect(proposal)
        .to.emit(credit, "CreditMoveProposed")
        .withArgs(manager.address, alice.address, replacement.address, reason, executableAt);
      expect(await credit.pendingCreditMove(alice.address)).to.deep.equal([replacement.address, executableAt]);
      await expect(credit.connect(replacement).acceptCreditMove(alice.address))
        .to.be.revertedWithCustomError(credit, "MemberMoveNotYetExecutable")
        .withArgs(executableAt, executableAt - delay + 1n);
      expect(await credit.creditBalanceOf(replacement.address), "nothing moves before acceptance").to.equal(0n);
      await networkHelpers.time.setNextBlockTimestamp(executableAt);
      await expect(credit.connect(replacement).acceptCreditMove(alice.address))
        .to.emit(credit, "CreditAccountMoved")
        .withArgs(alice.address, replacement.address, -4_000n);
      expect(await credit.creditBalanceOf(replacement.address)).to.equal(-4_000n);
      expect(await credit.creditLimitsOf(replacement.address)).to.deep.equal([10_000n, 20_000n]);
      expect(await credit.creditBalanceOf(alice.address)).to.equal(0n);
      expect(await credit.creditLimitsOf(alice.address)).to.deep.equal([0n, 0n]);
      expect(await credit.creditOutstanding()).to.equal(outstanding);
      expect(await credit.pendingCreditMove(alice.address)).to.deep.equal([ethers.ZeroAddress, 0n]);
      await expect(credit.connect(replacement).acceptCreditMove(alice.address))
        .to.be.revertedWithCustomError(credit, "CreditMoveNotProposed")
        .withArgs(alice.address, replacement.address);
    });

    it("cannot move a creditor's claim with a stolen manager key: an auditor cancels during the delay (regression)", async function () {
      const { credit, currency, manager, governor, auditor, bob } = f;
      const { replacement: accomplice } = await aliceOwesBob();
      await currency.connect(governor).setMemberMoveDelay(72n * 3_600n);
      // The thief freezes bob, who is owed 4,000, and moves the claim to an accomplice's key.
      await currency.connect(manager).freeze(bob.address);
      await credit.connect(manager).proposeCreditMove(bob.address, accomplice.address, reason);
      await expect(credit.connect(accomplice).acceptCreditMove(bob.address)).to.be.revertedWithCustomError(
        credit,
        "MemberMoveNotYetExecutable",
      );
      await expect(credit.connect(auditor).cancelCreditMove(bob.address))
        .to.emit(credit, "CreditMoveCancelled")
        .withArgs(bob.address, accomplice.address, auditor.address);
      await networkHelpers.time.increase(72n * 3_600n);
      await expect(credit.connect(accomplice).acceptCreditMove(bob.address))
        .to.be.revertedWithCustomError(credit, "CreditMoveNotProposed")
        .withArgs(bob.address, accomplice.address);
      expect(await credit.creditBalanceOf(bob.address)).to.equal(4_000n);
      await expect(credit.connect(auditor).cancelCreditMove(bob.address))
        .to.be.revertedWithCustomError(credit, "CreditMoveNotProposed")
        .withArgs(bob.address, ethers.ZeroAddress);
    });

    it("follows a member who migrated to a new key, with no one else's consent needed", async function () {
      const { credit, currency, alice, outsider } = f;
      await aliceOwesBob();
      const newKey = f.others[1];
      await expect(credit.connect(outsider).followMigration(alice.address))
        .to.be.revertedWithCustomError(credit, "AccountNotMigrated")
        .withArgs(alice.address);
      await currency.connect(alice).proposeMigration(newKey.address);
      await currency.connect(newKey).acceptMigration(alice.address);
      await expect(credit.connect(outsider).followMigration(alice.address))
        .to.emit(credit, "CreditAccountMoved")
        .withArgs(alice.address, newKey.address, -4_000n);
      expect(await credit.creditBalanceOf(newKey.address)).to.equal(-4_000n);
      expect(await credit.creditLimitsOf(newKey.address)).to.deep.equal([10_000n, 20_000n]);
      expect(await credit.creditBalanceOf(alice.address)).to.equal(0n);
    });

    it("never puts a debt on an account that did not accept it", async function () {
      const { credit, currency, manager, alice, bob } = f;
      const { replacement } = await aliceOwesBob();
      await currency.connect(manager).freeze(alice.address);
      await credit.connect(manager).proposeCreditMove(alice.address, replacement.address, reason);
      for (const caller of [manager, bob, alice]) {
        await expect(credit.connect(caller).acceptCreditMove(alice.address))
          .to.be.revertedWithCustomError(credit, "CreditMoveNotProposed")
          .withArgs(alice.address, caller.address);
      }
      expect(await credit.creditBalanceOf(replacement.address)).to.equal(0n);
    });

    it("refuses a proposal for an active account, to an inactive one, without a reason, while paused, or by a non-manager", async function () {
      const { credit, currency, manager, pauser, governor, alice, outsider } = f;
      const { replacement } = await aliceOwesBob();
      await expect(credit.connect(manager).proposeCreditMove(alice.address, replacement.address, reason))
        .to.be.revertedWithCustomError(credit, "CreditAccountNotMovable")
        .withArgs(alice.address, Status.Active);
      await expect(credit.connect(manager).proposeCreditMove(outsider.address, replacement.address, reason))
        .to.be.revertedWithCustomError(credit, "CreditAccountNotMovable")
        .withArgs(outsider.address, Status.None);
      await currency.connect(manager).freeze(alice.address);
      await expect(credit.connect(manager).proposeCreditMove(alice.address, outsider.address, reason))
        .to.be.revertedWithCustomError(credit, "AccountNotActive")
        .withArgs(outsider.address, Status.None);
      await expect(
        credit.connect(manager).proposeCreditMove(alice.address, replacement.address, ethers.ZeroHash),
      ).to.be.revertedWithCustomError(credit, "MissingMoveReason");
      await expect(credit.connect(alice).proposeCreditMove(alice.address, replacement.address, reason))
        .to.be.revertedWithCustomError(credit, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, MEMBER_MANAGER_ROLE);
      await currency.connect(pauser).pause();
      await expect(
        credit.connect(manager).proposeCreditMove(alice.address, replacement.address, reason),
      ).to.be.revertedWithCustomError(credit, "EnforcedPause");
      await currency.connect(governor).unpause();
      expect(await credit.pendingCreditMove(alice.address)).to.deep.equal([ethers.ZeroAddress, 0n]);
    });

    it("refuses an acceptance onto an account in use, by an account frozen since, or for one unfrozen since", async function () {
      const { credit, currency, manager, alice, bob } = f;
      const { replacement } = await aliceOwesBob();
      await currency.connect(manager).freeze(alice.address);
      await credit.connect(manager).proposeCreditMove(alice.address, bob.address, reason);
      await expect(credit.connect(bob).acceptCreditMove(alice.address))
        .to.be.revertedWithCustomError(credit, "CreditAccountInUse")
        .withArgs(bob.address, 4_000n, 5_000n, 5_000n);
      await credit.connect(manager).proposeCreditMove(alice.address, replacement.address, reason);
      await currency.connect(manager).freeze(replacement.address);
      await expect(credit.connect(replacement).acceptCreditMove(alice.address))
        .to.be.revertedWithCustomError(credit, "AccountNotActive")
        .withArgs(replacement.address, Status.Frozen);
      await currency.connect(manager).unfreeze(replacement.address);
      await currency.connect(manager).unfreeze(alice.address);
      await expect(credit.connect(replacement).acceptCreditMove(alice.address))
        .to.be.revertedWithCustomError(credit, "CreditAccountNotMovable")
        .withArgs(alice.address, Status.Active);
      expect(await credit.creditBalanceOf(alice.address)).to.equal(-4_000n);
    });
  });

  describe("upgrades", function () {
    it("upgrades only through a governor of the currency, keeping balances and limits", async function () {
      const { credit, manager, alice, bob, shop, governor } = f;
      await credit.connect(alice).pay(shop.address, 3_000n);
      const v2 = await ethers.deployContract("MutualCreditV2Mock");
      for (const caller of [manager, alice]) {
        await expect(credit.connect(caller).upgradeToAndCall(await v2.getAddress(), "0x"))
          .to.be.revertedWithCustomError(credit, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, GOVERNOR_ROLE);
      }
      await expect(credit.connect(governor).upgradeToAndCall(await v2.getAddress(), "0x"))
        .to.emit(credit, "Upgraded")
        .withArgs(await v2.getAddress());
      const implementation = await readSlot(ethers.provider, await credit.getAddress(), IMPLEMENTATION_SLOT);
      expect(getAddress(toBeHex(implementation, 20))).to.equal(await v2.getAddress());

      const upgraded = await ethers.getContractAt("MutualCreditV2Mock", await credit.getAddress());
      expect(await upgraded.version()).to.equal(2n);
      expect(await balances(alice, shop)).to.deep.equal([-3_000n, 3_000n]);
      expect(await credit.creditLimitsOf(alice.address)).to.deep.equal([10_000n, 20_000n]);
      expect(await credit.creditOutstanding()).to.equal(3_000n);
      await credit.connect(shop).pay(bob.address, 1_000n);
      expect(await balances(alice, bob, shop)).to.deep.equal([-3_000n, 1_000n, 2_000n]);
    });

    it("keeps the storage layout pinned: one word per account, currency and total in one word", async function () {
      const { credit, currency, alice, shop } = f;
      await credit.connect(alice).pay(shop.address, 4_321n);
      const address = await credit.getAddress();
      const base = erc7201("komuno.storage.MutualCredit");
      const head = await readSlot(ethers.provider, address, base);
      expect(field(head, 0, 160)).to.equal(BigInt(await currency.getAddress()), "currency");
      expect(field(head, 160, 96)).to.equal(4_321n, "outstanding");
      const aliceWord = await readSlot(ethers.provider, address, mappingSlot("address", alice.address, base + 1n));
      expect(BigInt.asIntN(128, field(aliceWord, 0, 128))).to.equal(-4_321n, "alice's balance");
      expect(field(aliceWord, 128, 64)).to.equal(10_000n, "alice's floor");
      expect(field(aliceWord, 192, 64)).to.equal(20_000n, "alice's ceiling");
    });
  });
});
