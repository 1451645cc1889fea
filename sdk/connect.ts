import { NonceManager, type Provider, type Signer } from "ethers";

import type { DeploymentRecord } from "./deployment.js";
import { ChainMismatchError } from "./errors.js";
import { localCurrencyAt, type LocalCurrency } from "./internal/contract.js";
import type { ExtensionAddresses } from "./internal/extensions.js";
import { FreeGasSigner } from "./internal/freeGasSigner.js";
import { read, type ReadRetryPolicy } from "./internal/transactions.js";
import { checkedReadRetryPolicy } from "./internal/retry.js";
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
  /**
   * Have the node check every transaction before it is sent (eth_estimateGas), payments included, so that one
   * the contract refuses never leaves (default false). Without it, on a zero-fee chain, payments go out with
   * known gas limits, which takes the estimate's cost off the node: a refused payment is then mined as a failed
   * transaction that moves nothing and costs nothing (only the signer's nonce advances), and is reported with
   * the same ContractRevertError. Other transactions are always checked first.
   */
  preflight?: boolean;
  /** Addresses of the mutual-credit, delegation and payment-request contracts, when not in the record. */
  extensions?: ExtensionAddresses;
  /** The timelock holding the governor role, when not in the record: governor actions are scheduled there. */
  timelock?: string;
  /** How reads are retried when the node fails to answer (default: 4 attempts from 200 ms, doubling). Never sends. */
  retry?: ReadRetryPolicy;
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
  /** How reads are retried on transport failures. */
  readonly retry: ReadRetryPolicy;
}

/**
 * Connects to one currency: the client every action takes as its first argument. A wallet imports only the
 * actions it uses (`getBalance`, `pay`, ...) and keeps its bundle small; `createKomunoClient` binds them all.
 * @example
 * const client = connectCurrency({ provider, signer, currency: record });
 * await pay(client, { to, amount: parseAmount("12.50") });
 */
export function connectCurrency(options: KomunoClientOptions): KomunoClient {
  const record = typeof options.currency === "string" ? undefined : options.currency;
  const address = requireAddress(record?.address ?? (options.currency as string));
  // Nonces are counted locally (many transactions at once); fees are zero where the chain's base fee is.
  const signer =
    options.signer === undefined
      ? undefined
      : new FreeGasSigner(
          options.signer instanceof NonceManager ? options.signer : new NonceManager(options.signer),
          undefined,
          { knownGasLimits: options.preflight !== true },
        );
  const base: KomunoClient = {
    provider: options.provider,
    signer,
    address,
    currency: localCurrencyAt(address, signer ?? options.provider),
    deploymentBlock: record?.deploymentBlock ?? 0,
    chainId: record?.chainId,
    rpcUrl: options.rpcUrl,
    confirmations: options.confirmations ?? 1,
    extensions: Object.fromEntries(
      Object.entries({ ...record?.extensions, ...options.extensions }).map(([name, at]) => [name, requireAddress(at)]),
    ) as ExtensionAddresses,
    retry: checkedReadRetryPolicy(options.retry),
    timelock:
      options.timelock !== undefined || record?.governance !== undefined
        ? requireAddress(options.timelock ?? record!.governance!.timelock)
        : undefined,
  };
  return base;
}

/**
 * Fails with ChainMismatchError when the node serves another chain than the deployment record's.
 * @example await checkChain(client)
 */
export async function checkChain(client: KomunoClient): Promise<void> {
  if (client.chainId === undefined) return;
  const network = await read(client, "Connecting", () => client.provider.getNetwork());
  if (Number(network.chainId) !== client.chainId) throw new ChainMismatchError(client.chainId, Number(network.chainId));
}
