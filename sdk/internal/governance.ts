import { Interface, ZeroHash, toBeHex, type ContractTransactionResponse } from "ethers";

import type { KomunoClient } from "../client.js";
import { GovernanceNotConfiguredError } from "../errors.js";
import { governanceTimelockAt, type GovernanceTimelock, type LocalCurrency } from "./contract.js";
import { eventsSinceDeployment } from "./logs.js";
import { read, sendTransaction, type TransactionResult } from "./transactions.js";

/** The timelock's view of an operation (OpenZeppelin's TimelockController.OperationState). */
export const OPERATION_STATES = ["cancelled or unknown", "waiting", "ready", "done"] as const;

/**
 * What a governor action did: executed at once (a currency whose governor is a plain key or multisig), or
 * scheduled in the governance timelock, to execute after its public delay.
 */
export type GovernedResult = TransactionResult & {
  status: "executed" | "scheduled";
  /** The timelock's id of the operation, when scheduled. */
  operationId?: string;
  /** When anyone may execute it, when scheduled. */
  executableAt?: Date;
  /** True when this very operation was already waiting in the timelock: nothing was sent again. */
  alreadyScheduled?: boolean;
};

/** The client's timelock, or GovernanceNotConfiguredError: for actions that only make sense with one. */
export function requireTimelock(client: KomunoClient): GovernanceTimelock {
  const timelock = timelockOf(client);
  if (timelock === undefined) throw new GovernanceNotConfiguredError();
  return timelock;
}

export function timelockOf(client: KomunoClient): GovernanceTimelock | undefined {
  if (client.timelock === undefined) return undefined;
  return governanceTimelockAt(client.timelock, client.signer ?? client.provider);
}

/**
 * Sends a governor call to `target` (the currency unless told otherwise): directly when the governor is a key,
 * or scheduled in the timelock. Scheduling is retry-safe: the same call already waiting is reported, not
 * scheduled twice (its salt is the first one whose operation is not done yet).
 */
export async function sendAsGovernor(
  client: KomunoClient,
  operation: string,
  call: (currency: LocalCurrency) => Promise<ContractTransactionResponse>,
  data: string,
  target: string = client.address,
): Promise<GovernedResult> {
  const timelock = timelockOf(client);
  if (timelock === undefined) {
    const result = await sendTransaction(client, operation, call);
    return { ...result, status: "executed" };
  }
  for (let index = 0n; ; index++) {
    const salt = toBeHex(index, 32);
    const operationId = await read(client, operation, () => timelock.hashOperation(target, 0n, data, ZeroHash, salt));
    const state = Number(await read(client, operation, () => timelock.getOperationState(operationId)));
    if (state === 3) continue; // done before: the same call again is a new operation
    if (state === 1 || state === 2) {
      const scheduled = await findScheduling(client, timelock, operationId);
      return {
        ...scheduled,
        status: "scheduled",
        operationId,
        executableAt: await executableAt(client, timelock, operationId),
        alreadyScheduled: true,
      };
    }
    const delay = await read(client, operation, () => timelock.getMinDelay());
    const scheduled = await sendTransaction(client, `${operation} (scheduling)`, () =>
      timelock.schedule(target, 0n, data, ZeroHash, salt, delay),
    );
    if (delay === 0n) {
      // A development chain's timelock has nothing to wait for: carry the operation out at once.
      const executed = await sendTransaction(client, operation, () =>
        timelock.execute(target, 0n, data, ZeroHash, salt),
      );
      return { ...executed, status: "executed", operationId };
    }
    return {
      ...scheduled,
      status: "scheduled",
      operationId,
      executableAt: await executableAt(client, timelock, operationId),
    };
  }
}

async function executableAt(client: KomunoClient, timelock: GovernanceTimelock, operationId: string): Promise<Date> {
  const timestamp = await read(client, "Reading the governance timelock", () => timelock.getTimestamp(operationId));
  return new Date(Number(timestamp) * 1000);
}

/** The transaction that scheduled an operation still waiting. */
async function findScheduling(
  client: KomunoClient,
  timelock: GovernanceTimelock,
  operationId: string,
): Promise<TransactionResult> {
  const [{ log }] = await read(client, "Reading the governance timelock", () =>
    eventsSinceDeployment(
      client.provider,
      client.deploymentBlock,
      timelock,
      timelock.filters.CallScheduled(operationId),
    ),
  );
  const receipt = await read(client, "Reading the scheduling transaction", () =>
    client.provider.getTransactionReceipt(log.transactionHash),
  );
  return { hash: log.transactionHash, blockNumber: log.blockNumber, receipt: receipt! };
}

/** Calldata of a currency function, for scheduling. */
export function currencyCall(client: KomunoClient, name: string, args: readonly unknown[]): string {
  return (client.currency.interface as unknown as Interface).encodeFunctionData(name, args);
}
