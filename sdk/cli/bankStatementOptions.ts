import type { Command } from "commander";
import { readFile } from "node:fs/promises";

import { parseBankStatementCsv, type BankStatement } from "../actions/audit/bankStatement.js";
import { InvalidInputError } from "../errors.js";

/** How a bank statement file is read: the options of every command that takes one. */
export interface BankStatementOptions {
  bankStatement?: string;
  columns?: string;
  referencePattern?: string;
  decimalMark?: string;
  encoding?: string;
}

/** Declares `--bank-statement` and the options naming its shape, the same for `audit` and `export journal`. */
export function withBankStatementOptions(command: Command): Command {
  return command
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
    .option("--encoding <encoding>", "the statement's text encoding: utf-8 (default) or windows-1252");
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * The statement named by `--bank-statement`, read with the options naming its shape; undefined when none is given
 * (and then an option about its shape is refused: it would silently do nothing).
 */
export async function readBankStatement(options: BankStatementOptions): Promise<BankStatement | undefined> {
  const { bankStatement: file, decimalMark, encoding } = options;
  if (file === undefined) {
    const needless = (["columns", "referencePattern", "decimalMark", "encoding"] as const).find(
      (option) => options[option] !== undefined,
    );
    if (needless !== undefined) {
      throw new InvalidInputError(`--${kebab(needless)}`, "it applies to --bank-statement, which is not given");
    }
    return undefined;
  }
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
