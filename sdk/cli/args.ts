import { type Command, InvalidArgumentError } from "commander";

import { ACCOUNT_KINDS, type AccountKindName } from "../accounts.js";
import { formatAmount, parseAmount } from "../amounts.js";
import type { BaseError } from "../errors.js";
import type { KomunoClient } from "../client.js";
import { chainTime } from "../internal/transactions.js";
import { requireAddress } from "../internal/validate.js";
import type { GlobalOptions } from "./context.js";
import { print } from "./output.js";

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
