import { Contract, Interface, keccak256, type BlockTag } from "ethers";

import type { KomunoClient } from "../client.js";

/**
 * Multicall3 (github.com/mds1/multicall3): one `eth_call` that runs many read calls and returns every result,
 * all from the same block. The same address on every chain it is on: the currency chains carry it from their
 * genesis block (`komuno chain init`) and the devnet from its start (scripts/devnet/node.ts).
 */
export const MULTICALL3_ADDRESS = "0xcA11bde05977b3631167028862bE2a173976CA11";

/** keccak256 of its runtime code: any other code at the address is not the contract this ABI describes. */
export const MULTICALL3_CODE_HASH = "0xd5c15df687b16f2ff992fc8d767b4216323184a2bbc6ee2f9c398c318e770891";

const multicall3Interface = new Interface([
  "function aggregate3((address target, bool allowFailure, bytes callData)[] calls) payable returns ((bool success, bytes returnData)[] returnData)",
]);

export interface Multicall3Call {
  target: string;
  callData: string;
}

/** Whether the chain holds Multicall3's exact code at the block read. */
export async function hasMulticall3(client: KomunoClient, blockTag: BlockTag): Promise<boolean> {
  const code = await client.provider.getCode(MULTICALL3_ADDRESS, blockTag);
  return code !== "0x" && keccak256(code) === MULTICALL3_CODE_HASH;
}

/** The return data of each call, in order; the whole read fails if any call reverts. */
export async function aggregate3(client: KomunoClient, calls: Multicall3Call[], blockTag: BlockTag): Promise<string[]> {
  const multicall = new Contract(MULTICALL3_ADDRESS, multicall3Interface, client.provider);
  const results = (await multicall.aggregate3.staticCall(
    calls.map((call) => ({ target: call.target, allowFailure: false, callData: call.callData })),
    { blockTag },
  )) as { returnData: string }[];
  return results.map((result) => result.returnData);
}
