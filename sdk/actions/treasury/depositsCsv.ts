import { parseAmount } from "../../amounts.js";
import type { CsvProblem } from "../../errors.js";
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
 * Reads a file of deposits to mint: a header naming the columns `to`, `amount` (euros, "12.50") and `ref`
 * (the bank's reference), separated by "," or ";", then one line per deposit. A spreadsheet's quoting, BOM and
 * line endings never change what a row means. Every problem (a badly quoted or ragged line, a bad address or
 * amount, a refused reference, a reference listed twice) is thrown at once in an InvalidCsvError naming each
 * line, before anything can be sent.
 * @example parseDepositsCsv('to,amount,ref\n0x976EA74026E726554dB657fA54763abd0C3a0aa9,20.00,"VIR-1"\n')
 */
export function parseDepositsCsv(text: string): DepositsCsv {
  const file = "deposits CSV";
  const table = readCsvTable(text, file, ["to", "amount", "ref"]);
  const problems: CsvProblem[] = [...table.problems];
  const deposits: DepositsCsvRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const to = checkCell(problems, line, () => requireAddress(cells.to));
    const amount = checkCell(problems, line, () => requirePositiveAmount(parseAmount(cells.amount)));
    const reference = checkCell(problems, line, () => canonicalReference(cells.ref));
    if (reference !== undefined) {
      const first = firstLineOf.get(reference);
      if (first !== undefined) problems.push({ line, message: `deposit ${reference} is also on line ${first}` });
      else firstLineOf.set(reference, line);
    }
    if (to !== undefined && amount !== undefined && reference !== undefined) {
      deposits.push({ line, to, amount, reference });
    }
  }
  refuseProblems(file, problems);
  if (deposits.length === 0) refuseProblems(file, [{ line: 1, message: "no deposit after the header line" }]);
  return { delimiter: table.delimiter, deposits };
}
