import { formatAmount, parseAmount, type Cents } from "komuno";

import { localeTag, t } from "../i18n/index.js";

function decimal(cents: Cents): string {
  // Intl formats a decimal string exactly (no float on the way): thousands separators and two decimals.
  const text = formatAmount(cents < 0n ? -cents : cents);
  const formatted = new Intl.NumberFormat(localeTag(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    text as unknown as number,
  );
  return cents < 0n ? `−${formatted}` : formatted;
}

/** An amount of the local currency: `1 234,50 MIEL`. */
export function formatMoney(cents: Cents, symbol: string): string {
  return `${decimal(cents)}\u00a0${symbol}`;
}

/** An amount of the euro reserve: `1 234,50 €`. */
export function formatEuros(cents: Cents): string {
  const text = formatAmount(cents < 0n ? -cents : cents);
  const formatted = new Intl.NumberFormat(localeTag(), { style: "currency", currency: "EUR" }).format(
    text as unknown as number,
  );
  return cents < 0n ? `−${formatted}` : formatted;
}

export function formatDate(when: Date | number, withTime = true): string {
  const date = typeof when === "number" ? new Date(when * 1000) : when;
  return new Intl.DateTimeFormat(localeTag(), {
    dateStyle: "medium",
    ...(withTime ? { timeStyle: "short" } : {}),
  }).format(date);
}

export type AmountEntry = { ok: true; cents: Cents } | { ok: false; message: string };

/**
 * Reads what a person typed as an amount, strictly: `12,50` or `12.50`; never rounded, never a sign, an
 * exponent, thousands separators or a third decimal (the SDK's parseAmount decides).
 */
export function readAmount(text: string): AmountEntry {
  const trimmed = text.trim();
  if (!/^[0-9]+([.,][0-9]{1,2})?$/.test(trimmed)) return { ok: false, message: t("amount.invalid") };
  let cents: Cents;
  try {
    cents = parseAmount(trimmed.replace(",", "."));
  } catch {
    return { ok: false, message: t("amount.invalid") };
  }
  if (cents === 0n) return { ok: false, message: t("amount.zero") };
  return { ok: true, cents };
}

/** An address shortened for a list (`0x1234…abcd`); the full one stays in the title and for screen readers. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
