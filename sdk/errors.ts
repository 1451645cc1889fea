/**
 * Typed errors of the Komuno SDK. Every error a user can cause is one of these, with a short message fit for a
 * screen, details for a log, and the underlying cause. The `name` is fixed by the class, so callers can
 * switch on it (or use `instanceof`).
 */
export interface BaseErrorOptions {
  details?: string;
  cause?: unknown;
}

export class BaseError extends Error {
  override name = "KomunoError";
  readonly shortMessage: string;
  readonly details: string | undefined;

  constructor(shortMessage: string, options: BaseErrorOptions = {}) {
    super([shortMessage, options.details && `Details: ${options.details}`].filter(Boolean).join("\n"), {
      cause: options.cause,
    });
    this.shortMessage = shortMessage;
    this.details = options.details;
  }
}

/** An amount that is not a plain, non-negative number of euros with at most two decimals. */
export class InvalidAmountError extends BaseError {
  override name = "InvalidAmountError";
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`Invalid amount ${JSON.stringify(input)}: ${reason}.`);
  }
}

/** A reference (bank deposit, payout) that cannot be mapped to the chain. */
export class InvalidReferenceError extends BaseError {
  override name = "InvalidReferenceError";
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`Invalid reference ${JSON.stringify(input)}: ${reason}.`);
  }
}

/** Not an Ethereum address (or a bad checksum). */
export class InvalidAddressError extends BaseError {
  override name = "InvalidAddressError";
  constructor(readonly input: string) {
    super(`Invalid address ${JSON.stringify(input)}: expected 0x followed by 40 hexadecimal digits.`);
  }
}

/** A currency file (currencies/*.json) that does not follow the schema; lists every bad field. */
export class CurrencyConfigError extends BaseError {
  override name = "CurrencyConfigError";
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid currency file ${source}: ${problems.length} problem(s).`, {
      details: problems.map((p) => `- ${p}`).join("\n"),
    });
  }
}

/** The currency contract refused the operation; `errorName` and `args` are its custom error, decoded. */
export class ContractRevertError extends BaseError {
  override name = "ContractRevertError";
  constructor(
    readonly operation: string,
    readonly errorName: string,
    readonly args: Readonly<Record<string, unknown>>,
    explanation: string,
    cause?: unknown,
  ) {
    super(`${operation} refused: ${explanation}`, {
      details: `${errorName}(${Object.entries(args)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(", ")})`,
      cause,
    });
  }
}

/**
 * The JSON-RPC node could not be reached or failed to answer. `attempts` is how many times it was asked (reads
 * retry a transport failure; sends never do). A read changed nothing. A transaction may have gone through all
 * the same: `transaction` is its hash when it was sent and the node stopped answering while its receipt was
 * awaited, and a send whose answer was lost may have reached the node too. Check (the history, the
 * transaction) before doing the work again, or it may be done twice.
 */
export class RpcError extends BaseError {
  override name = "RpcError";
  constructor(
    readonly operation: string,
    readonly url: string | undefined,
    cause: unknown,
    readonly attempts = 1,
    readonly transaction?: string,
  ) {
    const reason = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    const node = `the node${url ? ` at ${url}` : ""}`;
    super(
      transaction === undefined
        ? `${operation} failed: ${node} did not answer.`
        : `${operation}: transaction ${transaction} was sent, but ${node} stopped answering before it was confirmed; ` +
            "it may go through: check before doing it again.",
      { details: attempts > 1 ? `${attempts} attempts; the last failed with: ${reason}` : reason, cause },
    );
  }
}

/** A transaction reverted without a reason the SDK could decode (out of gas, a foreign contract, ...). */
export class TransactionFailedError extends BaseError {
  override name = "TransactionFailedError";
  constructor(
    readonly operation: string,
    cause: unknown,
  ) {
    super(`${operation} failed on chain without a decodable reason.`, {
      details: cause instanceof Error ? cause.message.split("\n")[0] : String(cause),
      cause,
    });
  }
}

/** The action sends a transaction but the client has no signer. */
export class MissingSignerError extends BaseError {
  override name = "MissingSignerError";
  constructor(readonly operation: string) {
    super(`${operation} needs a signer (a key): the client was created read-only.`);
  }
}

/** The node serves another chain than the currency's. */
export class ChainMismatchError extends BaseError {
  override name = "ChainMismatchError";
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`The node serves chain ${actual}, but the currency lives on chain ${expected}.`);
  }
}

/** Input that the SDK refuses before sending anything (a duplicate reference in a batch, a zero amount, ...). */
export class InvalidInputError extends BaseError {
  override name = "InvalidInputError";
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`Invalid ${field}: ${reason}.`);
  }
}

/** One bad line of a file a person brought, by the file's own line number (1 is the first line). */
export interface CsvProblem {
  line: number;
  message: string;
}

/**
 * A CSV file (deposits to mint, a bank statement) with bad lines: every problem at once, each with its line
 * number, so the file is fixed in one go and nothing is sent before it is.
 */
export class InvalidCsvError extends InvalidInputError {
  override name = "InvalidCsvError";
  constructor(
    readonly file: string,
    readonly problems: readonly CsvProblem[],
  ) {
    super(file, problems.map((p) => `line ${p.line}: ${p.message}`).join("; "));
  }
}

/**
 * One reason a batch job (deposits to mint, members to admit, reconversions to settle) is refused before
 * anything is sent: about one row (`line`: the file's own line number, or the position from 1 in a list), or
 * about the whole job (`line` null: the total against the allowance, the reserve cap, a missing role, ...).
 */
export interface PreflightProblem {
  line: number | null;
  /** A stable name a program can switch on, e.g. "conflicts-with-chain", "over-allowance". */
  code: string;
  /** In plain words, amounts in euros. */
  message: string;
}

/**
 * A batch job refused by its pre-flight: every problem at once, each with its line, and nothing sent. Fix the
 * file and run it again.
 */
export class PreflightError extends BaseError {
  override name = "PreflightError";
  constructor(
    /** What was refused, e.g. "Mint", "Admission", "Settlement". */
    readonly operation: string,
    /** The file's name, or "the list of deposits" when the rows came as a list. */
    readonly source: string,
    readonly problems: readonly PreflightProblem[],
    /** Whether `line` numbers a file's lines or a list's items. */
    readonly numbering: "line" | "item" = "line",
  ) {
    super(
      `${operation} refused, nothing was sent: ${problems.length} problem(s) in ${source}:\n` +
        problems.map((p) => `  ${p.line === null ? "" : `${numbering} ${p.line}: `}${p.message}`).join("\n"),
    );
  }
}

/**
 * A batch job sent in several transactions stopped part-way (the node went away, the chain changed since the
 * pre-flight): `confirmed` of `total` rows are known done. Running the same job again is safe: what was done is
 * recognised and skipped, never done twice.
 */
export class BatchInterruptedError extends BaseError {
  override name = "BatchInterruptedError";
  constructor(
    readonly operation: string,
    readonly confirmed: number,
    readonly total: number,
    /** What is known done, in words, e.g. "1000 of 5000 deposits (99592.00 of 498000.00) confirmed minted". */
    progress: string,
    cause: unknown,
  ) {
    const why =
      cause instanceof BaseError ? cause.shortMessage : cause instanceof Error ? cause.message : String(cause);
    super(
      `${operation} interrupted: ${progress}; then ${why.replace(/\.$/, "")}. ` +
        "Running the same file again finishes the job and never does anything twice.",
      { details: cause instanceof BaseError ? cause.details : undefined, cause },
    );
  }
}

/**
 * A bank statement whose columns cannot be told: no header line naming a date, a reference and an amount (or a
 * debit and a credit), a column named in an explicit mapping that the header lacks, or two columns that could
 * both be one of them. Names the headers found, so the mapping can be given (`--columns`).
 */
export class StatementColumnsError extends InvalidCsvError {
  override name = "StatementColumnsError";
  constructor(
    file: string,
    readonly line: number,
    readonly headers: readonly string[],
    reason: string,
    /** What the line named is: the header line, or the file's first line when no header was found. */
    lineRole = "the header line",
  ) {
    super(file, [{ line, message: `${reason}; ${lineRole} has ${headers.map((h) => JSON.stringify(h)).join(", ")}` }]);
  }
}

/** A deployment record (the --currency file) that is not one. */
export class InvalidDeploymentRecordError extends BaseError {
  override name = "InvalidDeploymentRecordError";
  constructor(
    readonly source: string,
    reason: string,
  ) {
    super(`Invalid deployment record ${source}: ${reason}.`);
  }
}

/**
 * What is wrong with a payment link, for a wallet to choose its words: `another-currency` and `another-chain`
 * mean the link is fine but asks for another token; `amount-too-large` usually means a link written for an
 * 18-decimals token; `sends-ether` a link that would move the chain's own coin along with the payment.
 */
export type PaymentLinkProblem =
  | "malformed"
  | "not-a-transfer"
  | "another-currency"
  | "another-chain"
  | "bad-address"
  | "bad-chain-id"
  | "bad-amount"
  | "fractional-amount"
  | "amount-too-large"
  | "sends-ether"
  | "duplicate-parameter"
  | "unknown-parameter"
  | "bad-memo";

/** A payment link (EIP-681 URI, as in a QR code) that is not one this currency can pay. */
export class InvalidPaymentLinkError extends BaseError {
  override name = "InvalidPaymentLinkError";
  constructor(
    readonly input: string,
    readonly problem: PaymentLinkProblem,
    reason: string,
  ) {
    super(`Invalid payment link: ${reason}.`, { details: input });
  }
}

/** The currency was deployed without this feature's contract (or the client was not told its address). */
/** The currency's governor is not a timelock known to the client: there are no scheduled operations to act on. */
export class GovernanceNotConfiguredError extends BaseError {
  override name = "GovernanceNotConfiguredError";
  constructor() {
    super(
      "This client knows no governance timelock: create it from a deployment record with `governance`, or pass `timelock`.",
    );
  }
}

/** A governance operation cannot be executed now: still waiting its delay, cancelled, or already done. */
export class GovernanceOperationNotExecutableError extends BaseError {
  override name = "GovernanceOperationNotExecutableError";
  constructor(
    readonly operationId: string,
    readonly status: "waiting" | "cancelled" | "done",
    readonly description: string,
    readonly executableAt: Date,
  ) {
    super(
      status === "waiting"
        ? `"${description}" is still waiting its delay: anyone may execute it from ${executableAt.toISOString()}.`
        : status === "cancelled"
          ? `"${description}" was cancelled: it will never execute.`
          : `"${description}" was already executed.`,
    );
  }
}

export class ExtensionNotDeployedError extends BaseError {
  override name = "ExtensionNotDeployedError";
  constructor(readonly extension: string) {
    super(
      `This currency has no ${extension} contract: deploy it, or create the client from a deployment record that names it.`,
    );
  }
}

/** The authorization was already used or cancelled (the nonce is spent). */
export class AuthorizationAlreadyUsedError extends BaseError {
  override name = "AuthorizationAlreadyUsedError";
  constructor(
    readonly authorizer: string,
    readonly nonce: string,
  ) {
    super(`The authorization ${nonce} of ${authorizer} was already used or cancelled.`);
  }
}

/** The authorization is not valid yet (chain time is not after `validAfter`). */
export class AuthorizationNotYetValidError extends BaseError {
  override name = "AuthorizationNotYetValidError";
  constructor(
    readonly validAfter: bigint,
    readonly now: bigint,
  ) {
    super(`The authorization is valid only after ${isoTime(validAfter)} (chain time ${isoTime(now)}).`);
  }
}

/** The authorization expired (chain time reached `validBefore`). */
export class AuthorizationExpiredError extends BaseError {
  override name = "AuthorizationExpiredError";
  constructor(
    readonly validBefore: bigint,
    readonly now: bigint,
  ) {
    super(`The authorization expired at ${isoTime(validBefore)} (chain time ${isoTime(now)}).`);
  }
}

function isoTime(seconds: bigint): string {
  return seconds > 8_640_000_000_000n ? `${seconds} s` : new Date(Number(seconds) * 1000).toISOString();
}

/** The wallet (or its user) refused to sign: nothing was signed nor sent. */
export class SignatureRejectedError extends BaseError {
  override name = "SignatureRejectedError";
  constructor(
    readonly what: string,
    cause: unknown,
  ) {
    super(`${what} was not signed: the wallet refused or failed to sign, and nothing was sent.`, {
      details: cause instanceof Error ? cause.message.split("\n")[0] : String(cause),
      cause,
    });
  }
}

/**
 * The currency's EIP-712 domain, as its `eip712Domain()` (EIP-5267) reports it, is not one the SDK can sign
 * under (a salt or extensions, a missing field, another verifying contract): nothing was signed.
 */
export class UnsupportedSigningDomainError extends BaseError {
  override name = "UnsupportedSigningDomainError";
  constructor(
    readonly currency: string,
    readonly reason: string,
  ) {
    super(`The currency ${currency} signs under an EIP-712 domain the SDK cannot use: ${reason}. Nothing was signed.`);
  }
}
