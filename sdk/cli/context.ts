import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
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
  passwordFile?: string;
  json?: boolean;
}

/** The --currency option, KOMUNO_CURRENCY, or the devnet's record when there is one. */
function currencyOption(option: string | undefined): string | undefined {
  return option ?? process.env.KOMUNO_CURRENCY ?? (existsSync(DEVNET_RECORD) ? DEVNET_RECORD : undefined);
}

/**
 * The node the currency's deployment record names (`rpcUrl`), when the currency is given as a record that has
 * one: the CLI's node when neither --rpc nor KOMUNO_RPC says otherwise. A record that cannot be read names
 * none here; the command that needs it says why.
 */
export async function recordRpcUrl(option: string | undefined): Promise<string | undefined> {
  const value = currencyOption(option);
  if (value === undefined || /^0x[0-9a-fA-F]{40}$/.test(value)) return undefined;
  try {
    return (await readDeploymentRecord(value)).rpcUrl;
  } catch {
    return undefined;
  }
}

export async function resolveCurrency(option: string | undefined): Promise<string | DeploymentRecord> {
  const value = currencyOption(option);
  if (value === undefined) {
    throw new InvalidInputError(
      "--currency",
      "give the currency's address or deployment record (or set KOMUNO_CURRENCY)",
    );
  }
  if (/^0x[0-9a-fA-F]{40}$/.test(value)) return requireAddress(value);
  return readDeploymentRecord(value);
}

let passwordFile: string | undefined;

/** Where keystore passwords come from for this run: `--password-file` (set once, before any command runs). */
export function usePasswordFile(file: string | undefined): void {
  passwordFile = file;
}

/**
 * The password given without a prompt: the first line of --password-file, else KOMUNO_PASSWORD. Never an
 * argument, and never repeated in an error.
 */
export async function givenPassword(): Promise<string | undefined> {
  if (passwordFile !== undefined) {
    let text: string;
    try {
      text = await readFile(passwordFile, "utf8");
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "it cannot be read";
      throw new InvalidInputError("--password-file", `${passwordFile}: ${reason}`);
    }
    const [firstLine] = text.split(/\r?\n/);
    if (firstLine === "") throw new InvalidInputError("--password-file", `${passwordFile} starts with an empty line`);
    return firstLine;
  }
  return process.env.KOMUNO_PASSWORD;
}

/** Reads one line from the terminal without echoing it. */
export async function promptHidden(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (s.startsWith(prompt)) process.stderr.write(prompt);
  };
  const answer = await new Promise<string>((resolve) => rl.question(prompt, resolve));
  rl.close();
  process.stderr.write("\n");
  return answer;
}

/** The password of a keystore: --password-file, KOMUNO_PASSWORD, or a prompt on a terminal; never an argument. */
export async function askPassword(prompt: string): Promise<string> {
  const given = await givenPassword();
  if (given !== undefined) return given;
  if (!process.stdin.isTTY) {
    throw new InvalidInputError(
      "password",
      "use --password-file FILE or KOMUNO_PASSWORD, or run on a terminal to be prompted",
    );
  }
  return promptHidden(prompt);
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

/**
 * The password of a keystore about to be written: given (--password-file, KOMUNO_PASSWORD) or typed twice on a
 * terminal, at least 8 characters.
 */
export async function askNewPassword(): Promise<string> {
  let password = await givenPassword();
  if (password === undefined) {
    password = await askPassword("Password for the new keystore: ");
    if ((await promptHidden("The same password again: ")) !== password) {
      throw new InvalidInputError("password", "the two passwords typed differ");
    }
  }
  if (password.length < 8) throw new InvalidInputError("password", "at least 8 characters");
  return password;
}
