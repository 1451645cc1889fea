import type { KomunoClient } from "../../client.js";
import { OPERATION_STATES, requireTimelock } from "../../internal/governance.js";
import { eventsSinceDeployment } from "../../internal/logs.js";
import { read } from "../../internal/transactions.js";
import { describeGovernanceCall } from "./describeGovernanceCall.js";

export type GovernanceOperationStatus = "waiting" | "ready" | "done" | "cancelled";

export interface GovernanceOperation {
  id: string;
  target: string;
  data: string;
  predecessor: string;
  salt: string;
  /** What it will do, in plain words. */
  description: string;
  status: GovernanceOperationStatus;
  /** From when anyone may execute it. */
  executableAt: Date;
  scheduledInBlock: number;
  scheduledInTransaction: string;
}

export interface ListGovernanceOperationsParams {
  /** Also the operations done or cancelled (default: only those waiting or ready). */
  all?: boolean;
}

/**
 * The operations scheduled in the governance timelock, oldest first, each described in plain words with its
 * status and the time from which anyone may execute it: what lets a board notice a stolen key in time.
 * @example for (const op of await listGovernanceOperations(client)) console.log(op.description, op.executableAt)
 */
export async function listGovernanceOperations(
  client: KomunoClient,
  { all = false }: ListGovernanceOperationsParams = {},
): Promise<GovernanceOperation[]> {
  const timelock = requireTimelock(client);
  const from = client.deploymentBlock;
  const [scheduled, salts] = await read(client, "Reading the governance timelock", () =>
    Promise.all([
      eventsSinceDeployment(client.provider, from, timelock, timelock.filters.CallScheduled()),
      eventsSinceDeployment(client.provider, from, timelock, timelock.filters.CallSalt()),
    ]),
  );
  const saltOf = new Map(salts.map(({ event }) => [event.args.id as string, event.args.salt as string]));
  const operations: GovernanceOperation[] = [];
  const seen = new Set<string>();
  for (const { log, event } of scheduled) {
    const { id, target, data, predecessor, delay } = event.args as {
      id: string;
      target: string;
      data: string;
      predecessor: string;
      delay: bigint;
    };
    // An id scheduled again after a cancellation appears twice: the latest scheduling is the one that counts.
    if (seen.has(id))
      operations.splice(
        operations.findIndex((o) => o.id === id),
        1,
      );
    seen.add(id);
    const [state, timestamp] = await read(client, "Reading the governance timelock", () =>
      Promise.all([timelock.getOperationState(id), timelock.getTimestamp(id)]),
    );
    const status = (
      OPERATION_STATES[Number(state)] === "cancelled or unknown" ? "cancelled" : OPERATION_STATES[Number(state)]
    ) as GovernanceOperationStatus;
    // A cancelled operation has no time any more: its scheduling block's time plus its delay says when it was due.
    const scheduledAt = async () =>
      BigInt((await read(client, "Reading a block", () => client.provider.getBlock(log.blockNumber)))!.timestamp);
    operations.push({
      id,
      target,
      data,
      predecessor,
      salt: saltOf.get(id) ?? "0x" + "00".repeat(32),
      description: describeGovernanceCall(
        { currency: client.address, timelock: client.timelock, mutualCredit: client.extensions.mutualCredit },
        target,
        data,
      ),
      status,
      executableAt: new Date(Number(timestamp > 1n ? timestamp : (await scheduledAt()) + delay) * 1000),
      scheduledInBlock: log.blockNumber,
      scheduledInTransaction: log.transactionHash,
    });
  }
  return all ? operations : operations.filter((o) => o.status === "waiting" || o.status === "ready");
}
