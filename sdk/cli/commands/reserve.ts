import { readFile, writeFile } from "node:fs/promises";

import { Command } from "commander";
import { keccak256 } from "ethers";

import { parseBankStatementCsv, type BankStatement } from "../../actions/audit/bankStatement.js";
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
    .option(
      "--bank-statement <file>",
      "the fund's bank statement as the bank exports it (CSV); columns told by their names (date, libellé or " +
        "reference, montant or débit and crédit, ...)",
    )
    .option(
      "--columns <mapping>",
      "which header holds which field, where names do not tell: e.g. reference=EndToEndId, or " +
        "date=Date,reference=Libellé,debit=Débit,credit=Crédit (fields: date, reference, amount, debit, credit, type, currency)",
    )
    .option(
      "--reference-pattern <regex>",
      'find the reference inside the reference column\'s text, e.g. "VIR-[0-9]+" in "VIR SEPA DE M DUPONT REF VIR-0042"',
    )
    .option(
      "--decimal-mark <mark>",
      'the amounts\' decimal mark, for a file none of whose amounts shows it: "," or "."',
    )
    .option("--encoding <encoding>", "the statement's text encoding: utf-8 (default) or windows-1252")
    .option("--csv <file>", "also write the checks and mismatches as CSV")
    .option("--html <file>", "also write a self-contained HTML report")
    .option("--locale <locale>", "how the HTML report writes amounts and dates", "fr-FR")
    .action(async (options: AuditOptions, command: Command) => {
      const bankStatement = options.bankStatement ? await readBankStatement(options.bankStatement, options) : undefined;
      if (!options.bankStatement) {
        const needless = (["columns", "referencePattern", "decimalMark", "encoding"] as const).find(
          (option) => options[option] !== undefined,
        );
        if (needless !== undefined) {
          throw new InvalidInputError(`--${kebab(needless)}`, "it applies to --bank-statement, which is not given");
        }
      }
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

interface AuditOptions {
  bankStatement?: string;
  columns?: string;
  referencePattern?: string;
  decimalMark?: string;
  encoding?: string;
  csv?: string;
  html?: string;
  locale: string;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** Reads the statement's bytes and hands them, with the options naming its shape, to the SDK's reader. */
async function readBankStatement(file: string, options: AuditOptions): Promise<BankStatement> {
  const { decimalMark, encoding } = options;
  if (decimalMark !== undefined && decimalMark !== "," && decimalMark !== ".") {
    throw new InvalidInputError("--decimal-mark", `${JSON.stringify(decimalMark)} is neither "," nor "."`);
  }
  if (encoding !== undefined && encoding !== "utf-8" && encoding !== "windows-1252") {
    throw new InvalidInputError("--encoding", `${JSON.stringify(encoding)} is neither utf-8 nor windows-1252`);
  }
  return parseBankStatementCsv(new Uint8Array(await readFile(file)), {
    columns: options.columns,
    referencePattern: options.referencePattern,
    decimalMark,
    encoding,
  });
}

function localeArg(locale: string): string {
  try {
    return new Intl.NumberFormat(locale).resolvedOptions().locale;
  } catch {
    throw new InvalidInputError("--locale", `${JSON.stringify(locale)} is not a locale (e.g. fr-FR, en-GB)`);
  }
}
