import { existsSync } from "node:fs";
import { createInterface } from "node:readline";

import type { JsonRpcProvider, Signer } from "ethers";

import { createKomunoClient } from "../client.js";
import type { DeploymentRecord } from "../deployment.js";
import { InvalidInputError } from "../errors.js";
import { requireAddress } from "../internal/validate.js";
import { createRpcProvider } from "../provider.js";
import { readDeploymentRecord } from "../node/deploymentFiles.js";
import { openKeystore } from "../node/keystore.js";

export const DEFAULT_RPC = "http://127.0.0.1:8545";
/** Where `npm start` leaves the devnet's deployment record: the CLI's default currency. */
export const DEVNET_RECORD = ".komuno/devnet/deployment.json";

export interface GlobalOptions {
  rpc: string;
  currency?: string;
  keystore?: string;
  json?: boolean;
}

export async function resolveCurrency(option: string | undefined): Promise<string | DeploymentRecord> {
  const value = option ?? process.env.KOMUNO_CURRENCY ?? (existsSync(DEVNET_RECORD) ? DEVNET_RECORD : undefined);
  if (value === undefined) {
    throw new InvalidInputError(
      "--currency",
      "give the currency's address or deployment record (or set KOMUNO_CURRENCY)",
    );
  }
  if (/^0x[0-9a-fA-F]{40}$/.test(value)) return requireAddress(value);
  return readDeploymentRecord(value);
}

/** The password of a keystore: KOMUNO_PASSWORD, or a prompt on a terminal; never an argument. */
export async function askPassword(prompt: string): Promise<string> {
  const fromEnv = process.env.KOMUNO_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new InvalidInputError("password", "set KOMUNO_PASSWORD or run on a terminal to be prompted");
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Echo nothing while the password is typed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (s.startsWith(prompt)) process.stderr.write(prompt);
  };
  const answer = await new Promise<string>((resolve) => rl.question(prompt, resolve));
  rl.close();
  process.stderr.write("\n");
  return answer;
}

export async function loadSigner(options: GlobalOptions, provider: JsonRpcProvider): Promise<Signer | undefined> {
  const file = options.keystore ?? process.env.KOMUNO_KEYSTORE;
  if (file === undefined) return undefined;
  const wallet = await openKeystore(file, await askPassword(`Password for ${file}: `));
  return wallet.connect(provider);
}

/** A client for the global options; with a signer when a keystore is given. */
export async function clientFor(options: GlobalOptions, needsSigner = false) {
  const provider = createRpcProvider(options.rpc);
  if (needsSigner && (options.keystore ?? process.env.KOMUNO_KEYSTORE) === undefined) {
    throw new InvalidInputError("--keystore", "this command sends a transaction: give the signer's keystore");
  }
  const currency = await resolveCurrency(options.currency);
  const signer = await loadSigner(options, provider);
  const client = createKomunoClient({ provider, signer, currency, rpcUrl: options.rpc });
  await client.checkChain();
  return client;
}
