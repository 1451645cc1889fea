import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { keystoreFailure, type OpenedKey } from "../../shared/keystore.js";
import { openEncryptedWallet, type StoredWallet } from "../walletStore.js";
import { useFocusOnMount } from "../../shared/useFocusOnMount.js";
import { KeyProgress } from "./KeyProgress.js";

/** The wallet kept on this device, opened with its password; a wrong one changes nothing. */
export function OpenWallet({ stored, onOpened }: { stored: StoredWallet; onOpened: (key: OpenedKey) => void }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<string>();
  const [progress, setProgress] = useState<number>();

  async function open(event: Event) {
    event.preventDefault();
    if (progress !== undefined) return;
    setProblem(undefined);
    setProgress(0);
    try {
      onOpened(await openEncryptedWallet(stored.keystore, password, setProgress));
    } catch (error) {
      setProgress(undefined);
      setProblem(keystoreFailure(error, t("open.wrongPassword")));
    }
  }

  return (
    <section aria-labelledby="open-title">
      <h1 id="open-title" tabIndex={-1} ref={heading}>
        {t("open.title")}
      </h1>
      <p>
        {t("open.account")} <span class="mono">{stored.address}</span>
      </p>
      <form onSubmit={open} noValidate>
        <label for="wallet-password">{t("open.password")}</label>
        <input
          id="wallet-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
          disabled={progress !== undefined}
        />
        {problem && <p role="alert">{problem}</p>}
        {progress !== undefined ? (
          <KeyProgress label={t("open.opening")} fraction={progress} />
        ) : (
          <button type="submit">{t("open.submit")}</button>
        )}
      </form>
    </section>
  );
}
