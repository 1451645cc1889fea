import { LOCALES, locale, setLocale, t } from "../i18n/index.js";

export function LanguageSwitch() {
  return (
    <label class="language">
      <span>{t("app.language")}</span>
      <select
        value={locale()}
        onChange={(event) => setLocale((event.target as HTMLSelectElement).value as "fr" | "en")}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {code === "fr" ? "Français" : "English"}
          </option>
        ))}
      </select>
    </label>
  );
}
