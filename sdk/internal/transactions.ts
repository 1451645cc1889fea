import type { ContractTransactionResponse, TransactionReceipt } from "ethers";

import type { KomunoClient } from "../client.js";
import { MissingSignerError, TransactionFailedError } from "../errors.js";
import type { LocalCurrency } from "./contract.js";
import { toKomunoError } from "./errors.js";

/** What every action that changes the ledger returns. */
export interface TransactionResult {
  hash: string;
  blockNumber: number;
  receipt: TransactionReceipt;
}

/**
 * Sends one transaction through the client's signer and waits for its receipt. Any failure becomes a typed
 * error: the contract's custom error decoded, an RPC failure, or a failed transaction.
 */
export async function sendTransaction(
  client: KomunoClient,
  operation: string,
  call: (currency: LocalCurrency) => Promise<ContractTransactionResponse>,
): Promise<TransactionResult> {
  if (client.signer === undefined) throw new MissingSignerError(operation);
  let receipt: TransactionReceipt | null;
  try {
    const response = await call(client.currency);
    receipt = await response.wait(client.confirmations);
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
