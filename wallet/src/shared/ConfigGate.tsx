import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";

import { t } from "../i18n/index.js";
import { loadWalletConfig, type WalletConfig } from "./config.js";
import { describeError } from "./errors.js";

/** Reads the currency's configuration once, then renders the app with it. */
export function ConfigGate({
  location,
  children,
}: {
  location: string;
  children: (config: WalletConfig) => ComponentChildren;
}) {
  const [config, setConfig] = useState<WalletConfig>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    loadWalletConfig(location).then(setConfig, (failure: unknown) => setError(describeError(failure)));
  }, [location]);
  if (error !== undefined) return <p role="alert">{error}</p>;
  if (config === undefined) return <p aria-busy="true">{t("app.loading")}</p>;
  return <>{children(config)}</>;
}
