import type { Filter, Log, Provider } from "ethers";

export interface ChunkedLogsOptions {
  fromBlock: number;
  toBlock: number;
  /** Called after each chunk with the last block scanned. */
  onProgress?: (scannedTo: number) => void;
  initialChunk?: number;
}

/**
 * eth_getLogs over a block range in adaptive chunks: a chunk the node refuses (too many results, range too
 * large, timeout) is halved; a chunk that succeeds lets the next one grow. Never block by block.
 */
export async function getLogsInChunks(
  provider: Provider,
  filter: Omit<Filter, "fromBlock" | "toBlock">,
  options: ChunkedLogsOptions,
): Promise<Log[]> {
  const logs: Log[] = [];
  let chunk = options.initialChunk ?? 50_000;
  let from = options.fromBlock;
  while (from <= options.toBlock) {
    const to = Math.min(from + chunk - 1, options.toBlock);
    try {
      logs.push(...(await provider.getLogs({ ...filter, fromBlock: from, toBlock: to })));
    } catch (error) {
      if (chunk === 1 || !looksLikeRangeLimit(error)) throw error;
      chunk = Math.max(1, Math.floor(chunk / 2));
      continue;
    }
    options.onProgress?.(to);
    from = to + 1;
    chunk = Math.min(chunk * 2, 1_000_000);
  }
  return logs;
}

function looksLikeRangeLimit(error: unknown): boolean {
  const text = String((error as Error)?.message ?? error).toLowerCase();
  return /range|too many|limit|exceed|timeout|timed out|response size|query returned more/.test(text);
}
