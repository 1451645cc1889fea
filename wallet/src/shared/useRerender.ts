import { useEffect, useReducer } from "preact/hooks";

import { onLocaleChange } from "../i18n/index.js";

/** Re-renders the component when the language changes. */
export function useLocaleRerender(): void {
  const [, bump] = useReducer((n: number, _: void) => n + 1, 0);
  useEffect(() => onLocaleChange(() => bump()), []);
}
