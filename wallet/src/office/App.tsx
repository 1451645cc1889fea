import { useEffect, useMemo, useState } from "preact/hooks";

import { t, type MessageKey } from "../i18n/index.js";
import { currencyClient } from "../shared/client.js";
import { ConfigGate } from "../shared/ConfigGate.js";
import type { WalletConfig } from "../shared/config.js";
import { LanguageSwitch } from "../shared/LanguageSwitch.js";
import { useLocaleRerender } from "../shared/useRerender.js";
import { OfficeContext, type OfficeSession } from "./context.js";
import { Auditor } from "./screens/Auditor.js";
import { Governor } from "./screens/Governor.js";
import { Members } from "./screens/Members.js";
import { Treasurer } from "./screens/Treasurer.js";

const ROLES: { path: string; label: MessageKey; Screen: () => preact.JSX.Element }[] = [
  { path: "/treasurer", label: "office.treasurer", Screen: Treasurer },
  { path: "/members", label: "office.members", Screen: Members },
  { path: "/auditor", label: "office.auditor", Screen: Auditor },
  { path: "/governor", label: "office.governor", Screen: Governor },
];

export function App() {
  useLocaleRerender();
  return <ConfigGate location="../currency.json">{(config) => <Office config={config} />}</ConfigGate>;
}

function rolePath(): string {
  return location.hash.replace(/^#/, "") || "/treasurer";
}

function Office({ config }: { config: WalletConfig }) {
  const session = useMemo<OfficeSession>(
    () => ({ config, symbol: config.deployment.symbol, reader: currencyClient(config) }),
    [config],
  );
  const [path, setPath] = useState(rolePath());
  useEffect(() => {
    const update = () => setPath(rolePath());
    addEventListener("hashchange", update);
    return () => removeEventListener("hashchange", update);
  }, []);
  useEffect(() => {
    document.title = `${config.deployment.name} · ${t("app.office")}`;
  }, [config]);
  const role = ROLES.find((r) => r.path === path);
  return (
    <OfficeContext.Provider value={session}>
      <header class="bar">
        <span class="brand">
          {config.deployment.name} · {t("app.office")}
        </span>
        <LanguageSwitch />
      </header>
      <nav aria-label={t("office.roles")} class="tabs">
        {ROLES.map(({ path: rolePath, label }) => (
          <a key={rolePath} href={`#${rolePath}`} aria-current={rolePath === path ? "page" : undefined}>
            {t(label)}
          </a>
        ))}
      </nav>
      {/* Each role keeps its own opened key while the others are visited: screens stay mounted. */}
      {ROLES.map(({ path: rolePath, Screen }) => (
        <main key={rolePath} id={rolePath === path ? "main" : undefined} hidden={rolePath !== path}>
          <Screen />
        </main>
      ))}
      {role === undefined && <p role="alert">{t("app.notFound")}</p>}
    </OfficeContext.Provider>
  );
}
