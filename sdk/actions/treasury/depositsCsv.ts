import { parseAmount } from "../../amounts.js";
import type { CsvProblem, PreflightProblem } from "../../errors.js";
import { checkCell, readCsvTable, refuseProblems, type CsvDelimiter } from "../../internal/csv.js";
import { requireAddress, requirePositiveAmount } from "../../internal/validate.js";
import { canonicalReference } from "../../references.js";
import type { DepositInput } from "./mintBatch.js";

/** One deposit of the file, with the file's own line number. */
export interface DepositsCsvRow extends DepositInput {
  line: number;
  /** The deposit's reference in its canonical text form (canonicalReference). */
  reference: string;
}

export interface DepositsCsv {
  /** The separator the file uses, as told by its header line. */
  delimiter: CsvDelimiter;
  deposits: DepositsCsvRow[];
}

/**
 * A row of a deposits file as written (quotes removed, spaces around trimmed), before any check: what a screen
 * shows of every row, the bad ones and the duplicates included, beside their problems.
 */
export interface WrittenDeposit {
  line: number;
  to: string;
  amount: string;
  reference: string;
}

/**
 * Reads a file of deposits to mint: a header naming the columns `to`, `amount` (euros, "12.50") and `ref`
 * (the bank's reference), separated by "," or ";", then one line per deposit. A spreadsheet's quoting, BOM and
 * line endings never change what a row means. Every problem (a badly quoted or ragged line, a bad address or
 * amount, a refused reference, a reference listed twice) is thrown at once in an InvalidCsvError naming each
 * line, before anything can be sent.
 * @example parseDepositsCsv('to,amount,ref\n0x976EA74026E726554dB657fA54763abd0C3a0aa9,20.00,"VIR-1"\n')
 */
export function parseDepositsCsv(text: string): DepositsCsv {
  const { delimiter, deposits, problems } = readDepositsCsv(text);
  refuseProblems(
    "deposits CSV",
    problems.map(({ line, message }) => ({ line: line ?? 1, message })),
  );
  return { delimiter, deposits };
}

/**
 * Reads a file of deposits as parseDepositsCsv does, but returns the bad lines with the good ones instead of
 * throwing, so that a pre-flight (planMint) reports them together with what the chain says of the rest. Only a
 * header that names no deposit columns throws (InvalidCsvError): no row can be read without it. `written` holds
 * every row that has the file's columns, as written, good or bad (a badly quoted or ragged line is in `problems`
 * only).
 * @example const { deposits, problems } = readDepositsCsv(text)
 */
export function readDepositsCsv(
  text: string,
): DepositsCsv & { problems: PreflightProblem[]; written: WrittenDeposit[] } {
  const table = readCsvTable(text, "deposits CSV", ["to", "amount", "ref"]);
  const problems: PreflightProblem[] = table.problems.map(({ line, message }) => ({
    line,
    code: "invalid-row",
    message,
  }));
  const deposits: DepositsCsvRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const invalid: CsvProblem[] = [];
    const to = checkCell(invalid, line, () => requireAddress(cells.to));
    const amount = checkCell(invalid, line, () => requirePositiveAmount(parseAmount(cells.amount)));
    const reference = checkCell(invalid, line, () => canonicalReference(cells.ref));
    problems.push(...invalid.map(({ message }) => ({ line, code: "invalid-row", message })));
    if (reference !== undefined) {
      const first = firstLineOf.get(reference);
      if (first !== undefined) {
        problems.push({ line, code: "duplicate-in-file", message: `deposit ${reference} is also on line ${first}` });
        continue;
      }
      firstLineOf.set(reference, line);
    }
    if (to !== undefined && amount !== undefined && reference !== undefined) {
      deposits.push({ line, to, amount, reference });
    }
  }
  if (table.rows.length === 0 && table.problems.length === 0) {
    problems.push({ line: 1, code: "empty-file", message: "no deposit after the header line" });
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const written = table.rows.map(({ line, cells }) => ({
    line,
    to: cells.to,
    amount: cells.amount,
    reference: cells.ref,
  }));
  return { delimiter: table.delimiter, deposits, problems, written };
}
