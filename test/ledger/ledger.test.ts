import { expect } from "chai";
import { network } from "hardhat";

import { permitTypedData } from "../../sdk/permit.js";
import { currencyDomain } from "../helpers/authorizations.js";
import { deployFundedCurrency, Status, type CurrencyFixture } from "../helpers/fixtures.js";

const connection = await network.create();
const { ethers } = connection;
async function fundedCurrency() {
  return deployFundedCurrency(connection);
}

describe("Ledger: payments between members", function () {
  let f: CurrencyFixture;

  beforeEach(async function () {
    f = await connection.networkHelpers.loadFixture(fundedCurrency);
  });

  it("is an ERC-20 with 2 decimals, the name and symbol given at deployment", async function () {
    expect(await f.currency.name()).to.equal("Monnaie Libournaise");
    expect(await f.currency.symbol()).to.equal("MIEL");
    expect(await f.currency.decimals()).to.equal(2n);
    expect(await f.currency.totalSupply()).to.equal(30_000n);
  });

  it("moves money between two active members", async function () {
    const { currency, alice, bob } = f;
    const payment = await currency.connect(alice).transfer(bob.address, 1_250n);
    await expect(payment).to.emit(currency, "Transfer").withArgs(alice.address, bob.address, 1_250n);
    await expect(payment).to.changeTokenBalances(ethers, currency, [alice, bob], [-1_250n, 1_250n]);
    expect(await currency.totalSupply()).to.equal(30_000n);
  });

  it("lets a member pay themself without changing anything", async function () {
    const { currency, alice } = f;
    await expect(currency.connect(alice).transfer(alice.address, 500n)).to.changeTokenBalance(
      ethers,
      currency,
      alice,
      0n,
    );
  });

  it("treats a zero payment as ERC-20 says: a normal transfer of nothing", async function () {
    const { currency, alice, bob } = f;
    await expect(currency.connect(alice).transfer(bob.address, 0n))
      .to.emit(currency, "Transfer")
      .withArgs(alice.address, bob.address, 0n);
  });

  it("rejects a payment to an account that was never admitted", async function () {
    const { currency, alice, outsider } = f;
    await expect(currency.connect(alice).transfer(outsider.address, 1n))
      .to.be.revertedWithCustomError(currency, "AccountNotActive")
      .withArgs(outsider.address, Status.None);
  });

  it("refuses the zero address with OpenZeppelin's ERC-6093 errors, as wallets expect", async function () {
    const { currency, alice, outsider } = f;
    await expect(currency.connect(alice).transfer(ethers.ZeroAddress, 1n))
      .to.be.revertedWithCustomError(currency, "ERC20InvalidReceiver")
      .withArgs(ethers.ZeroAddress);
    await expect(currency.connect(alice).transferFrom(ethers.ZeroAddress, alice.address, 0n))
      .to.be.revertedWithCustomError(currency, "ERC20InvalidSender")
      .withArgs(ethers.ZeroAddress);
    await currency.connect(alice).approve(outsider.address, 5n);
    await expect(currency.connect(outsider).transferFrom(alice.address, ethers.ZeroAddress, 5n))
      .to.be.revertedWithCustomError(currency, "ERC20InvalidReceiver")
      .withArgs(ethers.ZeroAddress);
    expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
  });

  it("rejects a payment from an account that was never admitted", async function () {
    const { currency, alice, outsider } = f;
    await expect(currency.connect(outsider).transfer(alice.address, 0n))
      .to.be.revertedWithCustomError(currency, "AccountNotActive")
      .withArgs(outsider.address, Status.None);
  });

  it("rejects payments from and to a frozen account, and to a closed one", async function () {
    const { currency, manager, alice, bob, shop } = f;
    await currency.connect(manager).freeze(bob.address);
    await expect(currency.connect(alice).transfer(bob.address, 1n))
      .to.be.revertedWithCustomError(currency, "AccountNotActive")
      .withArgs(bob.address, Status.Frozen);
    await expect(currency.connect(bob).transfer(alice.address, 1n))
      .to.be.revertedWithCustomError(currency, "AccountNotActive")
      .withArgs(bob.address, Status.Frozen);

    await currency.connect(shop).transfer(alice.address, 10_000n);
    await currency.connect(manager).close(shop.address);
    await expect(currency.connect(alice).transfer(shop.address, 1n))
      .to.be.revertedWithCustomError(currency, "AccountNotActive")
      .withArgs(shop.address, Status.Closed);
  });

  it("rejects a payment above the balance and changes nothing", async function () {
    const { currency, alice, bob } = f;
    await expect(currency.connect(alice).transfer(bob.address, 10_001n))
      .to.be.revertedWithCustomError(currency, "ERC20InsufficientBalance")
      .withArgs(alice.address, 10_000n, 10_001n);
    expect(await currency.balanceOf(alice.address)).to.equal(10_000n);
    expect(await currency.balanceOf(bob.address)).to.equal(10_000n);
  });

  describe("allowances", function () {
    it("lets an approved spender, member or not, pay between members within the allowance", async function () {
      const { currency, alice, bob, outsider } = f;
      await expect(currency.connect(alice).approve(outsider.address, 3_000n))
        .to.emit(currency, "Approval")
        .withArgs(alice.address, outsider.address, 3_000n);
      const payment = await currency.connect(outsider).transferFrom(alice.address, bob.address, 2_000n);
      await expect(payment).to.changeTokenBalances(ethers, currency, [alice, bob], [-2_000n, 2_000n]);
      expect(await currency.allowance(alice.address, outsider.address)).to.equal(1_000n);
    });

    it("rejects a payment above the allowance", async function () {
      const { currency, alice, bob } = f;
      await currency.connect(alice).approve(bob.address, 1_000n);
      await expect(currency.connect(bob).transferFrom(alice.address, bob.address, 1_001n))
        .to.be.revertedWithCustomError(currency, "ERC20InsufficientAllowance")
        .withArgs(bob.address, 1_000n, 1_001n);
    });

    it("never decreases an unlimited allowance", async function () {
      const { currency, alice, bob } = f;
      await currency.connect(alice).approve(bob.address, ethers.MaxUint256);
      await currency.connect(bob).transferFrom(alice.address, bob.address, 1_000n);
      expect(await currency.allowance(alice.address, bob.address)).to.equal(ethers.MaxUint256);
    });

    it("applies the membership rules to payments made with an allowance", async function () {
      const { currency, alice, bob, outsider } = f;
      await currency.connect(alice).approve(bob.address, 1_000n);
      await expect(currency.connect(bob).transferFrom(alice.address, outsider.address, 1n))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(outsider.address, Status.None);
    });

    it("does not let a frozen member spend the allowances it was given", async function () {
      const { currency, manager, alice, bob } = f;
      await currency.connect(alice).approve(bob.address, 5_000n);
      await currency.connect(manager).freeze(bob.address);
      await expect(currency.connect(bob).transferFrom(alice.address, alice.address, 1n))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(bob.address, Status.Frozen);
    });

    it("rejects an approval of the zero address", async function () {
      const { currency, alice } = f;
      await expect(currency.connect(alice).approve(ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(currency, "ERC20InvalidSpender")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("permit (EIP-2612)", function () {
    async function signPermit(
      signer: typeof f.alice,
      spender: string,
      value: bigint,
      deadline: bigint,
      owner = signer.address,
    ) {
      const { currency } = f;
      const { domain, types, message } = permitTypedData({
        ...(await currencyDomain(currency)),
        owner,
        spender,
        value,
        nonce: await currency.nonces(owner),
        deadline,
      });
      return ethers.Signature.from(await signer.signTypedData(domain, types, message));
    }

    it("sets an allowance from the owner's signature, sent by anyone", async function () {
      const { currency, alice, bob, outsider } = f;
      const deadline = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 3_600n;
      const { v, r, s } = await signPermit(alice, bob.address, 2_000n, deadline);
      await expect(currency.connect(outsider).permit(alice.address, bob.address, 2_000n, deadline, v, r, s))
        .to.emit(currency, "Approval")
        .withArgs(alice.address, bob.address, 2_000n);
      expect(await currency.allowance(alice.address, bob.address)).to.equal(2_000n);
      expect(await currency.nonces(alice.address)).to.equal(1n);
      // The payment made with it still obeys every rule of the ledger.
      await expect(currency.connect(bob).transferFrom(alice.address, outsider.address, 1n))
        .to.be.revertedWithCustomError(currency, "AccountNotActive")
        .withArgs(outsider.address, Status.None);
    });

    it("rejects an expired permit, a permit signed by someone else, and a replayed one", async function () {
      const { currency, alice, bob } = f;
      const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
      const expired = await signPermit(alice, bob.address, 1n, now - 1n);
      await expect(currency.permit(alice.address, bob.address, 1n, now - 1n, expired.v, expired.r, expired.s))
        .to.be.revertedWithCustomError(currency, "ERC2612ExpiredSignature")
        .withArgs(now - 1n);
      const forged = await signPermit(bob, bob.address, 1n, now + 100n, alice.address);
      await expect(currency.permit(alice.address, bob.address, 1n, now + 100n, forged.v, forged.r, forged.s))
        .to.be.revertedWithCustomError(currency, "ERC2612InvalidSigner")
        .withArgs(bob.address, alice.address);
      const good = await signPermit(alice, bob.address, 1n, now + 100n);
      await currency.permit(alice.address, bob.address, 1n, now + 100n, good.v, good.r, good.s);
      await expect(
        currency.permit(alice.address, bob.address, 1n, now + 100n, good.v, good.r, good.s),
      ).to.be.revertedWithCustomError(currency, "ERC2612InvalidSigner");
      expect(await currency.nonces(alice.address)).to.equal(1n);
    });
  });

  describe("pause", function () {
    it("stops payments until the governor resumes", async function () {
      const { currency, pauser, governor, alice, bob } = f;
      await expect(currency.connect(pauser).pause()).to.emit(currency, "Paused").withArgs(pauser.address);
      expect(await currency.paused()).to.equal(true);
      await expect(currency.connect(alice).transfer(bob.address, 1n)).to.be.revertedWithCustomError(
        currency,
        "EnforcedPause",
      );
      await currency.connect(alice).approve(bob.address, 1n);
      await expect(currency.connect(bob).transferFrom(alice.address, bob.address, 1n)).to.be.revertedWithCustomError(
        currency,
        "EnforcedPause",
      );

      await expect(currency.connect(governor).unpause()).to.emit(currency, "Unpaused").withArgs(governor.address);
      await expect(currency.connect(alice).transfer(bob.address, 1n)).to.changeTokenBalance(ethers, currency, bob, 1n);
    });

    it("cannot be resumed by the pauser", async function () {
      const { currency, pauser, governor } = f;
      await currency.connect(pauser).pause();
      await expect(currency.connect(pauser).unpause())
        .to.be.revertedWithCustomError(currency, "AccessControlUnauthorizedAccount")
        .withArgs(pauser.address, await currency.GOVERNOR_ROLE());
      expect(await currency.paused()).to.equal(true);
      await currency.connect(governor).unpause();
    });

    it("rejects pausing twice and resuming when not paused", async function () {
      const { currency, pauser, governor } = f;
      await expect(currency.connect(governor).unpause()).to.be.revertedWithCustomError(currency, "ExpectedPause");
      await currency.connect(pauser).pause();
      await expect(currency.connect(pauser).pause()).to.be.revertedWithCustomError(currency, "EnforcedPause");
    });
  });

  describe("governors", function () {
    it("never lets the last governor go", async function () {
      const { currency, governor, others } = f;
      const role = await currency.GOVERNOR_ROLE();
      await expect(currency.connect(governor).renounceRole(role, governor.address))
        .to.be.revertedWithCustomError(currency, "LastGovernor")
        .withArgs(governor.address);
      await currency.connect(governor).proposeGovernor(others[0].address);
      await currency.connect(others[0]).acceptGovernor();
      await expect(currency.connect(others[0]).revokeRole(role, governor.address))
        .to.emit(currency, "RoleRevoked")
        .withArgs(role, governor.address, others[0].address);
      await expect(currency.connect(others[0]).revokeRole(role, others[0].address))
        .to.be.revertedWithCustomError(currency, "LastGovernor")
        .withArgs(others[0].address);
      expect(await currency.hasRole(role, others[0].address)).to.equal(true);
    });

    it("hands governance over in two steps: a mistyped address never becomes governor (regression)", async function () {
      const { currency, governor, others, outsider } = f;
      const role = await currency.GOVERNOR_ROLE();
      await expect(currency.connect(governor).grantRole(role, others[0].address)).to.be.revertedWithCustomError(
        currency,
        "GovernorHandoverIsTwoStep",
      );
      await expect(currency.connect(governor).proposeGovernor(others[0].address))
        .to.emit(currency, "GovernorProposed")
        .withArgs(governor.address, others[0].address);
      expect(await currency.proposedGovernor()).to.equal(others[0].address);
      await expect(currency.connect(outsider).acceptGovernor())
        .to.be.revertedWithCustomError(currency, "GovernorNotProposed")
        .withArgs(outsider.address);
      // Until the proposed governor accepts, the old one cannot leave: a typo never bricks governance.
      await expect(currency.connect(governor).renounceRole(role, governor.address))
        .to.be.revertedWithCustomError(currency, "LastGovernor")
        .withArgs(governor.address);
      await expect(currency.connect(others[0]).acceptGovernor())
        .to.emit(currency, "RoleGranted")
        .withArgs(role, others[0].address, others[0].address);
      expect(await currency.proposedGovernor()).to.equal(ethers.ZeroAddress);
      expect(await currency.hasRole(role, others[0].address)).to.equal(true);
    });

    it("withdraws a governor proposal on demand, and whenever a governor leaves", async function () {
      const { currency, governor, others } = f;
      const role = await currency.GOVERNOR_ROLE();
      await currency.connect(governor).proposeGovernor(others[0].address);
      await currency.connect(governor).proposeGovernor(ethers.ZeroAddress);
      await expect(currency.connect(others[0]).acceptGovernor())
        .to.be.revertedWithCustomError(currency, "GovernorNotProposed")
        .withArgs(others[0].address);
      // A proposal made by a governor that is then removed dies with its mandate.
      await currency.connect(governor).proposeGovernor(others[1].address);
      await currency.connect(others[1]).acceptGovernor();
      await currency.connect(governor).proposeGovernor(others[2].address);
      await currency.connect(others[1]).revokeRole(role, governor.address);
      expect(await currency.proposedGovernor()).to.equal(ethers.ZeroAddress);
      await expect(currency.connect(others[2]).acceptGovernor())
        .to.be.revertedWithCustomError(currency, "GovernorNotProposed")
        .withArgs(others[2].address);
    });

    it("lets a pauser revoke a treasurer or a member manager at once, but no one who stops or vetoes", async function () {
      const { currency, pauser, treasurer, manager, governor, auditor } = f;
      const treasurerRole = await currency.TREASURER_ROLE();
      await expect(currency.connect(pauser).revokeRole(treasurerRole, treasurer.address))
        .to.emit(currency, "RoleRevoked")
        .withArgs(treasurerRole, treasurer.address, pauser.address);
      await currency.connect(pauser).revokeRole(await currency.MEMBER_MANAGER_ROLE(), manager.address);
      expect(await currency.hasRole(treasurerRole, treasurer.address)).to.equal(false);
      const governorRole = await currency.GOVERNOR_ROLE();
      // One stolen pauser key must not silence the auditors (who cancel recoveries) nor the other pausers.
      for (const [role, holder] of [
        [await currency.AUDITOR_ROLE(), auditor.address],
        [await currency.PAUSER_ROLE(), pauser.address],
      ] as const) {
        await expect(currency.connect(pauser).revokeRole(role, holder))
          .to.be.revertedWithCustomError(currency, "AccessControlUnauthorizedAccount")
          .withArgs(pauser.address, governorRole);
      }
      await expect(currency.connect(pauser).revokeRole(governorRole, governor.address))
        .to.be.revertedWithCustomError(currency, "AccessControlUnauthorizedAccount")
        .withArgs(pauser.address, governorRole);
      await expect(currency.connect(pauser).grantRole(treasurerRole, pauser.address))
        .to.be.revertedWithCustomError(currency, "AccessControlUnauthorizedAccount")
        .withArgs(pauser.address, governorRole);
    });
  });
});
