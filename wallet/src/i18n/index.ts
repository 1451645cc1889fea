// The one catalogue of the web app, in sections (one per area of the app, so that the people working on
// different screens do not edit the same file). French first. Each page registers the sections it shows: a
// member's phone does not download the back office's sentences.
import type { common } from "./common.js";
import type { errors } from "./errors.js";
import type { memberActivity } from "./memberActivity.js";
import type { memberWallet } from "./memberWallet.js";
import type { officeAudit } from "./officeAudit.js";
import type { officeTreasury } from "./officeTreasury.js";
import { LOCALES, type Locale } from "./section.js";

export { LOCALES, type Locale };

type Catalogue = typeof common.fr &
  typeof errors.fr &
  typeof memberWallet.fr &
  typeof memberActivity.fr &
  typeof officeTreasury.fr &
  typeof officeAudit.fr;
export type MessageKey = keyof Catalogue;

const catalogues: Record<Locale, Partial<Record<MessageKey, string>>> = { fr: {}, en: {} };

/** Adds sections to the catalogue, before the page renders. */
export function registerSections(...sections: { fr: Record<string, string>; en: Record<string, string> }[]): void {
  for (const { fr, en } of sections) {
    Object.assign(catalogues.fr, fr);
    Object.assign(catalogues.en, en);
  }
}

const STORAGE_KEY = "komuno.locale";
let current: Locale = readStoredLocale();
const listeners = new Set<() => void>();

function readStoredLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === "en" ? "en" : "fr";
}

export function locale(): Locale {
  return current;
}

/** The BCP 47 tag numbers and dates are formatted with. */
export function localeTag(): string {
  return current === "fr" ? "fr-FR" : "en-GB";
}

export function setLocale(next: Locale): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The message in the current language, `{name}` placeholders filled from `values`. */
export function t(key: MessageKey, values: Record<string, string | number | bigint> = {}): string {
  const text = catalogues[current][key] ?? String(key);
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
