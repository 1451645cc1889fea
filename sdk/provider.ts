import { JsonRpcProvider } from "ethers";

/**
 * A JSON-RPC provider suited to the SDK: the chain id is read once (a dead node fails fast instead of
 * retrying forever), and ethers' 250 ms response cache is off so that back-to-back transactions from one
 * signer see each other's nonces.
 * @example const provider = createRpcProvider("http://127.0.0.1:8545")
 */
export function createRpcProvider(url: string): JsonRpcProvider {
  return new JsonRpcProvider(url, undefined, { staticNetwork: true, cacheTimeout: -1 });
}
