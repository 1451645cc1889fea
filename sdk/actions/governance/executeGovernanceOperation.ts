import type { KomunoClient } from "../../client.js";
import { GovernanceOperationNotExecutableError, InvalidInputError } from "../../errors.js";
import { requireTimelock } from "../../internal/governance.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { listGovernanceOperations, type GovernanceOperation } from "./listGovernanceOperations.js";

export interface GovernanceOperationParams {
  /** The operation's id, as listGovernanceOperations gives it. */
  operationId: string;
}

/**
 * Executes an operation whose delay has passed (anyone may). Before the delay, or once done or cancelled, it is
 * refused before anything is sent (GovernanceOperationNotExecutableError, with the time it becomes executable);
 * the timelock refuses it too, should the state change in between.
 * @example await executeGovernanceOperation(client, { operationId: "0x…" })
 */
export async function executeGovernanceOperation(
  client: KomunoClient,
  { operationId }: GovernanceOperationParams,
): Promise<TransactionResult & { operation: GovernanceOperation }> {
  const timelock = requireTimelock(client);
  const operation = await findOperation(client, operationId);
  if (operation.status !== "ready") {
    throw new GovernanceOperationNotExecutableError(
      operation.id,
      operation.status,
      operation.description,
      operation.executableAt,
    );
  }
  const result = await sendTransaction(client, `Executing "${operation.description}"`, () =>
    timelock.execute(operation.target, 0n, operation.data, operation.predecessor, operation.salt),
  );
  return { ...result, operation };
}

/** The operation with this id, whatever its status, or InvalidInputError. */
export async function findOperation(client: KomunoClient, operationId: string): Promise<GovernanceOperation> {
  if (!/^0x[0-9a-fA-F]{64}$/.test(operationId)) throw new InvalidInputError("operation", "a 32-byte id, 0x + 64 hex");
  const operation = (await listGovernanceOperations(client, { all: true })).find(
    (o) => o.id.toLowerCase() === operationId.toLowerCase(),
  );
  if (operation === undefined) throw new InvalidInputError("operation", `no operation ${operationId} was scheduled`);
  return operation;
}
