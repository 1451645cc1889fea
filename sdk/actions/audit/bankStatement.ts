import { parseAmount } from "../../amounts.js";
import { InvalidCsvError, InvalidInputError, StatementColumnsError, type CsvProblem } from "../../errors.js";
import { checkCell, readCsvRecords, refuseProblems, type CsvDelimiter, type CsvRecord } from "../../internal/csv.js";
import { canonicalReference } from "../../references.js";

/** One line of the guarantee fund's bank statement. */
export interface BankStatementEntry {
  line: number;
  /** The booking date, as an ISO date (2026-11-02) whichever way the bank wrote it. */
  date: string;
  /** A credit of the fund is a deposit; a debit, a payout. */
  type: "deposit" | "payout";
  /** The bank's reference in its canonical text form (canonicalReference), as the chain's hash is made from. */
  reference: string;
  /** Cents, positive. */
  amount: bigint;
}

/** What a column of a bank statement may hold, as named in a column mapping (`date=Date,amount=Montant`). */
export type StatementField = "date" | "reference" | "amount" | "debit" | "credit" | "type" | "currency";

const FIELDS: readonly StatementField[] = ["date", "reference", "amount", "debit", "credit", "type", "currency"];

/** Which header of the file each field is read from. */
export type StatementColumns = Partial<Record<StatementField, string>>;

/** The statement's own totals. */
export interface StatementTotals {
  lines: number;
  deposits: number;
  payouts: number;
  /** Cents credited to the fund (deposits). */
  credits: bigint;
  /** Cents debited from the fund (payouts). */
  debits: bigint;
  /** credits - debits. */
  net: bigint;
  /** The first and last booking dates (ISO), null for an empty statement. */
  firstDate: string | null;
  lastDate: string | null;
}

export interface BankStatement {
  /** The separator the file uses, as told by its header line. */
  delimiter: CsvDelimiter;
  /** The decimal mark of its amounts; null when none shows one (whole euros only). */
  decimalMark: "," | "." | null;
  /** The header line's number: the lines above it are the bank's own header block (account, period), not read. */
  headerLine: number;
  /** The header each field was read from, as the file spells it. */
  columns: StatementColumns;
  /** The pattern that found each reference in its column's text, or null: the column's text is the reference. */
  referencePattern: string | null;
  entries: BankStatementEntry[];
  totals: StatementTotals;
}

export interface BankStatementOptions {
  /**
   * Which header holds which field, where recognition by name does not do: `"reference=EndToEndId"` or
   * `"date=Date,reference=Libellé,debit=Débit,credit=Crédit"` (fields: date, reference, amount, debit, credit,
   * type, currency), or the same as an object. The fields not named are still recognised by name.
   */
  columns?: string | StatementColumns;
  /**
   * A regular expression that finds the reference inside its column's text, e.g. `VIR-\d+` in "VIR SEPA DE M
   * DUPONT REF VIR-0042": its first group if it has one, else the whole match. A text holding two different
   * matches is refused; a text holding none is taken whole (a bank's fee line stays in the audit, by its text).
   */
  referencePattern?: string | RegExp;
  /** The decimal mark, for a file none of whose amounts shows it (e.g. every amount "1,250"). */
  decimalMark?: "," | ".";
  /** How a file given as bytes is written: UTF-8 (the default), or Windows-1252 as some French banks export. */
  encoding?: "utf-8" | "windows-1252";
}

const FILE = "bank statement";

// Header names as recognised: lower case, accents removed, any run of other characters than letters and
// digits as one space ("Date d'opération" is "date d operation", "RmtInf/Ustrd" is "rmtinf ustrd").
// For the date, the booking date is preferred to the value date; any other two candidates are ambiguous.
const HEADER_NAMES: Record<StatementField, readonly (readonly string[])[]> = {
  date: [
    [
      "date",
      "date operation",
      "date d operation",
      "date de l operation",
      "date comptable",
      "date de comptabilisation",
      "booking date",
      "bookgdt",
      "bookgdt dt",
      "entry date",
      "transaction date",
    ],
    ["date valeur", "date de valeur", "value date", "valdt", "valdt dt"],
  ],
  reference: [
    [
      "reference",
      "ref",
      "reference de l operation",
      "end to end id",
      "endtoendid",
      "ntryref",
      "acctsvcrref",
      "libelle",
      "libelle de l operation",
      "label",
      "description",
      "remittance information",
      "rmtinf",
      "rmtinf ustrd",
      "ustrd",
      "communication",
    ],
  ],
  amount: [
    ["montant", "montant eur", "montant en euros", "montant en eur", "amount", "amount eur", "amt", "amt value"],
  ],
  debit: [["debit", "debits", "debit eur", "debit euros", "montant debit"]],
  credit: [["credit", "credits", "credit eur", "credit euros", "montant credit"]],
  type: [["type", "sens", "credit debit indicator", "cdtdbtind", "credit debit", "debit credit"]],
  currency: [["devise", "currency", "ccy", "amt ccy", "monnaie"]],
};

const normalizeName = (name: string) =>
  name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/**
 * Reads the guarantee fund's bank statement as a bank exports it (CSV): the columns are told by their header
 * names, in French or English (Date / Date opération / Booking date, Libellé / Référence / End-to-end ID,
 * Montant / Amount, or Débit and Crédit, Sens / CdtDbtInd, Devise), or named by `columns`; other columns are
 * ignored, and the lines above the header (a bank's account and period block) too. Separator "," or ";", amounts
 * with a decimal comma or point and at most two decimals, thousands grouped by spaces or the other mark
 * ("1 234,56", "1.234,56"), never guessed: an amount that could be read two ways is refused unless the file shows
 * its decimal mark elsewhere. Dates ISO (2026-11-02) or French (02/11/2026). A credit is a deposit, a debit a
 * payout. Every bad line is reported at once in an InvalidCsvError naming each; columns that cannot be told
 * throw a StatementColumnsError naming the headers found.
 * @example parseBankStatementCsv("Date;Libellé;Débit;Crédit\r\n02/11/2026;VIR-1;;1 250,00\r\n").entries
 * // [{ line: 2, date: "2026-11-02", type: "deposit", reference: "VIR-1", amount: 125000n }]
 */
export function parseBankStatementCsv(text: string | Uint8Array, options: BankStatementOptions = {}): BankStatement {
  const content = typeof text === "string" ? text : decode(text, options.encoding ?? "utf-8");
  const overrides = parseColumnMapping(options.columns);
  const pattern = referenceRegExp(options.referencePattern);
  const { delimiter, records, problems: readProblems, header, columns } = findTable(content, overrides);
  const problems: CsvProblem[] = readProblems.filter((p) => p.line > header.line);
  const index = Object.fromEntries(
    Object.entries(columns).map(([field, name]) => [field, header.fields.indexOf(name)]),
  ) as Partial<Record<StatementField, number>>;

  const rows: { line: number; cells: string[] }[] = [];
  for (const { line, fields } of records) {
    if (line <= header.line) continue;
    if (fields.length !== header.fields.length) {
      problems.push({
        line,
        message: `${fields.length} field(s), expected ${header.fields.length} as on the header line`,
      });
      // Banks write a long label over several lines inside its quotes: one label, its breaks are spaces.
    } else rows.push({ line, cells: fields.map((field) => field.replace(/\s*[\r\n]+\s*/g, " ")) });
  }

  const amountCells = (cells: string[]) =>
    (["amount", "debit", "credit"] as const).flatMap((f) => (index[f] === undefined ? [] : [cells[index[f]]]));
  const decimalMark = fileDecimalMark(
    rows.map((row) => ({ line: row.line, cells: amountCells(row.cells) })),
    options.decimalMark,
  );

  const entries: BankStatementEntry[] = [];
  for (const { line, cells } of rows) {
    const cell = (field: StatementField) => (index[field] === undefined ? "" : cells[index[field]]);
    const date = checkCell(problems, line, () => parseStatementDate(cell("date")));
    const reference = checkCell(problems, line, () => canonicalReference(findReference(cell("reference"), pattern)));
    const currency = cell("currency");
    if (currency !== "" && !/^(eur|€)$/i.test(currency)) {
      problems.push({ line, message: `currency ${JSON.stringify(currency)}: the fund's statement is in euros (EUR)` });
    }
    // Read apart from the amount, so that a line with a bad type and a bad amount is told both.
    const type =
      index.type === undefined ? null : (checkCell(problems, line, () => movementType(cell("type"))) ?? "bad");
    const movement = checkCell(problems, line, () =>
      index.amount !== undefined
        ? signedMovement(cell("amount"), type, decimalMark)
        : debitOrCredit(cell("debit"), cell("credit"), decimalMark),
    );
    if (date !== undefined && reference !== undefined && movement !== undefined && movement !== null) {
      entries.push({ line, date, type: movement.type, reference, amount: movement.amount });
    }
  }
  refuseProblems(FILE, problems);
  return {
    delimiter,
    decimalMark: decimalMark.mark,
    headerLine: header.line,
    columns,
    referencePattern: pattern?.source ?? null,
    entries,
    totals: statementTotals(entries),
  };
}

/**
 * The totals of a statement's lines: credits (deposits), debits (payouts), their difference and the dates
 * covered, to set beside the chain's.
 * @example statementTotals(parseBankStatementCsv(csv).entries).net // cents
 */
export function statementTotals(entries: readonly BankStatementEntry[]): StatementTotals {
  let credits = 0n;
  let debits = 0n;
  let deposits = 0;
  let firstDate: string | null = null;
  let lastDate: string | null = null;
  for (const entry of entries) {
    if (entry.type === "deposit") {
      credits += entry.amount;
      deposits++;
    } else debits += entry.amount;
    if (firstDate === null || entry.date < firstDate) firstDate = entry.date;
    if (lastDate === null || entry.date > lastDate) lastDate = entry.date;
  }
  return {
    lines: entries.length,
    deposits,
    payouts: entries.length - deposits,
    credits,
    debits,
    net: credits - debits,
    firstDate,
    lastDate,
  };
}

/**
 * Reads a column mapping as a person writes it: `date=Date,reference=Libellé,amount=Montant`.
 * @example parseColumnMapping("reference=EndToEndId") // { reference: "EndToEndId" }
 */
export function parseColumnMapping(mapping: string | StatementColumns | undefined): StatementColumns {
  if (mapping === undefined) return {};
  const refuse = (reason: string): never => {
    throw new InvalidInputError("columns", `${reason} (expected e.g. date=Date,reference=Libellé,amount=Montant)`);
  };
  const pairs =
    typeof mapping === "string"
      ? mapping.split(",").map((pair) => {
          const at = pair.indexOf("=");
          if (at === -1) refuse(`${JSON.stringify(pair.trim())} names no header`);
          return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()] as const;
        })
      : Object.entries(mapping).map(([field, name]) => [field, String(name ?? "").trim()] as const);
  const columns: StatementColumns = {};
  for (const [field, name] of pairs) {
    if (!FIELDS.includes(field as StatementField)) {
      refuse(`${JSON.stringify(field)} is not a field; the fields are ${FIELDS.join(", ")}`);
    }
    if (name === "") refuse(`${field} names no header`);
    if (columns[field as StatementField] !== undefined) refuse(`${field} is named twice`);
    columns[field as StatementField] = name;
  }
  if (columns.amount !== undefined && (columns.debit !== undefined || columns.credit !== undefined)) {
    refuse("name either an amount column or debit and credit columns, not both");
  }
  if ((columns.debit === undefined) !== (columns.credit === undefined)) {
    refuse("name both the debit and the credit columns");
  }
  return columns;
}

function decode(bytes: Uint8Array, encoding: "utf-8" | "windows-1252"): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidCsvError(FILE, [
      {
        line: 1,
        message:
          "the file is not UTF-8 text: save it as UTF-8, or give its encoding (windows-1252 for a Windows " +
          "spreadsheet's or many French banks' exports)",
      },
    ]);
  }
}

function referenceRegExp(pattern: string | RegExp | undefined): RegExp | null {
  if (pattern === undefined) return null;
  try {
    return new RegExp(pattern, typeof pattern === "string" ? "gu" : `${pattern.flags.replace("g", "")}g`);
  } catch (error) {
    throw new InvalidInputError(
      "reference pattern",
      `${String(pattern)} is not a regular expression (${(error as Error).message})`,
    );
  }
}

function findReference(text: string, pattern: RegExp | null): string {
  if (pattern === null) return text;
  const found = [...new Set([...text.matchAll(pattern)].map((m) => m[1] ?? m[0]))];
  if (found.length > 1) {
    throw new InvalidInputError(
      "reference",
      `${JSON.stringify(text)} holds several references matching /${pattern.source}/ (${found.join(", ")})`,
    );
  }
  return found[0] ?? text;
}

/**
 * The header line and what each field is read from, with whichever separator finds it first. The header is the
 * first line naming a date and an amount (or a debit or a credit) column; the lines above it are the bank's
 * header block.
 */
function findTable(
  text: string,
  overrides: StatementColumns,
): {
  delimiter: CsvDelimiter;
  records: CsvRecord[];
  problems: CsvProblem[];
  header: CsvRecord;
  columns: StatementColumns;
} {
  let best: { delimiter: CsvDelimiter; records: CsvRecord[]; problems: CsvProblem[]; header: CsvRecord } | undefined;
  for (const delimiter of [";", ","] as const) {
    const { records, problems } = readCsvRecords(text, delimiter);
    const header = records.find((record) => looksLikeHeader(record.fields, overrides));
    if (header !== undefined && (best === undefined || header.line < best.header.line)) {
      best = { delimiter, records, problems, header };
    }
  }
  if (best === undefined) {
    const first = readCsvRecords(text, text.split(/\r?\n/, 1)[0].includes(";") ? ";" : ",").records[0];
    if (first === undefined) throw new InvalidCsvError(FILE, [{ line: 1, message: "the file is empty" }]);
    throw new StatementColumnsError(
      FILE,
      first.line,
      first.fields,
      "no line names the columns of a bank statement (a date, a reference, and an amount or a debit and a credit)",
      "the first line",
    );
  }
  return { ...best, columns: mapColumns(best.header, overrides) };
}

/** The columns that could hold each field, by name: the explicit ones, else the best-ranked recognised ones. */
function candidates(names: readonly string[], field: StatementField, overrides: StatementColumns): string[] {
  const wanted = overrides[field];
  if (wanted !== undefined) {
    const exact = names.filter((name) => name === wanted);
    return exact.length > 0 ? exact : names.filter((name) => normalizeName(name) === normalizeName(wanted));
  }
  for (const rank of HEADER_NAMES[field]) {
    const found = names.filter((name) => rank.includes(normalizeName(name)));
    if (found.length > 0) return found;
  }
  return [];
}

function looksLikeHeader(names: readonly string[], overrides: StatementColumns): boolean {
  const has = (field: StatementField) => candidates(names, field, overrides).length > 0;
  return has("date") && (has("amount") || has("debit") || has("credit"));
}

function mapColumns(header: CsvRecord, overrides: StatementColumns): StatementColumns {
  const names = header.fields;
  const refuse = (reason: string): never => {
    throw new StatementColumnsError(FILE, header.line, names, reason);
  };
  const pick = (field: StatementField, required: boolean): string | undefined => {
    const found = candidates(names, field, overrides);
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      refuse(
        `several columns could hold the ${field}: ${found.map((n) => JSON.stringify(n)).join(", ")}; ` +
          `name the one to read with --columns ${field}=<header>`,
      );
    }
    if (overrides[field] !== undefined) refuse(`no column is named ${JSON.stringify(overrides[field])}`);
    if (required) refuse(`no column holds the ${field}; name it with --columns ${field}=<header>`);
    return undefined;
  };
  const columns: StatementColumns = { date: pick("date", true), reference: pick("reference", true) };
  const byDebitAndCredit = overrides.debit !== undefined;
  const amount = byDebitAndCredit ? undefined : pick("amount", false);
  const debit = overrides.amount !== undefined ? undefined : pick("debit", false);
  const credit = overrides.amount !== undefined ? undefined : pick("credit", false);
  if (amount !== undefined && (debit !== undefined || credit !== undefined)) {
    refuse(
      `both an amount column (${JSON.stringify(amount)}) and ${JSON.stringify(debit ?? credit)}; ` +
        "name the ones to read with --columns amount=<header>, or debit=<header>,credit=<header>",
    );
  }
  if (amount !== undefined) {
    columns.amount = amount;
    columns.type = pick("type", false);
  } else if (debit !== undefined && credit !== undefined) {
    columns.debit = debit;
    columns.credit = credit;
  } else {
    refuse(
      `a ${debit === undefined ? "credit" : "debit"} column without a ${debit === undefined ? "debit" : "credit"} column`,
    );
  }
  columns.currency = pick("currency", false);
  for (const field of FIELDS) if (columns[field] === undefined) delete columns[field];
  return columns;
}

const GROUPING = " \u00A0\u202F'\u2019";
const other = (mark: "," | ".") => (mark === "," ? "." : ",");

/** An amount cell without its sign and currency: "-1 234,56 €" is "1 234,56". */
function magnitudeText(cell: string): string {
  return cell
    .replace(/\s*(€|eur)$/i, "")
    .replace(/^[+\-\u2212]\s*/, "")
    .trim();
}

/** What one amount tells of the file's decimal mark: "1,5" a comma, "1.234,56" a comma, "1,234" nothing sure. */
function decimalEvidence(cell: string): "," | "." | "ambiguous" | null {
  const text = magnitudeText(cell);
  const marks = text.replace(new RegExp(`[0-9${GROUPING}]`, "g"), "");
  if (marks === "" || !/^[.,]+$/.test(marks)) return null;
  const last = marks[marks.length - 1] as "," | ".";
  if (marks.includes(other(last))) return last;
  // The same mark twice ("1.234.567") groups thousands.
  if (marks.length > 1) return other(last);
  const decimals = text.length - text.lastIndexOf(last) - 1;
  return decimals === 1 || decimals === 2 ? last : decimals === 3 ? "ambiguous" : null;
}

/** The decimal mark the file's amounts show, and on which lines each mark shows. */
interface DecimalMark {
  mark: "," | "." | null;
  /** Given by the caller rather than shown by the file. */
  given: boolean;
  shownOn: Record<"," | ".", number[]>;
}

/**
 * The decimal mark of the file: the one given, else the one its amounts show. When lines show both, the more
 * common is the file's, and the lines showing the other are refused when read, never read another way.
 */
function fileDecimalMark(rows: { line: number; cells: string[] }[], given: "," | "." | undefined): DecimalMark {
  const shownOn = { ",": [] as number[], ".": [] as number[] };
  for (const { line, cells } of rows) {
    for (const cell of cells) {
      const evidence = decimalEvidence(cell);
      if ((evidence === "," || evidence === ".") && shownOn[evidence].at(-1) !== line) shownOn[evidence].push(line);
    }
  }
  if (given !== undefined) return { mark: given, given: true, shownOn };
  const commas = shownOn[","].length;
  const points = shownOn["."].length;
  return { mark: commas === 0 && points === 0 ? null : commas >= points ? "," : ".", given: false, shownOn };
}

const markName = (mark: "," | ".") => (mark === "," ? "a decimal comma" : "a decimal point");

/** Cents and sign of an amount as a bank writes it: "-1 234,56", "1.234,56 €", "12.5", with the file's mark. */
function parseStatementAmount(cell: string, file: DecimalMark): { cents: bigint; negative: boolean } {
  const { mark } = file;
  const text = magnitudeText(cell);
  const negative = /^[-\u2212]/.test(cell.trim());
  const decimals = mark === null ? "" : `(?:\\${mark}(\\d+))?`;
  const grouping = `[${GROUPING}${mark === null ? "" : `\\${other(mark)}`}]`;
  const match = new RegExp(`^(\\d+|\\d{1,3}(${grouping})\\d{3}(?:\\2\\d{3})*)${decimals}$`).exec(text);
  if (text === "" || match === null) {
    const evidence = decimalEvidence(cell);
    if (mark === null && evidence === "ambiguous") {
      throw new InvalidInputError(
        "amount",
        `${JSON.stringify(cell)} could be read two ways (thousands or decimals) and no line shows the file's ` +
          "decimal mark: write its decimals (1 234,00), or give the decimal mark",
      );
    }
    if (mark !== null && evidence === other(mark)) {
      const where = file.given ? "the decimal mark given" : `the file's (lines ${lineList(file.shownOn[mark])})`;
      throw new InvalidInputError(
        "amount",
        `${JSON.stringify(cell)} has ${markName(other(mark))}, but ${markName(mark)} is ${where}`,
      );
    }
    throw new InvalidInputError(
      "amount",
      `${JSON.stringify(cell)} is not an amount in euros${mark === null ? "" : ` with ${markName(mark)}`}`,
    );
  }
  const [, units, , cents = ""] = match;
  if (cents.length > 2) {
    throw new InvalidInputError("amount", `${JSON.stringify(cell)} has more than two decimals; it will not be rounded`);
  }
  const digits = units.replace(new RegExp(grouping, "g"), "").replace(/^0+(?=\d)/, "");
  return { cents: parseAmount(cents === "" ? digits : `${digits}.${cents}`), negative };
}

const lineList = (lines: number[]) => `${lines.slice(0, 5).join(", ")}${lines.length > 5 ? ", …" : ""}`;

/**
 * An amount with its type: told by the type column when there is one (null: there is none), else by its sign;
 * null when the type column could not be read (the amount is still checked, to report it too).
 */
function signedMovement(
  cell: string,
  type: "deposit" | "payout" | "bad" | null,
  mark: DecimalMark,
): { type: "deposit" | "payout"; amount: bigint } | null {
  const { cents, negative } = parseStatementAmount(cell, mark);
  if (cents === 0n) throw new InvalidInputError("amount", "the amount is zero");
  if (type === null) return { type: negative ? "payout" : "deposit", amount: cents };
  if (negative && type === "deposit") {
    throw new InvalidInputError("amount", `${JSON.stringify(cell)} is negative on a credit line`);
  }
  return type === "bad" ? null : { type, amount: cents };
}

function debitOrCredit(
  debitCell: string,
  creditCell: string,
  mark: DecimalMark,
): { type: "deposit" | "payout"; amount: bigint } {
  // Some banks write 0,00 in the column a line does not use; a debit column may carry a minus sign.
  const debit = debitCell === "" ? 0n : parseStatementAmount(debitCell, mark).cents;
  const credit = creditCell === "" ? { cents: 0n, negative: false } : parseStatementAmount(creditCell, mark);
  if (credit.negative && credit.cents !== 0n) {
    throw new InvalidInputError("amount", `the credit ${JSON.stringify(creditCell)} is negative`);
  }
  if (debit !== 0n && credit.cents !== 0n) {
    throw new InvalidInputError("amount", `both a debit (${debitCell}) and a credit (${creditCell})`);
  }
  if (debit === 0n && credit.cents === 0n) throw new InvalidInputError("amount", "neither a debit nor a credit");
  return debit !== 0n ? { type: "payout", amount: debit } : { type: "deposit", amount: credit.cents };
}

const DEPOSIT_TYPES = ["deposit", "credit", "crdt", "c", "cr", "+"];
const PAYOUT_TYPES = ["payout", "debit", "dbit", "d", "db", "-"];

function movementType(cell: string): "deposit" | "payout" {
  const type = cell.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
  if (DEPOSIT_TYPES.includes(type)) return "deposit";
  if (PAYOUT_TYPES.includes(type)) return "payout";
  throw new InvalidInputError(
    "type",
    `expected deposit or payout (credit or debit, CRDT or DBIT), not ${JSON.stringify(cell)}`,
  );
}

/** An ISO date from 2026-11-02 (a time after it is allowed, as CAMT writes) or the French 02/11/2026. */
function parseStatementDate(cell: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(cell);
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]].map(Number)
    : french
      ? [french[3], french[2], french[1]].map(Number)
      : [NaN, NaN, NaN];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(date.getTime()) || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new InvalidInputError(
      "date",
      `${JSON.stringify(cell)} is not a date (expected 2026-11-02, or 02/11/2026 day first)`,
    );
  }
  return date.toISOString().slice(0, 10);
}
