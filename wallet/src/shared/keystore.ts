import type { HDNodeWallet, Wallet } from "ethers";

import { describeError } from "./errors.js";

/**
 * Keys stay in the browser, encrypted: the Ethereum keystore format (scrypt, AES-128-CTR) the CLI writes and
 * reads, so a backup file opens with `komuno --keystore` too. Only the encrypted JSON is ever stored.
 */
export class KeystoreOpenError extends Error {
  override name = "KeystoreOpenError";
}

export type OpenedKey = Wallet | HDNodeWallet;

const keystoreCrypto = () => import("./keystoreCrypto.js");

/** Starts loading the keystore's cryptography while the person types a password. */
export function preloadKeystoreCrypto(): void {
  keystoreCrypto().catch(() => undefined);
}

/** Opens a keystore with its password; a wrong password or a file that is not a keystore says so. */
export async function openKeystoreJson(
  json: string,
  password: string,
  onProgress?: (fraction: number) => void,
): Promise<OpenedKey> {
  const { decryptKey } = await keystoreCrypto();
  try {
    return await decryptKey(json, password, onProgress);
  } catch {
    throw new KeystoreOpenError("wrong password or not a keystore");
  }
}

/** A new key, made in the browser, and its keystore encrypted at ethers' default scrypt cost (the CLI's). */
export async function createKeystore(
  password: string,
  onProgress: (fraction: number) => void,
): Promise<{ key: OpenedKey; keystore: string }> {
  const { createKey } = await keystoreCrypto();
  return createKey(password, onProgress);
}

/** The address a keystore holds, read without its password; undefined when the text is not a keystore. */
export function keystoreAddress(json: string): string | undefined {
  try {
    const { address } = JSON.parse(json) as { address?: unknown };
    if (typeof address !== "string" || !/^(0x)?[0-9a-fA-F]{40}$/.test(address)) return undefined;
    return address.startsWith("0x") ? address : `0x${address}`;
  } catch {
    return undefined;
  }
}

/**
 * Why a keystore did not open, in words: `wrongPassword` when it is the password (or not a keystore); otherwise
 * what stood in the way (the cryptography's code not loaded offline, the browser's storage full), never
 * reported as a wrong password.
 */
export function keystoreFailure(error: unknown, wrongPassword: string): string {
  return error instanceof KeystoreOpenError ? wrongPassword : describeError(error);
}
