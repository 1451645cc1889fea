import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { Signature, id, verifyTypedData } from "ethers";

import {
  AUTHORIZATION_FIELDS,
  CANCEL_AUTHORIZATION_FIELDS,
  type TransferAuthorizationMessage,
} from "../../sdk/transferAuthorization.js";
import type { LocalCurrency } from "../../types/ethers-contracts/index.js";

export type AuthorizationKind = "TransferWithAuthorization" | "ReceiveWithAuthorization";

/** A 32-byte EIP-3009 nonce from a label, so that failing tests print readable, reproducible values. */
export function authorizationNonce(label: string): string {
  return id(`authorization ${label}`);
}

/** The currency's EIP-712 domain, as wallets see it: what its `eip712Domain()` (EIP-5267) reports. */
export async function currencyDomain(currency: LocalCurrency) {
  const { name, version, chainId, verifyingContract } = await currency.eip712Domain();
  return { name, version, chainId, verifyingContract };
}

export type PaymentAuthorization = TransferAuthorizationMessage;

/**
 * `signer` signs an EIP-3009 payment authorization. `from` defaults to the signer (pass another address to
 * forge one). Returns the message, the signature and the recovery helpers a test needs.
 */
export async function signPaymentAuthorization(
  currency: LocalCurrency,
  signer: HardhatEthersSigner,
  authorization: Omit<PaymentAuthorization, "from"> & { from?: string },
  kind: AuthorizationKind = "TransferWithAuthorization",
) {
  const domain = await currencyDomain(currency);
  const types = { [kind]: [...AUTHORIZATION_FIELDS] };
  const message: PaymentAuthorization = { ...authorization, from: authorization.from ?? signer.address };
  const signature = await signer.signTypedData(domain, types, message);
  const { v, r, s } = Signature.from(signature);
  return {
    message,
    signature,
    v,
    r,
    s,
    /** The arguments of transferWithAuthorization / receiveWithAuthorization, with `changes` applied. */
    args(changes: Partial<PaymentAuthorization> = {}) {
      const m = { ...message, ...changes };
      return [m.from, m.to, m.value, m.validAfter, m.validBefore, m.nonce, v, r, s] as const;
    },
    /** Whom the contract recovers when this signature is submitted with `changes` (or as another kind). */
    recoveredFor(changes: Partial<PaymentAuthorization> = {}, asKind: AuthorizationKind = kind) {
      return verifyTypedData(domain, { [asKind]: [...AUTHORIZATION_FIELDS] }, { ...message, ...changes }, signature);
    },
  };
}

/** `signer` signs an EIP-3009 CancelAuthorization for `authorizer` (defaults to the signer). */
export async function signCancelAuthorization(
  currency: LocalCurrency,
  signer: HardhatEthersSigner,
  nonce: string,
  authorizer: string = signer.address,
) {
  const domain = await currencyDomain(currency);
  const types = { CancelAuthorization: [...CANCEL_AUTHORIZATION_FIELDS] };
  const signature = await signer.signTypedData(domain, types, { authorizer, nonce });
  const { v, r, s } = Signature.from(signature);
  return { v, r, s, args: [authorizer, nonce, v, r, s] as const };
}
