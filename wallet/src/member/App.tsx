import { useEffect, useMemo, useState } from "preact/hooks";

import { t } from "../i18n/index.js";
import { currencyClient } from "../shared/client.js";
import { ConfigGate } from "../shared/ConfigGate.js";
import type { WalletConfig } from "../shared/config.js";
import type { OpenedKey } from "../shared/keystore.js";
import { LanguageSwitch } from "../shared/LanguageSwitch.js";
import { useLocaleRerender } from "../shared/useRerender.js";
import { MemberContext, type MemberSession } from "./context.js";
import { currentRoute, ROUTES } from "./routes.js";
import { lazyScreen } from "./lazyScreen.js";
import { Home } from "./screens/Home.js";
import { Pay } from "./screens/Pay.js";
import { Welcome } from "./screens/Welcome.js";

// Opening the wallet, the balance and paying come with the page; every other screen when first shown.
const SCREENS: Record<string, () => preact.JSX.Element> = {
  "/": Home,
  "/pay": Pay,
  "/receive": lazyScreen(() => import("./screens/Receive.js").then((m) => m.Receive)),
  "/history": lazyScreen(() => import("./screens/History.js").then((m) => m.History)),
  "/requests": lazyScreen(() => import("./screens/Requests.js").then((m) => m.Requests)),
  "/delegations": lazyScreen(() => import("./screens/Delegations.js").then((m) => m.Delegations)),
  "/reconversion": lazyScreen(() => import("./screens/Reconversion.js").then((m) => m.Reconversion)),
  "/recovery": lazyScreen(() => import("./screens/Recovery.js").then((m) => m.Recovery)),
  "/backup": lazyScreen(() => import("./screens/Backup.js").then((m) => m.Backup)),
  // Not in the menu: reached from the balance screen's credit card, for members who have a credit line.
  "/credit": lazyScreen(() => import("./screens/CreditPay.js").then((m) => m.CreditPay)),
};

export function App() {
  useLocaleRerender();
  return <ConfigGate location="currency.json">{(config) => <Wallet config={config} />}</ConfigGate>;
}

function Wallet({ config }: { config: WalletConfig }) {
  const [key, setKey] = useState<OpenedKey>();
  const session = useMemo<MemberSession | undefined>(
    () =>
      key && {
        config,
        symbol: config.deployment.symbol,
        key,
        address: key.address,
        client: currencyClient(config, key),
        lock: () => setKey(undefined),
      },
    [config, key],
  );
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    addEventListener("hashchange", update);
    return () => removeEventListener("hashchange", update);
  }, []);
  useEffect(() => {
    document.title = `${config.deployment.name} · ${t("app.wallet")}`;
  }, [config]);

  const Screen = SCREENS[route.path];
  return (
    <>
      <header class="bar">
        <span class="brand">{config.deployment.name}</span>
        <LanguageSwitch />
        {session && (
          <button type="button" class="secondary" onClick={session.lock}>
            {t("wallet.lock")}
          </button>
        )}
      </header>
      {session === undefined ? (
        <main id="main">
          <Welcome config={config} onOpened={setKey} />
        </main>
      ) : (
        <MemberContext.Provider value={session}>
          <nav aria-label={t("nav.label")} class="tabs">
            {ROUTES.map(({ path, label }) => (
              <a key={path} href={`#${path}`} aria-current={route.path === path ? "page" : undefined}>
                {t(label)}
              </a>
            ))}
          </nav>
          <main id="main">{Screen ? <Screen /> : <p role="alert">{t("app.notFound")}</p>}</main>
        </MemberContext.Provider>
      )}
    </>
  );
}
