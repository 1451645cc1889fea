import type { AuditReport } from "komuno";
import { useMemo } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { formatEuros } from "../../shared/format.js";

/**
 * The chart of the SDK's HTML report (auditToHtml: supply and reserve over time on a calendar axis), lifted out
 * of the report rather than drawn a second time. The report is written in the screen's language, so the chart's
 * accessible name, description and series names are the SDK's own, as in the file the board receives.
 */
function chartFrom(reportHtml: string): string | undefined {
  const page = new DOMParser().parseFromString(reportHtml, "text/html");
  return page.querySelector(".chart-wide svg")?.outerHTML;
}

export function AuditChart({ report, reportHtml }: { report: AuditReport; reportHtml: string }) {
  const points = report.history;
  const svg = useMemo(() => (points.length === 0 ? undefined : chartFrom(reportHtml)), [reportHtml]);
  if (points.length === 0) return <p>{t("audit.chart.empty")}</p>;
  if (svg === undefined) return null;
  return (
    <figure class="audit-chart">
      {/* The SDK's own SVG: its text is escaped by auditToHtml, and it carries role="img" with a title. */}
      <div dangerouslySetInnerHTML={{ __html: svg }} />
      <ul class="legend">
        <li>
          <span class="swatch supply" aria-hidden="true" />
          {t("audit.chart.supplyLegend", { amount: formatEuros(report.onChain.totalSupply) })}
        </li>
        <li>
          <span class="swatch reserve" aria-hidden="true" />
          {t("audit.chart.reserveLegend", { amount: formatEuros(report.reserve.reserve) })}
        </li>
      </ul>
      <figcaption class="hint">{t("audit.chart.caption", { count: points.length })}</figcaption>
    </figure>
  );
}
