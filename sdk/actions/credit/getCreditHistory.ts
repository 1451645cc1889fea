import type { KomunoClient } from "../../client.js";
import { getLogsInChunks } from "../../internal/logs.js";
import { mutualCreditOf } from "../../internal/mutualCreditContract.js";
import { read } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface GetCreditHistoryParams {
  account: string;
  fromBlock?: number;
  toBlock?: number;
}

export interface CreditHistoryEntry {
  blockNumber: number;
  transactionHash: string;
  logIndex: number;
  /** payment (in or out), or move (the credit account taken over from, or handed to, another key). */
  type: "payment" | "move";
  direction: "in" | "out";
  counterparty: string;
  /** Cents, positive in, negative out. */
  amount: bigint;
  /** The account's credit balance right after, as the event reports it. */
  balanceAfter: bigint;
}

/**
 * Every movement of an account's mutual-credit balance, oldest first, with the running balance the events
 * carry (no replay from the start needed).
 * @example await getCreditHistory(client, { account: "0x…" })
 */
export async function getCreditHistory(
  client: KomunoClient,
  params: GetCreditHistoryParams,
): Promise<CreditHistoryEntry[]> {
  const account = requireAddress(params.account);
  const credit = mutualCreditOf(client);
  const address = await credit.getAddress();
  return read(client, "Reading the credit history", async () => {
    const toBlock = params.toBlock ?? (await client.provider.getBlockNumber());
    const range = { fromBlock: params.fromBlock ?? client.deploymentBlock, toBlock };
    const { CreditPaid, CreditAccountMoved } = credit.filters;
    const filters = [CreditPaid(account), CreditPaid(undefined, account), CreditAccountMoved(account)];
    filters.push(CreditAccountMoved(undefined, account));
    const batches = await Promise.all(
      filters.map(async (filter) =>
        getLogsInChunks(client.provider, { address, topics: await filter.getTopicFilter() }, range),
      ),
    );
    const entries: CreditHistoryEntry[] = [];
    for (const log of batches.flat()) {
      const event = credit.interface.parseLog(log)!;
      const base = { blockNumber: log.blockNumber, transactionHash: log.transactionHash, logIndex: log.index };
      const { from, to } = event.args as unknown as { from: string; to: string };
      const direction = to === account ? "in" : "out";
      const counterparty = direction === "in" ? from : to;
      if (event.name === "CreditPaid") {
        const { amount, fromBalance, toBalance } = event.args as unknown as Record<string, bigint>;
        entries.push({
          ...base,
          type: "payment",
          direction,
          counterparty,
          amount: direction === "in" ? amount : -amount,
          balanceAfter: direction === "in" ? toBalance : fromBalance,
        });
      } else {
        const { balance } = event.args as unknown as { balance: bigint };
        entries.push({
          ...base,
          type: "move",
          direction,
          counterparty,
          amount: direction === "in" ? balance : -balance,
          balanceAfter: direction === "in" ? balance : 0n,
        });
      }
    }
    return entries.sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
  });
}
