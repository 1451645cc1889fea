import { type Command, InvalidArgumentError } from "commander";

import { ACCOUNT_KINDS, type AccountKindName } from "../accounts.js";
import { parseAmount } from "../amounts.js";
import type { BaseError } from "../errors.js";
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
