import { ContractFactory, Interface, type Signer } from "ethers";

import type { DeploymentRecord } from "../deployment.js";
import { BaseError } from "../errors.js";
import { toKomunoError } from "../internal/errors.js";
import { LocalCurrency__factory } from "../internal/contract.js";
import { compareLayouts, IncompatibleStorageLayoutError, readImplementation } from "./storageLayout.js";

export interface UpgradeOptions {
  record: DeploymentRecord;
  /** The governor (or, with prepareOnly, anyone who pays for deploying the implementation). */
  signer: Signer;
  /** Which compiled contract becomes the implementation (default LocalCurrency). */
  contractName?: string;
  /** Deploy the implementation and return the governor's call without sending it (for a multisig). */
  prepareOnly?: boolean;
}

export interface UpgradeResult {
  implementation: string;
  /** The governor's call: to the currency, with this data. */
  call: { to: string; data: string };
  /** Set when the upgrade was sent. */
  transactionHash?: string;
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
  const currency = LocalCurrency__factory.connect(record.address, signer);
  if (!options.prepareOnly) {
    // Checked before deploying anything, so a wrong key costs nothing.
    const governor = await signer.getAddress();
    if (!(await currency.hasRole(await currency.GOVERNOR_ROLE(), governor))) {
      throw new BaseError(`${governor} is not a governor of ${record.code}: only the governor upgrades.`);
    }
  }
  const next = await readImplementation(options.contractName ?? "LocalCurrency");
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
  const data = currency.interface.encodeFunctionData("upgradeToAndCall", [implementation, "0x"]);
  const upgraded: DeploymentRecord = { ...record, implementation, storageLayout: next.layout };
  if (options.prepareOnly) return { implementation, call: { to: record.address, data }, record: upgraded };

  let transactionHash: string;
  try {
    const receipt = await (await currency.upgradeToAndCall(implementation, "0x")).wait();
    transactionHash = receipt!.hash;
  } catch (error) {
    throw toKomunoError(error, "Upgrade");
  }
  return { implementation, call: { to: record.address, data }, transactionHash, record: upgraded };
}

