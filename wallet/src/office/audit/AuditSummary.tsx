import type { AuditReport } from "komuno";

import { t, type MessageKey } from "../../i18n/index.js";
import { formatDate, formatEuros } from "../../shared/format.js";

// The SDK names its checks in English, for logs; a board member reads them here.
const CHECK_KEYS: Record<string, MessageKey> = {
  "supply matches events": "audit.check.supply",
  "every balance matches events": "audit.check.balances",
  "each deposit minted once": "audit.check.deposits",
  "reserve arithmetic matches the contract": "audit.check.reserve",
  "fully backed": "audit.check.backed",
  "bank statement reconciles": "audit.check.statement",
};

/** Today's figures: supply, reserve, the margin between them, the verdict and each check. */
export function AuditSummary({ report }: { report: AuditReport }) {
  const supply = report.onChain.totalSupply;
  const reserve = report.reserve.reserve;
  const margin = reserve - supply;
  const attestation = report.reserve.attestation;
  return (
    <>
      <p class={report.consistent && report.backed ? "verdict success" : "verdict error"}>
        {report.consistent ? t("audit.consistent") : t("audit.inconsistent")}{" "}
        {report.backed ? t("audit.backed") : t("audit.notBacked")}
      </p>
      <dl class="figures">
        <div>
          <dt>{t("audit.supply")}</dt>
          <dd>{formatEuros(supply)}</dd>
        </div>
        <div>
          <dt>{t("audit.attested")}</dt>
          <dd>{formatEuros(report.onChain.attestedReserve)}</dd>
          <dd class="hint">
            {attestation === null
              ? t("audit.neverAttested")
              : t("audit.attestedAsOf", { date: formatDate(attestation.asOf) })}
          </dd>
        </div>
        <div>
          <dt>{t("audit.reserve")}</dt>
          <dd>{formatEuros(reserve)}</dd>
          <dd class="hint">
            {report.reserve.burnedSince === 0n
              ? t("audit.reserveNoPayout")
              : t("audit.reservePayouts", { amount: formatEuros(report.reserve.burnedSince) })}
          </dd>
        </div>
        <div>
          <dt>{margin >= 0n ? t("audit.margin") : t("audit.shortfall")}</dt>
          <dd>{formatEuros(margin >= 0n ? margin : -margin)}</dd>
          {report.reserve.stale && (
            <dd class="hint">{t("audit.stale", { days: Math.floor(report.reserve.maxAttestationAge / 86_400) })}</dd>
          )}
        </div>
      </dl>
      <details>
        <summary>{t("audit.checks", { count: report.checks.length })}</summary>
        <ul class="checks">
          {report.checks.map((check) => (
            <li key={check.name}>
              <strong>{check.ok ? t("audit.check.ok") : t("audit.check.failed")}</strong>{" "}
              {CHECK_KEYS[check.name] ? t(CHECK_KEYS[check.name]) : check.name}
              <div class="hint">{check.details}</div>
            </li>
          ))}
        </ul>
      </details>
      <p class="hint">
        {t("audit.scope", {
          from: report.fromBlock,
          to: report.toBlock,
          date: formatDate(report.toBlockTime),
          events: report.events,
        })}
      </p>
    </>
  );
}
