import { getAddress, isAddress } from "ethers";

import { InvalidAddressError, InvalidInputError } from "../errors.js";

/** A checksummed address, or a typed error before anything is sent. */
export function requireAddress(input: string): string {
  if (typeof input !== "string" || !isAddress(input)) throw new InvalidAddressError(String(input));
  return getAddress(input);
}

/** A positive amount of cents. */
export function requirePositiveAmount(amount: bigint, field = "amount"): bigint {
  if (typeof amount !== "bigint") throw new InvalidInputError(field, "expected a bigint number of cents");
  if (amount <= 0n) throw new InvalidInputError(field, "it must be more than zero");
  return amount;
}
