import { getAddress } from "ethers";
import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import type { WalletConfig } from "../../shared/config.js";
import { keystoreAddress, keystoreFailure, type OpenedKey } from "../../shared/keystore.js";
import { openEncryptedWallet, readStoredWallet, storeWallet } from "../walletStore.js";
import { useFocusOnMount } from "../../shared/useFocusOnMount.js";
import { KeyProgress } from "./KeyProgress.js";

/**
 * A backup file (the wallet's own, or any Ethereum keystore such as the CLI's) opened with its password, then
 * kept on this device as it is: already encrypted.
 */
export function RestoreWallet({
  config,
  onOpened,
  onCancel,
}: {
  config: WalletConfig;
  onOpened: (key: OpenedKey) => void;
  onCancel: () => void;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [file, setFile] = useState<File>();
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<string>();
  const [progress, setProgress] = useState<number>();

  async function restore(event: Event) {
    event.preventDefault();
    if (progress !== undefined) return;
    if (file === undefined) return setProblem(t("restore.noFile"));
    // A keystore is a few hundred bytes: anything large is not one, and is not read into memory.
    const keystore = file.size < 64_000 ? await file.text() : "";
    const address = keystoreAddress(keystore);
    if (address === undefined) return setProblem(t("restore.notKeystore"));
    const present = readStoredWallet(config);
    if (present && present.address !== getAddress(address)) {
      return setProblem(t("restore.otherWallet", { address: present.address }));
    }
    setProblem(undefined);
    setProgress(0);
    try {
      const key = await openEncryptedWallet(keystore, password, setProgress);
      // The member restored from this very file: it exists, so forgetting the wallet here later is safe.
      storeWallet(config, keystore, true);
      onOpened(key);
    } catch (error) {
      setProgress(undefined);
      setProblem(keystoreFailure(error, t("restore.wrongPassword")));
    }
  }

  return (
    <section aria-labelledby="restore-title">
      <h1 id="restore-title" tabIndex={-1} ref={heading}>
        {t("restore.title")}
      </h1>
      <p>{t("restore.explain")}</p>
      <form onSubmit={restore} noValidate>
        <label for="backup-file">{t("restore.file")}</label>
        <input
          id="backup-file"
          type="file"
          accept=".json,application/json"
          onChange={(event) => setFile(event.currentTarget.files?.[0])}
          disabled={progress !== undefined}
        />
        <label for="backup-password">{t("restore.password")}</label>
        <input
          id="backup-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
          disabled={progress !== undefined}
        />
        {problem && <p role="alert">{problem}</p>}
        {progress !== undefined ? (
          <KeyProgress label={t("restore.opening")} fraction={progress} />
        ) : (
          <>
            <button type="submit">{t("restore.submit")}</button>
            <button type="button" class="secondary" onClick={onCancel}>
              {t("app.cancel")}
            </button>
          </>
        )}
      </form>
    </section>
  );
}
