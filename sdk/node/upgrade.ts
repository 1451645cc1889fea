import { ContractFactory, Interface, ZeroHash, type Signer } from "ethers";

import type { DeploymentRecord } from "../deployment.js";
import { BaseError } from "../errors.js";
import { toKomunoError } from "../internal/errors.js";
import { createKomunoClient } from "../client.js";
import { localCurrencyAt } from "../internal/contract.js";
import { localCurrencySignatures } from "../abi/generated/signatures.js";
import { currencyCall, sendAsGovernor, timelockOf } from "../internal/governance.js";
import { compareLayouts, IncompatibleStorageLayoutError, readImplementation } from "./storageLayout.js";

export interface UpgradeOptions {
  record: DeploymentRecord;
  /** The governor (or, with prepareOnly, anyone who pays for deploying the implementation). */
  signer: Signer;
  /** Which compiled contract becomes the implementation (default LocalCurrency). */
  contractName?: string;
  /** Deploy the implementation and return the governor's call without sending it (for a multisig). */
  prepareOnly?: boolean;
  /**
   * For a currency deployed by 0.1.0 (its record has no burn history): the member-move delay, in seconds, set in
   * the upgrade's own transaction so recoveries and migrations wait from the first block the new code runs.
   */
  memberMoveDelaySeconds?: bigint;
}

export interface UpgradeResult {
  implementation: string;
  /** The governor's call: to the currency, with this data (with a timelock: the call that schedules it there). */
  call: { to: string; data: string };
  /** Set when the upgrade was sent (or, with a timelock, scheduled). */
  transactionHash?: string;
  /** With a governance timelock: the operation that upgrades, and from when anyone may execute it. */
  scheduled?: { operationId: string; executableAt: Date };
  record: DeploymentRecord;
}

/**
 * Upgrades a currency to the compiled implementation, through the governor. Refuses, before sending
 * anything, an implementation whose storage layout would move, retype or drop any state of the deployed one.
 */
export async function upgradeCurrency(options: UpgradeOptions): Promise<UpgradeResult> {
  const { record, signer } = options;
  if (record.storageLayout === undefined) {
    throw new BaseError(`The deployment record of ${record.code} has no storage layout to check an upgrade against.`);
  }
  const currency = localCurrencyAt(record.address, signer);
  const client = createKomunoClient({ provider: signer.provider!, signer, currency: record });
  const timelock = timelockOf(client);
  if (!options.prepareOnly) {
    // Checked before deploying anything, so a wrong key costs nothing.
    const governor = await signer.getAddress();
    const allowed =
      timelock === undefined
        ? await currency.hasRole(await currency.GOVERNOR_ROLE(), governor)
        : await timelock.hasRole(await timelock.PROPOSER_ROLE(), governor);
    if (!allowed) {
      throw new BaseError(
        timelock === undefined
          ? `${governor} is not a governor of ${record.code}: only the governor upgrades.`
          : `${governor} may not schedule in the governance timelock of ${record.code}: only the board upgrades.`,
      );
    }
  }
  const next = await readImplementation(options.contractName ?? "LocalCurrency");
  // Refuses a 0.1.0 upgrade without its delay before anything is deployed.
  const completion = completionCall(record, options.memberMoveDelaySeconds);
  const problems = compareLayouts(record.storageLayout, next.layout);
  if (problems.length > 0) throw new IncompatibleStorageLayoutError(problems);

  let implementation: string;
  try {
    // The implementation runs external libraries (EIP-170): a fresh copy of each, linked into its bytecode.
    let bytecode = next.bytecode;
    for (const byName of Object.values(next.linkReferences)) {
      for (const [library, ranges] of Object.entries(byName)) {
        const compiled = await readImplementation(library);
        const deployedLibrary = await new ContractFactory([], compiled.bytecode, signer).deploy();
        await deployedLibrary.waitForDeployment();
        const address = (await deployedLibrary.getAddress()).slice(2).toLowerCase();
        for (const { start } of ranges) {
          bytecode = bytecode.slice(0, 2 + start * 2) + address + bytecode.slice(2 + (start + 20) * 2);
        }
      }
    }
    const deployed = await new ContractFactory(next.abi as Interface["fragments"], bytecode, signer).deploy();
    await deployed.waitForDeployment();
    implementation = await deployed.getAddress();
  } catch (error) {
    throw toKomunoError(error, "Deploying the implementation");
  }
  const data = currency.interface.encodeFunctionData("upgradeToAndCall", [implementation, completion]);
  const upgraded: DeploymentRecord = { ...record, implementation, storageLayout: next.layout };
  if (options.prepareOnly) {
    if (timelock === undefined) return { implementation, call: { to: record.address, data }, record: upgraded };
    // The board's multisig schedules the upgrade in the timelock (salt 0: a first upgrade to this implementation).
    const delay = await timelock.getMinDelay();
    const schedule = timelock.interface.encodeFunctionData("schedule", [
      record.address,
      0n,
      data,
      ZeroHash,
      ZeroHash,
      delay,
    ]);
    return { implementation, call: { to: await timelock.getAddress(), data: schedule }, record };
  }

  const result = await sendAsGovernor(
    client,
    "Upgrade",
    (c) => c.upgradeToAndCall(implementation, completion),
    currencyCall(client, "upgradeToAndCall", [implementation, completion]),
  );
  return {
    implementation,
    call: { to: record.address, data },
    transactionHash: result.hash,
    ...(result.status === "scheduled"
      ? { scheduled: { operationId: result.operationId!, executableAt: result.executableAt! } }
      : {}),
    // The record names the new implementation only once the upgrade is done; until then it is pending.
    record:
      result.status === "executed"
        ? upgraded
        : {
            ...record,
            pendingUpgrade: { implementation, operationId: result.operationId!, storageLayout: next.layout },
          },
  };
}

// The EIP-1967 implementation slot: keccak256("eip1967.proxy.implementation") - 1.
const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

/**
 * The record as the chain now stands: once the currency runs the implementation of a pending upgrade (its
 * timelock operation executed), that implementation and its storage layout become the record's, so the next
 * upgrade is checked against the layout really in use. Unchanged otherwise.
 * @example record = await settlePendingUpgrade(record, provider)
 */
export async function settlePendingUpgrade(
  record: DeploymentRecord,
  provider: { getStorage(address: string, slot: string): Promise<string> },
): Promise<DeploymentRecord> {
  const pending = record.pendingUpgrade;
  if (pending === undefined) return record;
  const word = await provider.getStorage(record.address, IMPLEMENTATION_SLOT);
  if (BigInt(word) !== BigInt(pending.implementation)) return record;
  const { pendingUpgrade: _done, ...settled } = record;
  return { ...settled, implementation: pending.implementation, storageLayout: pending.storageLayout };
}

/**
 * The call the upgrade makes in its own transaction: none, or for a currency deployed by 0.1.0 (no burn history in
 * its recorded layout) `upgradeFrom010(delay)`, without which recoveries would run with no delay until the
 * governor set one.
 */
function completionCall(record: DeploymentRecord, memberMoveDelaySeconds: bigint | undefined): string {
  if (record.storageLayout?.["komuno.storage.BurnHistory"] !== undefined) return "0x";
  if (memberMoveDelaySeconds === undefined || memberMoveDelaySeconds < 0n) {
    throw new BaseError(
      `${record.code} was deployed by Komuno 0.1.0: give the member-move delay (72 h in production) to set in the upgrade itself.`,
    );
  }
  return new Interface(localCurrencySignatures).encodeFunctionData("upgradeFrom010", [memberMoveDelaySeconds]);
}
