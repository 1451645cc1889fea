import { InvalidInputError } from "../../errors.js";

// Calendar days in a time zone, with nothing but Intl: the books are kept by the association's days, and
// a payment at 00:30 in Paris on 1 December belongs to December even though it is still 30 November in UTC.

const DAY = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/**
 * A calendar day written YYYY-MM-DD, checked to exist: "2026-02-30" is refused, never rolled over to March.
 * @example parseDay("2026-11-30", "to") // "2026-11-30"
 */
export function parseDay(text: string, field: string): string {
  const match = typeof text === "string" ? DAY.exec(text) : null;
  if (match !== null) {
    const [year, month, day] = match.slice(1).map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return text;
  }
  throw new InvalidInputError(field, `${JSON.stringify(text)} is not a calendar day written YYYY-MM-DD`);
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = nextDay(day)) days.push(day);
  return days;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The YYYY-MM-DD day a moment (Unix seconds) falls on in a time zone. */
export function dayOf(seconds: number, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, formatter);
  }
  const part = (type: string, parts: Intl.DateTimeFormatPart[]) => parts.find((p) => p.type === type)!.value;
  const parts = formatter.formatToParts(new Date(seconds * 1000));
  return `${part("year", parts).padStart(4, "0")}-${part("month", parts)}-${part("day", parts)}`;
}

/**
 * The first second (Unix time) of a day in a time zone: its midnight, or the first moment after it where a
 * clock change skips midnight.
 * @example startOfDay("2026-12-01", "Europe/Paris") // 2026-11-30T23:00:00Z
 */
export function startOfDay(day: string, timeZone: string): number {
  const [year, month, date] = day.split("-").map(Number);
  const utcMidnight = Date.UTC(year, month - 1, date) / 1000;
  // Every zone's offset lies within 14 hours of UTC, so the day starts within this window; a day only ever
  // follows the one before, so the first second on it is found by bisection.
  let low = utcMidnight - 15 * 3600;
  let high = utcMidnight + 15 * 3600;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (dayOf(middle, timeZone) >= day) high = middle;
    else low = middle + 1;
  }
  return low;
}
