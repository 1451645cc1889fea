import type { GovernedResult } from "komuno";
import type { ComponentChildren } from "preact";

import { t } from "../../i18n/index.js";
import { formatDate } from "../../shared/format.js";
import { durationText } from "./operationText.js";
import { chainNow, type TimelockFacts } from "./timelock.js";

/**
 * What the board is about to schedule, before it does: the operation in words, the public delay, and the date
 * from which anyone may execute it (on the chain's clock).
 */
export function ScheduleReview({
  what,
  facts,
  busy,
  onConfirm,
  onBack,
  children,
}: {
  what: string;
  facts: TimelockFacts | undefined;
  busy: boolean;
  onConfirm: () => void;
  onBack: () => void;
  children?: ComponentChildren;
}) {
  const delay = facts?.delaySeconds ?? 0;
  return (
    <div class="review" role="group" aria-label={t("gov.review.title")}>
      <h3>{t("gov.review.title")}</h3>
      <dl class="facts">
        <dt>{t("gov.review.what")}</dt>
        <dd>{what}</dd>
        {children}
        <dt>{t("gov.review.delay")}</dt>
        <dd>{delay === 0 ? t("gov.review.noDelay") : durationText(delay)}</dd>
        <dt>{t("gov.review.executableAt")}</dt>
        <dd>
          {delay === 0
            ? t("gov.review.atOnce")
            : t("gov.review.executableFrom", { date: formatDate(new Date((chainNow(facts) + delay) * 1000)) })}
        </dd>
      </dl>
      <p class="hint">{delay === 0 ? t("gov.review.noDelayHint") : t("gov.review.cancellable")}</p>
      <button type="button" disabled={busy} onClick={onConfirm}>
        {busy ? t("gov.working") : delay === 0 ? t("gov.review.confirmNow") : t("gov.review.confirm")}
      </button>
      <button type="button" class="secondary" disabled={busy} onClick={onBack}>
        {t("app.back")}
      </button>
    </div>
  );
}

/** What happened, in words: scheduled (and from when it may execute), already waiting, or carried out at once. */
export function governedText(what: string, result: GovernedResult): string {
  if (result.status === "executed") return t("gov.result.executed", { what });
  const date = result.executableAt === undefined ? "" : formatDate(result.executableAt);
  return result.alreadyScheduled ? t("gov.result.already", { what, date }) : t("gov.result.scheduled", { what, date });
}
