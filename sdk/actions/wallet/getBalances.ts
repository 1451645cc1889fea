import type { BlockTag } from "ethers";

import type { KomunoClient } from "../../client.js";
import { aggregate3, hasMulticall3 } from "../../internal/multicall3.js";
import { read } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface GetBalancesParams {
  accounts: string[];
  /** The block to read at (default the latest): an audit reads every balance at the block it replayed to. */
  blockTag?: BlockTag;
}

export interface AccountBalance {
  /** Checksummed. */
  account: string;
  /** Cents. */
  balance: bigint;
}

/** Balances per Multicall3 call: about 7,000 gas each, far under a node's `eth_call` gas cap. */
const MULTICALL_CHUNK = 500;
/** Parallel `balanceOf` calls at a time on a chain without Multicall3, so as not to flood the node. */
const FALLBACK_CHUNK = 100;

/**
 * The balances of many accounts, in cents, in the order asked. On a chain holding Multicall3 (every currency chain
 * and the devnet) it reads 500 accounts per `eth_call`, all from one block; elsewhere one `balanceOf` per account.
 * @example await getBalances(client, { accounts: ["0x…", "0x…"] }) // [{ account: "0x…", balance: 1250n }, …]
 */
export async function getBalances(
  client: KomunoClient,
  { accounts, blockTag = "latest" }: GetBalancesParams,
): Promise<AccountBalance[]> {
  const addresses = accounts.map((account) => requireAddress(account));
  if (addresses.length === 0) return [];
  const balances = await read(client, "Reading the balances", async () => {
    const currency = client.currency;
    const results: bigint[] = [];
    if (await hasMulticall3(client, blockTag)) {
      for (let i = 0; i < addresses.length; i += MULTICALL_CHUNK) {
        const calls = addresses.slice(i, i + MULTICALL_CHUNK).map((account) => ({
          target: client.address,
          callData: currency.interface.encodeFunctionData("balanceOf", [account]),
        }));
        const returned = await aggregate3(client, calls, blockTag);
        results.push(...returned.map((data) => currency.interface.decodeFunctionResult("balanceOf", data)[0]));
      }
    } else {
      for (let i = 0; i < addresses.length; i += FALLBACK_CHUNK) {
        const chunk = addresses.slice(i, i + FALLBACK_CHUNK);
        results.push(...(await Promise.all(chunk.map((account) => currency.balanceOf(account, { blockTag })))));
      }
    }
    return results;
  });
  return addresses.map((account, i) => ({ account, balance: balances[i] }));
}
