import { formatAmount, type HistoryEntry } from "komuno";

/**
 * A history as CSV for a spreadsheet: comma-separated, CRLF, every text cell quoted when it must be, and a text
 * starting with = + - @ (or a tab or carriage return) prefixed with an apostrophe so a spreadsheet shows it
 * instead of running it as a formula. Amounts are plain numbers with a dot (never localised: a decimal comma
 * would split the cell), with the currency in its own column; dates are ISO 8601 in UTC.
 */
export function historyCsv(entries: readonly HistoryEntry[], symbol: string, describe: (e: HistoryEntry) => string) {
  const header = ["date", "type", "description", "counterparty", "amount", "currency", "transaction"];
  const rows = entries.map((entry) => [
    text(new Date(entry.timestamp * 1000).toISOString()),
    text(entry.type),
    text(describe(entry)),
    text(entry.counterparty),
    formatAmount(entry.amount),
    text(symbol),
    text(entry.transactionHash),
  ]);
  // The byte order mark makes spreadsheets read the descriptions' accents as UTF-8.
  return `\uFEFF${[header.map(text), ...rows].map((row) => row.join(",")).join("\r\n")}\r\n`;
}

export function text(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
