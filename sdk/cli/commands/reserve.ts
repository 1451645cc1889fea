import { readFile, writeFile } from "node:fs/promises";

import { Command } from "commander";
import { keccak256 } from "ethers";

import { auditToCsv, auditToHtml, auditToJson, formatAuditText } from "../../actions/audit/report.js";
import { formatAmount } from "../../amounts.js";
import { InvalidInputError } from "../../errors.js";
import { amountArg, globals, printTx } from "../args.js";
import { readBankStatement, withBankStatementOptions, type BankStatementOptions } from "../bankStatementOptions.js";
import { clientFor } from "../context.js";
import { print, progressBar } from "../output.js";

export function registerReserveCommands(program: Command): void {
  const reserve = program.command("reserve").description("the euro reserve");
  reserve
    .command("attest")
    .description("attest the guarantee fund's balance (auditor)")
    .argument("<amount>", "euros in the fund, e.g. 10000.00", amountArg)
    .requiredOption("--evidence <file>", "the bank statement or report; its hash goes on chain")
    .option("--as-of <date>", "when the balance was taken (ISO date); default: the latest block's time")
    .action(async (amount: bigint, options: { evidence: string; asOf?: string }, command: Command) => {
      const evidenceHash = keccak256(await readFile(options.evidence));
      const client = await clientFor(globals(command), true);
      let asOf: Date;
      if (options.asOf !== undefined) {
        asOf = new Date(options.asOf);
        if (Number.isNaN(asOf.getTime())) throw new InvalidInputError("--as-of", `${options.asOf} is not a date`);
      } else {
        asOf = new Date((await client.provider.getBlock("latest"))!.timestamp * 1000);
      }
      printTx(
        command,
        `Attested ${formatAmount(amount)} as of ${asOf.toISOString()}`,
        await client.reserve.attestReserve({ amount, asOf, evidenceHash }),
        {
          evidenceHash,
        },
      );
    });
  reserve
    .command("status")
    .description("supply against the last attested reserve")
    .action(async (_options, command: Command) => {
      const client = await clientFor(globals(command));
      const status = await client.reserve.getBackingStatus();
      print(
        globals(command).json,
        status,
        () =>
          `supply ${formatAmount(status.supply)}, reserve ${formatAmount(status.attestedReserve)}, ${status.fullyBacked ? "fully backed" : "NOT fully backed"}`,
      );
    });

  const audit = program
    .command("audit")
    .description(
      "replay the chain, check supply and backing, reconcile with the bank; exit 0 when consistent and backed",
    );
  withBankStatementOptions(audit)
    .option("--csv <file>", "also write the checks and mismatches as CSV")
    .option("--html <file>", "also write a self-contained HTML report")
    .option(
      "--locale <locale>",
      "the HTML report's language (French for fr-*, else English), amounts and dates",
      "fr-FR",
    )
    .action(async (options: AuditOptions, command: Command) => {
      const bankStatement = await readBankStatement(options);
      const locale = localeArg(options.locale);
      const client = await clientFor(globals(command));
      const bar = progressBar("scanning");
      const started = Date.now();
      const report = await client.audit.audit({ bankStatement, onProgress: (done, total) => bar.update(done, total) });
      bar.done();
      if (options.csv) await writeFile(options.csv, auditToCsv(report));
      if (options.html) await writeFile(options.html, auditToHtml(report, { locale }));
      if (globals(command).json) process.stdout.write(auditToJson(report) + "\n");
      else process.stdout.write(`${formatAuditText(report)}\n(${((Date.now() - started) / 1000).toFixed(2)} s)\n`);
      process.exitCode = report.consistent && report.backed ? 0 : 1;
    });
}

interface AuditOptions extends BankStatementOptions {
  csv?: string;
  html?: string;
  locale: string;
}

function localeArg(locale: string): string {
  try {
    return new Intl.NumberFormat(locale).resolvedOptions().locale;
  } catch {
    throw new InvalidInputError("--locale", `${JSON.stringify(locale)} is not a locale (e.g. fr-FR, en-GB)`);
  }
}
