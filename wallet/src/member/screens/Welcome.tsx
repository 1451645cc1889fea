import { useEffect, useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import type { WalletConfig } from "../../shared/config.js";
import { preloadKeystoreCrypto, type OpenedKey } from "../../shared/keystore.js";
import { CreateWallet } from "../components/CreateWallet.js";
import { ForgetWallet } from "../components/ForgetWallet.js";
import { OfflineNotice } from "../components/OfflineNotice.js";
import { OpenWallet } from "../components/OpenWallet.js";
import { RestoreWallet } from "../components/RestoreWallet.js";
import { readStoredWallet } from "../walletStore.js";
import "../wallet.css";

type Step = "start" | "create" | "restore" | "forget";

/** The first screen: open the wallet kept on this device, or create one, or restore one from its backup. */
export function Welcome({ config, onOpened }: { config: WalletConfig; onOpened: (key: OpenedKey) => void }) {
  const [step, setStep] = useState<Step>("start");
  const [stored, setStored] = useState(() => readStoredWallet(config));
  const back = () => setStep("start");
  useEffect(preloadKeystoreCrypto, []);

  let body;
  if (step === "create") body = <CreateWallet config={config} onOpened={onOpened} onCancel={back} />;
  else if (step === "restore") body = <RestoreWallet config={config} onOpened={onOpened} onCancel={back} />;
  else if (stored === undefined) body = <Start onCreate={() => setStep("create")} />;
  else
    body = (
      <>
        <OpenWallet stored={stored} onOpened={onOpened} />
        {step === "forget" ? (
          <ForgetWallet
            config={config}
            stored={stored}
            onForgotten={() => {
              setStored(undefined);
              back();
            }}
            onCancel={back}
          />
        ) : (
          <button type="button" class="secondary" onClick={() => setStep("forget")}>
            {t("forget.open")}
          </button>
        )}
      </>
    );

  return (
    <>
      <OfflineNotice />
      {body}
      {step !== "restore" && step !== "create" && (
        <button type="button" class="secondary" onClick={() => setStep("restore")}>
          {t("restore.open")}
        </button>
      )}
    </>
  );
}

function Start({ onCreate }: { onCreate: () => void }) {
  return (
    <section aria-labelledby="welcome-title">
      <h1 id="welcome-title">{t("welcome.title")}</h1>
      <p>{t("welcome.explain")}</p>
      <button type="button" onClick={onCreate}>
        {t("create.open")}
      </button>
    </section>
  );
}
