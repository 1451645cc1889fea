import type { KomunoClient } from "../../client.js";
import { ContractRevertError, GovernanceOperationNotExecutableError, InvalidInputError } from "../../errors.js";
import { requireTimelock } from "../../internal/governance.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { listGovernanceOperations, type GovernanceOperation } from "./listGovernanceOperations.js";

export interface GovernanceOperationParams {
  /** The operation's id, as listGovernanceOperations gives it. */
  operationId: string;
}

/**
 * Executes an operation whose delay has passed (anyone may). Before the delay, or once done or cancelled, it is
 * refused with GovernanceOperationNotExecutableError, saying when it becomes executable (a done or cancelled one
 * before anything is sent), and nothing changes.
 * @example await executeGovernanceOperation(client, { operationId: "0x…" })
 */
export async function executeGovernanceOperation(
  client: KomunoClient,
  { operationId }: GovernanceOperationParams,
): Promise<TransactionResult & { operation: GovernanceOperation }> {
  const timelock = requireTimelock(client);
  const operation = await findOperation(client, operationId);
  if (operation.status === "done" || operation.status === "cancelled") throw notExecutable(operation);
  // A waiting operation is still sent: the next block's time, not the last one's, decides (on a chain that mines
  // only on demand, the last block can be hours old).
  let result: TransactionResult;
  try {
    result = await sendTransaction(client, `Executing "${operation.description}"`, () =>
      timelock.execute(operation.target, 0n, operation.data, operation.predecessor, operation.salt),
    );
  } catch (error) {
    if (error instanceof ContractRevertError && error.errorName === "TimelockUnexpectedOperationState") {
      throw notExecutable(await findOperation(client, operationId));
    }
    throw error;
  }
  return { ...result, operation };
}

function notExecutable(operation: GovernanceOperation): GovernanceOperationNotExecutableError {
  const status = operation.status === "ready" ? "waiting" : operation.status;
  return new GovernanceOperationNotExecutableError(operation.id, status, operation.description, operation.executableAt);
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
