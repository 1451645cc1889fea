import { parseAmount } from "../../amounts.js";
import type { CsvProblem } from "../../errors.js";
import { checkCell, readCsvTable, refuseProblems, type CsvDelimiter } from "../../internal/csv.js";
import { canonicalReference } from "../../references.js";

/** One line of the guarantee fund's bank statement. */
export interface BankStatementEntry {
  line: number;
  date: string;
  type: "deposit" | "payout";
  /** The bank's reference in its canonical text form (canonicalReference), as the chain's hash is made from. */
  reference: string;
  /** Cents. */
  amount: bigint;
}

export interface BankStatement {
  /** The separator the file uses, as told by its header line. */
  delimiter: CsvDelimiter;
  entries: BankStatementEntry[];
}

/**
 * Parses a bank statement in CSV: a header naming the columns `date`, `type`, `reference` and `amount`,
 * separated by "," or ";", then one line per movement, type `deposit` or `payout`, amount in euros ("12.50").
 * References are read in their canonical form, so a quoted or spaced one matches the chain. Every bad line is
 * reported at once in an InvalidCsvError naming each.
 * @example parseBankStatementCsv("date,type,reference,amount\n2026-11-02,deposit,VIR-1,50.00\n").entries
 */
export function parseBankStatementCsv(text: string): BankStatement {
  const file = "bank statement";
  const table = readCsvTable(text, file, ["date", "type", "reference", "amount"]);
  const problems: CsvProblem[] = [...table.problems];
  const entries: BankStatementEntry[] = [];
  for (const { line, cells } of table.rows) {
    const { date, type } = cells;
    if (type !== "deposit" && type !== "payout") {
      problems.push({ line, message: `type must be deposit or payout, not ${JSON.stringify(type)}` });
    }
    const reference = checkCell(problems, line, () => canonicalReference(cells.reference));
    const amount = checkCell(problems, line, () => parseAmount(cells.amount));
    if ((type === "deposit" || type === "payout") && reference !== undefined && amount !== undefined) {
      entries.push({ line, date, type, reference, amount });
    }
  }
  refuseProblems(file, problems);
  return { delimiter: table.delimiter, entries };
}
