/** The two languages of every screen, French first: the associations are French-speaking. */
export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * One part of the catalogue: the English side must have exactly the French side's keys, so a missing
 * translation is a type error rather than a blank on screen.
 */
export function section<const French extends Record<string, string>>(
  fr: French,
  en: { [key in keyof French]: string },
): { fr: French; en: { [key in keyof French]: string } } {
  return { fr, en };
}
