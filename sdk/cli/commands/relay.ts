import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";

import { type Command, InvalidArgumentError } from "commander";

import { cancelTransferAuthorization } from "../../actions/relay/cancelTransferAuthorization.js";
import { relayTransferAuthorization } from "../../actions/relay/relayTransferAuthorization.js";
import { signPaymentAuthorization } from "../../actions/relay/signPaymentAuthorization.js";
import { formatAmount } from "../../amounts.js";
import { InvalidInputError } from "../../errors.js";
import { parseSignedTransferAuthorization } from "../../transferAuthorization.js";
import { addressArg, amountArg, feeNote, globals, printTx } from "../args.js";
import { clientFor } from "../context.js";
import { print } from "../output.js";

const secondsArg = (value: string) => {
  if (!/^[1-9][0-9]*$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < 2) {
    throw new InvalidArgumentError("a whole number of seconds, at least 2");
  }
  return Number(value);
};

/** `komuno authorize` (sign a payment, send nothing) and `komuno relay` (submit one and pay its gas). */
export function registerRelayCommands(program: Command): void {
  program
    .command("authorize")
    .description(
      "sign a payment from the keystore's account for someone else to submit (EIP-3009); nothing is sent. " +
        "Whoever holds the file (with --receive: only the recipient) can submit it once, until it expires " +
        "or `komuno cancel-authorization` cancels it",
    )
    .argument("<to>", "the recipient", addressArg)
    .argument("<amount>", "euros, e.g. 12.50", amountArg)
    .option("--valid-for <seconds>", "how long it stays valid, from the latest block", secondsArg, 3600)
    .option("--receive", "only the recipient may submit it (ReceiveWithAuthorization)")
    .option("--out <file>", "write the authorization there (must not exist) instead of to standard output")
    .action(
      async (
        to: string,
        amount: bigint,
        options: { validFor: number; receive?: boolean; out?: string },
        command: Command,
      ) => {
        const client = await clientFor(globals(command), true);
        const authorization = await signPaymentAuthorization(client, {
          to,
          amount,
          validForSeconds: options.validFor,
          kind: options.receive ? "receive" : "transfer",
        });
        const text = JSON.stringify(authorization, null, 2) + "\n";
        if (options.out === undefined) {
          process.stdout.write(text);
          return;
        }
        // Never overwrite: a replaced authorization would still be valid on chain, and nobody would know it.
        await writeFile(options.out, text, { flag: "wx", mode: 0o600 });
        const expires = new Date(Number(authorization.validBefore) * 1000).toISOString();
        print(globals(command).json, { file: options.out, ...authorization }, () =>
          [
            `Authorized ${formatAmount(amount)} from ${authorization.from} to ${to}, valid until ${expires}`,
            `  written to ${options.out} (nonce ${authorization.nonce})`,
          ].join("\n"),
        );
      },
    );

  program
    .command("relay")
    .description("submit a signed payment authorization from the keystore's account, which pays the gas")
    .argument("<file>", "the authorization written by `komuno authorize` (- for standard input)")
    .action(async (file: string, _options, command: Command) => {
      let text: string;
      try {
        text = file === "-" ? readFileSync(0, "utf8") : await readFile(file, "utf8");
      } catch (error) {
        throw new InvalidInputError("authorization file", (error as Error).message.split("\n")[0]);
      }
      // Checked before the keystore's password is asked: a bad file costs nothing.
      const authorization = parseSignedTransferAuthorization(text);
      const client = await clientFor(globals(command), true);
      const result = await relayTransferAuthorization(client, { authorization });
      const what = `${formatAmount(BigInt(authorization.value))} from ${authorization.from} to ${authorization.to}`;
      printTx(command, `Relayed ${what}${feeNote(result)}`, result, {
        nonce: authorization.nonce,
        fee: result.fee,
        received: result.received,
      });
    });

  program
    .command("cancel-authorization")
    .description("cancel, with the keystore's account, a payment it authorized and nobody has submitted yet")
    .argument("<nonce>", "the authorization's nonce (0x followed by 64 hex digits, printed by `komuno authorize`)")
    .action(async (nonce: string, _options, command: Command) => {
      const client = await clientFor(globals(command), true);
      printTx(command, `Cancelled the authorization ${nonce}`, await cancelTransferAuthorization(client, { nonce }), {
        nonce,
      });
    });
}
