import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { getLogsInChunks, type RawLog } from "../../internal/logs.js";
import { paymentRequestsOf, type PaymentRequests } from "../../internal/paymentRequestsContract.js";
import { read } from "../../internal/transactions.js";
import { isExpired, PAYMENT_REQUEST_STATUSES, requireRequestId, type PaymentRequestStatusName } from "./shared.js";

export interface GetPaymentRequestParams {
  id: bigint;
}

export interface PaymentRequest {
  id: bigint;
  requester: string;
  payer: string;
  /** Cents. */
  amount: bigint;
  /** Unix seconds from which it can no longer be paid, or null: never expires. */
  expiresAt: number | null;
  memo: string;
  /** As on chain: an expired request stays "open" there (see `expired`). */
  status: PaymentRequestStatusName;
  /** Open but past its expiry, by the chain's clock: it can only be rejected or cancelled. */
  expired: boolean;
  /** Where it was created. */
  blockNumber: number;
  transactionHash: string;
}

/**
 * One payment request with its memo and its current status.
 * @example const request = await getPaymentRequest(client, { id: 7n }) // { status: "open", expired: false, … }
 */
export async function getPaymentRequest(
  client: KomunoClient,
  { id }: GetPaymentRequestParams,
): Promise<PaymentRequest> {
  requireRequestId(id);
  const contract = paymentRequestsOf(client);
  return read(client, "Reading the request", async () => {
    const state = await contract.requestOf(id);
    if (state.status === 0n) throw new InvalidInputError("id", `there is no payment request #${id}`);
    const [toBlock, address, topics] = await Promise.all([
      client.provider.getBlockNumber(),
      contract.getAddress(),
      contract.filters.PaymentRequested(id).getTopicFilter(),
    ]);
    const logs = await getLogsInChunks(
      client.provider,
      { address, topics },
      { fromBlock: client.deploymentBlock, toBlock },
    );
    // The event is the only place the memo lives; a node that pruned its logs leaves it empty.
    const [creation] = parseCreations(contract, logs);
    const now = (await client.provider.getBlock(toBlock))?.timestamp ?? Math.floor(Date.now() / 1000);
    return toPaymentRequest(creation ?? { id, memo: "", blockNumber: 0, transactionHash: "" }, state, now);
  });
}

/** The creation of a request, as its event tells it. */
export interface PaymentRequestCreation {
  id: bigint;
  memo: string;
  blockNumber: number;
  transactionHash: string;
}

/** Decodes PaymentRequested logs. */
export function parseCreations(contract: PaymentRequests, logs: RawLog[]): PaymentRequestCreation[] {
  return logs.map((log) => {
    const { args } = contract.interface.parseLog(log)!;
    return {
      id: args.id as bigint,
      memo: args.memo as string,
      blockNumber: log.blockNumber,
      transactionHash: log.transactionHash,
    };
  });
}

/** A request from its creation and its state now (`now`: chain time, unix seconds). */
export function toPaymentRequest(
  creation: PaymentRequestCreation,
  state: { requester: string; payer: string; amount: bigint; expiresAt: bigint; status: bigint },
  now: number,
): PaymentRequest {
  const expiresAt = state.expiresAt === 0n ? null : Number(state.expiresAt);
  const status = PAYMENT_REQUEST_STATUSES[Number(state.status)];
  return {
    id: creation.id,
    requester: state.requester,
    payer: state.payer,
    amount: state.amount,
    expiresAt,
    memo: creation.memo,
    status,
    expired: status === "open" && isExpired(expiresAt, now),
    blockNumber: creation.blockNumber,
    transactionHash: creation.transactionHash,
  };
}
