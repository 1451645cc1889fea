import type { KomunoClient } from "../../client.js";
import { MAX_AUTHORIZATION_VALIDITY_SECONDS as MAX_VALIDITY_SECONDS } from "../../transferAuthorization.js";
import { InvalidInputError, MissingSignerError } from "../../errors.js";
import { readCurrencyDomain } from "../../internal/signingDomain.js";
import { chainTime } from "../../internal/transactions.js";
import { requireAddress, requirePositiveAmount } from "../../internal/validate.js";
import {
  signTransferAuthorization,
  type SignedTransferAuthorization,
  type TransferAuthorizationKind,
} from "../../transferAuthorization.js";

/** How long an authorization stays valid when the caller does not say: one hour. */
export const DEFAULT_AUTHORIZATION_VALIDITY_SECONDS = 3600;

export interface SignPaymentAuthorizationParams {
  to: string;
  /** Cents. */
  amount: bigint;
  /** Seconds from the chain's latest block until it expires (default one hour). */
  validForSeconds?: number;
  /** "transfer" (default: any relayer may submit it) or "receive" (only the payee may). */
  kind?: TransferAuthorizationKind;
}

/**
 * Signs a payment from the client's signer for a relayer to submit: nothing is sent and no gas is needed.
 * The currency's EIP-712 domain is read from the chain (its `eip712Domain()`); the result is plain JSON, ready to send.
 * @example const authorization = await signPaymentAuthorization(client, { to: shop, amount: parseAmount("12.50"), validForSeconds: 600 })
 */
export async function signPaymentAuthorization(
  client: KomunoClient,
  {
    to,
    amount,
    validForSeconds = DEFAULT_AUTHORIZATION_VALIDITY_SECONDS,
    kind = "transfer",
  }: SignPaymentAuthorizationParams,
): Promise<SignedTransferAuthorization> {
  const recipient = requireAddress(to);
  requirePositiveAmount(amount);
  if (!Number.isSafeInteger(validForSeconds) || validForSeconds < 2 || validForSeconds > MAX_VALIDITY_SECONDS - 1) {
    throw new InvalidInputError(
      "validForSeconds",
      `expected a whole number of seconds from 2 to ${MAX_VALIDITY_SECONDS - 1} (an authorization lasts a day at most)`,
    );
  }
  if (client.signer === undefined) throw new MissingSignerError("Signing a payment");
  const [domain, now] = await Promise.all([readCurrencyDomain(client), chainTime(client)]);
  // Chain time, not the device's clock: the contract checks validity against block timestamps.
  return signTransferAuthorization(client.signer, {
    kind,
    ...domain,
    to: recipient,
    value: amount,
    // Valid from the signing time: the contract refuses a window longer than a day (MAX_AUTHORIZATION_VALIDITY).
    validAfter: now - 1n,
    validBefore: now + BigInt(validForSeconds),
  });
}
