import { formatAmount } from "../../amounts.js";
import type { Journal } from "./journal.js";

/**
 * The columns of Odoo's journal-entry import (model account.move), by their technical names, which the import
 * matches exactly: the entry's external id, journal (by code), date, reference, then for each line
 * (one2many line_ids) its external id, account (by code), label, debit and credit.
 */
export const ODOO_JOURNAL_COLUMNS = [
  "id",
  "journal_id",
  "date",
  "ref",
  "line_ids/id",
  "line_ids/account_id",
  "line_ids/name",
  "line_ids/debit",
  "line_ids/credit",
] as const;

/**
 * The journal as a CSV file for Odoo's import of journal entries: one row per line, the entry's own columns
 * filled on its first row only (the import starts a new entry at each row that has them), amounts in euros with
 * a dot and two decimals, dates YYYY-MM-DD, UTF-8, comma-separated, quoted where a cell needs it.
 * @example writeFileSync("journal-2026-11.csv", journalToOdooCsv(journal))
 */
export function journalToOdooCsv(journal: Journal): string {
  const rows: string[][] = [[...ODOO_JOURNAL_COLUMNS]];
  for (const entry of journal.entries) {
    entry.lines.forEach((line, i) => {
      const first = i === 0;
      rows.push([
        first ? entry.id : "",
        first ? journal.accounting.journal : "",
        first ? entry.date : "",
        first ? entry.ref : "",
        `${entry.id}_${i + 1}`,
        line.account,
        line.label,
        formatAmount(line.debit),
        formatAmount(line.credit),
      ]);
    });
  }
  return rows.map((row) => row.map(csvCell).join(",")).join("\n") + "\n";
}

/** A cell as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, a quote, a line break or spaces at
 * either end, which a reader could otherwise split or trim. */
function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
