import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { BrowserProvider, type Eip1193Provider } from "ethers";

import { t } from "../i18n/index.js";
import { currencyClient } from "../shared/client.js";
import { describeError } from "../shared/errors.js";
import { keystoreFailure, openKeystoreJson } from "../shared/keystore.js";
import { shortAddress } from "../shared/format.js";
import { useOffice, type RoleKey } from "./context.js";

declare global {
  interface Window {
    ethereum?: Eip1193Provider;
  }
}

/**
 * Asks for the role's key (its keystore file and password, or the browser's injected wallet) and renders
 * `children` with a client signing as that role. The key is held in memory only, until closed or reload.
 */
export function OpenRoleKey({ id, children }: { id: string; children: (key: RoleKey) => ComponentChildren }) {
  const office = useOffice();
  const [key, setKey] = useState<RoleKey>();
  const [file, setFile] = useState<File>();
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  if (key !== undefined) {
    return (
      <>
        <p class="key-status">
          <span title={key.address}>{t("office.key.opened", { address: shortAddress(key.address) })}</span>{" "}
          <button type="button" class="secondary" onClick={() => setKey(undefined)}>
            {t("office.key.forget")}
          </button>
        </p>
        {children(key)}
      </>
    );
  }

  async function openFile(event: Event) {
    event.preventDefault();
    if (file === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const wallet = await openKeystoreJson(await file.text(), password);
      setPassword("");
      setKey({ address: wallet.address, client: currencyClient(office.config, wallet) });
    } catch (failure) {
      setError(keystoreFailure(failure, t("office.key.wrong")));
    } finally {
      setBusy(false);
    }
  }

  async function openInjected() {
    setError(undefined);
    try {
      const signer = await new BrowserProvider(window.ethereum!).getSigner();
      setKey({ address: await signer.getAddress(), client: currencyClient(office.config, signer) });
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <form class="card open-key" onSubmit={openFile} aria-labelledby={`${id}-key-title`}>
      <h2 id={`${id}-key-title`}>{t("office.key.title")}</h2>
      <label for={`${id}-keystore`}>{t("office.key.file")}</label>
      <input
        id={`${id}-keystore`}
        type="file"
        accept="application/json,.json"
        onChange={(event) => setFile((event.target as HTMLInputElement).files?.[0])}
      />
      <label for={`${id}-password`}>{t("office.key.password")}</label>
      <input
        id={`${id}-password`}
        type="password"
        autocomplete="current-password"
        value={password}
        onInput={(event) => setPassword((event.target as HTMLInputElement).value)}
      />
      <button type="submit" disabled={busy || file === undefined}>
        {busy ? t("office.key.opening") : t("office.key.open")}
      </button>
      {window.ethereum && (
        <button type="button" class="secondary" onClick={openInjected}>
          {t("office.key.injected")}
        </button>
      )}
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
