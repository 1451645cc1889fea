import { useEffect, useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { describeError } from "../../shared/errors.js";
import { formatDate, shortAddress } from "../../shared/format.js";
import { useMember } from "../context.js";

/** An address short enough for a phone (the whole of it in its title); "you" for the open wallet's own. */
export function Address({ address }: { address: string }) {
  const { address: mine } = useMember();
  if (address.toLowerCase() === mine.toLowerCase()) return <span>{t("activity.you")}</span>;
  return (
    <span class="mono" title={address}>
      {shortAddress(address)}
    </span>
  );
}

/** The state of a read: loading, or its failure in words with a way to try again. */
export function ReadState({ loading, error, retry }: { loading: boolean; error: unknown; retry: () => void }) {
  const { symbol } = useMember();
  if (error !== undefined) {
    return (
      <div role="alert">
        <p>{describeError(error, symbol)}</p>
        <button type="button" class="secondary" onClick={retry}>
          {t("app.retry")}
        </button>
      </div>
    );
  }
  return loading ? (
    <p aria-busy="true" class="hint">
      {t("app.loading")}
    </p>
  ) : null;
}

/** "in 3 hours 12 minutes" until `when`, kept up to date every thirty seconds; "now" once it has passed. */
export function Countdown({ when }: { when: Date }) {
  const now = useNow(30_000);
  return <span>{timeUntil(when.getTime() - now)}</span>;
}

export function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function timeUntil(ms: number): string {
  if (ms <= 0) return t("activity.countdown.passed");
  const minutes = Math.ceil(ms / 60_000);
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  const rest = minutes % 60;
  if (days > 0) return t("activity.countdown.days", { days, hours });
  if (hours > 0) return t("activity.countdown.hours", { hours, minutes: rest });
  return t("activity.countdown.minutes", { minutes: rest });
}

/** An expiry date as people read it, or "never". */
export function Expiry({ when }: { when: Date | null }) {
  return <>{when === null ? t("activity.never") : formatDate(when)}</>;
}
