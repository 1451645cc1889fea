import { JsonRpcProvider } from "ethers";

/**
 * A JSON-RPC provider suited to the SDK: the chain id is read once (a dead node fails fast instead of
 * retrying forever), and ethers' 250 ms response cache is off so that back-to-back transactions from one
 * signer see each other's nonces; requests are batched only when issued together, never held back.
 * @example const provider = createRpcProvider("http://127.0.0.1:8545")
 */
export function createRpcProvider(url: string): JsonRpcProvider {
  const provider = new JsonRpcProvider(url, undefined, { staticNetwork: true, cacheTimeout: -1, batchStallTime: 0 });
  // Receipts are noticed within 200 ms rather than ethers' default 4 s: a customer waits at the till.
  provider.pollingInterval = 200;
  return provider;
}
