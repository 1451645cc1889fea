import { Wallet } from "ethers";

// Loaded on demand (see keystore.ts): the keystore's cryptography, scrypt and AES and key generation, is a
// large part of the wallet's JavaScript and is needed only at the moment a wallet is created or opened.

export async function createKey(password: string, onProgress: (fraction: number) => void) {
  const key = Wallet.createRandom();
  const keystore = await key.encrypt(password, onProgress);
  return { key, keystore };
}

export function decryptKey(json: string, password: string, onProgress?: (fraction: number) => void) {
  return Wallet.fromEncryptedJson(json, password, onProgress);
}
