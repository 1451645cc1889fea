import { BaseError, type BaseErrorOptions } from "../../errors.js";

/**
 * A permissioned chain that cannot be generated (bad option, output folder in use, file system failure) or a
 * QBFT extraData that cannot be read. Messages name paths and values, never key material.
 */
export class ChainGenerationError extends BaseError {
  override name = "ChainGenerationError";
  constructor(shortMessage: string, options: BaseErrorOptions = {}) {
    super(shortMessage, options);
  }
}
