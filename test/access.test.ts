import { expect } from "chai";
import { dataSlice, getAddress, id, ZeroHash } from "ethers";
import { network } from "hardhat";

import type { LocalCurrency, MutualCredit } from "../types/ethers-contracts/index.js";
import { deployFundedCurrency, Kind, type CurrencyFixture } from "./helpers/fixtures.js";
import { IMPLEMENTATION_SLOT } from "./helpers/storage.js";

const connection = await network.create();
async function fundedCurrency() {
  return deployFundedCurrency(connection);
}

type Role = "GOVERNOR_ROLE" | "TREASURER_ROLE" | "AUDITOR_ROLE" | "MEMBER_MANAGER_ROLE" | "PAUSER_ROLE";

/** The contracts a role gates, connected to the caller: the currency, and the mutual credit bound to it. */
interface Connected {
  currency: LocalCurrency;
  credit: MutualCredit;
}

interface PrivilegedCall {
  name: string;
  /** The role the call needs; where several roles may make it, the first is the one a refusal names. */
  role: Role;
  alsoAllowed?: Role[];
  call: (as: Connected, f: CurrencyFixture) => Promise<unknown>;
}

const ref = id("access-matrix");

/** Every function that needs a role, with a call that would succeed for the role holder. */
const privilegedCalls: PrivilegedCall[] = [
  {
    name: "admit",
    role: "MEMBER_MANAGER_ROLE",
    call: ({ currency: c }, f) => c.admit(f.outsider.address, Kind.Person),
  },
  {
    name: "admitMembersInBatch",
    role: "MEMBER_MANAGER_ROLE",
    call: ({ currency: c }, f) => c.admitMembersInBatch([{ account: f.outsider.address, kind: Kind.Person }]),
  },
  { name: "freeze", role: "MEMBER_MANAGER_ROLE", call: ({ currency: c }, f) => c.freeze(f.alice.address) },
  { name: "unfreeze", role: "MEMBER_MANAGER_ROLE", call: ({ currency: c }, f) => c.unfreeze(f.alice.address) },
  { name: "close", role: "MEMBER_MANAGER_ROLE", call: ({ currency: c }, f) => c.close(f.alice.address) },
  {
    name: "recover",
    role: "MEMBER_MANAGER_ROLE",
    call: ({ currency: c }, f) => c.recover(f.alice.address, f.bob.address, ref),
  },
  { name: "mint", role: "TREASURER_ROLE", call: ({ currency: c }, f) => c.mint(f.alice.address, 1n, ref) },
  {
    name: "mintBatch",
    role: "TREASURER_ROLE",
    call: ({ currency: c }, f) => c.mintBatch([{ to: f.alice.address, amount: 1n, depositRef: ref }]),
  },
  { name: "settleReconversion", role: "TREASURER_ROLE", call: ({ currency: c }) => c.settleReconversion(1n, ref) },
  { name: "rejectReconversion", role: "TREASURER_ROLE", call: ({ currency: c }) => c.rejectReconversion(1n, "reason") },
  { name: "burn", role: "TREASURER_ROLE", call: ({ currency: c }) => c.burn(1n, ref) },
  { name: "attestReserve", role: "AUDITOR_ROLE", call: ({ currency: c }) => c.attestReserve(1n, 1n, ref) },
  { name: "pause", role: "PAUSER_ROLE", call: ({ currency: c }) => c.pause() },
  { name: "unpause", role: "GOVERNOR_ROLE", call: ({ currency: c }) => c.unpause() },
  {
    name: "setMintPolicy",
    role: "GOVERNOR_ROLE",
    call: ({ currency: c }) => c.setMintPolicy({ reserveCapEnabled: true, maxAttestationAge: 0n, headroom: 0n }),
  },
  {
    name: "increaseMintAllowance",
    role: "GOVERNOR_ROLE",
    call: ({ currency: c }, f) => c.increaseMintAllowance(f.treasurer.address, 1n),
  },
  {
    name: "decreaseMintAllowance",
    role: "GOVERNOR_ROLE",
    call: ({ currency: c }, f) => c.decreaseMintAllowance(f.treasurer.address, 1n),
  },
  { name: "setMemberMoveDelay", role: "GOVERNOR_ROLE", call: ({ currency: c }) => c.setMemberMoveDelay(3_600n) },
  { name: "proposeGovernor", role: "GOVERNOR_ROLE", call: ({ currency: c }, f) => c.proposeGovernor(f.outsider) },
  {
    name: "cancelRecovery",
    role: "MEMBER_MANAGER_ROLE",
    alsoAllowed: ["GOVERNOR_ROLE", "AUDITOR_ROLE"],
    call: ({ currency: c }, f) => c.cancelRecovery(f.alice.address),
  },
  {
    name: "setReconversionPolicy",
    role: "GOVERNOR_ROLE",
    call: ({ currency: c }) => c.setReconversionPolicy(0, 0, "0x0000000000000000000000000000000000000000"),
  },
  {
    name: "grantRole",
    role: "GOVERNOR_ROLE",
    call: async ({ currency: c }, f) => c.grantRole(await c.TREASURER_ROLE(), f.outsider.address),
  },
  {
    name: "revokeRole (an operational role)",
    role: "GOVERNOR_ROLE",
    alsoAllowed: ["PAUSER_ROLE"],
    call: async ({ currency: c }, f) => c.revokeRole(await c.TREASURER_ROLE(), f.treasurer.address),
  },
  {
    name: "revokeRole (the governor role)",
    role: "GOVERNOR_ROLE",
    call: async ({ currency: c }, f) => c.revokeRole(await c.GOVERNOR_ROLE(), f.governor.address),
  },
  {
    name: "upgradeToAndCall",
    role: "GOVERNOR_ROLE",
    call: async ({ currency: c }) => c.upgradeToAndCall(await c.getAddress(), "0x"),
  },
  { name: "setPaymentFees", role: "GOVERNOR_ROLE", call: ({ currency: c }) => c.setPaymentFees(10, 20, 0) },
  {
    name: "setTransferRule",
    role: "GOVERNOR_ROLE",
    call: ({ currency: c }) => c.setTransferRule(Kind.Person, Kind.Person, true),
  },
  {
    name: "mutual credit: setCreditLimits",
    role: "MEMBER_MANAGER_ROLE",
    call: ({ credit }, f) => credit.setCreditLimits(f.alice.address, 100n, 100n),
  },
  {
    name: "mutual credit: proposeCreditMove",
    role: "MEMBER_MANAGER_ROLE",
    call: ({ credit }, f) => credit.proposeCreditMove(f.alice.address, f.bob.address, ref),
  },
  {
    name: "mutual credit: cancelCreditMove",
    role: "MEMBER_MANAGER_ROLE",
    alsoAllowed: ["GOVERNOR_ROLE", "AUDITOR_ROLE"],
    call: ({ credit }, f) => credit.cancelCreditMove(f.alice.address),
  },
  {
    name: "mutual credit: cancelCreditFloorRaise",
    role: "MEMBER_MANAGER_ROLE",
    alsoAllowed: ["GOVERNOR_ROLE", "AUDITOR_ROLE"],
    call: ({ credit }, f) => credit.cancelCreditFloorRaise(f.alice.address),
  },
  {
    name: "mutual credit: upgradeToAndCall",
    role: "GOVERNOR_ROLE",
    call: async ({ credit }, f) => {
      const slot = await f.connection.ethers.provider.getStorage(await credit.getAddress(), IMPLEMENTATION_SLOT);
      return credit.upgradeToAndCall(getAddress(dataSlice(slot, 12)), "0x");
    },
  },
];

const callers = ["governor", "treasurer", "auditor", "manager", "pauser", "alice", "outsider"] as const;
const rolesOf: Record<(typeof callers)[number], Role[]> = {
  governor: ["GOVERNOR_ROLE"],
  treasurer: ["TREASURER_ROLE"],
  auditor: ["AUDITOR_ROLE"],
  manager: ["MEMBER_MANAGER_ROLE"],
  pauser: ["PAUSER_ROLE"],
  alice: [],
  outsider: [],
};

describe("Access matrix: every privileged function rejects every other role", function () {
  let f: CurrencyFixture;

  beforeEach(async function () {
    f = await connection.networkHelpers.loadFixture(fundedCurrency);
  });

  for (const { name, role, alsoAllowed = [], call } of privilegedCalls) {
    const allowed = [role, ...alsoAllowed];
    for (const caller of callers.filter((c) => !rolesOf[c].some((r) => allowed.includes(r)))) {
      it(`${name} rejects ${caller} (needs ${role})`, async function () {
        const signer = f[caller];
        const roleId = await f.currency[role]();
        await expect(call({ currency: f.currency.connect(signer), credit: f.credit.connect(signer) }, f))
          .to.be.revertedWithCustomError(f.currency, "AccessControlUnauthorizedAccount")
          .withArgs(signer.address, roleId);
      });
    }
  }

  it("gives each role holder exactly its role", async function () {
    for (const caller of callers) {
      for (const role of [
        "GOVERNOR_ROLE",
        "TREASURER_ROLE",
        "AUDITOR_ROLE",
        "MEMBER_MANAGER_ROLE",
        "PAUSER_ROLE",
      ] as const) {
        expect(await f.currency.hasRole(await f.currency[role](), f[caller].address)).to.equal(
          rolesOf[caller].includes(role),
          `${caller} / ${role}`,
        );
      }
    }
  });
});

/** A member's own grants and requests, for the actions only one party may take. */
async function grantsAndRequests() {
  const f = await deployFundedCurrency(connection);
  const { currency, delegations, requests, alice, bob, shop } = f;
  await currency.connect(alice).approve(await delegations.getAddress(), connection.ethers.MaxUint256);
  await delegations.connect(alice).grant(bob.address, 1_000n, 0n, 0n);
  await currency.connect(alice).approve(await requests.getAddress(), connection.ethers.MaxUint256);
  await requests.connect(shop).create(alice.address, 500n, 0n, "invoice 1");
  return f;
}

type Party = "alice" | "bob" | "shop";

interface PartyCall {
  name: string;
  /** The only caller for whom the call succeeds. */
  party: Party;
  call: (f: CurrencyFixture, caller: CurrencyFixture[Party]) => Promise<unknown>;
  /** The contract, custom error and arguments every other caller gets. */
  refusal: (f: CurrencyFixture, caller: string) => [{ interface: unknown }, string, unknown[]];
}

const partyCalls: PartyCall[] = [
  {
    name: "delegations: revoke alice's grant to bob",
    party: "alice",
    call: (f, caller) => f.delegations.connect(caller).revoke(f.bob.address),
    refusal: (f, caller) => [f.delegations, "DelegationNotFound", [caller, f.bob.address]],
  },
  {
    name: "delegations: pay for alice",
    party: "bob",
    call: (f, caller) => f.delegations.connect(caller).payFor(f.alice.address, f.shop.address, 100n),
    refusal: (f, caller) => [f.delegations, "DelegationNotFound", [f.alice.address, caller]],
  },
  {
    name: "payment requests: pay request 1",
    party: "alice",
    call: (f, caller) => f.requests.connect(caller).pay(1n),
    refusal: (f, caller) => [f.requests, "NotRequestPayer", [1n, caller]],
  },
  {
    name: "payment requests: reject request 1",
    party: "alice",
    call: (f, caller) => f.requests.connect(caller).reject(1n),
    refusal: (f, caller) => [f.requests, "NotRequestPayer", [1n, caller]],
  },
  {
    name: "payment requests: cancel request 1",
    party: "shop",
    call: (f, caller) => f.requests.connect(caller).cancel(1n),
    refusal: (f, caller) => [f.requests, "NotRequester", [1n, caller]],
  },
];

describe("Access matrix: what only one party may do (delegations, payment requests)", function () {
  let f: CurrencyFixture;

  beforeEach(async function () {
    f = await connection.networkHelpers.loadFixture(grantsAndRequests);
  });

  const everyone = [...callers, "bob", "shop"] as const;
  for (const { name, party, call, refusal } of partyCalls) {
    it(`${name}: only ${party}`, async function () {
      for (const caller of everyone.filter((c) => c !== party)) {
        const signer = f[caller];
        const [contract, error, args] = refusal(f, signer.address);
        await expect(call(f, signer), `${caller}`)
          .to.be.revertedWithCustomError(contract, error)
          .withArgs(...args);
      }
      await call(f, f[party]);
    });
  }
});

/** The currency with its governor in a timelock of 48 h (proposer: governor; cancellers: governor, auditor). */
async function timelockedCurrency() {
  return deployFundedCurrency(connection, { governanceDelay: 48n * 3_600n });
}

describe("Access matrix: the governance timelock", function () {
  let f: CurrencyFixture;
  const schedule = (as: CurrencyFixture["governor"]) =>
    f.timelock!.connect(as).schedule(f.currency.target, 0n, "0x3f4ba83a", ZeroHash, id(as.address), 48n * 3_600n);

  beforeEach(async function () {
    f = await connection.networkHelpers.loadFixture(timelockedCurrency);
  });

  for (const caller of callers.filter((c) => c !== "governor")) {
    it(`schedule rejects ${caller} (needs the timelock's proposer role)`, async function () {
      await expect(schedule(f[caller]))
        .to.be.revertedWithCustomError(f.timelock!, "AccessControlUnauthorizedAccount")
        .withArgs(f[caller].address, await f.timelock!.PROPOSER_ROLE());
    });
  }

  for (const caller of callers) {
    const mayCancel = caller === "governor" || caller === "auditor";
    it(`cancel ${mayCancel ? "accepts" : "rejects"} ${caller}`, async function () {
      const receipt = (await (await schedule(f.governor)).wait())!;
      const [log] = await f.timelock!.queryFilter(f.timelock!.filters.CallScheduled(), receipt.blockNumber);
      const cancel = f.timelock!.connect(f[caller]).cancel(log.args.id);
      if (mayCancel) await expect(cancel).to.emit(f.timelock!, "Cancelled").withArgs(log.args.id);
      else {
        await expect(cancel)
          .to.be.revertedWithCustomError(f.timelock!, "AccessControlUnauthorizedAccount")
          .withArgs(f[caller].address, await f.timelock!.CANCELLER_ROLE());
      }
    });

    it(`the timelock's own delay and roles cannot be changed by ${caller} directly`, async function () {
      const timelock = f.timelock!.connect(f[caller]);
      await expect(timelock.updateDelay(0n))
        .to.be.revertedWithCustomError(timelock, "TimelockUnauthorizedCaller")
        .withArgs(f[caller].address);
      await expect(timelock.grantRole(await timelock.PROPOSER_ROLE(), f[caller].address))
        .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
        .withArgs(f[caller].address, ZeroHash);
    });
  }

  for (const { name, role, call } of privilegedCalls.filter((c) => c.role === "GOVERNOR_ROLE")) {
    it(`${name} rejects the board's own key: only the timelock governs`, async function () {
      const signer = f.governor;
      await expect(call({ currency: f.currency.connect(signer), credit: f.credit.connect(signer) }, f))
        .to.be.revertedWithCustomError(f.currency, "AccessControlUnauthorizedAccount")
        .withArgs(signer.address, await f.currency[role]());
    });
  }
});
