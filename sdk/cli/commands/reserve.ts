import { readFile, writeFile } from "node:fs/promises";

import { Command } from "commander";
import { keccak256 } from "ethers";

import { parseBankStatementCsv } from "../../actions/audit/bankStatement.js";
import { auditToCsv, auditToHtml, auditToJson, formatAuditText } from "../../actions/audit/report.js";
import { formatAmount } from "../../amounts.js";
import { InvalidInputError } from "../../errors.js";
import { amountArg, globals, printTx } from "../args.js";
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

  program
    .command("audit")
    .description(
      "replay the chain, check supply and backing, reconcile with the bank; exit 0 when consistent and backed",
    )
    .option("--bank-statement <file>", "CSV: date,type,reference,amount")
    .option("--csv <file>", "also write the checks and mismatches as CSV")
    .option("--html <file>", "also write a self-contained HTML report")
    .action(async (options: { bankStatement?: string; csv?: string; html?: string }, command: Command) => {
      const bankStatement = options.bankStatement
        ? parseBankStatementCsv(await readFile(options.bankStatement, "utf8")).entries
        : undefined;
      const client = await clientFor(globals(command));
      const bar = progressBar("scanning");
      const started = Date.now();
      const report = await client.audit.audit({ bankStatement, onProgress: (done, total) => bar.update(done, total) });
      bar.done();
      if (options.csv) await writeFile(options.csv, auditToCsv(report));
      if (options.html) await writeFile(options.html, auditToHtml(report));
      if (globals(command).json) process.stdout.write(auditToJson(report) + "\n");
      else process.stdout.write(`${formatAuditText(report)}\n(${((Date.now() - started) / 1000).toFixed(2)} s)\n`);
      process.exitCode = report.consistent && report.backed ? 0 : 1;
    });
}
