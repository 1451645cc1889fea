import type { ContractTransactionResponse, TransactionReceipt } from "ethers";

import type { KomunoClient } from "../client.js";
import { MissingSignerError, RpcError, TransactionFailedError } from "../errors.js";
import type { LocalCurrency } from "./contract.js";
import { toKomunoError } from "./errors.js";
import { FreeGasSigner } from "./freeGasSigner.js";
import {
  backoffDelayMs,
  checkedReadRetryPolicy,
  isTransientTransportFailure,
  sleep,
  type ReadRetryPolicy,
} from "./retry.js";

export { DEFAULT_READ_RETRY, type ReadRetryPolicy } from "./retry.js";

/** What every action that changes the ledger returns. */
export interface TransactionResult {
  hash: string;
  blockNumber: number;
  receipt: TransactionReceipt;
}

// One queue of submissions per signer: transactions reach the node in nonce order (a development node
// refuses a nonce from the future) while confirmations still overlap.
const submissions = new WeakMap<object, Promise<unknown>>();

/**
 * Submits one transaction through the client's signer and waits for its receipt. Any failure becomes a typed
 * error: the contract's custom error decoded, an RPC failure, or a failed transaction.
 */
export async function sendTransaction(
  client: KomunoClient,
  operation: string,
  call: (currency: LocalCurrency) => Promise<ContractTransactionResponse>,
): Promise<TransactionResult> {
  const signer = client.signer;
  if (signer === undefined) throw new MissingSignerError(operation);
  const previous = submissions.get(signer) ?? Promise.resolve();
  const submission = previous.then(async () => {
    try {
      return await call(client.currency);
    } catch (error) {
      // The nonce counted for a transaction that never left: count again from the chain.
      if (signer instanceof FreeGasSigner) signer.resetNonce();
      throw error;
    }
  });
  submissions.set(
    signer,
    submission.catch(() => undefined),
  );
  let receipt: TransactionReceipt | null;
  try {
    receipt = await (await submission).wait(client.confirmations);
  } catch (error) {
    throw toKomunoError(error, operation, client.rpcUrl);
  }
  if (receipt === null) throw new TransactionFailedError(operation, "the transaction was dropped");
  return { hash: receipt.hash, blockNumber: receipt.blockNumber, receipt };
}

/**
 * A read through the node, with failures typed. A transport failure (connection refused or reset, timeout,
 * HTTP 5xx or 429) is retried with exponential backoff and jitter under the client's `retry` policy (default
 * `DEFAULT_READ_RETRY`), then reported as an RpcError counting the attempts; any answer from the node (a
 * revert, a refusal) is reported at once. Only for calls that change nothing: a send goes through
 * `sendTransaction`, which never retries, since a send that failed on the way back may still have been mined.
 */
export async function read<T>(client: KomunoClient, operation: string, call: () => Promise<T>): Promise<T> {
  const policy = checkedReadRetryPolicy(client.retry);
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isTransientTransportFailure(error)) throw toKomunoError(error, operation, client.rpcUrl);
      if (attempt >= policy.attempts) throw new RpcError(operation, client.rpcUrl, error, attempt);
      await sleep(backoffDelayMs(policy, attempt));
    }
  }
}

/** The latest block's time: the clock contracts check deadlines and expiries against. */
export async function chainTime(client: KomunoClient): Promise<bigint> {
  const block = await read(client, "Reading the latest block", () => client.provider.getBlock("latest"));
  if (block === null) throw new RpcError("Reading the latest block", client.rpcUrl, new Error("no latest block"));
  return BigInt(block.timestamp);
}
