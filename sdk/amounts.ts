import { InvalidAmountError } from "./errors.js";

/** Amounts cross the SDK as bigint cents: 1250n is 12.50. */
export type Cents = bigint;

const AMOUNT = /^(0|[1-9][0-9]*)(?:\.([0-9]{1,2}))?$/;

/**
 * Parses a euro amount typed by a person into cents, strictly: digits, optionally a dot and one or two
 * decimals. Never rounds: "12.345", "-1", "1e3", "12,50", " 12", "" and "007" are errors.
 * @example parseAmount("12.50") // 1250n
 */
export function parseAmount(text: string): Cents {
  if (typeof text !== "string") throw new InvalidAmountError(String(text), "expected a string");
  const match = AMOUNT.exec(text);
  if (match === null) throw new InvalidAmountError(text, reasonFor(text));
  const [, units, decimals = ""] = match;
  return BigInt(units) * 100n + BigInt(decimals.padEnd(2, "0"));
}

/**
 * Formats cents as euros with exactly two decimals: the inverse of parseAmount. Negative amounts (a debit in
 * a history) get a leading minus sign.
 * @example formatAmount(1250n) // "12.50"
 */
export function formatAmount(cents: Cents): string {
  if (typeof cents !== "bigint") throw new InvalidAmountError(String(cents), "expected a bigint number of cents");
  const sign = cents < 0n ? "-" : "";
  const magnitude = cents < 0n ? -cents : cents;
  return `${sign}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, "0")}`;
}

function reasonFor(text: string): string {
  if (text.trim() === "") return "it is empty";
  if (text !== text.trim()) return "it has spaces around it";
  if (text.startsWith("-")) return "it is negative";
  if (text.includes(",")) return "use a dot for decimals, e.g. 12.50";
  if (/[eE]/.test(text)) return "exponents are not accepted; write the digits";
  if (/^[0-9]*\.[0-9]{3,}$/.test(text)) return "at most two decimals (cents); it will not be rounded";
  if (/^0[0-9]/.test(text)) return "no leading zeros";
  return "expected digits with at most two decimals, e.g. 12.50";
}
