import { FetchUrlFeeDataNetworkPlugin, Network } from "ethers";

import type { DeploymentRecord } from "./deployment.js";
import { InvalidInputError } from "./errors.js";

// A currency's chain charges no gas (base fee zero, no minimum priority fee) and members hold no ether. Wallet
// libraries still add a priority fee of their own by default (ethers and viem fall back to 1 gwei or more), which
// a member with 0 ether cannot pay: these settings make them offer zero, as the chain expects.

export type ChainSource = Pick<DeploymentRecord, "chainId" | "name" | "symbol">;

/** The gas every member pays on a currency's chain: none. */
const ZERO_FEES = { maxFeePerGas: 0n, maxPriorityFeePerGas: 0n } as const;

/**
 * A viem chain definition for a currency's chain (a plain object: the SDK does not need viem). Pass it as
 * `chain` to `createWalletClient`/`createPublicClient`; transactions are then sent with zero fees.
 * @example
 * const chain = currencyChain(record, { rpcUrl: "https://rpc.miel.example" });
 * const wallet = createWalletClient({ account, chain, transport: http() });
 */
export function currencyChain(source: ChainSource, { rpcUrl }: { rpcUrl: string }) {
  if (!/^(https?|wss?):\/\//.test(rpcUrl))
    throw new InvalidInputError("RPC address", `${JSON.stringify(rpcUrl)} is not an http(s) or ws(s) address`);
  return {
    id: source.chainId,
    name: source.name,
    // The chain's own coin only meters gas, which is free; the currency itself is the ERC-20 token.
    nativeCurrency: { name: `${source.symbol} gas`, symbol: "GAS", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
    fees: { estimateFeesPerGas: async () => ZERO_FEES },
  } as const;
}

/**
 * An ethers network for a currency's chain: its fee data is zero, so a plain ethers wallet sends at no cost.
 * @example
 * const provider = new JsonRpcProvider(rpcUrl, currencyNetwork(record), { staticNetwork: true });
 */
export function currencyNetwork(source: ChainSource): Network {
  const network = new Network(source.name, source.chainId);
  // ethers consults this plugin instead of the node's suggestions; nothing is fetched from its address.
  network.attachPlugin(new FetchUrlFeeDataNetworkPlugin("data:,", async () => ({ gasPrice: 0n, ...ZERO_FEES })));
  return network;
}
