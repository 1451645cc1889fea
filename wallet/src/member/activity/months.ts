import { localeTag } from "../../i18n/index.js";

/** A calendar month in the member's own time zone, as `2026-11`. */
export function monthOf(when: Date): string {
  return `${when.getFullYear()}-${String(when.getMonth() + 1).padStart(2, "0")}`;
}

/** The months to offer: the current one and every month with a movement, newest first. */
export function monthsToOffer(timestamps: readonly number[], now = new Date()): string[] {
  const months = new Set([monthOf(now), ...timestamps.map((seconds) => monthOf(new Date(seconds * 1000)))]);
  return [...months].sort().reverse();
}

/** "novembre 2026" / "November 2026". */
export function monthName(month: string): string {
  const [year, index] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(localeTag(), { month: "long", year: "numeric" }).format(new Date(year!, index! - 1));
}
