import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { getLogsInChunks } from "../../internal/logs.js";
import { read, sendTransaction } from "../../internal/transactions.js";
import { requireAddress, requirePositiveAmount } from "../../internal/validate.js";
import { canonicalReference, referenceFromText, type Bytes32 } from "../../references.js";

export interface DepositInput {
  to: string;
  /** Cents. */
  amount: bigint;
  /** The bank's reference, as on the statement (read, and reported, in its canonical form). */
  reference: string;
}

export interface MintBatchParams {
  deposits: DepositInput[];
  /** Deposits per transaction (default 250: about 9M gas, under the 16.7M per-transaction cap). */
  chunkSize?: number;
  /** Called after each confirmed transaction with the number of deposits minted so far. */
  onProgress?: (minted: number, total: number) => void;
}

export interface MintedDeposit extends DepositInput {
  depositRef: Bytes32;
  transactionHash: string;
}

export interface AlreadyMintedDeposit extends DepositInput {
  depositRef: Bytes32;
  /** Where it was minted, and to whom and how much, so a mismatch is visible. */
  transactionHash: string;
  mintedTo: string;
  mintedAmount: bigint;
}

export interface MintBatchResult {
  minted: MintedDeposit[];
  alreadyMinted: AlreadyMintedDeposit[];
}

/**
 * Mints a list of deposits (treasurer only), safe to run again after any interruption: deposits whose
 * reference is already on chain are skipped and reported with the transaction that minted them; the others
 * are sent in chunks, all at once, and confirmed.
 * @example await mintBatch(client, { deposits: [{ to, amount: 5000n, reference: "VIR-1" }] })
 */
export async function mintBatch(client: KomunoClient, params: MintBatchParams): Promise<MintBatchResult> {
  const chunkSize = params.chunkSize ?? 250;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new InvalidInputError("chunkSize", "at least 1");
  const deposits = validate(params.deposits);

  const mintedAlready = await findMinted(
    client,
    deposits.map((d) => d.depositRef),
  );
  const alreadyMinted: AlreadyMintedDeposit[] = [];
  const pending: (DepositInput & { depositRef: Bytes32 })[] = [];
  for (const deposit of deposits) {
    const previous = mintedAlready.get(deposit.depositRef);
    if (previous === undefined) pending.push(deposit);
    else alreadyMinted.push({ ...deposit, ...previous });
  }

  const chunks: (typeof pending)[] = [];
  for (let i = 0; i < pending.length; i += chunkSize) chunks.push(pending.slice(i, i + chunkSize));
  let done = 0;
  const results = await Promise.allSettled(
    chunks.map(async (chunk) => {
      const result = await sendTransaction(client, "Batch mint", (c) =>
        c.mintBatch(chunk.map((d) => ({ to: d.to, amount: d.amount, depositRef: d.depositRef }))),
      );
      done += chunk.length;
      params.onProgress?.(done, pending.length);
      return chunk.map((d) => ({ ...d, transactionHash: result.hash }));
    }),
  );
  const failure = results.find((r) => r.status === "rejected");
  if (failure !== undefined) throw (failure as PromiseRejectedResult).reason;
  const minted = results.flatMap((r) => (r as PromiseFulfilledResult<MintedDeposit[]>).value);
  return { minted, alreadyMinted };
}

function validate(deposits: DepositInput[]): (DepositInput & { depositRef: Bytes32 })[] {
  if (!Array.isArray(deposits) || deposits.length === 0) throw new InvalidInputError("deposits", "the list is empty");
  const seen = new Map<string, number>();
  return deposits.map((deposit, i) => {
    const where = `deposits[${i}]`;
    let to: string;
    try {
      to = requireAddress(deposit.to);
      requirePositiveAmount(deposit.amount, `${where}.amount`);
    } catch (error) {
      throw new InvalidInputError(where, (error as Error).message);
    }
    const reference = canonicalReference(deposit.reference);
    const depositRef = referenceFromText(reference);
    const first = seen.get(depositRef);
    if (first !== undefined) {
      throw new InvalidInputError(where, `reference ${JSON.stringify(reference)} is also deposits[${first}]`);
    }
    seen.set(depositRef, i);
    return { ...deposit, to, reference, depositRef };
  });
}

/** The Minted event of every reference already on chain, found with ranged log queries by reference. */
async function findMinted(
  client: KomunoClient,
  refs: Bytes32[],
): Promise<Map<string, { transactionHash: string; mintedTo: string; mintedAmount: bigint }>> {
  const flags: boolean[] = [];
  for (let i = 0; i < refs.length; i += 64) {
    const slice = refs.slice(i, i + 64);
    flags.push(
      ...(await read(client, "Checking minted deposits", () =>
        Promise.all(slice.map((ref) => client.currency.isDepositMinted(ref))),
      )),
    );
  }
  const minted = refs.filter((_, i) => flags[i]);
  const found = new Map<string, { transactionHash: string; mintedTo: string; mintedAmount: bigint }>();
  if (minted.length === 0) return found;
  const toBlock = await read(client, "Reading the chain head", () => client.provider.getBlockNumber());
  for (let i = 0; i < minted.length; i += 100) {
    // An OR over references in the third indexed topic: one query finds up to 100 of them.
    const topics = [client.currency.interface.getEvent("Minted").topicHash, null, null, minted.slice(i, i + 100)];
    const logs = await read(client, "Finding minted deposits", () =>
      getLogsInChunks(
        client.provider,
        { address: client.address, topics },
        { fromBlock: client.deploymentBlock, toBlock },
      ),
    );
    for (const log of logs) {
      const { to, amount, depositRef } = client.currency.interface.parseLog(log)!.args;
      found.set(depositRef, { transactionHash: log.transactionHash, mintedTo: to, mintedAmount: amount });
    }
  }
  return found;
}
