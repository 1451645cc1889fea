import { Signature } from "ethers";

import type { KomunoClient } from "../../client.js";
import {
  AuthorizationExpiredError,
  AuthorizationNotYetValidError,
  InvalidInputError,
  MissingSignerError,
} from "../../errors.js";
import { withFee, type PaidTransaction } from "../../internal/fees.js";
import { chainTime, sendTransaction } from "../../internal/transactions.js";
import {
  parseSignedTransferAuthorization,
  transferAuthorizationSigner,
  type SignedTransferAuthorization,
} from "../../transferAuthorization.js";
import { requireSameDomain, requireUnused } from "../../internal/authorizationChecks.js";

export interface RelayTransferAuthorizationParams {
  /** The signed authorization, as the wallet sent it (JSON text or object); every field is checked. */
  authorization: SignedTransferAuthorization | string;
}

/**
 * Submits a member's signed payment from the client's signer, which pays the gas. Checks first, without
 * spending anything, that it is for this currency and chain, signed by its payer, valid now and unused; a
 * receive authorization can only be submitted by its payee.
 * @example await relayTransferAuthorization(relayer, { authorization: JSON.parse(body) })
 */
export async function relayTransferAuthorization(
  client: KomunoClient,
  params: RelayTransferAuthorizationParams,
): Promise<PaidTransaction> {
  const operation = "Relaying a signed payment";
  const a = parseSignedTransferAuthorization(params?.authorization);
  if (client.signer === undefined) throw new MissingSignerError(operation);
  await requireSameDomain(client, a, "authorization");
  const signer = transferAuthorizationSigner(a);
  if (signer !== a.from) throw new InvalidInputError("authorization.signature", `signed by ${signer}, not ${a.from}`);
  if (a.kind === "receive") {
    const relayer = await client.signer.getAddress();
    if (relayer !== a.to) {
      throw new InvalidInputError("authorization.kind", `only its payee ${a.to} may submit a receive authorization`);
    }
  }
  const [now] = await Promise.all([chainTime(client), requireUnused(client, a.from, a.nonce)]);
  // The contract accepts validAfter < block time < validBefore, and the next block is at least a second later.
  const validAfter = BigInt(a.validAfter);
  const validBefore = BigInt(a.validBefore);
  if (validAfter > now) throw new AuthorizationNotYetValidError(validAfter, now);
  if (now >= validBefore) throw new AuthorizationExpiredError(validBefore, now);
  const { v, r, s } = Signature.from(a.signature);
  const result = await sendTransaction(client, operation, (c) =>
    a.kind === "receive"
      ? c.receiveWithAuthorization(a.from, a.to, a.value, validAfter, validBefore, a.nonce, v, r, s)
      : c.transferWithAuthorization(a.from, a.to, a.value, validAfter, validBefore, a.nonce, v, r, s),
  );
  return withFee(client, result, BigInt(a.value));
}
