import { Command } from "commander";
import { Wallet } from "ethers";

import { InvalidInputError } from "../../errors.js";
import { keystoreAddress, writeKeystore } from "../../node/keystore.js";
import { globals } from "../args.js";
import { askPassword } from "../context.js";
import { print } from "../output.js";

export function registerKeyCommands(program: Command): void {
  const keys = program.command("keys").description("create and inspect keystores");
  keys
    .command("new")
    .description("create a new key in an encrypted keystore (password from KOMUNO_PASSWORD or a prompt)")
    .requiredOption("--out <file>", "where to write the keystore (must not exist)")
    .action(async (options: { out: string }, command: Command) => {
      const password = await askPassword("Password for the new keystore: ");
      if (password.length < 8) throw new InvalidInputError("password", "at least 8 characters");
      const wallet = Wallet.createRandom();
      await writeKeystore(options.out, wallet, password);
      print(
        globals(command).json,
        { address: wallet.address, keystore: options.out },
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
