import { readFile, writeFile } from "node:fs/promises";

import { encryptKeystoreJson, getAddress, Wallet, type HDNodeWallet } from "ethers";

import { BaseError } from "../errors.js";

/** A keystore that cannot be read or opened. The message never contains the password or the key. */
export class KeystoreError extends BaseError {
  override name = "KeystoreError";
}

/**
 * Opens an encrypted JSON keystore (the Ethereum standard, scrypt). The password comes from the caller
 * (an environment variable or a prompt), never from an argument list.
 */
export async function openKeystore(file: string, password: string): Promise<Wallet | HDNodeWallet> {
  let json: string;
  try {
    json = await readFile(file, "utf8");
  } catch (error) {
    throw new KeystoreError(`Cannot read keystore ${file}.`, { cause: error });
  }
  try {
    return await Wallet.fromEncryptedJson(json, password);
  } catch {
    throw new KeystoreError(`Cannot open keystore ${file}: wrong password or not a keystore.`);
  }
}

/** The address a keystore holds, read without its password. */
export async function keystoreAddress(file: string): Promise<string> {
  try {
    const { address } = JSON.parse(await readFile(file, "utf8")) as { address?: string };
    if (typeof address !== "string") throw new Error("no address field");
    return getAddress(address.startsWith("0x") ? address : `0x${address}`);
  } catch (error) {
    throw new KeystoreError(`Cannot read the address of keystore ${file}.`, { cause: error });
  }
}

/**
 * Encrypts a key into a keystore file readable by its owner only. `light` lowers the scrypt cost, for
 * development keystores only.
 */
export async function writeKeystore(
  file: string,
  wallet: Wallet | HDNodeWallet,
  password: string,
  options: { light?: boolean } = {},
): Promise<void> {
  const account = { address: wallet.address, privateKey: wallet.privateKey };
  const json = await encryptKeystoreJson(account, password, options.light ? { scrypt: { N: 1 << 12 } } : {});
  await writeFile(file, json, { mode: 0o600, flag: "wx" });
}
