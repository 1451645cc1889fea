import { type Command, InvalidArgumentError } from "commander";

import { ACCOUNT_KINDS, type AccountKindName } from "../accounts.js";
import { findOperation } from "../actions/governance/executeGovernanceOperation.js";
import { formatAmount, parseAmount } from "../amounts.js";
import type { BaseError } from "../errors.js";
import type { KomunoClient } from "../client.js";
import type { GovernedResult } from "../internal/governance.js";
import { chainTime } from "../internal/transactions.js";
import { requireAddress } from "../internal/validate.js";
import type { GlobalOptions } from "./context.js";
import { delayedFollowUps, localDateTime, print } from "./output.js";

// Argument parsers shared by every command file: a bad argument stops the CLI before anything is sent.

export const amountArg = (value: string) => {
  try {
    return parseAmount(value);
  } catch (error) {
    throw new InvalidArgumentError((error as BaseError).shortMessage);
  }
};
export const addressArg = (value: string) => {
  try {
    return requireAddress(value);
  } catch (error) {
    throw new InvalidArgumentError((error as BaseError).shortMessage);
  }
};
export const idArg = (value: string) => {
  if (!/^[1-9][0-9]*$/.test(value)) throw new InvalidArgumentError("a request number from 1");
  return BigInt(value);
};
export const kindArg = (value: string) => {
  if (!(value in ACCOUNT_KINDS)) throw new InvalidArgumentError("person, business or association");
  return value as AccountKindName;
};

export function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/** Prints a transaction's outcome. */
export function printTx(command: Command, what: string, result: { hash: string; blockNumber: number }, extra = {}) {
  print(globals(command).json, { ...extra, transactionHash: result.hash, blockNumber: result.blockNumber }, () =>
    [what, `  transaction ${result.hash} (block ${result.blockNumber})`].join("\n"),
  );
}

/**
 * Prints a governor command's outcome: what was done when it executed at once (`done` may read the new state),
 * or the operation now waiting in the governance timelock.
 */
export async function printGoverned(
  command: Command,
  client: KomunoClient,
  done: () => string | Promise<string>,
  result: GovernedResult,
  extra = {},
): Promise<void> {
  if (result.status === "executed") {
    printTx(command, await done(), result, { ...extra, status: "executed" });
    return;
  }
  await printScheduled(command, client, result.operationId!, result.alreadyScheduled === true, extra);
}

/**
 * Prints an operation waiting in the governance timelock: what it will do, in the SDK's plain words, from when,
 * and the exact commands that carry it out or stop it, so the board need not look anything up.
 */
export async function printScheduled(
  command: Command,
  client: KomunoClient,
  operationId: string,
  alreadyScheduled: boolean,
  extra = {},
): Promise<void> {
  const { description, executableAt, scheduledInTransaction, scheduledInBlock } = await findOperation(
    client,
    operationId,
  );
  print(
    globals(command).json,
    {
      ...extra,
      status: "scheduled",
      alreadyScheduled,
      operationId,
      description,
      executableAt,
      transactionHash: scheduledInTransaction,
      blockNumber: scheduledInBlock,
    },
    () =>
      [
        alreadyScheduled
          ? "Already waiting in the timelock: nothing sent."
          : "Scheduled in the governance timelock; nothing changes before its public delay has passed.",
        `  ${description}`,
        `  executable after  ${localDateTime(executableAt)}`,
        `  operation         ${operationId}`,
        `  scheduled in      transaction ${scheduledInTransaction} (block ${scheduledInBlock})`,
        ...delayedFollowUps(
          `komuno governance execute ${operationId}`,
          `komuno governance cancel ${operationId}`,
          "the board or an auditor",
        ),
      ].join("\n"),
  );
}

/** `--expires`: a whole number of seconds from now (by the chain's clock), or an ISO date. */
export type Expiry = { inSeconds: number } | { at: Date };

export const expiryArg = (value: string): Expiry => {
  if (/^[0-9]+$/.test(value)) {
    const inSeconds = Number(value);
    if (inSeconds < 1 || !Number.isSafeInteger(inSeconds)) throw new InvalidArgumentError("at least 1 second");
    return { inSeconds };
  }
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at.getTime())) {
    throw new InvalidArgumentError("an ISO date (2026-05-01T18:00:00Z) or a number of seconds from now");
  }
  return { at };
};

/** The moment an `--expires` names; "from now" by the chain's clock, the one contracts check expiries against. */
export async function expiryDate(client: KomunoClient, expiry: Expiry): Promise<Date> {
  if ("at" in expiry) return expiry.at;
  return new Date(Number((await chainTime(client)) + BigInt(expiry.inSeconds)) * 1000);
}

/** " (fee 0.30, received 19.70)" after a payment that carried a fee; nothing otherwise. */
export function feeNote({ fee, received }: { fee: bigint; received: bigint }): string {
  return fee === 0n ? "" : ` (fee ${formatAmount(fee)}, received ${formatAmount(received)})`;
}
