import type { Command } from "commander";

import { getDelegation, grantDelegation, payAsDelegate, revokeDelegation } from "../../actions/delegation/index.js";
import { formatAmount } from "../../amounts.js";
import { addressArg, amountArg, expiryArg, expiryDate, feeNote, globals, printTx, type Expiry } from "../args.js";
import { clientFor } from "../context.js";
import { print } from "../output.js";

/** `komuno delegate …`: let another address pay on your behalf, within caps. */
export function registerDelegationCommands(program: Command): void {
  const delegate = program
    .command("delegate")
    .description("let another address pay on your behalf, within caps; revoke it; pay as a delegate");

  delegate
    .command("grant")
    .description("let <delegate> pay from the keystore's account (replaces an earlier grant to it)")
    .argument("<delegate>", "the address that will pay on your behalf", addressArg)
    .requiredOption("--per-payment <amount>", "the most one payment may move, in euros", amountArg)
    .option("--total <amount>", "the most all payments may move together, in euros (default: no total cap)", amountArg)
    .option(
      "--expires <date>",
      "when the grant stops working: ISO date, or seconds from now (default: never)",
      expiryArg,
    )
    .option("--keep-allowance", "do not set the unlimited allowance to the delegations contract")
    .action(
      async (
        delegateAddress: string,
        options: { perPayment: bigint; total?: bigint; expires?: Expiry; keepAllowance?: boolean },
        command: Command,
      ) => {
        const client = await clientFor(globals(command), true);
        const expiresAt = options.expires === undefined ? undefined : await expiryDate(client, options.expires);
        const result = await grantDelegation(client, {
          delegate: delegateAddress,
          perPaymentCap: options.perPayment,
          totalCap: options.total,
          expiresAt,
          allowance: options.keepAllowance ? "keep" : "unlimited",
        });
        const limits = [
          `up to ${formatAmount(options.perPayment)} per payment`,
          options.total === undefined ? "no total cap" : `${formatAmount(options.total)} in all`,
          expiresAt === undefined ? "no expiry" : `until ${expiresAt.toISOString()}`,
        ].join(", ");
        if (result.alreadyGranted) {
          print(globals(command).json, { alreadyGranted: true }, () => `Already granted: ${limits}; nothing sent.`);
          return;
        }
        printTx(command, `${delegateAddress} may pay on your behalf: ${limits}`, result, {
          approved: result.approved,
        });
      },
    );

  delegate
    .command("revoke")
    .description("withdraw your grant to <delegate>")
    .argument("<delegate>", "the delegate", addressArg)
    .action(async (delegateAddress: string, _options, command: Command) => {
      const client = await clientFor(globals(command), true);
      printTx(
        command,
        `${delegateAddress} may no longer pay on your behalf`,
        await revokeDelegation(client, { delegate: delegateAddress }),
      );
    });

  delegate
    .command("pay")
    .description("as a delegate, pay <to> from <owner>'s balance")
    .argument("<owner>", "the member who granted you", addressArg)
    .argument("<to>", "the recipient", addressArg)
    .argument("<amount>", "euros, e.g. 12.50", amountArg)
    .action(async (owner: string, to: string, amount: bigint, _options, command: Command) => {
      const client = await clientFor(globals(command), true);
      const result = await payAsDelegate(client, { owner, to, amount });
      printTx(command, `Paid ${formatAmount(amount)} to ${to} on behalf of ${owner}${feeNote(result)}`, result, {
        fee: result.fee,
        received: result.received,
      });
    });

  delegate
    .command("show")
    .description("what <delegate> may pay on <owner>'s behalf")
    .argument("<owner>", "the member", addressArg)
    .argument("<delegate>", "the delegate", addressArg)
    .action(async (owner: string, delegateAddress: string, _options, command: Command) => {
      const client = await clientFor(globals(command));
      const d = await getDelegation(client, { owner, delegate: delegateAddress });
      print(globals(command).json, d, () =>
        !d.granted
          ? `${owner} gave ${delegateAddress} no grant`
          : [
              `${delegateAddress} may pay on behalf of ${owner}${d.usable ? "" : "  [NOT USABLE NOW]"}`,
              `  per payment  ${formatAmount(d.perPaymentCap)}`,
              `  total        ${d.totalCap === null ? "no cap" : `${formatAmount(d.totalCap)} (${formatAmount(d.remaining!)} left)`}`,
              `  spent        ${formatAmount(d.spent)}`,
              `  expires      ${d.expiresAt === null ? "never" : d.expiresAt.toISOString()}`,
            ].join("\n"),
      );
    });
}
