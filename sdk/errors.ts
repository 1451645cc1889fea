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
