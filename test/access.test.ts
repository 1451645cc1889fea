import { expect } from "chai";
import { id } from "ethers";
import { network } from "hardhat";

import type { LocalCurrency } from "../types/ethers-contracts/index.js";
import { deployFundedCurrency, Kind, type CurrencyFixture } from "./helpers/fixtures.js";

const connection = await network.create();
async function fundedCurrency() {
  return deployFundedCurrency(connection);
}

type Role = "GOVERNOR_ROLE" | "TREASURER_ROLE" | "AUDITOR_ROLE" | "MEMBER_MANAGER_ROLE" | "PAUSER_ROLE";

interface PrivilegedCall {
  name: string;
  role: Role;
  call: (currency: LocalCurrency, f: CurrencyFixture) => Promise<unknown>;
}

const ref = id("access-matrix");

/** Every function that needs a role, with a call that would succeed for the role holder. */
const privilegedCalls: PrivilegedCall[] = [
  { name: "admit", role: "MEMBER_MANAGER_ROLE", call: (c, f) => c.admit(f.outsider.address, Kind.Person) },
  { name: "freeze", role: "MEMBER_MANAGER_ROLE", call: (c, f) => c.freeze(f.alice.address) },
  { name: "unfreeze", role: "MEMBER_MANAGER_ROLE", call: (c, f) => c.unfreeze(f.alice.address) },
  { name: "close", role: "MEMBER_MANAGER_ROLE", call: (c, f) => c.close(f.alice.address) },
  { name: "recover", role: "MEMBER_MANAGER_ROLE", call: (c, f) => c.recover(f.alice.address, f.bob.address, ref) },
  { name: "mint", role: "TREASURER_ROLE", call: (c, f) => c.mint(f.alice.address, 1n, ref) },
  {
    name: "mintBatch",
    role: "TREASURER_ROLE",
    call: (c, f) => c.mintBatch([{ to: f.alice.address, amount: 1n, depositRef: ref }]),
  },
  { name: "settleReconversion", role: "TREASURER_ROLE", call: (c) => c.settleReconversion(1n, ref) },
  { name: "rejectReconversion", role: "TREASURER_ROLE", call: (c) => c.rejectReconversion(1n, "reason") },
  { name: "burn", role: "TREASURER_ROLE", call: (c) => c.burn(1n, ref) },
  { name: "attestReserve", role: "AUDITOR_ROLE", call: (c) => c.attestReserve(1n, 1n, ref) },
  { name: "pause", role: "PAUSER_ROLE", call: (c) => c.pause() },
  { name: "unpause", role: "GOVERNOR_ROLE", call: (c) => c.unpause() },
  {
    name: "setMintPolicy",
    role: "GOVERNOR_ROLE",
    call: (c) => c.setMintPolicy({ reserveCapEnabled: true, maxAttestationAge: 0n, headroom: 0n }),
  },
  { name: "setMintAllowance", role: "GOVERNOR_ROLE", call: (c, f) => c.setMintAllowance(f.treasurer.address, 1n) },
  {
    name: "setReconversionPolicy",
    role: "GOVERNOR_ROLE",
    call: (c) => c.setReconversionPolicy(0, 0, "0x0000000000000000000000000000000000000000"),
  },
  {
    name: "grantRole",
    role: "GOVERNOR_ROLE",
    call: async (c, f) => c.grantRole(await c.TREASURER_ROLE(), f.outsider.address),
  },
  {
    name: "revokeRole",
    role: "GOVERNOR_ROLE",
    call: async (c, f) => c.revokeRole(await c.TREASURER_ROLE(), f.treasurer.address),
  },
  {
    name: "upgradeToAndCall",
    role: "GOVERNOR_ROLE",
    call: async (c) => c.upgradeToAndCall(await c.getAddress(), "0x"),
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

  for (const { name, role, call } of privilegedCalls) {
    for (const caller of callers.filter((c) => !rolesOf[c].includes(role))) {
      it(`${name} rejects ${caller} (needs ${role})`, async function () {
        const signer = f[caller];
        const roleId = await f.currency[role]();
        await expect(call(f.currency.connect(signer), f))
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
