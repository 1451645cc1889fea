import { formatAmount } from "../../amounts.js";
import type { KomunoClient } from "../../client.js";
import { ContractRevertError, InvalidInputError, PreflightError } from "../../errors.js";
import { chunked, sendChunks } from "../../internal/batches.js";
import {
  planMint,
  type AlreadyMintedDeposit,
  type MintPlan,
  type PlannedDeposit,
  type PlanMintParams,
} from "./planMint.js";

export interface DepositInput {
  to: string;
  /** Cents. */
  amount: bigint;
  /** The bank's reference, as on the statement (read, and reported, in its canonical form). */
  reference: string;
}

export type MintBatchParams = {
  /** Deposits per transaction (default 250: about 8.4M gas, under the 16.7M per-transaction cap). */
  chunkSize?: number;
  /** Called after each confirmed transaction with the number of deposits minted so far. */
  onProgress?: (minted: number, total: number) => void;
} & (
  | { deposits: (DepositInput & { line?: number })[]; csv?: never; plan?: never }
  | { csv: string; source?: string; deposits?: never; plan?: never }
  /** A plan planMint made a moment ago (a --dry-run shown, then confirmed): not read from the chain again. */
  | { plan: MintPlan; deposits?: never; csv?: never }
);

export interface MintedDeposit extends PlannedDeposit {
  transactionHash: string;
}

export interface MintBatchResult {
  minted: MintedDeposit[];
  /** Rows the chain already held exactly as given: skipped, never minted twice. */
  alreadyMinted: AlreadyMintedDeposit[];
  totals: { minted: bigint; alreadyMinted: bigint };
  /** The transactions sent, in order. */
  transactions: string[];
}

/**
 * Mints a file or list of deposits (treasurer only), all or nothing as far as the chain allows: the pre-flight
 * (planMint) checks every row and the whole total first, and any problem throws a PreflightError listing them
 * all, with nothing sent. Deposits the chain already holds exactly so are skipped and counted, so running the
 * same file again after any interruption mints each deposit once. The rest goes in chunks, all sent at once;
 * if the job stops part-way (the node went away), a BatchInterruptedError says what is known minted.
 * @example
 * const { minted, alreadyMinted, totals } = await mintBatch(client, { deposits: [{ to, amount: 5000n, reference: "VIR-1" }] })
 */
export async function mintBatch(client: KomunoClient, params: MintBatchParams): Promise<MintBatchResult> {
  const plan = params.plan ?? (await planMint(client, params as PlanMintParams));
  if (plan.problems.length > 0) throw new PreflightError("Mint", plan.source, plan.problems, plan.numbering);
  const signer = client.signer === undefined ? undefined : await client.signer.getAddress();
  if (signer?.toLowerCase() !== plan.treasurer.toLowerCase()) {
    throw new InvalidInputError("plan", `it was checked for treasurer ${plan.treasurer}, not the signer ${signer}`);
  }
  const chunkSize = params.chunkSize ?? plan.chunkSize;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new InvalidInputError("chunkSize", "at least 1");

  const sum = (deposits: PlannedDeposit[]) => deposits.reduce((s, d) => s + d.amount, 0n);
  const sent = await sendChunks(
    client,
    "Batch mint",
    chunked(plan.toMint, chunkSize),
    (chunk) => (c) => c.mintBatch(chunk.map((d) => ({ to: d.to, amount: d.amount, depositRef: d.depositRef }))),
    {
      onProgress: params.onProgress,
      describeDone: (confirmed, all) =>
        `${confirmed.length} of ${all.length} deposits (${formatAmount(sum(confirmed))} of ` +
        `${formatAmount(sum(all))}) were confirmed minted`,
      explain: (error, chunk) => {
        if (!(error instanceof ContractRevertError) || error.errorName !== "DepositAlreadyMinted") return error;
        const deposit = chunk.find((d) => d.depositRef === error.args.depositRef);
        if (deposit === undefined) return error;
        return new ContractRevertError(
          error.operation,
          error.errorName,
          error.args,
          `deposit ${deposit.reference} (${plan.numbering} ${deposit.line}) was minted by someone else since the pre-flight`,
          error,
        );
      },
    },
  );
  const minted = sent.flatMap(({ items, result }) => items.map((d) => ({ ...d, transactionHash: result.hash })));
  return {
    minted,
    alreadyMinted: plan.alreadyMinted,
    totals: { minted: sum(minted), alreadyMinted: plan.totals.alreadyMinted },
    transactions: sent.map(({ result }) => result.hash),
  };
}
