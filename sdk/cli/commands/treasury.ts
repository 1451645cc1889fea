import { readFile } from "node:fs/promises";

import { Command, InvalidArgumentError } from "commander";

import { parseDepositsCsv } from "../../actions/treasury/depositsCsv.js";
import { formatAmount } from "../../amounts.js";
import { InvalidInputError } from "../../errors.js";
import { addressArg, amountArg, globals, idArg, printGoverned, printTx } from "../args.js";
import { clientFor } from "../context.js";
import { print, progressBar } from "../output.js";

export function registerTreasuryCommands(program: Command): void {
  program
    .command("mint")
    .description("mint a euro deposit (treasurer); or every deposit of a CSV file, safe to rerun")
    .argument("[to]", "the member credited", addressArg)
    .argument("[amount]", "euros deposited, e.g. 50.00", amountArg)
    .option("--ref <text>", "the bank reference of the deposit")
    .option("--csv <file>", "deposits to mint, columns to,amount,ref (or to;amount;ref)")
    .action(
      async (
        to: string | undefined,
        amount: bigint | undefined,
        options: { ref?: string; csv?: string },
        command: Command,
      ) => {
        if (options.csv !== undefined) {
          if (to !== undefined || options.ref !== undefined)
            throw new InvalidInputError("mint", "give either --csv or TO AMOUNT --ref");
          const { delimiter, deposits } = parseDepositsCsv(await readFile(options.csv, "utf8"));
          const client = await clientFor(globals(command), true);
          const bar = progressBar("minting");
          const result = await client.treasury.mintBatch({
            deposits: deposits.map(({ to, amount, reference }) => ({ to, amount, reference })),
            onProgress: (done, total) => bar.update(done, total),
          });
          bar.done();
          print(globals(command).json, { ...result, delimiter }, () =>
            [
              `Minted ${result.minted.length} deposit(s), ${formatAmount(result.minted.reduce((s, d) => s + d.amount, 0n))} in all` +
                (delimiter === "," ? "." : ` (${options.csv} read with "${delimiter}" between columns).`),
              ...result.minted.map(
                (d) => `  minted: ${d.reference} (${formatAmount(d.amount)} to ${d.to}, tx ${d.transactionHash})`,
              ),
              ...result.alreadyMinted.map(
                (d) =>
                  `  already minted: ${d.reference} (${formatAmount(d.mintedAmount)} to ${d.mintedTo}, tx ${d.transactionHash})`,
              ),
            ].join("\n"),
          );
          return;
        }
        if (to === undefined || amount === undefined || options.ref === undefined) {
          throw new InvalidInputError("mint", "give TO AMOUNT --ref TEXT, or --csv FILE");
        }
        const client = await clientFor(globals(command), true);
        const result = await client.treasury.mint({ to, amount, reference: options.ref });
        printTx(command, `Minted ${formatAmount(amount)} to ${to} for deposit ${result.reference}`, result, {
          depositRef: result.depositRef,
        });
      },
    );

  program
    .command("burn")
    .description("destroy currency the treasurer holds (treasurer)")
    .argument("<amount>", "euros, e.g. 120.00", amountArg)
    .requiredOption("--ref <text>", "reference of the operation (used once, ever)")
    .action(async (amount: bigint, options: { ref: string }, command: Command) => {
      const client = await clientFor(globals(command), true);
      printTx(
        command,
        `Burned ${formatAmount(amount)} (${options.ref})`,
        await client.treasury.burn({ amount, reference: options.ref }),
      );
    });

  // ---------------------------------------------------------------- reconversions

  const reconversion = program.command("reconversion").description("change currency back into euros");
  reconversion
    .command("request")
    .description("escrow an amount and ask for euros (business members)")
    .argument("<amount>", "euros, e.g. 400.00", amountArg)
    .action(async (amount: bigint, _options, command: Command) => {
      const client = await clientFor(globals(command), true);
      const result = await client.wallet.requestReconversion({ amount });
      printTx(command, `Reconversion #${result.id} requested: ${formatAmount(amount)}`, result, { id: result.id });
    });
  reconversion
    .command("list")
    .description("reconversion requests")
    .option("--pending", "only the pending ones")
    .action(async (options: { pending?: boolean }, command: Command) => {
      const client = await clientFor(globals(command));
      const list = await client.treasury.listReconversions(options.pending ? { status: "pending" } : {});
      print(
        globals(command).json,
        list,
        () =>
          list
            .map(
              (r) =>
                `#${r.id}  ${r.status.padEnd(8)} ${formatAmount(r.amount).padStart(12)}  ${r.member}  (commission ${r.commissionBps / 100} %)`,
            )
            .join("\n") || "no reconversion",
      );
    });
  reconversion
    .command("settle")
    .description("settle a request once its euros are paid out (treasurer)")
    .argument("<id>", "the request number", idArg)
    .requiredOption("--ref <text>", "the bank reference of the payout")
    .action(async (id: bigint, options: { ref: string }, command: Command) => {
      const client = await clientFor(globals(command), true);
      printTx(
        command,
        `Reconversion #${id} settled (payout ${options.ref})`,
        await client.treasury.settleReconversion({ id, payoutReference: options.ref }),
      );
    });
  reconversion
    .command("reject")
    .description("reject a request and refund it (treasurer)")
    .argument("<id>", "the request number", idArg)
    .requiredOption("--reason <text>", "why")
    .action(async (id: bigint, options: { reason: string }, command: Command) => {
      const client = await clientFor(globals(command), true);
      printTx(
        command,
        `Reconversion #${id} rejected`,
        await client.treasury.rejectReconversion({ id, reason: options.reason }),
      );
    });

  program
    .command("allowance")
    .description(
      "raise or lower what a treasurer may still mint (governor; scheduled in the timelock when it has a delay); " +
        "never replaced, so never raced",
    )
    .argument("<direction>", "increase or decrease", (value: string) => {
      if (value !== "increase" && value !== "decrease") throw new InvalidArgumentError('"increase" or "decrease"');
      return value;
    })
    .argument("<treasurer>", "the treasurer", addressArg)
    .argument("<amount>", "euros, e.g. 50000.00", amountArg)
    .action(
      async (direction: "increase" | "decrease", treasurer: string, amount: bigint, _options, command: Command) => {
        const client = await clientFor(globals(command), true);
        const result = await client.treasury.changeMintAllowance({ treasurer, direction, amount });
        await printGoverned(
          command,
          client,
          async () =>
            `${direction === "increase" ? "Raised" : "Lowered"} the mint allowance of ${treasurer} by ` +
            `${formatAmount(amount)}: it may now mint ${formatAmount(await client.currency.mintAllowance(treasurer))}`,
          result,
        );
      },
    );
}
