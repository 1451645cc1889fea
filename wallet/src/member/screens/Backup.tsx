import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { ForgetWallet } from "../components/ForgetWallet.js";
import { useMember } from "../context.js";
import { backupFileName, downloadBackup, markBackedUp, readStoredWallet } from "../walletStore.js";
import "../wallet.css";

/** The backup file again, how a backup is restored, and forgetting the wallet on this device. */
export function Backup() {
  const { config, symbol, lock } = useMember();
  const [stored, setStored] = useState(() => readStoredWallet(config));
  const [downloaded, setDownloaded] = useState(false);
  const [forgetting, setForgetting] = useState(false);

  return (
    <section aria-labelledby="backup-title">
      <h1 id="backup-title">{t("backup.title")}</h1>
      {stored === undefined ? (
        <p role="alert">{t("backup.missing")}</p>
      ) : (
        <>
          <div class="card">
            <h2>{t("backup.whyTitle")}</h2>
            <p>{t("backup.why")}</p>
            <p class="hint">{t("backup.fileName", { name: backupFileName(symbol, stored.address) })}</p>
            <button
              type="button"
              onClick={() => {
                downloadBackup(symbol, stored);
                markBackedUp(config);
                setStored(readStoredWallet(config));
                setDownloaded(true);
              }}
            >
              {t("backup.download")}
            </button>
            {downloaded && (
              <p role="status" class="success">
                {t("backup.downloaded")}
              </p>
            )}
          </div>
          <div class="card">
            <h2>{t("backup.restoreTitle")}</h2>
            <ol>
              <li>{t("backup.restoreStep1")}</li>
              <li>{t("backup.restoreStep2")}</li>
              <li>{t("backup.restoreStep3")}</li>
            </ol>
          </div>
          {forgetting ? (
            <ForgetWallet config={config} stored={stored} onForgotten={lock} onCancel={() => setForgetting(false)} />
          ) : (
            <button type="button" class="secondary" onClick={() => setForgetting(true)}>
              {t("forget.open")}
            </button>
          )}
        </>
      )}
    </section>
  );
}
