import {
  getAddress,
  hexlify,
  isAddress,
  randomBytes,
  Signature,
  verifyTypedData,
  type Signer,
  type TypedDataField,
} from "ethers";

import { InvalidInputError } from "./errors.js";
import { signTyped } from "./internal/signing.js";

// EIP-3009 payments: a member signs off-line, a relayer submits and pays the gas. The signed authorization
// travels from a wallet to a relayer as JSON (a file, a QR code, an HTTP body), so it is made of JSON values
// only: integers as decimal strings, bytes as 0x-hex. `JSON.stringify` writes it and
// `parseSignedTransferAuthorization` reads it back, checking every field.

/** `transfer`: anyone may submit it. `receive`: only the payee may (a contract paid this way cannot be front-run). */
export type TransferAuthorizationKind = "transfer" | "receive";

/** A payment signed by `from`, ready for a relayer; plain JSON values only. */
export interface SignedTransferAuthorization {
  kind: TransferAuthorizationKind;
  /** The currency's address (the EIP-712 verifying contract). */
  currency: string;
  chainId: number;
  /** The currency's name, as its `name()` returns it (the EIP-712 domain name). */
  name: string;
  /** The EIP-712 domain version the currency signs under, as its `eip712Domain()` returns it. */
  version: string;
  from: string;
  to: string;
  /** Cents, as a decimal string. */
  value: string;
  /** Unix seconds, decimal string: valid strictly after it. */
  validAfter: string;
  /** Unix seconds, decimal string: valid strictly before it. */
  validBefore: string;
  /** 32 random bytes, 0x-hex: the authorization's identity, usable once. */
  nonce: string;
  /** The 65-byte signature, 0x-hex. */
  signature: string;
}

/** The cancellation of an unused authorization, signed by its authorizer; plain JSON values only. */
export interface SignedCancelAuthorization {
  currency: string;
  chainId: number;
  name: string;
  version: string;
  authorizer: string;
  nonce: string;
  signature: string;
}

/**
 * The EIP-712 domain a Komuno currency signs under. Online, read it from the currency (`getSigningDomain`, its
 * `eip712Domain()`); a wallet signing offline passes the one it read last.
 */
export interface CurrencyDomain {
  /** The currency's address (the verifying contract). */
  currency: string;
  chainId: bigint | number;
  /** The currency's name, as its `name()` returns it. */
  name: string;
  /** The domain's version ("1" for every Komuno currency so far; an upgrade may change it). */
  version: string;
}

/** The fields of EIP-3009's TransferWithAuthorization and ReceiveWithAuthorization, in the contract's order. */
export const AUTHORIZATION_FIELDS: readonly TypedDataField[] = [
  { name: "from", type: "address" },
  { name: "to", type: "address" },
  { name: "value", type: "uint256" },
  { name: "validAfter", type: "uint256" },
  { name: "validBefore", type: "uint256" },
  { name: "nonce", type: "bytes32" },
];

/** The fields of EIP-3009's CancelAuthorization. */
export const CANCEL_AUTHORIZATION_FIELDS: readonly TypedDataField[] = [
  { name: "authorizer", type: "address" },
  { name: "nonce", type: "bytes32" },
];

const PRIMARY_TYPES = { transfer: "TransferWithAuthorization", receive: "ReceiveWithAuthorization" } as const;

function domainOf(params: { name: string; version: string; chainId: bigint | number; verifyingContract: string }) {
  return {
    name: params.name,
    version: params.version,
    chainId: params.chainId,
    verifyingContract: params.verifyingContract,
  };
}

/** What a payer signs in an EIP-3009 authorization (validity times in seconds since 1970). */
export interface TransferAuthorizationMessage {
  from: string;
  to: string;
  value: bigint;
  validAfter: bigint;
  validBefore: bigint;
  nonce: string;
}

/**
 * The EIP-712 typed data of an EIP-3009 TransferWithAuthorization (or ReceiveWithAuthorization), ready for any
 * signer's `signTypedData`.
 * @example const { domain, types, message } = transferAuthorizationTypedData({ kind: "transfer", name: "Monnaie Libournaise", version: "1", chainId, verifyingContract, from, to, value: 1250n, validAfter: 0n, validBefore, nonce })
 */
export function transferAuthorizationTypedData(
  params: {
    kind: TransferAuthorizationKind;
    /** The currency's name, as its `name()` returns it. */
    name: string;
    /** The domain version, as the currency's `eip712Domain()` returns it. */
    version: string;
    chainId: bigint | number;
    verifyingContract: string;
  } & TransferAuthorizationMessage,
) {
  return {
    domain: domainOf(params),
    types: { [PRIMARY_TYPES[params.kind]]: [...AUTHORIZATION_FIELDS] },
    message: {
      from: params.from,
      to: params.to,
      value: params.value,
      validAfter: params.validAfter,
      validBefore: params.validBefore,
      nonce: params.nonce,
    },
  };
}

/**
 * The EIP-712 typed data of an EIP-3009 CancelAuthorization.
 * @example const { domain, types, message } = cancelAuthorizationTypedData({ name, version: "1", chainId, verifyingContract, authorizer, nonce })
 */
export function cancelAuthorizationTypedData(params: {
  name: string;
  version: string;
  chainId: bigint | number;
  verifyingContract: string;
  authorizer: string;
  nonce: string;
}) {
  return {
    domain: domainOf(params),
    types: {
      CancelAuthorization: [...CANCEL_AUTHORIZATION_FIELDS],
    },
    message: { authorizer: params.authorizer, nonce: params.nonce },
  };
}

/** The longest window of an authorization the currency accepts (ITransferAuthorization.MAX_AUTHORIZATION_VALIDITY). */
export const MAX_AUTHORIZATION_VALIDITY_SECONDS = 86_400;

export interface SignTransferAuthorizationParams extends CurrencyDomain {
  kind?: TransferAuthorizationKind;
  /** The payer; the signer's address when absent (and it must be the signer's when given). */
  from?: string;
  to: string;
  /** Cents. */
  value: bigint;
  /** Unix seconds: the signing time. The window up to `validBefore` is a day at most (the contract's
   * MAX_AUTHORIZATION_VALIDITY), so that a fee change, which waits longer in the timelock, never reaches it;
   * a day before `validBefore` when absent. */
  validAfter?: bigint;
  /** Unix seconds. */
  validBefore: bigint;
  /** 32 bytes, 0x-hex; random when absent (the usual case: nonces need no order). */
  nonce?: string;
}

/**
 * Signs a payment for a relayer to submit: nothing is sent, the signer needs no gas.
 * @example const authorization = await signTransferAuthorization(wallet, { ...(await getSigningDomain(client)), to: shop, value: 1250n, validBefore })
 */
export async function signTransferAuthorization(
  signer: Signer,
  params: SignTransferAuthorizationParams,
): Promise<SignedTransferAuthorization> {
  const kind = params.kind ?? "transfer";
  if (kind !== "transfer" && kind !== "receive")
    throw new InvalidInputError("kind", 'expected "transfer" or "receive"');
  const signerAddress = await signer.getAddress();
  const from = params.from === undefined ? signerAddress : checkedAddress(params.from, "from");
  if (from !== signerAddress) throw new InvalidInputError("from", `the signer is ${signerAddress}, not ${from}`);
  const to = checkedAddress(params.to, "to");
  const value = checkedUint(params.value, "value");
  if (value === 0n) throw new InvalidInputError("value", "it must be more than zero");
  const validBefore = checkedUint(params.validBefore, "validBefore");
  const maxWindow = BigInt(MAX_AUTHORIZATION_VALIDITY_SECONDS);
  const validAfter = checkedUint(
    params.validAfter ?? (validBefore > maxWindow ? validBefore - maxWindow : 0n),
    "validAfter",
  );
  if (validBefore - validAfter > maxWindow) {
    throw new InvalidInputError("validBefore", "an authorization is valid for a day at most after validAfter");
  }
  if (validBefore <= validAfter + 1n) {
    throw new InvalidInputError("validBefore", "the authorization must be valid for at least one second");
  }
  const nonce = params.nonce === undefined ? hexlify(randomBytes(32)) : checkedNonce(params.nonce, "nonce");
  const domain = checkedDomain(params);
  const {
    domain: typedDomain,
    types,
    message,
  } = transferAuthorizationTypedData({
    kind,
    name: domain.name,
    version: domain.version,
    chainId: domain.chainId,
    verifyingContract: domain.currency,
    from,
    to,
    value,
    validAfter,
    validBefore,
    nonce,
  });
  const signature = (await signTyped(signer, "The payment authorization", { domain: typedDomain, types, message }))
    .serialized;
  return {
    kind,
    currency: domain.currency,
    chainId: domain.chainId,
    name: domain.name,
    version: domain.version,
    from,
    to,
    value: value.toString(),
    validAfter: validAfter.toString(),
    validBefore: validBefore.toString(),
    nonce,
    signature,
  };
}

/**
 * Signs the cancellation of an unused authorization (identified by its nonce); anyone may then submit it.
 * @example const cancel = await signCancelAuthorization(wallet, { ...domain, nonce: authorization.nonce })
 */
export async function signCancelAuthorization(
  signer: Signer,
  params: CurrencyDomain & { nonce: string },
): Promise<SignedCancelAuthorization> {
  const authorizer = await signer.getAddress();
  const nonce = checkedNonce(params.nonce, "nonce");
  const domain = checkedDomain(params);
  const typed = cancelAuthorizationTypedData({
    name: domain.name,
    version: domain.version,
    chainId: domain.chainId,
    verifyingContract: domain.currency,
    authorizer,
    nonce,
  });
  const signature = (await signTyped(signer, "The cancellation", typed)).serialized;
  return { ...domain, authorizer, nonce, signature };
}

/** The address that signed an authorization (it is valid only when this is `from`). */
export function transferAuthorizationSigner(authorization: SignedTransferAuthorization): string {
  const { domain, types, message } = transferAuthorizationTypedData({
    ...authorization,
    verifyingContract: authorization.currency,
    value: BigInt(authorization.value),
    validAfter: BigInt(authorization.validAfter),
    validBefore: BigInt(authorization.validBefore),
  });
  return recoverSigner(() => verifyTypedData(domain, types, message, authorization.signature), "authorization");
}

/** The address that signed a cancellation (it is valid only when this is `authorizer`). */
export function cancelAuthorizationSigner(cancel: SignedCancelAuthorization): string {
  const { domain, types, message } = cancelAuthorizationTypedData({ ...cancel, verifyingContract: cancel.currency });
  return recoverSigner(() => verifyTypedData(domain, types, message, cancel.signature), "cancellation");
}

function recoverSigner(recover: () => string, what: string): string {
  try {
    return recover();
  } catch (error) {
    throw new InvalidInputError(
      `${what}.signature`,
      `no signer can be recovered from it (${String(error).split("\n")[0]})`,
    );
  }
}

const AUTHORIZATION_KEYS = [
  "kind",
  "currency",
  "chainId",
  "name",
  "version",
  "from",
  "to",
  "value",
  "validAfter",
  "validBefore",
  "nonce",
  "signature",
] as const;

/**
 * Reads an authorization received as JSON text or a parsed object, from a wallet nobody vouches for: every
 * field is checked (InvalidInputError naming it), addresses are checksummed, unknown fields are refused. The
 * signature itself is checked by the relay (`transferAuthorizationSigner`).
 * @example const authorization = parseSignedTransferAuthorization(await readFile("payment.json", "utf8"))
 */
export function parseSignedTransferAuthorization(input: unknown): SignedTransferAuthorization {
  const record = jsonObject(input, "authorization", AUTHORIZATION_KEYS);
  const kind = record.kind;
  if (kind !== "transfer" && kind !== "receive") {
    throw new InvalidInputError("authorization.kind", 'expected "transfer" or "receive"');
  }
  const from = checkedAddress(record.from, "authorization.from");
  const to = checkedAddress(record.to, "authorization.to");
  const value = decimalUint(record.value, "authorization.value");
  if (value === 0n) throw new InvalidInputError("authorization.value", "it must be more than zero");
  const validAfter = decimalUint(record.validAfter, "authorization.validAfter");
  const validBefore = decimalUint(record.validBefore, "authorization.validBefore");
  if (validBefore <= validAfter) throw new InvalidInputError("authorization.validBefore", "it is not after validAfter");
  return {
    kind,
    ...checkedDomain(
      { currency: record.currency, chainId: record.chainId, name: record.name, version: record.version },
      "authorization.",
    ),
    from,
    to,
    value: value.toString(),
    validAfter: validAfter.toString(),
    validBefore: validBefore.toString(),
    nonce: checkedNonce(record.nonce, "authorization.nonce"),
    signature: checkedSignature(record.signature, "authorization.signature"),
  };
}

/**
 * Reads a cancellation received as JSON text or a parsed object; every field is checked.
 * @example const cancel = parseSignedCancelAuthorization(body)
 */
export function parseSignedCancelAuthorization(input: unknown): SignedCancelAuthorization {
  const keys = ["currency", "chainId", "name", "version", "authorizer", "nonce", "signature"] as const;
  const record = jsonObject(input, "cancellation", keys);
  return {
    ...checkedDomain(
      { currency: record.currency, chainId: record.chainId, name: record.name, version: record.version },
      "cancellation.",
    ),
    authorizer: checkedAddress(record.authorizer, "cancellation.authorizer"),
    nonce: checkedNonce(record.nonce, "cancellation.nonce"),
    signature: checkedSignature(record.signature, "cancellation.signature"),
  };
}

// ---------------------------------------------------------------- checks

const MAX_UINT256 = 2n ** 256n - 1n;
const HALF_CURVE_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

function jsonObject<K extends string>(input: unknown, what: string, keys: readonly K[]): Record<K, unknown> {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      throw new InvalidInputError(what, "not JSON");
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidInputError(what, "expected a JSON object");
  }
  const unknown = Object.keys(value).filter((key) => !(keys as readonly string[]).includes(key));
  if (unknown.length > 0) throw new InvalidInputError(what, `unknown field(s) ${unknown.join(", ")}`);
  const missing = keys.filter((key) => (value as Record<string, unknown>)[key] === undefined);
  if (missing.length > 0) throw new InvalidInputError(what, `missing field(s) ${missing.join(", ")}`);
  return value as Record<K, unknown>;
}

function checkedDomain(params: { currency: unknown; chainId: unknown; name: unknown; version: unknown }, prefix = "") {
  const currency = checkedAddress(params.currency, `${prefix}currency`);
  const chainId = typeof params.chainId === "bigint" ? Number(params.chainId) : params.chainId;
  if (typeof chainId !== "number" || !Number.isSafeInteger(chainId) || chainId < 1) {
    throw new InvalidInputError(`${prefix}chainId`, "expected a positive whole number");
  }
  if (typeof params.name !== "string" || params.name === "") {
    throw new InvalidInputError(`${prefix}name`, "expected the currency's name");
  }
  if (typeof params.version !== "string" || params.version === "") {
    throw new InvalidInputError(`${prefix}version`, "expected the version of the currency's EIP-712 domain");
  }
  return { currency, chainId, name: params.name, version: params.version };
}

function checkedAddress(value: unknown, field: string): string {
  if (typeof value !== "string" || !isAddress(value)) {
    throw new InvalidInputError(field, `${JSON.stringify(value)} is not an address`);
  }
  return getAddress(value);
}

function checkedUint(value: unknown, field: string): bigint {
  if (typeof value !== "bigint" || value < 0n || value > MAX_UINT256) {
    throw new InvalidInputError(field, "expected a non-negative bigint below 2^256");
  }
  return value;
}

function decimalUint(value: unknown, field: string): bigint {
  if (typeof value !== "string" || !/^(0|[1-9][0-9]{0,77})$/.test(value)) {
    throw new InvalidInputError(field, "expected a whole number as a decimal string");
  }
  return checkedUint(BigInt(value), field);
}

function checkedNonce(value: unknown, field: string): string {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new InvalidInputError(field, "expected 32 bytes as 0x followed by 64 hexadecimal digits");
  }
  return value.toLowerCase();
}

function checkedSignature(value: unknown, field: string): string {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{130}$/.test(value)) {
    throw new InvalidInputError(field, "expected 65 bytes as 0x followed by 130 hexadecimal digits");
  }
  let signature: Signature;
  try {
    signature = Signature.from(value);
  } catch {
    throw new InvalidInputError(field, "not a valid ECDSA signature");
  }
  // The contract (OpenZeppelin's ECDSA) refuses these too, after the relayer paid for the attempt.
  const [r, s] = [BigInt("0x" + value.slice(2, 66)), BigInt("0x" + value.slice(66, 130))];
  if (r === 0n || s === 0n || s > HALF_CURVE_ORDER) {
    throw new InvalidInputError(field, "not a valid ECDSA signature (zero or high s)");
  }
  return signature.serialized;
}
