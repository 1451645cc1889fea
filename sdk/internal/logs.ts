import { toQuantity, type Filter, type Provider } from "ethers";

/** A log as the node sends it, with numbers decoded: no per-log object building, which dominates large scans. */
export interface RawLog {
  blockNumber: number;
  transactionHash: string;
  index: number;
  topics: string[];
  data: string;
}

export interface ChunkedLogsOptions {
  fromBlock: number;
  toBlock: number;
  /** Called after each chunk with the last block scanned. */
  onProgress?: (scannedTo: number) => void;
  initialChunk?: number;
}

interface JsonRpcLog {
  blockNumber: string;
  transactionHash: string;
  logIndex: string;
  topics: string[];
  data: string;
}

/**
 * eth_getLogs over a block range in adaptive chunks: a chunk the node refuses (too many results, range too
 * large, timeout) is halved; a chunk that succeeds lets the next one grow. Never block by block.
 */
export async function getLogsInChunks(
  provider: Provider,
  filter: Pick<Filter, "address" | "topics">,
  options: ChunkedLogsOptions,
): Promise<RawLog[]> {
  const logs: RawLog[] = [];
  let chunk = options.initialChunk ?? 50_000;
  let from = options.fromBlock;
  while (from <= options.toBlock) {
    const to = Math.min(from + chunk - 1, options.toBlock);
    let batch: RawLog[];
    try {
      batch = await fetchLogs(provider, filter, from, to);
    } catch (error) {
      if (chunk === 1 || !looksLikeRangeLimit(error)) throw error;
      chunk = Math.max(1, Math.floor(chunk / 2));
      continue;
    }
    for (const log of batch) logs.push(log);
    options.onProgress?.(to);
    from = to + 1;
    chunk = Math.min(chunk * 2, 1_000_000);
  }
  return logs;
}

async function fetchLogs(
  provider: Provider,
  filter: Pick<Filter, "address" | "topics">,
  from: number,
  to: number,
): Promise<RawLog[]> {
  const send = (provider as { send?: (method: string, params: unknown[]) => Promise<unknown> }).send;
  if (typeof send !== "function") {
    const logs = await provider.getLogs({ ...filter, fromBlock: from, toBlock: to });
    return logs.map((l) => ({
      blockNumber: l.blockNumber,
      transactionHash: l.transactionHash,
      index: l.index,
      topics: [...l.topics],
      data: l.data,
    }));
  }
  const raw = (await send.call(provider, "eth_getLogs", [
    { address: filter.address, topics: filter.topics, fromBlock: toQuantity(from), toBlock: toQuantity(to) },
  ])) as JsonRpcLog[];
  return raw.map((l) => ({
    blockNumber: Number(l.blockNumber),
    transactionHash: l.transactionHash,
    index: Number(l.logIndex),
    topics: l.topics,
    data: l.data,
  }));
}

function looksLikeRangeLimit(error: unknown): boolean {
  const text = String((error as Error)?.message ?? error).toLowerCase();
  return /range|too many|limit|exceed|timeout|timed out|response size|query returned more/.test(text);
}

/** A contract's event filter as TypeChain builds it: what `eventsSinceDeployment` needs of it. */
interface EventFilter {
  getTopicFilter(): Promise<Filter["topics"]>;
}

/**
 * The events a filter matches, from the currency's deployment block to the chain head, in adaptive chunks (a
 * node that caps the range of eth_getLogs, as Besu does at 5,000 blocks, answers too), decoded by the contract's
 * interface, in chain order.
 */
export async function eventsSinceDeployment(
  provider: Provider,
  fromBlock: number,
  contract: { getAddress(): Promise<string>; interface: { parseLog(log: RawLog): unknown } },
  filter: EventFilter,
): Promise<{ log: RawLog; event: { args: Record<string, any> } }[]> {
  const toBlock = await provider.getBlockNumber();
  const logs = await getLogsInChunks(
    provider,
    { address: await contract.getAddress(), topics: await filter.getTopicFilter() },
    { fromBlock, toBlock },
  );
  return logs.map((log) => ({ log, event: contract.interface.parseLog(log) as { args: Record<string, any> } }));
}
