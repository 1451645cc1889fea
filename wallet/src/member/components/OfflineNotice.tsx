import { t } from "../../i18n/index.js";
import { useOnline } from "./hooks.js";

/** Said plainly when the device has no network: the wallet opens, balances and payments wait for the network. */
export function OfflineNotice() {
  const online = useOnline();
  if (online) return null;
  return (
    <p role="status" class="notice">
      {t("app.offline")}
    </p>
  );
}
