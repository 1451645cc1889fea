import { readFile } from "node:fs/promises";

import { expect } from "chai";
import { getAddress, id, toBeHex } from "ethers";
import { network } from "hardhat";

import { oneAddressPerRole, roleHoldersInOrder } from "../ignition/deployCurrency.js";

import type { LocalCurrency } from "../types/ethers-contracts/index.js";
import {
  deployFundedCurrency,
  deployImplementation,
  depositRef,
  Kind,
  kindsMask,
  ONE_DAY,
  ReconversionStatus,
  Status,
  type CurrencyFixture,
} from "./helpers/fixtures.js";
import { erc7201, field, IMPLEMENTATION_SLOT, mappingSlot, readSlot } from "./helpers/storage.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

interface FilledCurrency extends CurrencyFixture {
  attestedAt: bigint;
  migrationExecutableAt: bigint;
}

/** A currency with every kind of state: members of each status, balances, refs, escrow, policy, roles. */
async function filledCurrency(): Promise<FilledCurrency> {
  const f = await deployFundedCurrency(connection, {
    reserveCapEnabled: true,
    maxAttestationAge: 7n * ONE_DAY,
    headroom: 1_000n,
    commissionBps: 250,
  });
  const { currency, treasurer, manager, alice, bob, shop, others } = f;
  const attestedAt = (await currency.lastAttestation()).asOf;
  await currency.connect(treasurer).mint(bob.address, 777n, depositRef("upgrade-deposit"));
  await currency.connect(shop).requestReconversion(1_234n);
  await currency.connect(alice).approve(bob.address, 42n);
  await currency.connect(manager).admit(others[0].address, Kind.Person);
  await currency.connect(manager).freeze(others[0].address);
  await currency.connect(manager).admit(others[1].address, Kind.Person);
  const proposal = await currency.connect(alice).proposeMigration(others[2].address);
  const migrationExecutableAt = BigInt((await proposal.getBlock())!.timestamp);
  await currency.connect(f.governor).setPaymentFees(25, 150, 0);
  await currency.connect(f.governor).setTransferRule(Kind.Association, Kind.Association, true);
  return { ...f, attestedAt, migrationExecutableAt };
}

/** Reads every piece of state the filled fixture wrote, through the public views. */
async function observableState(currency: LocalCurrency, f: FilledCurrency) {
  const accounts = [f.alice, f.bob, f.shop, f.association, f.others[0], f.others[1]].map((s) => s.address);
  const roles = await Promise.all(
    (["GOVERNOR_ROLE", "TREASURER_ROLE", "AUDITOR_ROLE", "MEMBER_MANAGER_ROLE", "PAUSER_ROLE"] as const).map((r) =>
      currency[r](),
    ),
  );
  const holders = [f.governor, f.treasurer, f.auditor, f.manager, f.pauser].map((s) => s.address);
  return {
    name: await currency.name(),
    symbol: await currency.symbol(),
    supply: await currency.totalSupply(),
    paymentPolicy: await currency.paymentPolicy(),
    accounts: await Promise.all(accounts.map((a) => currency.accountOf(a))),
    roles: await Promise.all(roles.flatMap((role) => holders.map((h) => currency.hasRole(role, h)))),
    deposits: await Promise.all(
      ["fixture-alice", "fixture-bob", "fixture-shop", "upgrade-deposit", "never"].map((r) =>
        currency.isDepositMinted(depositRef(r)),
      ),
    ),
    reconversion: await currency.reconversion(1n),
    reconversionCount: await currency.reconversionCount(),
    escrowed: await currency.escrowed(),
    reconversionPolicy: await currency.reconversionPolicy(),
    attestation: await currency.lastAttestation(),
    mintPolicy: await currency.mintPolicy(),
    mintAllowance: await currency.mintAllowance(f.treasurer.address),
    allowance: await currency.allowance(f.alice.address, f.bob.address),
    pendingMigration: await currency.pendingMigration(f.alice.address),
    paused: await currency.paused(),
  };
}

/**
 * Pins the storage layout: reads the raw words where each namespace must keep each field. An upgrade that
 * moved any of them (and so would silently change a balance) fails here.
 */
async function expectPinnedLayout(currency: LocalCurrency, f: FilledCurrency) {
  const address = await currency.getAddress();
  const read = (slot: bigint) => readSlot(ethers.provider, address, slot);

  const ledger = erc7201("komuno.storage.Ledger");
  const bobWord = await read(mappingSlot("address", f.bob.address, ledger));
  expect(field(bobWord, 0, 128)).to.equal(10_777n, "bob's balance");
  expect(field(bobWord, 128, 8)).to.equal(Kind.Person, "bob's kind");
  expect(field(bobWord, 136, 8)).to.equal(Status.Active, "bob's status");
  const frozenWord = await read(mappingSlot("address", f.others[0].address, ledger));
  expect(field(frozenWord, 136, 8)).to.equal(Status.Frozen, "frozen status");
  const aliceAllowances = mappingSlot("address", f.alice.address, ledger + 1n);
  expect(await read(mappingSlot("address", f.bob.address, aliceAllowances))).to.equal(42n, "allowance");
  expect(await read(ledger + 2n)).to.equal(30_777n, "totalSupply");
  const rules = await read(ledger + 3n);
  expect(field(rules, 0, 8)).to.equal(0n, "paused");
  expect(field(rules, 8, 64)).to.equal((150n << 32n) | (25n << 16n), "fees by recipient kind");
  expect(field(rules, 72, 16)).to.equal(1n << (4n * Kind.Association + Kind.Association), "forbidden kind pairs");
  expect(await read(ledger + 6n)).to.equal(1n, "governorCount");

  const membership = erc7201("komuno.storage.Membership");
  expect(getAddress(toBeHex(await read(mappingSlot("address", f.alice.address, membership)), 20))).to.equal(
    f.others[2].address,
    "pending migration",
  );
  // Appended after 0.1.0's single mapping: the delay, the pending recoveries, the successors, then the time each
  // pending migration can be accepted.
  expect(await read(mappingSlot("address", f.alice.address, membership + 4n))).to.equal(
    f.migrationExecutableAt,
    "pending migration: executable at",
  );

  const reserve = erc7201("komuno.storage.Reserve");
  const policy = await read(reserve);
  expect(field(policy, 0, 8)).to.equal(1n, "reserveCapEnabled");
  expect(field(policy, 8, 64)).to.equal(7n * ONE_DAY, "maxAttestationAge");
  expect(field(policy, 72, 128)).to.equal(1_000n, "headroom");
  const attested = await read(reserve + 1n);
  expect(field(attested, 0, 96)).to.equal(1_000_000n, "attested amount");
  expect(field(attested, 96, 96)).to.equal(0n, "burned since the attestation");
  expect(field(attested, 192, 64)).to.equal(f.attestedAt, "attested as-of");
  expect(toBeHex(await read(reserve + 2n), 32)).to.equal(id("fixture reserve"), "evidence hash");

  const minting = erc7201("komuno.storage.Minting");
  expect(await read(mappingSlot("address", f.treasurer.address, minting))).to.equal(
    100_000_000n - 30_777n,
    "mint allowance",
  );
  const ref = BigInt(depositRef("upgrade-deposit"));
  const refWord = await read(mappingSlot("uint256", ref >> 8n, minting + 1n));
  expect(field(refWord, Number(ref & 0xffn), 1)).to.equal(1n, "minted deposit bit");

  const reconversion = erc7201("komuno.storage.Reconversion");
  const head = await read(reconversion);
  expect(field(head, 0, 64)).to.equal(1n, "reconversion count");
  expect(field(head, 64, 8)).to.equal(BigInt(kindsMask(Kind.Business)), "allowed kinds");
  expect(field(head, 72, 16)).to.equal(250n, "commission");
  expect(field(head, 88, 160)).to.equal(BigInt(f.association.address), "fee account");
  const request = await read(mappingSlot("uint256", 1n, reconversion + 1n));
  expect(field(request, 0, 160)).to.equal(BigInt(f.shop.address), "request member");
  expect(field(request, 160, 72)).to.equal(1_234n, "request amount");
  expect(field(request, 232, 8)).to.equal(ReconversionStatus.Pending, "request status");
  expect(field(request, 240, 16)).to.equal(250n, "request commission");

  // OpenZeppelin's own namespaces: roles and the initializer's version.
  const accessControl = erc7201("openzeppelin.storage.AccessControl");
  const governors = mappingSlot("bytes32", await currency.GOVERNOR_ROLE(), accessControl);
  expect(await read(mappingSlot("address", f.governor.address, governors))).to.equal(1n, "governor role");
  expect(field(await read(erc7201("openzeppelin.storage.Initializable")), 0, 64)).to.equal(1n, "initialized");
}

describe("Upgrades", function () {
  let f: FilledCurrency;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(filledCurrency);
  });

  it("keeps the storage layout pinned", async function () {
    await expectPinnedLayout(f.currency, f);
  });

  it("keeps every balance, role, used reference and pending reconversion across an upgrade", async function () {
    const { currency, governor, treasurer, alice, bob, association } = f;
    const before = await observableState(currency, f);
    const v2 = await deployImplementation(connection, "LocalCurrencyV2Mock");
    await expect(currency.connect(governor).upgradeToAndCall(await v2.getAddress(), "0x"))
      .to.emit(currency, "Upgraded")
      .withArgs(await v2.getAddress());
    const implementation = await readSlot(ethers.provider, await currency.getAddress(), IMPLEMENTATION_SLOT);
    expect(getAddress(toBeHex(implementation, 20))).to.equal(await v2.getAddress());

    const upgraded = await ethers.getContractAt("LocalCurrencyV2Mock", await currency.getAddress());
    expect(await upgraded.version()).to.equal(2n);
    expect(await observableState(currency, f)).to.deep.equal(before);
    await expectPinnedLayout(currency, f);

    // The upgraded currency keeps working on the old state.
    await upgraded.connect(governor).setMarker(7n);
    expect(await upgraded.marker()).to.equal(7n);
    await expect(currency.connect(alice).transfer(bob.address, 1n)).to.changeTokenBalance(ethers, currency, bob, 1n);
    await expect(currency.connect(treasurer).settleReconversion(1n, depositRef("payout-after-upgrade")))
      .to.emit(currency, "ReconversionSettled")
      .withArgs(1n, treasurer.address, depositRef("payout-after-upgrade"), 1_204n, 30n);
    expect(await currency.balanceOf(association.address)).to.equal(30n);
    await expect(currency.connect(treasurer).mint(bob.address, 1n, depositRef("fixture-bob")))
      .to.be.revertedWithCustomError(currency, "DepositAlreadyMinted")
      .withArgs(depositRef("fixture-bob"));
  });

  it("refuses an implementation that is not a UUPS currency", async function () {
    const { currency, governor } = f;
    const plain = await ethers.deployContract("NotUpgradeableMock");
    await expect(currency.connect(governor).upgradeToAndCall(await plain.getAddress(), "0x"))
      .to.be.revertedWithCustomError(currency, "ERC1967InvalidImplementation")
      .withArgs(await plain.getAddress());
  });

  it("cannot be initialised twice, nor the implementation at all", async function () {
    const { currency, governor } = f;
    const params = {
      name: "X",
      symbol: "X",
      governor: governor.address,
      treasurers: [],
      auditors: [],
      memberManagers: [],
      pausers: [],
      mintPolicy: { reserveCapEnabled: false, maxAttestationAge: 0n, headroom: 0n },
      memberMoveDelay: 0n,
      reconversionKinds: 0,
      reconversionCommissionBps: 0,
      feeAccount: ethers.ZeroAddress,
    };
    await expect(currency.initialize(params)).to.be.revertedWithCustomError(currency, "InvalidInitialization");
    const implementation = getAddress(
      toBeHex(await readSlot(ethers.provider, await currency.getAddress(), IMPLEMENTATION_SLOT), 20),
    );
    const bare = await ethers.getContractAt("LocalCurrency", implementation);
    await expect(bare.initialize(params)).to.be.revertedWithCustomError(bare, "InvalidInitialization");
  });
});

describe("Upgrade from the layout deployed by Komuno 0.1.0", function () {
  /** A 0.1.0 currency, from its recorded bytecode, with every kind of state written through its own ABI. */
  async function deployedV010() {
    const recorded = JSON.parse(await readFile(new URL("./upgrade/LocalCurrency-0.1.0.json", import.meta.url), "utf8"));
    const [governor, treasurer, auditor, manager, pauser, association, alice, bob, shop, lost, newKey] =
      await ethers.getSigners();
    const factory = new ethers.ContractFactory(recorded.abi, recorded.bytecode, governor);
    const oldImplementation = await factory.deploy();
    const { memberMoveDelay: _notIn010, ...init } = oneAddressPerRole(
      roleHoldersInOrder([governor, treasurer, auditor, manager, pauser, association]),
      { reconversionCommissionBps: 250, mintPolicy: { reserveCapEnabled: true, maxAttestationAge: 0n, headroom: 0n } },
    );
    const initCall = factory.interface.encodeFunctionData("initialize", [init]);
    const proxy = await ethers.deployContract("ERC1967Proxy", [await oldImplementation.getAddress(), initCall]);
    const old = new ethers.Contract(await proxy.getAddress(), recorded.abi, governor);
    const as = (signer: typeof governor) => old.connect(signer) as typeof old;
    for (const [member, kind] of [
      [alice, Kind.Person],
      [bob, Kind.Person],
      [shop, Kind.Business],
      [lost, Kind.Person],
    ] as const) {
      await (await as(manager).getFunction("admit")(member.address, kind)).wait();
    }
    await (await as(auditor).getFunction("attestReserve")(1_000_000n, BigInt(await time.latest()), id("0.1.0"))).wait();
    await (await as(governor).getFunction("setMintAllowance")(treasurer.address, 1_000_000n)).wait();
    await (
      await as(treasurer).getFunction("mintBatch")([
        { to: alice.address, amount: 10_000n, depositRef: depositRef("old-alice") },
        { to: shop.address, amount: 20_000n, depositRef: depositRef("old-shop") },
        { to: lost.address, amount: 3_000n, depositRef: depositRef("old-lost") },
      ])
    ).wait();
    await (await as(shop).getFunction("requestReconversion")(5_000n)).wait();
    await (await as(alice).getFunction("proposeMigration")(newKey.address)).wait();
    await (await as(manager).getFunction("freeze")(lost.address)).wait();
    const currency = await ethers.getContractAt("LocalCurrency", await proxy.getAddress());
    return { currency, governor, treasurer, auditor, manager, alice, bob, shop, lost, newKey };
  }

  it("keeps every balance, role, reference, pending reconversion and pending migration, then works", async function () {
    const { currency, governor, treasurer, auditor, manager, alice, bob, shop, lost, newKey } =
      await networkHelpers.loadFixture(deployedV010);
    const balances = async () => Promise.all([alice, shop, lost].map((s) => currency.balanceOf(s.address)));
    const before = {
      balances: await balances(),
      supply: await currency.totalSupply(),
      reconversion: await currency.reconversion(1n),
      attestation: await currency.lastAttestation(),
      allowance: await currency.mintAllowance(treasurer.address),
    };
    const next = await deployImplementation(connection, "LocalCurrency");
    const completion = currency.interface.encodeFunctionData("upgradeFrom010", [72n * 3_600n]);
    await expect(currency.connect(governor).upgradeToAndCall(await next.getAddress(), completion))
      .to.emit(currency, "MemberMoveDelaySet")
      .withArgs(governor.address, 72n * 3_600n);

    expect(await balances()).to.deep.equal(before.balances);
    expect(await currency.totalSupply()).to.equal(before.supply);
    expect(await currency.reconversion(1n)).to.deep.equal(before.reconversion);
    expect(await currency.lastAttestation()).to.deep.equal(before.attestation);
    expect(await currency.mintAllowance(treasurer.address)).to.equal(before.allowance);
    expect(await currency.hasRole(await currency.TREASURER_ROLE(), treasurer.address)).to.equal(true);
    expect(await currency.hasRole(await currency.GOVERNOR_ROLE(), governor.address)).to.equal(true);
    expect(await currency.isDepositMinted(depositRef("old-shop"))).to.equal(true);
    // The delay is in force from the upgrade's own block: a stolen manager key gets no window.
    expect(await currency.memberMoveDelay()).to.equal(72n * 3_600n);
    await expect(currency.connect(governor).upgradeFrom010(0n)).to.be.revertedWithCustomError(
      currency,
      "InvalidInitialization",
    );
    // A migration proposed under 0.1.0 has no time: it must be proposed again, with its delay.
    expect(await currency.pendingMigration(alice.address)).to.deep.equal([newKey.address, 0n]);
    await expect(currency.connect(newKey).acceptMigration(alice.address))
      .to.be.revertedWithCustomError(currency, "MigrationNotProposed")
      .withArgs(alice.address, newKey.address);

    await expect(currency.connect(treasurer).mint(bob.address, 1n, depositRef("old-alice")))
      .to.be.revertedWithCustomError(currency, "DepositAlreadyMinted")
      .withArgs(depositRef("old-alice"));
    await expect(currency.connect(treasurer).settleReconversion(1n, depositRef("payout-after-upgrade")))
      .to.emit(currency, "ReconversionSettled")
      .withArgs(1n, treasurer.address, depositRef("payout-after-upgrade"), 4_875n, 125n);
    await currency.connect(manager).recover(lost.address, bob.address, id("ticket"));
    await expect(currency.connect(bob).executeRecovery(lost.address)).to.be.revertedWithCustomError(
      currency,
      "MemberMoveNotYetExecutable",
    );
    await currency.connect(auditor).cancelRecovery(lost.address);
    expect(await currency.balanceOf(lost.address)).to.equal(3_000n);
    expect(await currency.balanceOf(shop.address)).to.equal(15_000n);
  });

  it("counts payouts made under 0.1.0 in a statement dated before the upgrade and attested after it", async function () {
    const { currency, governor, treasurer, auditor, bob } = await networkHelpers.loadFixture(deployedV010);
    const attestedAsOf = (await currency.lastAttestation()).asOf;
    // Under 0.1.0: the shop's 5,000 reconversion is paid out (4,875 burned).
    await time.increase(3_600);
    await currency.connect(treasurer).settleReconversion(1n, depositRef("payout-010"));
    expect(await currency.burnedSinceAttestation()).to.equal(4_875n);
    const next = await deployImplementation(connection, "LocalCurrency");
    await currency
      .connect(governor)
      .upgradeToAndCall(next.target, currency.interface.encodeFunctionData("upgradeFrom010", [72n * 3_600n]));
    // Late: a statement of a moment before the payout, still showing the 1,000,000.
    await currency.connect(auditor).attestReserve(1_000_000n, attestedAsOf + 60n, id("late statement"));
    expect(await currency.burnedSinceAttestation()).to.equal(4_875n);
    const supply = await currency.totalSupply();
    await currency.connect(governor).increaseMintAllowance(treasurer.address, 1_000n);
    await expect(currency.connect(treasurer).mint(bob.address, 1_000_000n - 4_875n - supply + 1n, id("X")))
      .to.be.revertedWithCustomError(currency, "ReserveExceeded")
      .withArgs(1_000_000n - 4_875n + 1n, 1_000_000n - 4_875n, 0n);
  });
});
