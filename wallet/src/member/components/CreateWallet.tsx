import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import type { WalletConfig } from "../../shared/config.js";
import type { OpenedKey } from "../../shared/keystore.js";
import {
  createEncryptedWallet,
  downloadBackup,
  markBackedUp,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  storeWallet,
  type StoredWallet,
} from "../walletStore.js";
import { useFocusOnMount } from "../../shared/useFocusOnMount.js";
import { KeyProgress } from "./KeyProgress.js";

const PROBLEMS = {
  short: "create.tooShort",
  digitsOnly: "create.digitsOnly",
  mismatch: "create.mismatch",
} as const;

/** A new key made in the browser, stored only encrypted, then its backup offered at once. */
export function CreateWallet({
  config,
  onOpened,
  onCancel,
}: {
  config: WalletConfig;
  onOpened: (key: OpenedKey) => void;
  onCancel: () => void;
}) {
  const [created, setCreated] = useState<{ opened: OpenedKey; stored: StoredWallet }>();
  if (created) return <OfferBackup config={config} {...created} onOpened={onOpened} />;
  return <ChoosePassword onCreated={setCreated} onCancel={onCancel} config={config} />;
}

function ChoosePassword({
  config,
  onCreated,
  onCancel,
}: {
  config: WalletConfig;
  onCreated: (created: { opened: OpenedKey; stored: StoredWallet }) => void;
  onCancel: () => void;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [password, setPassword] = useState("");
  const [repeated, setRepeated] = useState("");
  const [problem, setProblem] = useState<string>();
  const [progress, setProgress] = useState<number>();

  async function create(event: Event) {
    event.preventDefault();
    if (progress !== undefined) return;
    const found = passwordProblem(password, repeated);
    if (found) {
      setProblem(t(PROBLEMS[found], { min: MIN_PASSWORD_LENGTH }));
      return;
    }
    setProblem(undefined);
    setProgress(0);
    try {
      const { key, keystore } = await createEncryptedWallet(password, setProgress);
      onCreated({ opened: key, stored: storeWallet(config, keystore, false) });
    } catch {
      setProgress(undefined);
      setProblem(t("create.failed"));
    }
  }

  return (
    <section aria-labelledby="create-title">
      <h1 id="create-title" tabIndex={-1} ref={heading}>
        {t("create.title")}
      </h1>
      <p id="password-rules">{t("create.rules", { min: MIN_PASSWORD_LENGTH })}</p>
      <form onSubmit={create} noValidate>
        <label for="new-password">{t("create.password")}</label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          aria-describedby="password-rules"
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
          disabled={progress !== undefined}
        />
        <label for="repeat-password">{t("create.repeat")}</label>
        <input
          id="repeat-password"
          type="password"
          autoComplete="new-password"
          value={repeated}
          onInput={(event) => setRepeated(event.currentTarget.value)}
          disabled={progress !== undefined}
        />
        {problem && <p role="alert">{problem}</p>}
        {progress !== undefined ? (
          <KeyProgress label={t("create.encrypting")} fraction={progress} />
        ) : (
          <>
            <button type="submit">{t("create.submit")}</button>
            <button type="button" class="secondary" onClick={onCancel}>
              {t("app.cancel")}
            </button>
          </>
        )}
      </form>
    </section>
  );
}

function OfferBackup({
  config,
  opened,
  stored,
  onOpened,
}: {
  config: WalletConfig;
  opened: OpenedKey;
  stored: StoredWallet;
  onOpened: (key: OpenedKey) => void;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [downloaded, setDownloaded] = useState(false);
  const symbol = config.deployment.symbol;
  return (
    <section aria-labelledby="created-title">
      <h1 id="created-title" tabIndex={-1} ref={heading}>
        {t("create.done")}
      </h1>
      <p>
        {t("create.address")} <span class="mono">{stored.address}</span>
      </p>
      <div class="card">
        <h2>{t("backup.whyTitle")}</h2>
        <p>{t("backup.why")}</p>
        <button
          type="button"
          onClick={() => {
            downloadBackup(symbol, stored);
            markBackedUp(config);
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
      <button type="button" class={downloaded ? "" : "secondary"} onClick={() => onOpened(opened)}>
        {t("create.continue")}
      </button>
    </section>
  );
}
