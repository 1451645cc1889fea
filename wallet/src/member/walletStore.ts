import { getAddress } from "ethers";

import type { WalletConfig } from "../shared/config.js";
import { download } from "../shared/download.js";
import {
  createKeystore,
  keystoreAddress,
  KeystoreOpenError,
  openKeystoreJson,
  type OpenedKey,
} from "../shared/keystore.js";

/**
 * The member's wallet on this device: one encrypted keystore per currency, stored under the currency's chain id
 * and contract address so that two currencies served from the same origin never mix. Only the encrypted JSON
 * is ever written; the password and the key never leave memory.
 */
export interface StoredWallet {
  address: string;
  keystore: string;
  /** Whether the member said they kept the backup file (asked before the wallet may be forgotten here). */
  backedUp: boolean;
}

function storageKey(config: WalletConfig): string {
  const { chainId, address } = config.deployment;
  return `komuno.wallet.${chainId}.${address.toLowerCase()}`;
}

export function readStoredWallet(config: WalletConfig): StoredWallet | undefined {
  const text = localStorage.getItem(storageKey(config));
  if (text === null) return undefined;
  try {
    const stored = JSON.parse(text) as Partial<StoredWallet>;
    const address = typeof stored.keystore === "string" ? keystoreAddress(stored.keystore) : undefined;
    if (address === undefined) return undefined;
    return { address: getAddress(address), keystore: stored.keystore!, backedUp: stored.backedUp === true };
  } catch {
    return undefined;
  }
}

export function storeWallet(config: WalletConfig, keystore: string, backedUp: boolean): StoredWallet {
  const address = keystoreAddress(keystore);
  if (address === undefined) throw new KeystoreOpenError("not a keystore");
  localStorage.setItem(storageKey(config), JSON.stringify({ keystore, backedUp }));
  return { address: getAddress(address), keystore, backedUp };
}

export function markBackedUp(config: WalletConfig): void {
  const stored = readStoredWallet(config);
  if (stored) storeWallet(config, stored.keystore, true);
}

export function forgetStoredWallet(config: WalletConfig): void {
  localStorage.removeItem(storageKey(config));
}

/** Rules a password must follow, said before typing; undefined when the pair is acceptable. */
export type PasswordProblem = "short" | "digitsOnly" | "mismatch";
export const MIN_PASSWORD_LENGTH = 10;

export function passwordProblem(password: string, repeated: string): PasswordProblem | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return "short";
  if (/^[0-9]+$/.test(password)) return "digitsOnly";
  if (password !== repeated) return "mismatch";
  return undefined;
}

/**
 * Makes a new key in the browser and encrypts it with ethers' default scrypt cost (the CLI's for real wallets):
 * a few seconds on a phone, which is what makes a stolen keystore slow to guess.
 */
export async function createEncryptedWallet(
  password: string,
  onProgress: (fraction: number) => void,
): Promise<{ key: OpenedKey; keystore: string }> {
  return createKeystore(password, onProgress);
}

/** Opens a keystore with its password, reporting the key derivation's progress. */
export async function openEncryptedWallet(
  keystore: string,
  password: string,
  onProgress: (fraction: number) => void,
): Promise<OpenedKey> {
  return openKeystoreJson(keystore, password, onProgress);
}

/** The backup's file name: the currency and the address, so a member with several wallets finds the right one. */
export function backupFileName(symbol: string, address: string): string {
  return `${symbol}-${address}.json`;
}

/** Hands the keystore to the browser as a file download. */
export function downloadBackup(symbol: string, stored: StoredWallet): void {
  download(backupFileName(symbol, stored.address), stored.keystore, "application/json");
}
