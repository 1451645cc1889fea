import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import type { WalletConfig } from "../../shared/config.js";
import { forgetStoredWallet, type StoredWallet } from "../walletStore.js";
import { useFocusOnMount } from "../../shared/useFocusOnMount.js";

/**
 * Removes the encrypted wallet from this device, only once the member confirms they hold its backup and
 * password: without them the money on the account could no longer be spent.
 */
export function ForgetWallet({
  config,
  stored,
  onForgotten,
  onCancel,
}: {
  config: WalletConfig;
  stored: StoredWallet;
  onForgotten: () => void;
  onCancel: () => void;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [confirmed, setConfirmed] = useState(false);
  return (
    <section aria-labelledby="forget-title" class="card">
      <h2 id="forget-title" tabIndex={-1} ref={heading}>
        {t("forget.title")}
      </h2>
      <p role="note" class="warning">
        {t("forget.warning", { address: stored.address })}
      </p>
      {!stored.backedUp && <p class="warning">{t("forget.noBackupYet")}</p>}
      <p class="check">
        <input
          id="forget-confirm"
          type="checkbox"
          checked={confirmed}
          onChange={(event) => setConfirmed(event.currentTarget.checked)}
        />
        <label for="forget-confirm">{t("forget.confirm")}</label>
      </p>
      <button
        type="button"
        class="danger"
        disabled={!confirmed}
        onClick={() => {
          forgetStoredWallet(config);
          onForgotten();
        }}
      >
        {t("forget.submit")}
      </button>
      <button type="button" class="secondary" onClick={onCancel}>
        {t("app.cancel")}
      </button>
    </section>
  );
}
