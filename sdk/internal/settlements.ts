import type { TransactionReceipt } from "ethers";

import type { KomunoClient } from "../client.js";
import type { Bytes32 } from "../references.js";
import { eventsSinceDeployment } from "./logs.js";
import { read } from "./transactions.js";

/** A settlement as its event recorded it. */
export interface SettlementRecord {
  payoutRef: Bytes32;
  burned: bigint;
  commission: bigint;
  transactionHash: string;
}

/** Every ReconversionSettled event, by request id. */
export async function readSettlements(client: KomunoClient): Promise<Map<bigint, SettlementRecord>> {
  const events = await read(client, "Reading settlements", () =>
    eventsSinceDeployment(
      client.provider,
      client.deploymentBlock,
      client.currency,
      client.currency.filters.ReconversionSettled(),
    ),
  );
  return new Map(
    events.map(({ log, event }) => [
      event.args.id as bigint,
      {
        payoutRef: event.args.payoutRef as Bytes32,
        burned: event.args.burned as bigint,
        commission: event.args.commission as bigint,
        transactionHash: log.transactionHash,
      },
    ]),
  );
}

/** The payout and commission a settlement's receipt records. */
export function settlementIn(
  client: KomunoClient,
  receipt: TransactionReceipt,
): { netPayout: bigint; commission: bigint } {
  const event = receipt.logs
    .filter((log) => log.address.toLowerCase() === client.address.toLowerCase())
    .map((log) => client.currency.interface.parseLog(log))
    .find((parsed) => parsed?.name === "ReconversionSettled");
  return { netPayout: event!.args.burned as bigint, commission: event!.args.commission as bigint };
}
