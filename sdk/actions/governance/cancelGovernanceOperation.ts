import type { KomunoClient } from "../../client.js";
import { requireTimelock } from "../../internal/governance.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { findOperation, type GovernanceOperationParams } from "./executeGovernanceOperation.js";
import type { GovernanceOperation } from "./listGovernanceOperations.js";

/**
 * Cancels an operation still waiting or ready (a timelock canceller: the board, an auditor). Nothing of it
 * will ever execute; scheduling the same call again is a new operation with its own delay.
 * @example await cancelGovernanceOperation(client, { operationId: "0x…" })
 */
export async function cancelGovernanceOperation(
  client: KomunoClient,
  { operationId }: GovernanceOperationParams,
): Promise<TransactionResult & { operation: GovernanceOperation }> {
  const timelock = requireTimelock(client);
  const operation = await findOperation(client, operationId);
  const result = await sendTransaction(client, `Cancelling "${operation.description}"`, () =>
    timelock.cancel(operation.id),
  );
  return { ...result, operation };
}
