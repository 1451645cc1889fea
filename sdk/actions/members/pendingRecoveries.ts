import type { KomunoClient } from "../../client.js";
import { eventsSinceDeployment, type RawLog } from "../../internal/logs.js";
import { read, sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface PendingRecovery {
  lost: string;
  replacement: string;
  reasonHash: string;
  /** Who proposed it (a member manager). */
  proposedBy: string;
  /** From when anyone may execute it; until it is executed, the governor, an auditor or a member manager may cancel it. */
  executableAt: Date;
  proposedInTransaction: string;
}

/**
 * Every recovery still pending, from the RecoveryProposed events and the contract's view of each (a recovery
 * executed or cancelled since is left out): what the audit shows a board, so a stolen manager key is noticed.
 * @example for (const r of await listPendingRecoveries(client)) console.log(r.lost, "→", r.replacement, r.executableAt)
 */
export async function listPendingRecoveries(client: KomunoClient): Promise<PendingRecovery[]> {
  const currency = client.currency;
  const proposals = await read(client, "Reading recoveries", () =>
    eventsSinceDeployment(client.provider, client.deploymentBlock, currency, currency.filters.RecoveryProposed()),
  );
  return pendingRecoveriesAmong(
    client,
    proposals.map(({ log }) => log),
  );
}

/**
 * The recoveries still pending among RecoveryProposed logs already fetched (the audit's own scan holds them all):
 * the latest proposal per lost account, kept when the contract still holds it.
 */
export async function pendingRecoveriesAmong(client: KomunoClient, proposals: RawLog[]): Promise<PendingRecovery[]> {
  const currency = client.currency;
  const latest = new Map(
    proposals.map((log) => {
      const event = currency.interface.parseLog(log)!;
      return [event.args.lostAccount as string, { log, event }] as const;
    }),
  );
  const pending: PendingRecovery[] = [];
  for (const [lost, { log, event }] of latest) {
    const now = await read(client, "Reading a pending recovery", () => currency.pendingRecovery(lost));
    // Still the same proposal: the same replacement and time (a cancelled then re-proposed one is its latest event).
    if (now.replacement === event.args.replacement && now.executableAt === event.args.executableAt) {
      pending.push({
        lost,
        replacement: now.replacement,
        reasonHash: now.reasonHash,
        proposedBy: event.args.manager as string,
        executableAt: new Date(Number(now.executableAt) * 1000),
        proposedInTransaction: log.transactionHash,
      });
    }
  }
  return pending;
}

export interface RecoveryParams {
  /** The frozen, lost account. */
  lost: string;
}

/**
 * Carries out a pending recovery once its delay has passed (anyone may): the lost account's whole balance moves
 * to the replacement. Before the delay it is refused (MemberMoveNotYetExecutable), and nothing moves.
 * @example await executeRecovery(client, { lost: "0x…" })
 */
export async function executeRecovery(client: KomunoClient, { lost }: RecoveryParams): Promise<TransactionResult> {
  const address = requireAddress(lost);
  return sendTransaction(client, "Executing a recovery", (c) => c.executeRecovery(address));
}

/**
 * Cancels a pending recovery (the governor, an auditor or a member manager): a veto against a stolen key.
 * @example await cancelRecovery(client, { lost: "0x…" })
 */
export async function cancelRecovery(client: KomunoClient, { lost }: RecoveryParams): Promise<TransactionResult> {
  const address = requireAddress(lost);
  return sendTransaction(client, "Cancelling a recovery", (c) => c.cancelRecovery(address));
}
