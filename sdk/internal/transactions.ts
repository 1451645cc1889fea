import type { ContractTransactionResponse, TransactionReceipt } from "ethers";

import type { KomunoClient } from "../client.js";
import { MissingSignerError, RpcError, TransactionFailedError } from "../errors.js";
import type { LocalCurrency } from "./contract.js";
import { toKomunoError } from "./errors.js";
import { FreeGasSigner } from "./freeGasSigner.js";

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

/** A read through the node, with transport failures typed. */
export async function read<T>(client: KomunoClient, operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toKomunoError(error, operation, client.rpcUrl);
  }
}

/** The latest block's time: the clock contracts check deadlines and expiries against. */
export async function chainTime(client: KomunoClient): Promise<bigint> {
  const block = await read(client, "Reading the latest block", () => client.provider.getBlock("latest"));
  if (block === null) throw new RpcError("Reading the latest block", client.rpcUrl, new Error("no latest block"));
  return BigInt(block.timestamp);
}
