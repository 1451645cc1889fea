import { expect } from "chai";
import { network } from "hardhat";

import { deployFundedCurrency, depositRef, Status, type CurrencyFixture } from "../helpers/fixtures.js";

const connection = await network.create();
const { ethers } = connection;
async function fundedCurrency() {
  return deployFundedCurrency(connection);
}

const ALLOWANCE_AFTER_FIXTURE = 100_000_000n - 30_000n;

describe("Minting against euro deposits", function () {
  let f: CurrencyFixture;

  beforeEach(async function () {
    f = await connection.networkHelpers.loadFixture(fundedCurrency);
  });

  it("credits a deposit to a member and records its reference", async function () {
    const { currency, treasurer, alice } = f;
    const ref = depositRef("VIR-2026-0001");
    const mint = await currency.connect(treasurer).mint(alice.address, 2_500n, ref);
    await expect(mint).to.emit(currency, "Transfer").withArgs(ethers.ZeroAddress, alice.address, 2_500n);
    await expect(mint).to.emit(currency, "Minted").withArgs(treasurer.address, alice.address, 2_500n, ref);
    await expect(mint).to.changeTokenBalance(ethers, currency, alice, 2_500n);
    expect(await currency.totalSupply()).to.equal(32_500n);
    expect(await currency.isDepositMinted(ref)).to.equal(true);
    expect(await currency.mintAllowance(treasurer.address)).to.equal(ALLOWANCE_AFTER_FIXTURE - 2_500n);
  });

  it("rejects a second mint for the same deposit reference and changes nothing", async function () {
    const { currency, treasurer, alice, bob } = f;
    const ref = depositRef("VIR-2026-0002");
    await currency.connect(treasurer).mint(alice.address, 2_500n, ref);
    await expect(currency.connect(treasurer).mint(bob.address, 2_500n, ref))
      .to.be.revertedWithCustomError(currency, "DepositAlreadyMinted")
      .withArgs(ref);
    expect(await currency.balanceOf(bob.address)).to.equal(10_000n);
    expect(await currency.totalSupply()).to.equal(32_500n);
    expect(await currency.mintAllowance(treasurer.address)).to.equal(ALLOWANCE_AFTER_FIXTURE - 2_500n);
  });

  it("mints a batch of deposits in one transaction", async function () {
    const { currency, treasurer, alice, bob, shop } = f;
    const deposits = [
      { to: alice.address, amount: 100n, depositRef: depositRef("B-1") },
      { to: bob.address, amount: 200n, depositRef: depositRef("B-2") },
      { to: shop.address, amount: 300n, depositRef: depositRef("B-3") },
      { to: alice.address, amount: 400n, depositRef: depositRef("B-4") },
    ];
    const batch = await currency.connect(treasurer).mintBatch(deposits);
    for (const deposit of deposits) {
      await expect(batch)
        .to.emit(currency, "Minted")
        .withArgs(treasurer.address, deposit.to, deposit.amount, deposit.depositRef);
    }
    await expect(batch).to.changeTokenBalances(ethers, currency, [alice, bob, shop], [500n, 200n, 300n]);
    expect(await currency.totalSupply()).to.equal(31_000n);
    expect(await currency.mintAllowance(treasurer.address)).to.equal(ALLOWANCE_AFTER_FIXTURE - 1_000n);
  });

  it("rejects a whole batch that holds one reference twice", async function () {
    const { currency, treasurer, alice, bob } = f;
    const ref = depositRef("B-dup");
    await expect(
      currency.connect(treasurer).mintBatch([
        { to: alice.address, amount: 100n, depositRef: depositRef("B-ok") },
        { to: bob.address, amount: 100n, depositRef: ref },
        { to: alice.address, amount: 100n, depositRef: ref },
      ]),
    )
      .to.be.revertedWithCustomError(currency, "DepositAlreadyMinted")
      .withArgs(ref);
    expect(await currency.isDepositMinted(depositRef("B-ok"))).to.equal(false);
    expect(await currency.totalSupply()).to.equal(30_000n);
  });

  it("rejects a batch that repeats a reference minted earlier", async function () {
    const { currency, treasurer, alice } = f;
    await expect(
      currency.connect(treasurer).mintBatch([{ to: alice.address, amount: 1n, depositRef: depositRef("fixture-bob") }]),
    )
      .to.be.revertedWithCustomError(currency, "DepositAlreadyMinted")
      .withArgs(depositRef("fixture-bob"));
  });

  it("keeps sequentially numbered references apart, bit by bit", async function () {
    const { currency, treasurer, alice } = f;
    const numbered = (n: number) => ethers.toBeHex(n, 32);
    await currency
      .connect(treasurer)
      .mintBatch([1, 2, 255, 256].map((n) => ({ to: alice.address, amount: 1n, depositRef: numbered(n) })));
    for (const n of [1, 2, 255, 256]) expect(await currency.isDepositMinted(numbered(n))).to.equal(true);
    for (const n of [3, 254, 257, 512]) expect(await currency.isDepositMinted(numbered(n))).to.equal(false);
    await expect(currency.connect(treasurer).mint(alice.address, 1n, numbered(255)))
      .to.be.revertedWithCustomError(currency, "DepositAlreadyMinted")
      .withArgs(numbered(255));
  });

  describe("bad input", function () {
    it("rejects an empty batch", async function () {
      await expect(f.currency.connect(f.treasurer).mintBatch([])).to.be.revertedWithCustomError(
        f.currency,
        "EmptyBatch",
      );
    });

    it("rejects a zero amount and a zero reference", async function () {
      const { currency, treasurer, alice } = f;
      await expect(
        currency.connect(treasurer).mint(alice.address, 0n, depositRef("Z-1")),
      ).to.be.revertedWithCustomError(currency, "ZeroAmount");
      await expect(currency.connect(treasurer).mint(alice.address, 1n, ethers.ZeroHash)).to.be.revertedWithCustomError(
        currency,
        "MissingDepositRef",
      );
    });

    it("rejects a deposit to an account that is not an active member", async function () {
      const { currency, treasurer, manager, bob, outsider } = f;
      await expect(currency.connect(treasurer).mint(outsider.address, 1n, depositRef("N-1")))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(outsider.address, Status.None);
      await currency.connect(manager).freeze(bob.address);
      await expect(currency.connect(treasurer).mint(bob.address, 1n, depositRef("N-2")))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(bob.address, Status.Frozen);
      expect(await currency.isDepositMinted(depositRef("N-2"))).to.equal(false);
    });

    it("rejects a mint above the treasurer's allowance", async function () {
      const { currency, governor, treasurer, alice } = f;
      await currency.connect(governor).decreaseMintAllowance(treasurer.address, ethers.MaxUint256);
      await expect(currency.connect(governor).increaseMintAllowance(treasurer.address, 5_000n))
        .to.emit(currency, "MintAllowanceSet")
        .withArgs(governor.address, treasurer.address, 5_000n);
      await expect(currency.connect(treasurer).mint(alice.address, 5_001n, depositRef("A-1")))
        .to.be.revertedWithCustomError(currency, "MintAllowanceExceeded")
        .withArgs(treasurer.address, 5_000n, 5_001n);
      await currency.connect(treasurer).mint(alice.address, 5_000n, depositRef("A-1"));
      expect(await currency.mintAllowance(treasurer.address)).to.equal(0n);
    });

    it("raises and lowers an allowance by an amount, never replacing it, and lowers it to zero at most", async function () {
      const { currency, governor, treasurer, alice } = f;
      const before = await currency.mintAllowance(treasurer.address);
      await expect(currency.connect(governor).increaseMintAllowance(treasurer.address, 700n))
        .to.emit(currency, "MintAllowanceSet")
        .withArgs(governor.address, treasurer.address, before + 700n);
      // A mint between the governor's decision and its execution is not undone by a decrease.
      await currency.connect(treasurer).mint(alice.address, 200n, depositRef("RACE-1"));
      await currency.connect(governor).decreaseMintAllowance(treasurer.address, 300n);
      expect(await currency.mintAllowance(treasurer.address)).to.equal(before + 700n - 200n - 300n);
      await expect(currency.connect(governor).decreaseMintAllowance(treasurer.address, ethers.MaxUint256))
        .to.emit(currency, "MintAllowanceSet")
        .withArgs(governor.address, treasurer.address, 0n);
    });

    it("refuses to raise the allowance of an address without the treasurer role", async function () {
      const { currency, governor, alice } = f;
      await expect(currency.connect(governor).increaseMintAllowance(alice.address, 1n))
        .to.be.revertedWithCustomError(currency, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, await currency.TREASURER_ROLE());
      expect(await currency.mintAllowance(alice.address)).to.equal(0n);
    });

    it("clears the allowance when the treasurer role is revoked, so a later grant starts from zero", async function () {
      const { currency, governor, treasurer, alice } = f;
      const role = await currency.TREASURER_ROLE();
      expect(await currency.mintAllowance(treasurer.address)).to.be.greaterThan(0n);
      await expect(currency.connect(governor).revokeRole(role, treasurer.address))
        .to.emit(currency, "MintAllowanceSet")
        .withArgs(governor.address, treasurer.address, 0n);
      expect(await currency.mintAllowance(treasurer.address)).to.equal(0n);
      await currency.connect(governor).grantRole(role, treasurer.address);
      await expect(currency.connect(treasurer).mint(alice.address, 1n, depositRef("AFTER-REVOKE")))
        .to.be.revertedWithCustomError(currency, "MintAllowanceExceeded")
        .withArgs(treasurer.address, 0n, 1n);
    });

    it("rejects a batch whose total exceeds the allowance", async function () {
      const { currency, governor, treasurer, alice, bob } = f;
      await currency.connect(governor).decreaseMintAllowance(treasurer.address, ethers.MaxUint256);
      await currency.connect(governor).increaseMintAllowance(treasurer.address, 150n);
      await expect(
        currency.connect(treasurer).mintBatch([
          { to: alice.address, amount: 100n, depositRef: depositRef("T-1") },
          { to: bob.address, amount: 100n, depositRef: depositRef("T-2") },
        ]),
      )
        .to.be.revertedWithCustomError(currency, "MintAllowanceExceeded")
        .withArgs(treasurer.address, 150n, 200n);
    });

    it("rejects an amount the ledger cannot hold", async function () {
      const { currency, governor, treasurer, alice } = f;
      await currency.connect(governor).decreaseMintAllowance(treasurer.address, ethers.MaxUint256);
      await currency.connect(governor).increaseMintAllowance(treasurer.address, ethers.MaxUint256);
      const huge = 2n ** 128n;
      await expect(currency.connect(treasurer).mint(alice.address, huge, depositRef("H-1")))
        .to.be.revertedWithCustomError(currency, "AmountTooLarge")
        .withArgs(huge);
      expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
    });

    it("is stopped by the pause", async function () {
      const { currency, pauser, treasurer, alice } = f;
      await currency.connect(pauser).pause();
      await expect(
        currency.connect(treasurer).mint(alice.address, 1n, depositRef("P-1")),
      ).to.be.revertedWithCustomError(currency, "EnforcedPause");
      await expect(
        currency.connect(treasurer).mintBatch([{ to: alice.address, amount: 1n, depositRef: depositRef("P-1") }]),
      ).to.be.revertedWithCustomError(currency, "EnforcedPause");
    });
  });
});
