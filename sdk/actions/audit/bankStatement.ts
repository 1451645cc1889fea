import { parseAmount } from "../../amounts.js";
import { InvalidInputError } from "../../errors.js";

/** One line of the guarantee fund's bank statement. */
export interface BankStatementEntry {
  line: number;
  date: string;
  type: "deposit" | "payout";
  /** The bank's reference, as printed. */
  reference: string;
  /** Cents. */
  amount: bigint;
}

/**
 * Parses a bank statement in CSV: a header `date,type,reference,amount`, then one line per movement, type
 * `deposit` or `payout`, amount in euros ("12.50"). Every bad line is an error naming it.
 * @example parseBankStatementCsv("date,type,reference,amount\n2026-11-02,deposit,VIR-1,50.00\n")
 */
export function parseBankStatementCsv(text: string): BankStatementEntry[] {
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.trim().toLowerCase();
  if (header !== "date,type,reference,amount") {
    throw new InvalidInputError("bank statement", `the first line must be "date,type,reference,amount"`);
  }
  const entries: BankStatementEntry[] = [];
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === "") return;
    const cells = raw.split(",");
    if (cells.length !== 4) throw new InvalidInputError(`bank statement line ${line}`, "expected 4 columns");
    const [date, type, reference, amount] = cells.map((c) => c.trim());
    if (type !== "deposit" && type !== "payout") {
      throw new InvalidInputError(`bank statement line ${line}`, `type must be deposit or payout, not "${type}"`);
    }
    if (reference === "") throw new InvalidInputError(`bank statement line ${line}`, "the reference is empty");
    let cents: bigint;
    try {
      cents = parseAmount(amount);
    } catch (error) {
      throw new InvalidInputError(`bank statement line ${line}`, (error as Error).message);
    }
    entries.push({ line, date, type, reference, amount: cents });
  });
  return entries;
}
