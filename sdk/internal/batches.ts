import type { ContractTransactionResponse } from "ethers";

import type { KomunoClient } from "../client.js";
import { BatchInterruptedError } from "../errors.js";
import type { LocalCurrency } from "./contract.js";
import { read, sendTransaction, type TransactionResult } from "./transactions.js";

/**
 * Reads one value per item, many at once: the provider sends the calls issued together as one JSON-RPC batch,
 * so a file of thousands of rows is checked in a few round trips rather than one per row. `width` bounds the
 * calls in flight (a node refuses an unbounded batch).
 */
export async function readMany<T, R>(
  client: KomunoClient,
  operation: string,
  items: readonly T[],
  readOne: (item: T) => Promise<R>,
  width = 500,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) {
    const slice = items.slice(i, i + width);
    results.push(...(await read(client, operation, () => Promise.all(slice.map(readOne)))));
  }
  return results;
}

/** One chunk of a batch job and the transaction that carried it. */
export interface SentChunk<T> {
  items: T[];
  result: TransactionResult;
}

export interface SendChunksOptions<T> {
  /** Called after each confirmed transaction with the items confirmed so far. */
  onProgress?: (done: number, total: number) => void;
  /** What is known done, in words, for the error of an interrupted job (e.g. "3 of 5 deposits (…) confirmed"). */
  describeDone: (confirmed: T[], all: T[]) => string;
  /** Turns a chunk's failure into words about its items (a reference's text rather than its hash). */
  explain?: (error: unknown, chunk: T[]) => unknown;
}

/**
 * Sends every chunk at once (the signer's queue keeps their nonces in order while their confirmations overlap)
 * and waits for all. After a failure, chunks not yet submitted are not sent. A failure of a one-transaction
 * job is rethrown as it is (all or nothing on chain); once a job spans several transactions, it becomes a
 * BatchInterruptedError saying what is known done, so a half-done job is never silent.
 */
export async function sendChunks<T>(
  client: KomunoClient,
  operation: string,
  chunks: T[][],
  call: (chunk: T[]) => (currency: LocalCurrency) => Promise<ContractTransactionResponse>,
  options: SendChunksOptions<T>,
): Promise<SentChunk<T>[]> {
  const all = chunks.flat();
  let done = 0;
  let failure: { reason: unknown } | undefined;
  // Set as soon as a submission fails, before its typed error comes back: the next chunk's turn in the signer's
  // queue comes first.
  let stopped = false;
  const sent: SentChunk<T>[] = [];
  await Promise.all(
    chunks.map(async (items) => {
      let submitted = false;
      try {
        const result = await sendTransaction(client, operation, (currency) => {
          if (stopped) throw new Error("not sent: an earlier transaction of the job failed");
          submitted = true;
          return call(items)(currency).catch((error: unknown) => {
            stopped = true;
            throw error;
          });
        });
        sent.push({ items, result });
        done += items.length;
        options.onProgress?.(done, all.length);
      } catch (error) {
        stopped = true;
        if (submitted && failure === undefined) failure = { reason: options.explain?.(error, items) ?? error };
      }
    }),
  );
  if (failure === undefined) return sent.sort((a, b) => chunks.indexOf(a.items) - chunks.indexOf(b.items));
  if (chunks.length === 1) throw failure.reason;
  const confirmed = sent.flatMap((s) => s.items);
  throw new BatchInterruptedError(
    operation,
    confirmed.length,
    all.length,
    options.describeDone(confirmed, all),
    failure.reason,
  );
}

/** Splits a list into chunks of at most `size`. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
