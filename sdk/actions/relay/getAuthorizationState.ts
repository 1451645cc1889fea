import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { read } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface GetAuthorizationStateParams {
  authorizer: string;
  /** The authorization's 32-byte nonce, 0x-hex. */
  nonce: string;
}

/**
 * True once the authorization with this nonce was used for a payment or cancelled.
 * @example await getAuthorizationState(client, { authorizer: authorization.from, nonce: authorization.nonce }) // false
 */
export async function getAuthorizationState(
  client: KomunoClient,
  { authorizer, nonce }: GetAuthorizationStateParams,
): Promise<boolean> {
  const address = requireAddress(authorizer);
  if (typeof nonce !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(nonce)) {
    throw new InvalidInputError("nonce", "expected 32 bytes as 0x followed by 64 hexadecimal digits");
  }
  return read(client, "Reading the authorization", () => client.currency.authorizationState(address, nonce));
}
