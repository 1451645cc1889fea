import { useEffect, useState } from "preact/hooks";

import { t } from "../i18n/index.js";

type Screen = () => preact.JSX.Element;

/**
 * A screen whose code is fetched the first time it is shown: the wallet's first screen (open, balance, pay)
 * does not wait for the history's or the delegations'. The service worker keeps every chunk for offline use.
 */
export function lazyScreen(load: () => Promise<Screen>): Screen {
  let loaded: Screen | undefined;
  return function LazyScreen() {
    const [screen, setScreen] = useState<{ Screen: Screen } | undefined>(loaded && { Screen: loaded });
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (screen !== undefined) return;
      load().then(
        (Screen) => {
          loaded = Screen;
          setScreen({ Screen });
        },
        () => setFailed(true),
      );
    }, []);
    if (failed) return <p role="alert">{t("app.offline")}</p>;
    if (screen === undefined) return <p aria-busy="true">{t("app.loading")}</p>;
    return <screen.Screen />;
  };
}
