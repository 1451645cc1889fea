import { existsSync } from "node:fs";

import { Command, InvalidArgumentError } from "commander";
import { HDNodeWallet, Mnemonic, Wallet } from "ethers";

import { InvalidInputError } from "../../errors.js";
import { keystoreAddress, writeKeystore } from "../../node/keystore.js";
import { globals } from "../args.js";
import { askNewPassword, givenPassword, promptHidden } from "../context.js";
import { print } from "../output.js";

// Ethereum's standard account path, as wallets (MetaMask, Ledger Live's legacy accounts aside) derive it.
const STANDARD_PATH = "m/44'/60'/0'/0";
const PRIVATE_KEY = /^(0x)?[0-9a-fA-F]{64}$/;

const indexArg = (value: string) => {
  if (!/^(0|[1-9][0-9]*)$/.test(value) || Number(value) >= 2 ** 31) {
    throw new InvalidArgumentError("a whole number from 0 to 2147483647");
  }
  return Number(value);
};
const pathArg = (value: string) => {
  if (!/^m(\/(0|[1-9][0-9]*)'?)+$/.test(value)) throw new InvalidArgumentError("a path such as m/44'/60'/0'/0/3");
  return value;
};

/** The private key or mnemonic to import: all of stdin when it is piped, or a hidden prompt. */
async function readSecret(): Promise<string> {
  if (process.stdin.isTTY) return (await promptHidden("Private key or mnemonic: ")).trim();
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").trim();
}

/** The account a secret gives, named in errors by what it is, never by what it holds. */
function accountOf(secret: string, derivation: { index?: number; path?: string }): Wallet | HDNodeWallet {
  if (secret === "") throw new InvalidInputError("key", "nothing was given: pipe it to stdin or type it at the prompt");
  if (PRIVATE_KEY.test(secret)) {
    if (derivation.index !== undefined || derivation.path !== undefined) {
      throw new InvalidInputError(
        "--index/--path",
        "they choose an account of a mnemonic; a private key is one account",
      );
    }
    try {
      return new Wallet(secret.startsWith("0x") ? secret : `0x${secret}`);
    } catch {
      throw new InvalidInputError("key", "the private key is outside the range of secp256k1 keys");
    }
  }
  const phrase = secret.split(/\s+/).join(" ").toLowerCase();
  if (!Mnemonic.isValidMnemonic(phrase)) {
    throw new InvalidInputError(
      "key",
      "neither a private key (64 hexadecimal digits) nor a mnemonic (12 to 24 English BIP-39 words with a valid checksum)",
    );
  }
  const path = derivation.path ?? `${STANDARD_PATH}/${derivation.index ?? 0}`;
  return HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(phrase), path);
}

export function registerKeyCommands(program: Command): void {
  const keys = program.command("keys").description("create, import and inspect keystores");
  keys
    .command("new")
    .description(
      "create a new key in an encrypted keystore (password from --password-file, KOMUNO_PASSWORD or a prompt)",
    )
    .requiredOption("--out <file>", "where to write the keystore (must not exist)")
    .action(async (options: { out: string }, command: Command) => {
      refuseExisting(options.out);
      const password = await askNewPassword();
      const wallet = Wallet.createRandom();
      await writeKeystore(options.out, wallet, password);
      print(
        globals(command).json,
        { address: wallet.address, keystore: options.out },
        () => `${wallet.address} in ${options.out}`,
      );
    });
  keys
    .command("import")
    .description(
      "encrypt an existing private key or mnemonic into a keystore: the secret is read from stdin (piped) or a " +
        "hidden prompt, never from the arguments; password from --password-file, KOMUNO_PASSWORD or a prompt",
    )
    .requiredOption("--out <file>", "where to write the keystore (must not exist)")
    .option("--index <n>", `with a mnemonic: the account at ${STANDARD_PATH}/<n> (default 0)`, indexArg)
    .option("--path <path>", "with a mnemonic: another derivation path, e.g. m/44'/60'/0'/0/3", pathArg)
    .action(async (options: { out: string; index?: number; path?: string }, command: Command) => {
      if (options.index !== undefined && options.path !== undefined) {
        throw new InvalidInputError("--index/--path", "give one of them, not both");
      }
      refuseExisting(options.out);
      // With the secret on stdin, no prompt can follow: the password must be given, and is checked first.
      if (!process.stdin.isTTY && (await givenPassword()) === undefined) {
        throw new InvalidInputError(
          "password",
          "the key comes from stdin, so give the keystore's password with --password-file FILE or KOMUNO_PASSWORD",
        );
      }
      const wallet = accountOf(await readSecret(), options);
      const password = await askNewPassword();
      await writeKeystore(options.out, wallet, password);
      print(
        globals(command).json,
        { address: wallet.address, keystore: options.out, ...("path" in wallet ? { path: wallet.path } : {}) },
        () => `${wallet.address} in ${options.out}`,
      );
    });
  keys
    .command("address")
    .description("the address of a keystore (no password needed)")
    .action(async (_options, command: Command) => {
      const file = globals(command).keystore;
      if (file === undefined) throw new InvalidInputError("--keystore", "which keystore?");
      const address = await keystoreAddress(file);
      print(globals(command).json, { address }, () => address);
    });
}

function refuseExisting(file: string): void {
  if (existsSync(file)) throw new InvalidInputError("--out", `${file} already exists: a keystore is never overwritten`);
}
