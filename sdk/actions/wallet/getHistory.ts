import { ZeroAddress } from "ethers";

import type { KomunoClient } from "../../client.js";
import { getLogsInChunks } from "../../internal/logs.js";
import { read } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface GetHistoryParams {
  account: string;
  fromBlock?: number;
  toBlock?: number;
}

export interface HistoryEntry {
  blockNumber: number;
  timestamp: number;
  transactionHash: string;
  logIndex: number;
  /**
   * payment, fee (the part of a payment that went to the fee account), mint (euros deposited), burn,
   * reconversion (escrow for euros) or refund (escrow returned).
   */
  type: "payment" | "fee" | "mint" | "burn" | "reconversion" | "refund";
  direction: "in" | "out";
  counterparty: string;
  /** Cents, positive in, negative out. */
  amount: bigint;
  /**
   * For a payment received that carried a fee: the fee in cents. `amount` is what arrived; the payer paid
   * `amount + fee`, and the fee went to the association's fee account.
   */
  fee?: bigint;
}

/**
 * Every movement of an account's balance, oldest first, read from Transfer events in ranged queries.
 * @example await getHistory(client, { account: "0x…" })
 */
export async function getHistory(client: KomunoClient, params: GetHistoryParams): Promise<HistoryEntry[]> {
  const account = requireAddress(params.account);
  return read(client, "Reading the history", async () => {
    const toBlock = params.toBlock ?? (await client.provider.getBlockNumber());
    const fromBlock = params.fromBlock ?? client.deploymentBlock;
    const { Transfer: transfer, PaymentFeeCharged: feeCharged } = client.currency.filters;
    const [outgoing, incoming, feesPaid, feesReceived, feesOnIncoming] = await Promise.all(
      [
        transfer(account),
        transfer(undefined, account),
        feeCharged(account),
        feeCharged(undefined, undefined, account),
        feeCharged(undefined, account),
      ].map(async (filter) =>
        getLogsInChunks(
          client.provider,
          { address: client.address, topics: await filter.getTopicFilter() },
          {
            fromBlock,
            toBlock,
          },
        ),
      ),
    );
    // A fee's Transfer is the log right before its PaymentFeeCharged, in the same transaction.
    const feeTransfers = new Set(
      [...feesPaid, ...feesReceived].map((log) => `${log.transactionHash}:${log.index - 1}`),
    );
    // ...and the payee's Transfer is the one before the fee's: where the payee learns what the payer paid.
    const feesOfPaymentsIn = new Map(
      feesOnIncoming.map((log) => [
        `${log.transactionHash}:${log.index - 2}`,
        (client.currency.interface.parseLog(log)!.args as unknown as { fee: bigint }).fee,
      ]),
    );
    const escrow = client.address;
    const seen = new Set<string>();
    const timestamps = new Map<number, number>();
    const entries: HistoryEntry[] = [];
    for (const log of [...outgoing, ...incoming]) {
      const key = `${log.transactionHash}:${log.index}`;
      if (seen.has(key)) continue; // a payment to oneself appears in both queries
      seen.add(key);
      const { from, to, value } = client.currency.interface.parseLog(log)!.args as unknown as {
        from: string;
        to: string;
        value: bigint;
      };
      const direction = to === account && from !== account ? "in" : "out";
      const counterparty = direction === "in" ? from : to;
      const type =
        counterparty === ZeroAddress
          ? direction === "in"
            ? "mint"
            : "burn"
          : counterparty === escrow
            ? direction === "in"
              ? "refund"
              : "reconversion"
            : feeTransfers.has(key)
              ? "fee"
              : "payment";
      if (!timestamps.has(log.blockNumber)) timestamps.set(log.blockNumber, 0);
      entries.push({
        blockNumber: log.blockNumber,
        timestamp: 0,
        transactionHash: log.transactionHash,
        logIndex: log.index,
        type,
        direction,
        counterparty,
        amount: direction === "in" ? value : from === to ? 0n : -value,
        ...(type === "payment" && direction === "in" && feesOfPaymentsIn.has(key)
          ? { fee: feesOfPaymentsIn.get(key) }
          : {}),
      });
    }
    await Promise.all(
      [...timestamps.keys()].map(async (block) =>
        timestamps.set(block, (await client.provider.getBlock(block))?.timestamp ?? 0),
      ),
    );
    for (const entry of entries) entry.timestamp = timestamps.get(entry.blockNumber)!;
    return entries.sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
  });
}
