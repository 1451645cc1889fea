import { listPendingRecoveries } from "komuno";
import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { useLocaleRerender } from "../../shared/useRerender.js";
import { ReadState } from "../activity/parts.js";
import { RecoveryCard } from "../activity/RecoveryCard.js";
import { useChainData } from "../activity/useChainData.js";
import { useMember } from "../context.js";
import "../activity/activity.css";

/** What to do when a key is lost, and any recovery under way that concerns this wallet. */
export function Recovery() {
  useLocaleRerender();
  const { client, address } = useMember();
  const [executed, setExecuted] = useState(false);
  const state = useChainData(async () => {
    const [recoveries, delay] = await Promise.all([listPendingRecoveries(client), client.currency.memberMoveDelay()]);
    const mine = recoveries.filter((r) =>
      [r.lost, r.replacement].some((a) => a.toLowerCase() === address.toLowerCase()),
    );
    return { mine, delay: Number(delay) };
  }, [client, address]);

  return (
    <section aria-labelledby="recovery-title">
      <h1 id="recovery-title">{t("recovery.title")}</h1>
      <h2>{t("recovery.pending.title")}</h2>
      {executed && (
        <p class="success" role="status">
          {t("recovery.executed")}
        </p>
      )}
      <ReadState loading={state.loading && state.data === undefined} error={state.error} retry={state.reload} />
      {state.data !== undefined &&
        (state.data.mine.length === 0 ? (
          <p>{t("recovery.pending.none")}</p>
        ) : (
          <ul class="activity-list">
            {state.data.mine.map((recovery) => (
              <li key={recovery.lost}>
                <RecoveryCard
                  recovery={recovery}
                  onExecuted={() => {
                    setExecuted(true);
                    state.reload();
                  }}
                />
              </li>
            ))}
          </ul>
        ))}
      <h2>{t("recovery.steps.title")}</h2>
      <ol class="activity-steps">
        <li>{t("recovery.steps.newWallet")}</li>
        <li>{t("recovery.steps.association")}</li>
        <li>
          {t("recovery.steps.proposal", {
            delay: state.data === undefined ? t("recovery.delay.unknown") : duration(state.data.delay),
          })}
        </li>
        <li>{t("recovery.steps.cancel")}</li>
        <li>{t("recovery.steps.execute")}</li>
      </ol>
      <p class="hint">{t("recovery.steps.safety")}</p>
    </section>
  );
}

/** The currency's delay in words: "48 hours", "2 days", "none". */
function duration(seconds: number): string {
  if (seconds === 0) return t("recovery.delay.none");
  if (seconds % 86_400 === 0) return t("recovery.delay.days", { days: seconds / 86_400 });
  if (seconds >= 3_600) return t("recovery.delay.hours", { hours: Math.ceil(seconds / 3_600) });
  return t("recovery.delay.minutes", { minutes: Math.ceil(seconds / 60) });
}
