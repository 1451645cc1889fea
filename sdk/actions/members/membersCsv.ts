import { ACCOUNT_KINDS, type AccountKindName } from "../../accounts.js";
import { InvalidInputError, type CsvProblem, type PreflightProblem } from "../../errors.js";
import { checkCell, readCsvTable, type CsvDelimiter } from "../../internal/csv.js";
import { requireAddress } from "../../internal/validate.js";

/** One account of a members file, with the file's own line number. */
export interface MembersCsvRow {
  line: number;
  account: string;
  kind: AccountKindName;
}

export interface MembersCsv {
  /** The separator the file uses, as told by its header line. */
  delimiter: CsvDelimiter;
  members: MembersCsvRow[];
  /** Bad lines (unreadable, a bad address or kind, an account listed twice), each with its line. */
  problems: PreflightProblem[];
  /** Every row that has the file's columns, as written, good or bad: what a screen shows of each row. */
  written: WrittenMember[];
}

/** A row of a members file as written (quotes removed, spaces around trimmed), before any check. */
export interface WrittenMember {
  line: number;
  account: string;
  kind: string;
}

/**
 * Reads a file of accounts to admit: a header naming the columns `address` and `kind` (person, business or
 * association, in any case), separated by "," or ";", then one line per account. Bad lines are returned with
 * their line numbers, not thrown, so that the pre-flight (planAdmissions) reports them together with what the
 * chain says of the others; only a header that names no such columns throws (InvalidCsvError).
 * @example readMembersCsv("address,kind\n0x976EA74026E726554dB657fA54763abd0C3a0aa9,person\n")
 */
export function readMembersCsv(text: string): MembersCsv {
  const table = readCsvTable(text, "members CSV", ["address", "kind"]);
  const problems: PreflightProblem[] = table.problems.map(({ line, message }) => ({
    line,
    code: "invalid-row",
    message,
  }));
  const members: MembersCsvRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const invalid: CsvProblem[] = [];
    const account = checkCell(invalid, line, () => requireAddress(cells.address));
    const kind = checkCell(invalid, line, () => requireKind(cells.kind));
    problems.push(...invalid.map(({ message }) => ({ line, code: "invalid-row", message })));
    if (account === undefined) continue;
    const first = firstLineOf.get(account);
    if (first !== undefined) {
      problems.push({ line, code: "duplicate-in-file", message: `${account} is also on line ${first}` });
      continue;
    }
    firstLineOf.set(account, line);
    if (kind !== undefined) members.push({ line, account, kind });
  }
  if (table.rows.length === 0 && table.problems.length === 0) {
    problems.push({ line: 1, code: "empty-file", message: "no account after the header line" });
  }
  const written = table.rows.map(({ line, cells }) => ({ line, account: cells.address, kind: cells.kind }));
  return { delimiter: table.delimiter, members, problems, written };
}

/**
 * An account kind by its name, in any case; never a name Object.prototype happens to hold ("constructor").
 * @example requireKind(" Business ") // "business"
 */
export function requireKind(text: string): AccountKindName {
  const name = String(text).trim().toLowerCase();
  if (!Object.hasOwn(ACCOUNT_KINDS, name)) {
    throw new InvalidInputError("kind", `expected person, business or association, not ${JSON.stringify(text)}`);
  }
  return name as AccountKindName;
}
