import { Signature } from "ethers";

import type { KomunoClient } from "../../client.js";
import { InvalidInputError, MissingSignerError } from "../../errors.js";
import { requireSameDomain, requireUnused } from "../../internal/authorizationChecks.js";
import { readCurrencyDomain } from "../../internal/signingDomain.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import {
  cancelAuthorizationSigner,
  parseSignedCancelAuthorization,
  signCancelAuthorization,
  type SignedCancelAuthorization,
} from "../../transferAuthorization.js";

export type CancelTransferAuthorizationParams =
  /** Cancels one of the signer's own authorizations: signs the cancellation and submits it. */
  | { nonce: string }
  /** Submits a cancellation signed by someone else (the client's signer only relays it). */
  | { cancellation: SignedCancelAuthorization | string };

/**
 * Cancels an unused authorization so no relayer can submit it any more: the client's own (by nonce), or a
 * signed cancellation handed over by its authorizer. Refuses one already used or cancelled before sending.
 * @example await cancelTransferAuthorization(client, { nonce: authorization.nonce })
 */
export async function cancelTransferAuthorization(
  client: KomunoClient,
  params: CancelTransferAuthorizationParams,
): Promise<TransactionResult> {
  const operation = "Cancelling an authorization";
  if (client.signer === undefined) throw new MissingSignerError(operation);
  let cancel: SignedCancelAuthorization;
  if (params !== null && typeof params === "object" && "cancellation" in params) {
    cancel = parseSignedCancelAuthorization(params.cancellation);
    const signer = cancelAuthorizationSigner(cancel);
    if (signer !== cancel.authorizer) {
      throw new InvalidInputError("cancellation.signature", `signed by ${signer}, not ${cancel.authorizer}`);
    }
    await requireSameDomain(client, cancel, "cancellation");
  } else {
    cancel = await signCancelAuthorization(client.signer, {
      ...(await readCurrencyDomain(client)),
      nonce: (params as { nonce: string })?.nonce,
    });
  }
  await requireUnused(client, cancel.authorizer, cancel.nonce);
  const { v, r, s } = Signature.from(cancel.signature);
  return sendTransaction(client, operation, (c) => c.cancelAuthorization(cancel.authorizer, cancel.nonce, v, r, s));
}
