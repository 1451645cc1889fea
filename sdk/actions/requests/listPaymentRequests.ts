import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { getLogsInChunks } from "../../internal/logs.js";
import { paymentRequestsOf } from "../../internal/paymentRequestsContract.js";
import { read } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";
import { parseCreations, toPaymentRequest, type PaymentRequest } from "./getPaymentRequest.js";

/** `incoming`: requests the account is asked to pay; `outgoing`: requests the account made. */
export type PaymentRequestDirection = "incoming" | "outgoing";

export interface ListPaymentRequestsParams {
  account: string;
  /** Default: both. */
  direction?: PaymentRequestDirection | "both";
  /** Also paid, rejected and cancelled requests. Default: open ones only (expired ones included, flagged). */
  includeClosed?: boolean;
  fromBlock?: number;
  toBlock?: number;
}

export interface ListedPaymentRequest extends PaymentRequest {
  direction: PaymentRequestDirection;
}

/**
 * A member's payment requests, received and made, oldest first: read from the creation events (filtered on
 * the indexed requester and payer), with each one's status now.
 * @example const toPay = await listPaymentRequests(client, { account: "0x…", direction: "incoming" })
 */
export async function listPaymentRequests(
  client: KomunoClient,
  params: ListPaymentRequestsParams,
): Promise<ListedPaymentRequest[]> {
  const account = requireAddress(params.account);
  const direction = params.direction ?? "both";
  if (!["incoming", "outgoing", "both"].includes(direction)) {
    throw new InvalidInputError("direction", "incoming, outgoing or both");
  }
  const contract = paymentRequestsOf(client);
  return read(client, "Listing payment requests", async () => {
    const toBlock = params.toBlock ?? (await client.provider.getBlockNumber());
    const fromBlock = params.fromBlock ?? client.deploymentBlock;
    const address = await contract.getAddress();
    const requested = contract.filters.PaymentRequested;
    const wanted: [PaymentRequestDirection, ReturnType<typeof requested>][] = [];
    if (direction !== "incoming") wanted.push(["outgoing", requested(undefined, account)]);
    if (direction !== "outgoing") wanted.push(["incoming", requested(undefined, undefined, account)]);
    const found = await Promise.all(
      wanted.map(async ([side, filter]) => {
        const logs = await getLogsInChunks(
          client.provider,
          { address, topics: await filter.getTopicFilter() },
          { fromBlock, toBlock },
        );
        return parseCreations(contract, logs).map((creation) => ({ side, creation }));
      }),
    );
    const [states, block] = await Promise.all([
      Promise.all(found.flat().map(({ creation }) => contract.requestOf(creation.id, { blockTag: toBlock }))),
      client.provider.getBlock(toBlock),
    ]);
    const now = block?.timestamp ?? Math.floor(Date.now() / 1000);
    return found
      .flat()
      .map(({ side, creation }, i) => ({ ...toPaymentRequest(creation, states[i], now), direction: side }))
      .filter((request) => params.includeClosed === true || request.status === "open")
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  });
}
