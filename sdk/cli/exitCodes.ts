import { CommanderError } from "commander";

import {
  AuthorizationAlreadyUsedError,
  AuthorizationExpiredError,
  AuthorizationNotYetValidError,
  BaseError,
  BatchInterruptedError,
  ChainMismatchError,
  ContractRevertError,
  CurrencyConfigError,
  ExtensionNotDeployedError,
  GovernanceNotConfiguredError,
  GovernanceOperationNotExecutableError,
  InvalidAddressError,
  InvalidAmountError,
  InvalidDeploymentRecordError,
  InvalidInputError,
  InvalidPaymentLinkError,
  InvalidReferenceError,
  MissingSignerError,
  PreflightError,
  RpcError,
  SignatureRejectedError,
  TransactionFailedError,
} from "../errors.js";
import { toKomunoError } from "../internal/errors.js";
import { ChainGenerationError } from "../node/chain/errors.js";
import { FileError } from "../node/deploymentFiles.js";
import { KeystoreError } from "../node/keystore.js";
import { RepositoryRequiredError } from "../node/repository.js";
import { IncompatibleStorageLayoutError } from "../node/storageLayout.js";

/**
 * The exit status of every `komuno` command, so that a script (a cron job running the audit, a treasurer's
 * batch) tells "the books are wrong" from "the node is down" and "I typed it wrong" without reading text.
 */
export const EXIT_CODES = {
  ok: 0,
  /** The audit found the books inconsistent, or the supply not fully backed. */
  checkFailed: 1,
  /** Bad arguments, options, files, keystore or password: refused before anything was sent. */
  usage: 2,
  /** The node did not answer: the failed call changed nothing. */
  nodeUnreachable: 3,
  /** The currency's rules refused the operation (the contract, or the SDK's check of the same rule first). */
  refused: 4,
  /** Anything else: a fault to report, with KOMUNO_DEBUG=1 for its details. */
  failed: 5,
} as const;

export const EXIT_CODES_HELP = [
  "Exit status:",
  "  0  done",
  "  1  check failed: the audit found the books inconsistent or the supply not fully backed",
  "  2  usage: bad argument, option, file, keystore or password; nothing was sent",
  "  3  node unreachable: the JSON-RPC node did not answer; the failed call changed nothing",
  "  4  refused: the currency's rules refused the transaction (role, balance, reserve, delay, ...)",
  "  5  any other failure (run again with KOMUNO_DEBUG=1 for details)",
].join("\n");

// What the person must change: the command, a file, a key, or which node and currency it talks to.
const USAGE_ERRORS = [
  InvalidInputError,
  InvalidAmountError,
  InvalidAddressError,
  InvalidReferenceError,
  InvalidPaymentLinkError,
  InvalidDeploymentRecordError,
  CurrencyConfigError,
  MissingSignerError,
  ChainMismatchError,
  GovernanceNotConfiguredError,
  ExtensionNotDeployedError,
  KeystoreError,
  FileError,
  ChainGenerationError,
  RepositoryRequiredError,
];
// What the currency's rules refuse, on chain or in the SDK's check of the same rule before sending.
const REFUSALS = [
  ContractRevertError,
  // A file whose rows the chain or the currency's rules refuse (a conflicting deposit, a non-member, over the
  // allowance or the reserve cap): nothing was sent.
  PreflightError,
  TransactionFailedError,
  AuthorizationAlreadyUsedError,
  AuthorizationNotYetValidError,
  AuthorizationExpiredError,
  GovernanceOperationNotExecutableError,
  IncompatibleStorageLayoutError,
  SignatureRejectedError,
];
// A file the person named that cannot be read or written.
const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a directory",
  ENOTDIR: "a folder on its path is a file",
  EEXIST: "it already exists",
};

/** A failure as the CLI reports it: one line of text, or one JSON object with --json. */
export interface Failure {
  /** The error's type: its class name, or UsageError for a command line commander refused. */
  error: string;
  message: string;
  details?: string;
  exitCode: number;
  /** A refusal by a contract: its custom error and arguments. */
  contractError?: { name: string; args: Record<string, unknown> };
}

/**
 * What went wrong, in plain words, with its exit status. Errors thrown by ethers are typed first (a revert
 * decoded, a dead node named), as the SDK's actions do.
 */
export function describeFailure(error: unknown, rpcUrl: string | undefined): Failure {
  if (error instanceof CommanderError) {
    return {
      error: "UsageError",
      message: error.message.replace(/^error: /, "").split("\n")[0],
      exitCode: error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage,
    };
  }
  const fileProblem = FILE_PROBLEMS[(error as NodeJS.ErrnoException)?.code ?? ""];
  const path = (error as NodeJS.ErrnoException)?.path;
  if (fileProblem !== undefined && path !== undefined) {
    return { error: "FileError", message: `Cannot use ${path}: ${fileProblem}.`, exitCode: EXIT_CODES.usage };
  }
  let typed: unknown = error;
  if (!(error instanceof BaseError)) {
    const fromChain = toKomunoError(error, "A request to the node", rpcUrl);
    if (fromChain instanceof RpcError || fromChain instanceof ContractRevertError) typed = fromChain;
  }
  if (!(typed instanceof BaseError)) {
    const message = typed instanceof Error ? typed.message.split("\n")[0] : String(typed);
    return { error: typed instanceof Error ? typed.name : "Error", message, exitCode: EXIT_CODES.failed };
  }
  return {
    error: typed.name,
    message: typed.shortMessage,
    ...(typed.details === undefined ? {} : { details: typed.details }),
    exitCode: exitCodeOf(typed),
    ...(typed instanceof ContractRevertError
      ? { contractError: { name: typed.errorName, args: { ...typed.args } } }
      : {}),
  };
}

function exitCodeOf(error: BaseError): number {
  // A batch stopped part-way says what was done; why it stopped (a dead node, a refusal) decides the status.
  if (error instanceof BatchInterruptedError && error.cause instanceof BaseError) return exitCodeOf(error.cause);
  if (error instanceof RpcError) return EXIT_CODES.nodeUnreachable;
  if (REFUSALS.some((type) => error instanceof type)) return EXIT_CODES.refused;
  if (USAGE_ERRORS.some((type) => error instanceof type)) return EXIT_CODES.usage;
  return EXIT_CODES.failed;
}
