import { NonceManager, type Provider, type Signer } from "ethers";

import * as auditActions from "./actions/audit/audit.js";
import * as credit from "./actions/credit/index.js";
import * as delegation from "./actions/delegation/index.js";
import * as governance from "./actions/governance/index.js";
import * as members from "./actions/members/index.js";
import * as policy from "./actions/policy/index.js";
import * as relay from "./actions/relay/index.js";
import * as requests from "./actions/requests/index.js";
import * as reserve from "./actions/reserve/index.js";
import * as treasury from "./actions/treasury/index.js";
import * as wallet from "./actions/wallet/index.js";
import type { DeploymentRecord } from "./deployment.js";
import { ChainMismatchError } from "./errors.js";
import { LocalCurrency__factory, type LocalCurrency } from "./internal/contract.js";
import type { ExtensionAddresses } from "./internal/extensions.js";
import { FreeGasSigner } from "./internal/freeGasSigner.js";
import { read } from "./internal/transactions.js";
import { requireAddress } from "./internal/validate.js";

export interface KomunoClientOptions {
  provider: Provider;
  /**
   * Needed for actions that send transactions; wrapped in a nonce manager so many can be sent at once, and
   * sending at a zero gas price on a chain whose base fee is zero.
   */
  signer?: Signer;
  /** The currency's address, or its deployment record (which also gives the block its history starts at). */
  currency: string | DeploymentRecord;
  /** Only used in error messages. */
  rpcUrl?: string;
  /** Confirmations to wait for (default 1). */
  confirmations?: number;
  /** Addresses of the mutual-credit, delegation and payment-request contracts, when not in the record. */
  extensions?: ExtensionAddresses;
  /** The timelock holding the governor role, when not in the record: governor actions are scheduled there. */
  timelock?: string;
}

/** Binds a provider, an optional signer and a currency; every action takes it as first argument. */
export interface KomunoClient {
  readonly provider: Provider;
  readonly signer: Signer | undefined;
  readonly address: string;
  readonly currency: LocalCurrency;
  readonly deploymentBlock: number;
  readonly chainId: number | undefined;
  readonly rpcUrl: string | undefined;
  readonly confirmations: number;
  readonly extensions: Readonly<ExtensionAddresses>;
  /** The governance timelock, when the currency's governor is one: governor actions are scheduled, not sent. */
  readonly timelock: string | undefined;
}

type Bound<T> = {
  [K in keyof T]: T[K] extends (client: KomunoClient, ...rest: infer A) => infer R ? (...args: A) => R : never;
};

function bind<T extends Record<string, unknown>>(client: KomunoClient, actions: T): Bound<T> {
  const bound: Record<string, unknown> = {};
  for (const [name, action] of Object.entries(actions)) {
    if (typeof action === "function") bound[name] = (...args: unknown[]) => action(client, ...args);
  }
  return bound as Bound<T>;
}

/**
 * Creates a client for one currency, with its actions grouped: wallet, treasury, members, reserve, audit,
 * credit (mutual credit), delegation, requests (payment requests), policy (fees, transfer rules), relay (signed
 * payments submitted by a relayer), governance (operations waiting in the timelock).
 * @example
 * const client = createKomunoClient({ provider, signer, currency: record });
 * await client.wallet.pay({ to, amount: parseAmount("12.50") });
 */
export function createKomunoClient(options: KomunoClientOptions) {
  const record = typeof options.currency === "string" ? undefined : options.currency;
  const address = requireAddress(record?.address ?? (options.currency as string));
  // Nonces are counted locally (many transactions at once); fees are zero where the chain's base fee is.
  const signer =
    options.signer === undefined
      ? undefined
      : new FreeGasSigner(options.signer instanceof NonceManager ? options.signer : new NonceManager(options.signer));
  const base: KomunoClient = {
    provider: options.provider,
    signer,
    address,
    currency: LocalCurrency__factory.connect(address, signer ?? options.provider),
    deploymentBlock: record?.deploymentBlock ?? 0,
    chainId: record?.chainId,
    rpcUrl: options.rpcUrl,
    confirmations: options.confirmations ?? 1,
    extensions: Object.fromEntries(
      Object.entries({ ...record?.extensions, ...options.extensions }).map(([name, at]) => [name, requireAddress(at)]),
    ) as ExtensionAddresses,
    timelock:
      options.timelock !== undefined || record?.governance !== undefined
        ? requireAddress(options.timelock ?? record!.governance!.timelock)
        : undefined,
  };
  return {
    ...base,
    wallet: bind(base, wallet),
    treasury: bind(base, treasury),
    members: bind(base, members),
    reserve: bind(base, reserve),
    audit: bind(base, auditActions),
    credit: bind(base, credit),
    delegation: bind(base, delegation),
    requests: bind(base, requests),
    policy: bind(base, policy),
    relay: bind(base, relay),
    governance: bind(base, governance),
    /** Fails with ChainMismatchError when the node serves another chain than the deployment record's. */
    async checkChain(): Promise<void> {
      if (base.chainId === undefined) return;
      const network = await read(base, "Connecting", () => base.provider.getNetwork());
      if (Number(network.chainId) !== base.chainId) throw new ChainMismatchError(base.chainId, Number(network.chainId));
    },
  };
}
