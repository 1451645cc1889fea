import type { ContractTransactionResponse, TransactionReceipt } from "ethers";

import type { KomunoClient } from "../client.js";
import {
  ContractRevertError,
  MissingSignerError,
  RpcError,
  TransactionFailedError,
  type BaseError,
} from "../errors.js";
import type { LocalCurrency } from "./contract.js";
import { toKomunoError } from "./errors.js";
import { FreeGasSigner } from "./freeGasSigner.js";
import { knownGasLimit } from "./gasLimits.js";
import { receiptWatcher } from "./receipts.js";
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

interface Submitted {
  response: ContractTransactionResponse;
  /** The receipt watcher's checkpoint before the send. */
  after: number;
}

/**
 * Whether a failed transaction sent with its known gas limit ran out of it: it used at least 63/64 of it (the
 * currency is behind a proxy, whose call keeps back a 64th of the gas and then reverts with what the
 * implementation ran out of).
 */
function ranOutOfKnownGas(tx: ContractTransactionResponse, receipt: TransactionReceipt): boolean {
  return knownGasLimit(tx.data) === tx.gasLimit && receipt.gasUsed * 64n >= tx.gasLimit * 63n;
}

async function submit(
  client: KomunoClient,
  signer: NonNullable<KomunoClient["signer"]>,
  operation: string,
  call: (currency: LocalCurrency) => Promise<ContractTransactionResponse>,
  estimateGas: boolean,
): Promise<Submitted> {
  const watcher = receiptWatcher(client.provider);
  const previous = submissions.get(signer) ?? Promise.resolve();
  const submission = previous.then(async () => {
    const after = watcher.checkpoint();
    try {
      const response =
        estimateGas && signer instanceof FreeGasSigner
          ? await signer.estimatingGas(() => call(client.currency))
          : await call(client.currency);
      return { response, after };
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
  try {
    return await submission;
  } catch (error) {
    throw toKomunoError(error, operation, client.rpcUrl);
  }
}

async function confirm(client: KomunoClient, operation: string, sent: Submitted): Promise<TransactionReceipt> {
  const { response, after } = sent;
  try {
    return await receiptWatcher(client.provider).wait(response, client.confirmations, after);
  } catch (error) {
    const typed = toKomunoError(error, operation, client.rpcUrl);
    // Sent, then the node went silent: the transaction may still be mined, and the caller must know it.
    if (typed instanceof RpcError) throw new RpcError(operation, client.rpcUrl, error, 1, response.hash);
    throw typed;
  }
}

/**
 * Why a mined transaction failed: the same call run again (same sender, data and gas limit) against the state
 * before its block, then, if that passes (a transaction earlier in the block changed what it met), after it.
 */
async function refusal(
  client: KomunoClient,
  operation: string,
  tx: ContractTransactionResponse,
  receipt: TransactionReceipt,
): Promise<BaseError> {
  const call = { from: tx.from, to: tx.to, data: tx.data, value: tx.value, gasLimit: tx.gasLimit };
  let reason: BaseError | undefined;
  for (const blockTag of [receipt.blockNumber - 1, receipt.blockNumber]) {
    try {
      await client.provider.call({ ...call, blockTag });
    } catch (error) {
      const typed = toKomunoError(error, operation, client.rpcUrl);
      if (typed instanceof ContractRevertError) return typed;
      reason ??= typed instanceof RpcError ? undefined : typed;
    }
  }
  const where = `transaction ${receipt.hash} failed in block ${receipt.blockNumber}`;
  if (receipt.gasUsed * 64n >= tx.gasLimit * 63n) {
    return new TransactionFailedError(operation, `${where}, out of its ${tx.gasLimit} gas`);
  }
  return reason ?? new TransactionFailedError(operation, where);
}

/**
 * Submits one transaction through the client's signer and waits for its receipt. Any failure becomes a typed
 * error: the contract's custom error decoded, an RPC failure, or a failed transaction.
 *
 * On a zero-fee chain a payment goes out with its known gas limit, without an estimate: one that the contract
 * refuses is then mined as a failed transaction (it moves nothing and costs nothing; only the signer's nonce
 * advances), and its reason is read back by running the same call against the state it met, so the caller
 * gets the same ContractRevertError as when the estimate refused it. Receipts are gathered per block for every
 * transaction waiting on the provider (receipts.ts).
 */
export async function sendTransaction(
  client: KomunoClient,
  operation: string,
  call: (currency: LocalCurrency) => Promise<ContractTransactionResponse>,
): Promise<TransactionResult> {
  const signer = client.signer;
  if (signer === undefined) throw new MissingSignerError(operation);
  let sent = await submit(client, signer, operation, call, false);
  let receipt = await confirm(client, operation, sent);
  if (receipt.status === 0 && ranOutOfKnownGas(sent.response, receipt)) {
    // It ran out of its known gas limit (a contract upgraded since?): nothing happened, so sending it again,
    // with a limit the node estimates, cannot do the work twice.
    sent = await submit(client, signer, operation, call, true);
    receipt = await confirm(client, operation, sent);
  }
  if (receipt.status === 0) throw await refusal(client, operation, sent.response, receipt);
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
