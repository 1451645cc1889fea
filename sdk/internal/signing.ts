import { Signature, type Signer, type TypedDataDomain, type TypedDataField } from "ethers";

import { SignatureRejectedError } from "../errors.js";

/**
 * Signs EIP-712 typed data; a wallet that refuses (its user said no, a hardware key is absent) becomes a
 * SignatureRejectedError instead of whatever the wallet library throws.
 */
export async function signTyped(
  signer: Pick<Signer, "signTypedData">,
  what: string,
  typed: { domain: TypedDataDomain; types: Record<string, TypedDataField[]>; message: Record<string, unknown> },
): Promise<Signature> {
  let signature: string;
  try {
    signature = await signer.signTypedData(typed.domain, typed.types, typed.message);
  } catch (error) {
    throw new SignatureRejectedError(what, error);
  }
  return Signature.from(signature);
}
