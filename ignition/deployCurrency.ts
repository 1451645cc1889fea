import type { Provider } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { publicRpcUrl, type DeploymentRecord } from "../sdk/deployment.js";
import { readImplementation } from "../sdk/node/storageLayout.js";

import GovernanceModule from "./modules/Governance.js";
import LocalCurrencyModule from "./modules/LocalCurrency.js";

/** ILocalCurrency.InitParams, as plain values. */
export interface CurrencyInitParams {
  name: string;
  symbol: string;
  governor: string;
  treasurers: string[];
  auditors: string[];
  memberManagers: string[];
  pausers: string[];
  mintPolicy: { reserveCapEnabled: boolean; maxAttestationAge: bigint; headroom: bigint };
  /** Seconds that migrations, recoveries and mutual-credit moves wait. */
  memberMoveDelay: bigint;
  reconversionKinds: number;
  reconversionCommissionBps: number;
  feeAccount: string;
}

/** The currency's governor as a timelock: who schedules, who else may cancel, and how long operations wait. */
export interface GovernanceParams {
  /** Seconds every operation waits: 48 h in production, 0 only on a development chain. */
  delaySeconds: bigint;
  /** The board (its multisig): schedules, and may cancel. */
  proposers: string[];
  /** Who else may cancel during the delay (auditors, board members). */
  cancellers: string[];
}

export interface DeployedCurrency {
  address: string;
  implementation: string;
  /** The timelock that holds the governor role, when the currency was deployed with one. */
  governance?: { timelock: string; delaySeconds: bigint };
  /** The contracts bound to the currency (the mutual-credit address is its proxy's). */
  extensions: { mutualCredit: string; delegations: string; paymentRequests: string };
  deploymentBlock: number;
  deployer: string;
}

/**
 * The one deployment path of a currency, used by `komuno deploy`, the devnet and every test fixture.
 * With a `deploymentId`, Ignition keeps a journal: deploying the same currency again to the same chain
 * reuses the existing deployment instead of creating a second currency.
 */
export async function deployCurrency(
  connection: NetworkConnection,
  init: CurrencyInitParams,
  options: { deploymentId?: string; governance?: GovernanceParams } = {},
): Promise<DeployedCurrency> {
  const { ethers, ignition } = connection;
  let governance: DeployedCurrency["governance"];
  if (options.governance !== undefined) {
    // The timelock first: it is the governor the currency is initialised with, so no key ever holds the role.
    const { timelock } = await ignition.deploy(GovernanceModule, {
      parameters: {
        Governance: {
          minDelay: options.governance.delaySeconds.toString(),
          proposers: options.governance.proposers,
          cancellers: options.governance.cancellers,
        },
      },
      deploymentId: options.deploymentId,
      displayUi: false,
    });
    governance = { timelock: await timelock.getAddress(), delaySeconds: options.governance.delaySeconds };
    init = { ...init, governor: governance.timelock };
  }
  const { proxy, implementation, creditProxy, delegations, paymentRequests } = await ignition.deploy(
    LocalCurrencyModule,
    {
      parameters: { LocalCurrency: { init: toJsonValue(init) } },
      deploymentId: options.deploymentId,
      displayUi: false,
    },
  );
  const address = await proxy.getAddress();
  // The proxy's constructor emits Upgraded: its block is where an auditor's replay starts.
  const currency = await ethers.getContractAt("LocalCurrency", address);
  const [upgraded] = await currency.queryFilter(currency.filters.Upgraded(), 0);
  if (upgraded === undefined) {
    throw new Error(
      `No currency at ${address} on this chain: Ignition's journal (${options.deploymentId ?? "default"}) ` +
        "records a deployment the chain does not have (a development chain restarted?). Remove the journal.",
    );
  }
  const [deployer] = await ethers.getSigners();
  return {
    address,
    implementation: await implementation.getAddress(),
    ...(governance === undefined ? {} : { governance }),
    extensions: {
      mutualCredit: await creditProxy.getAddress(),
      delegations: await delegations.getAddress(),
      paymentRequests: await paymentRequests.getAddress(),
    },
    deploymentBlock: upgraded.blockNumber,
    deployer: deployer.address,
  };
}

// Ignition parameters are JSON: bigints travel as decimal strings, which the ABI encoder accepts.
function toJsonValue(init: CurrencyInitParams) {
  return {
    ...init,
    mintPolicy: {
      reserveCapEnabled: init.mintPolicy.reserveCapEnabled,
      maxAttestationAge: init.mintPolicy.maxAttestationAge.toString(),
      headroom: init.mintPolicy.headroom.toString(),
    },
    memberMoveDelay: init.memberMoveDelay.toString(),
  };
}

/** The holders of a development or test currency: one address per role. */
export interface RoleHolders {
  governor: string;
  treasurer: string;
  auditor: string;
  memberManager: string;
  pauser: string;
  feeAccount: string;
}

/**
 * Role holders taken from a list of accounts in the project's fixed order: governor, treasurer, auditor,
 * member manager, pauser, fee account (Hardhat's first six development accounts everywhere).
 */
export function roleHoldersInOrder(accounts: readonly { address: string }[]): RoleHolders {
  const [governor, treasurer, auditor, memberManager, pauser, feeAccount] = accounts.map((a) => a.address);
  return { governor, treasurer, auditor, memberManager, pauser, feeAccount };
}

/**
 * MIEL's parameters with one address per role, for tests, benchmarks and development chains (a real
 * currency comes from its file in currencies/). By default no mint policy, businesses reconvert, no commission.
 */
export function oneAddressPerRole(
  roles: RoleHolders,
  policy: Partial<
    Pick<CurrencyInitParams, "mintPolicy" | "memberMoveDelay" | "reconversionKinds" | "reconversionCommissionBps">
  > = {},
): CurrencyInitParams {
  return {
    name: "Monnaie Libournaise",
    symbol: "MIEL",
    governor: roles.governor,
    treasurers: [roles.treasurer],
    auditors: [roles.auditor],
    memberManagers: [roles.memberManager],
    pausers: [roles.pauser],
    mintPolicy: policy.mintPolicy ?? { reserveCapEnabled: false, maxAttestationAge: 0n, headroom: 0n },
    memberMoveDelay: policy.memberMoveDelay ?? 0n,
    reconversionKinds: policy.reconversionKinds ?? 1 << 2,
    reconversionCommissionBps: policy.reconversionCommissionBps ?? 0,
    feeAccount: roles.feeAccount,
  };
}

/**
 * The deployment record of a deployed currency: what the SDK, the CLI and an auditor read to find it. The
 * record's date is its deployment block's, and the storage layout is the implementation's, for upgrade checks.
 * With `rpcUrl` (the node it was deployed through), the CLI talks to that node by default; credentials in the
 * address (user:password@, a query string) are left out, for records are committed.
 */
export async function deploymentRecordOf(
  deployed: DeployedCurrency,
  currency: Pick<DeploymentRecord, "code" | "name" | "symbol" | "chainId">,
  provider: Provider,
  options: { rpcUrl?: string } = {},
): Promise<DeploymentRecord> {
  const block = await provider.getBlock(deployed.deploymentBlock);
  const rpcUrl = options.rpcUrl === undefined ? undefined : publicRpcUrl(options.rpcUrl);
  return {
    format: "komuno-deployment/1",
    code: currency.code,
    name: currency.name,
    symbol: currency.symbol,
    chainId: currency.chainId,
    ...(rpcUrl === undefined ? {} : { rpcUrl }),
    address: deployed.address,
    implementation: deployed.implementation,
    extensions: deployed.extensions,
    ...(deployed.governance && {
      governance: { timelock: deployed.governance.timelock, delaySeconds: Number(deployed.governance.delaySeconds) },
    }),
    deploymentBlock: deployed.deploymentBlock,
    deployer: deployed.deployer,
    deployedAt: new Date(block!.timestamp * 1000).toISOString(),
    storageLayout: (await readImplementation("LocalCurrency")).layout,
  };
}
