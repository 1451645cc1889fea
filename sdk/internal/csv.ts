// The browser build of csv-parse's sync API: the default one needs Node's global Buffer, which a web wallet
// or back office does not have; this one carries its own and runs the same in Node.
import { parse, type CsvError } from "csv-parse/browser/esm/sync";

import { InvalidCsvError, type BaseError, type CsvProblem } from "../errors.js";

/**
 * The separators a file may use: "," as most tools write, ";" as spreadsheets write in the locales (French
 * among them) whose decimal mark is a comma.
 */
export type CsvDelimiter = "," | ";";

export interface CsvRow<C extends string> {
  /** The file's own line number of the row. */
  line: number;
  /** The text of each column, quotes removed and surrounding whitespace trimmed. */
  cells: Record<C, string>;
}

export interface CsvTable<C extends string> {
  /** The separator the header line uses, with which the whole file was read. */
  delimiter: CsvDelimiter;
  rows: CsvRow<C>[];
  /** Lines that are not a row of the table (bad quoting, another number of columns), for the caller to report. */
  problems: CsvProblem[];
}

const DELIMITERS: readonly CsvDelimiter[] = [",", ";"];

// Whitespace around a separator or a quoted field is layout, never meaning; the quotes themselves stay
// strict (csv-parse's default): a quote inside an unquoted field or after a closing quote is an error.
const STRICT = { bom: true, skip_empty_lines: true, trim: true } as const;

/**
 * Reads a CSV file whose first line names `columns` (any order, any case, spaces around ignored), with "," or
 * ";" as separator, told by the header line alone. Quoted fields mean the text inside the quotes; a UTF-8
 * BOM, CRLF line endings and blank lines are accepted. The rows' problems are returned, not thrown, so the
 * caller reports them together with its own: every bad line at once. A header that is not the expected one
 * throws InvalidCsvError, since no row can be read without it.
 * @example readCsvTable("to;amount;ref\r\n0x…;5.00;\"VIR-1\"\r\n", "deposits CSV", ["to", "amount", "ref"])
 */
export function readCsvTable<C extends string>(text: string, file: string, columns: readonly C[]): CsvTable<C> {
  const { delimiter, order } = readHeader(text, file, columns);
  const { records, problems } = readCsvRecords(text, delimiter);
  const rows: CsvRow<C>[] = [];
  for (const { line, fields, spansLines } of records.slice(1)) {
    if (fields.length !== columns.length) {
      problems.push({
        line,
        message: `${fields.length} field(s), expected ${columns.length} (${columns.join(delimiter)})`,
      });
    } else if (spansLines) {
      problems.push({ line, message: "a quoted field runs over several lines" });
    } else {
      rows.push({ line, cells: Object.fromEntries(columns.map((c, i) => [c, fields[order[i]]])) as Record<C, string> });
    }
  }
  return { delimiter, rows, problems };
}

/** One record of a CSV file as read, before any meaning is given to its fields. */
export interface CsvRecord {
  /** The file's own number of the line the record starts on. */
  line: number;
  /** Its fields, quotes removed and surrounding whitespace trimmed. */
  fields: string[];
  /** A quoted field of it runs over several lines (which no table of ours allows). */
  spansLines: boolean;
}

/**
 * Reads every record of a CSV file with the given separator, strictly (see readCsvTable), skipping blank lines
 * and lines whose fields are all empty. A line that is no record (bad quoting) becomes a problem, and reading
 * goes on, so that every bad line is reported, not the first only.
 * @example readCsvRecords("Date;Montant\r\n02/11/2026;\"1 234,56\"\r\n", ";").records[1].fields // ["02/11/2026", "1 234,56"]
 */
export function readCsvRecords(
  text: string,
  delimiter: CsvDelimiter,
): { records: CsvRecord[]; problems: CsvProblem[] } {
  const records: CsvRecord[] = [];
  const problems = new Map<number, string>();
  let lastLine = 0;
  // csv-parse counts a CRLF inside a quoted field as two lines (one outside as one): its count, less these, is
  // the file's own line number.
  let crlfInFields = 0;
  const fileLine = (parserLine: number) => parserLine - crlfInFields;
  parse(text, {
    ...STRICT,
    delimiter,
    // Reads on past a ragged or badly quoted line.
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      const at = fileLine(lineOf(error));
      const line = error?.code === "CSV_QUOTE_NOT_CLOSED" ? firstLineWithText(text, lastLine) : at;
      if (!problems.has(line)) problems.set(line, quotingProblem(error));
      lastLine = Math.max(lastLine, at);
      return undefined;
    },
    on_record: (record: string[], context) => {
      const count = (pattern: RegExp) => record.reduce((n, field) => n + (field.match(pattern)?.length ?? 0), 0);
      crlfInFields += count(/\r\n/g);
      const breaks = count(/\r\n|\r|\n/g);
      lastLine = fileLine(context.lines);
      const fields = record.map((field) => field.trim());
      if (fields.some((field) => field !== "")) {
        records.push({ line: lastLine - breaks, fields, spansLines: breaks > 0 });
      }
      return null;
    },
  });
  return { records, problems: [...problems].map(([line, message]) => ({ line, message })) };
}

/**
 * Runs one check of a row (an amount, an address); its typed error becomes a problem of that line, so the
 * other rows are still checked.
 */
export function checkCell<T>(problems: CsvProblem[], line: number, check: () => T): T | undefined {
  try {
    return check();
  } catch (error) {
    const message = (error as BaseError).shortMessage ?? (error instanceof Error ? error.message : String(error));
    problems.push({ line, message: message.replace(/\.$/, "") });
    return undefined;
  }
}

/** Throws every problem at once, in the order of the file's lines. */
export function refuseProblems(file: string, problems: CsvProblem[]): void {
  if (problems.length > 0)
    throw new InvalidCsvError(
      file,
      problems.toSorted((a, b) => a.line - b.line),
    );
}

function readHeader<C extends string>(
  text: string,
  file: string,
  columns: readonly C[],
): { delimiter: CsvDelimiter; order: number[] } {
  for (const delimiter of DELIMITERS) {
    let names: string[];
    try {
      names = (parse(text, { ...STRICT, delimiter, to: 1 })[0] ?? []).map((name) => name.trim().toLowerCase());
    } catch {
      continue;
    }
    const order = columns.map((column) => names.indexOf(column));
    if (names.length === columns.length && order.every((i, k) => i !== -1 && order.indexOf(i) === k)) {
      return { delimiter, order };
    }
  }
  const line = firstLineWithText(text, 0);
  const found = physicalLines(text)[line - 1]?.trim() ?? "";
  throw new InvalidCsvError(file, [
    {
      line,
      message:
        `the first line must name the columns ${columns.join(",")} (or ${columns.join(";")}), ` +
        (found === "" ? "but the file is empty" : `not ${JSON.stringify(found.slice(0, 80))}`),
    },
  ]);
}

function quotingProblem(error: CsvError | undefined): string {
  switch (error?.code) {
    case "INVALID_OPENING_QUOTE":
      return "a double quote inside a field that does not start with one (quote the whole field)";
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return "text after the closing double quote of a field";
    case "CSV_QUOTE_NOT_CLOSED":
      return "a double quote opened on this line is never closed";
    default:
      return error?.message ?? "unreadable line";
  }
}

function lineOf(error: CsvError | undefined): number {
  return typeof error?.lines === "number" ? error.lines : 1;
}

function physicalLines(text: string): string[] {
  return text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
}

/** The number of the first line after `after` that is not blank (where a record starts). */
function firstLineWithText(text: string, after: number): number {
  const lines = physicalLines(text);
  for (let i = after; i < lines.length; i++) if (lines[i].trim() !== "") return i + 1;
  return Math.max(1, after);
}
