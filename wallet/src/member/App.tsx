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
import { Backup } from "./screens/Backup.js";
import { Delegations } from "./screens/Delegations.js";
import { History } from "./screens/History.js";
import { Home } from "./screens/Home.js";
import { Pay } from "./screens/Pay.js";
import { Receive } from "./screens/Receive.js";
import { Reconversion } from "./screens/Reconversion.js";
import { Recovery } from "./screens/Recovery.js";
import { Requests } from "./screens/Requests.js";
import { Welcome } from "./screens/Welcome.js";

const SCREENS: Record<string, () => preact.JSX.Element> = {
  "/": Home,
  "/pay": Pay,
  "/receive": Receive,
  "/history": History,
  "/requests": Requests,
  "/delegations": Delegations,
  "/reconversion": Reconversion,
  "/recovery": Recovery,
  "/backup": Backup,
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
