import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { id, ZeroHash } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import {
  deployCurrency as deployThroughIgnition,
  oneAddressPerRole,
  roleHoldersInOrder,
} from "../../ignition/deployCurrency.js";
import type {
  Delegations,
  GovernanceTimelock,
  LocalCurrency,
  MutualCredit,
  PaymentRequests,
} from "../../types/ethers-contracts/index.js";

export const Kind = { None: 0n, Person: 1n, Business: 2n, Association: 3n } as const;
export const Status = { None: 0n, Active: 1n, Frozen: 2n, Closed: 3n } as const;
export const ReconversionStatus = { None: 0n, Pending: 1n, Settled: 2n, Rejected: 3n } as const;

/** Bit mask of account kinds for the reconversion policy. */
export function kindsMask(...kinds: bigint[]): number {
  return kinds.reduce((mask, kind) => mask | (1 << Number(kind)), 0);
}

export const ONE_DAY = 24n * 3600n;

export interface Actors {
  governor: HardhatEthersSigner;
  treasurer: HardhatEthersSigner;
  auditor: HardhatEthersSigner;
  manager: HardhatEthersSigner;
  pauser: HardhatEthersSigner;
  association: HardhatEthersSigner; // the fee account
  alice: HardhatEthersSigner; // person
  bob: HardhatEthersSigner; // person
  shop: HardhatEthersSigner; // business
  outsider: HardhatEthersSigner; // never admitted
  others: HardhatEthersSigner[];
}

export interface CurrencyFixture extends Actors {
  currency: LocalCurrency;
  /** The contracts the deployment binds to the currency. */
  credit: MutualCredit;
  delegations: Delegations;
  requests: PaymentRequests;
  connection: NetworkConnection;
  /** The governance timelock holding the governor role (the governor schedules there), when deployed with one. */
  timelock?: GovernanceTimelock;
}

export interface DeployOptions {
  reserveCapEnabled?: boolean;
  maxAttestationAge?: bigint;
  headroom?: bigint;
  commissionBps?: number;
  reconversionKinds?: number;
  /**
   * Deploy with a governance timelock in the governor's seat (proposer: governor; canceller: auditor) whose delay
   * becomes this many seconds once the fixture is set up.
   */
  governanceDelay?: bigint;
}

/** Deploys a currency through the production deployment code, with one signer per role. */
export async function deployCurrency(
  connection: NetworkConnection,
  options: DeployOptions = {},
): Promise<CurrencyFixture> {
  const { ethers } = connection;
  const [governor, treasurer, auditor, manager, pauser, association, alice, bob, shop, outsider, ...others] =
    await ethers.getSigners();
  const init = oneAddressPerRole(roleHoldersInOrder([governor, treasurer, auditor, manager, pauser, association]), {
    mintPolicy: {
      reserveCapEnabled: options.reserveCapEnabled ?? false,
      maxAttestationAge: options.maxAttestationAge ?? 0n,
      headroom: options.headroom ?? 0n,
    },
    reconversionKinds: options.reconversionKinds ?? kindsMask(Kind.Business),
    reconversionCommissionBps: options.commissionBps ?? 0,
  });

  const { address, extensions, governance } = await deployThroughIgnition(connection, init, {
    // Set up with no delay; deployFundedCurrency then sets the delay asked for through the timelock itself.
    ...(options.governanceDelay === undefined
      ? {}
      : { governance: { delaySeconds: 0n, proposers: [governor.address], cancellers: [auditor.address] } }),
  });
  const currency = (await ethers.getContractAt("LocalCurrency", address)) as LocalCurrency;
  return {
    connection,
    currency,
    credit: (await ethers.getContractAt("MutualCredit", extensions.mutualCredit)) as unknown as MutualCredit,
    delegations: (await ethers.getContractAt("Delegations", extensions.delegations)) as unknown as Delegations,
    requests: (await ethers.getContractAt("PaymentRequests", extensions.paymentRequests)) as unknown as PaymentRequests,
    ...(governance === undefined
      ? {}
      : {
          timelock: (await ethers.getContractAt(
            "GovernanceTimelock",
            governance.timelock,
          )) as unknown as GovernanceTimelock,
        }),
    governor,
    treasurer,
    auditor,
    manager,
    pauser,
    association,
    alice,
    bob,
    shop,
    outsider,
    others,
  };
}

/**
 * The usual starting point: alice and bob (persons) and shop (business) admitted, the treasurer allowed to
 * mint 1,000,000.00, and 100.00 minted to each of alice, bob and shop. With a mint policy, the auditor first
 * attests a reserve of 10,000.00.
 */
export async function deployFundedCurrency(
  connection: NetworkConnection,
  options: DeployOptions = {},
): Promise<CurrencyFixture> {
  const fixture = await deployCurrency(connection, options);
  const { currency, governor, treasurer, manager, alice, bob, shop } = fixture;
  await currency.connect(manager).admit(alice.address, Kind.Person);
  await currency.connect(manager).admit(bob.address, Kind.Person);
  await currency.connect(manager).admit(shop.address, Kind.Business);
  await governed(
    fixture,
    currency.interface.encodeFunctionData("increaseMintAllowance", [treasurer.address, 100_000_000n]),
  );
  if (options.reserveCapEnabled || options.maxAttestationAge) {
    const { timestamp } = (await connection.ethers.provider.getBlock("latest"))!;
    await currency.connect(fixture.auditor).attestReserve(1_000_000n, timestamp, id("fixture reserve"));
  }
  await currency.connect(treasurer).mintBatch([
    { to: alice.address, amount: 10_000n, depositRef: depositRef("fixture-alice") },
    { to: bob.address, amount: 10_000n, depositRef: depositRef("fixture-bob") },
    { to: shop.address, amount: 10_000n, depositRef: depositRef("fixture-shop") },
  ]);
  if (fixture.timelock !== undefined) {
    const delay = options.governanceDelay!;
    await governed(
      fixture,
      fixture.timelock.interface.encodeFunctionData("updateDelay", [delay]),
      fixture.timelock.target as string,
    );
  }
  return fixture;
}

let governedCalls = 0;

/**
 * The governor makes a call: directly, or through the timelock when the fixture has one whose delay is still
 * zero (scheduled and executed at once). Returns the execution.
 */
export async function governed(f: CurrencyFixture, data: string, target: string = f.currency.target as string) {
  if (f.timelock === undefined) return f.governor.sendTransaction({ to: target, data });
  const salt = id(`fixture call ${++governedCalls}`);
  const timelock = f.timelock.connect(f.governor);
  await timelock.schedule(target, 0n, data, ZeroHash, salt, await timelock.getMinDelay());
  return timelock.execute(target, 0n, data, ZeroHash, salt);
}

/** A deposit (or payout) reference from a text: the keccak-256 hash of its UTF-8 bytes. */
export function depositRef(text: string): string {
  return id(text);
}

/** The external libraries the currency runs in its own storage (EIP-170), as the deployment module links them. */
export const CURRENCY_LIBRARIES = ["MemberMoves", "PaymentRulesBook", "ReconversionDesk", "ReserveBook"] as const;

/** Deploys a currency implementation (or a mock built on it) with fresh copies of its libraries linked. */
export async function deployImplementation(connection: NetworkConnection, contractName: string) {
  const { ethers } = connection;
  const libraries: Record<string, string> = {};
  for (const library of CURRENCY_LIBRARIES) {
    libraries[library] = await (await ethers.deployContract(library)).getAddress();
  }
  return ethers.deployContract(contractName, [], { libraries });
}
