import { readFile, writeFile } from "node:fs/promises";

import { Command, InvalidArgumentError } from "commander";

import { parseDay } from "../../actions/books/calendar.js";
import { buildJournal, type Journal } from "../../actions/books/journal.js";
import { journalToOdooCsv } from "../../actions/books/odooCsv.js";
import { formatAmount } from "../../amounts.js";
import { CurrencyConfigError, InvalidInputError, type BaseError } from "../../errors.js";
import { readCurrencyConfig } from "../../node/deploymentFiles.js";
import { globals } from "../args.js";
import { readBankStatement, withBankStatementOptions, type BankStatementOptions } from "../bankStatementOptions.js";
import { clientFor } from "../context.js";
import { print, progressBar } from "../output.js";

const dayArg = (field: string) => (value: string) => {
  try {
    return parseDay(value, field);
  } catch (error) {
    throw new InvalidArgumentError((error as BaseError).shortMessage);
  }
};

/** The currency file, each of its problems named on the one line the CLI prints. */
async function readAccountingFile(file: string) {
  try {
    return await readCurrencyConfig(file);
  } catch (error) {
    if (!(error instanceof CurrencyConfigError)) throw error;
    throw new InvalidInputError("--currency-file", `${file}: ${error.problems.join("; ")}`);
  }
}

interface ExportJournalOptions extends BankStatementOptions {
  from: string;
  to: string;
  currencyFile?: string;
  out?: string;
}

export function registerBooksCommands(program: Command): void {
  const exports = program.command("export").description("the books: the chain's movements as accounting entries");
  const journal = exports.command("journal");
  withBankStatementOptions(journal)
    .description(
      "the period's journal entries (deposits, reconversion payouts, commissions, burns, payment fees) as a CSV " +
        "for Odoo's journal-entry import; every entry balances",
    )
    .requiredOption("--from <date>", "the first day, YYYY-MM-DD, in the books' time zone", dayArg("--from"))
    .requiredOption("--to <date>", "the last day, included; it must be over", dayArg("--to"))
    .option(
      "--currency-file <file>",
      "currencies/<code>.json, whose `accounting` section names the journal, accounts and time zone " +
        '(default: the French defaults, README "The books")',
    )
    .option("--out <file>", "write the CSV to this file and print a summary (default: the CSV on standard output)")
    .action(async (options: ExportJournalOptions, command: Command) => {
      // Files first: a bad one is refused before the node is asked anything.
      const currencyConfig =
        options.currencyFile === undefined ? undefined : await readAccountingFile(options.currencyFile);
      // Entries carry the statement's reference texts where it names them.
      const references = (await readBankStatement(options))?.entries.map((e) => e.reference);
      const client = await clientFor(globals(command));
      const bar = progressBar("scanning");
      const journal = await buildJournal(client, {
        from: options.from,
        to: options.to,
        currencyConfig,
        references,
        onProgress: (done, total) => bar.update(done, total),
      });
      bar.done();
      const csv = journalToOdooCsv(journal);
      if (options.out === undefined) {
        if (globals(command).json) print(true, journal, () => "");
        else process.stdout.write(csv);
        return;
      }
      await writeFile(options.out, csv);
      print(globals(command).json, { ...journal, out: options.out }, () =>
        summary(journal, options.out!, currencyConfig === undefined),
      );
    });
}

/** What the file holds, by kind, with the accounts each kind moves: what an accountant checks before importing. */
function summary(journal: Journal, out: string, defaults: boolean): string {
  const { accounting, totals, entries, blocks } = journal;
  const a = accounting.accounts;
  const lines = entries.reduce((n, e) => n + e.lines.length, 0);
  const debit = entries.reduce((sum, e) => sum + e.lines.reduce((s, l) => s + l.debit, 0n), 0n);
  const credit = entries.reduce((sum, e) => sum + e.lines.reduce((s, l) => s + l.credit, 0n), 0n);
  const unbalanced = entries.filter((e) => e.lines.reduce((sum, l) => sum + l.debit - l.credit, 0n) !== 0n);
  const row = (what: string, amount: bigint, accounts: string) =>
    `  ${what.padEnd(22)} ${formatAmount(amount).padStart(12)}   ${accounts}`;
  return [
    `Journal ${accounting.journal}, ${journal.from} to ${journal.to} (${accounting.timeZone}), ` +
      (blocks === null ? "no block in the period" : `blocks ${blocks.from}-${blocks.to}`) +
      `: ${entries.length} entries, ${lines} lines, written to ${out}`,
    row("deposits", totals.deposits, `debit ${a.guaranteeFund}, credit ${a.currencyInCirculation}`),
    row(
      "reconversion payouts",
      totals.reconversionPayouts,
      `debit ${a.currencyInCirculation}, credit ${a.reconversionPayouts}`,
    ),
    row("commissions", totals.commissions, `debit ${a.associationHolding}, credit ${a.commissionIncome}`),
    row("treasurer burns", totals.treasurerBurns, `debit ${a.currencyInCirculation}, credit ${a.reconversionPayouts}`),
    row(
      "payment fees",
      totals.paymentFees,
      `debit ${a.associationHolding}, credit ${a.paymentFeeIncome} (${totals.feePayments} payment${totals.feePayments === 1 ? "" : "s"}, one entry a day)`,
    ),
    row("association received", totals.associationReceived, `debit ${a.associationHolding}, credit ${a.toClassify}`),
    row("association paid", totals.associationPaid, `debit ${a.toClassify}, credit ${a.associationHolding}`),
    unbalanced.length === 0
      ? `every entry balances; in all, debit ${formatAmount(debit)} = credit ${formatAmount(credit)}`
      : `UNBALANCED entries, do not import: ${unbalanced.map((e) => e.id).join(", ")}`,
    ...(defaults ? ["accounts: the defaults (give --currency-file to use the currency file's `accounting`)"] : []),
  ].join("\n");
}
