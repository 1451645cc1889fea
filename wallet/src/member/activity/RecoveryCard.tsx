import { executeRecovery, type PendingRecovery } from "komuno";
import { t } from "../../i18n/index.js";
import { formatDate } from "../../shared/format.js";
import { useMember } from "../context.js";
import { Address, Countdown, useNow } from "./parts.js";
import { useSend } from "./useSend.js";

/** A pending recovery that concerns this wallet: which side it is on, when it can be carried out, and then doing so. */
export function RecoveryCard({ recovery, onExecuted }: { recovery: PendingRecovery; onExecuted: () => void }) {
  const { client, address } = useMember();
  const now = useNow(5_000);
  const send = useSend();
  const isLost = recovery.lost.toLowerCase() === address.toLowerCase();
  const executable = now >= recovery.executableAt.getTime();
  const titleId = `recovery-${recovery.lost}`;
  const execute = async () => {
    if (await send.run(() => executeRecovery(client, { lost: recovery.lost }))) onExecuted();
  };
  return (
    <article class="card" aria-labelledby={titleId}>
      <h3 id={titleId}>{t(isLost ? "recovery.pending.asLost" : "recovery.pending.asReplacement")}</h3>
      <dl class="activity-facts">
        <dt>{t("recovery.pending.lost")}</dt>
        <dd>
          <Address address={recovery.lost} />
        </dd>
        <dt>{t("recovery.pending.replacement")}</dt>
        <dd>
          <Address address={recovery.replacement} />
        </dd>
        <dt>{t("recovery.pending.proposedBy")}</dt>
        <dd>
          <Address address={recovery.proposedBy} />
        </dd>
        <dt>{t("recovery.pending.executableAt")}</dt>
        <dd>
          {formatDate(recovery.executableAt)} (<Countdown when={recovery.executableAt} />)
        </dd>
      </dl>
      {executable ? (
        <>
          <p>{t("recovery.pending.executableNow")}</p>
          <button type="button" disabled={send.busy} onClick={execute}>
            {t("recovery.execute")}
          </button>
        </>
      ) : (
        <p>{t("recovery.pending.waiting")}</p>
      )}
      {send.busy && (
        <p aria-live="polite" class="hint">
          {t("activity.sending")}
        </p>
      )}
      {send.error !== undefined && <p role="alert">{send.error}</p>}
    </article>
  );
}
