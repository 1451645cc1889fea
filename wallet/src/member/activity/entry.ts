import { isAddress, getAddress } from "ethers";

import { t } from "../../i18n/index.js";

export type AddressEntry = { ok: true; address: string } | { ok: false; message: string };

/** An address typed or pasted by a person: 0x and 40 hex digits, any case (checked against its checksum if mixed). */
export function readAddress(text: string): AddressEntry {
  const trimmed = text.trim();
  if (!isAddress(trimmed) || !trimmed.startsWith("0x")) return { ok: false, message: t("address.invalid") };
  return { ok: true, address: getAddress(trimmed) };
}

/** The end of the day a date field names, in the member's time zone: "until 31 December" includes the 31st (23:59:59). */
export function endOfDay(date: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return undefined;
  const [, year, month, day] = match.map(Number);
  return new Date(year!, month! - 1, day!, 23, 59, 59);
}

/** A datetime-local field's value as a date, or undefined when it is not one. */
export function readDateTime(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
