import type { AuditReport } from "komuno";
import { useMemo } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { formatDate, formatEuros } from "../../shared/format.js";

/**
 * The chart of the SDK's HTML report (auditToHtml: supply and reserve over time on a calendar axis), lifted out
 * of the report rather than drawn a second time; only its accessible name and description are put in the
 * screen's language.
 */
function chartFrom(reportHtml: string, title: string, description: string): string | undefined {
  const page = new DOMParser().parseFromString(reportHtml, "text/html");
  const svg = page.querySelector(".chart-wide svg");
  if (svg === null) return undefined;
  const svgTitle = svg.querySelector(":scope > title");
  const svgDescription = svg.querySelector(":scope > desc");
  if (svgTitle) svgTitle.textContent = title;
  if (svgDescription) svgDescription.textContent = description;
  const [supply, reserve] = svg.querySelectorAll(":scope path > title");
  if (supply) supply.textContent = t("audit.chart.supply");
  if (reserve) reserve.textContent = t("audit.chart.reserve");
  return svg.outerHTML;
}

export function AuditChart({ report, reportHtml }: { report: AuditReport; reportHtml: string }) {
  const points = report.history;
  const svg = useMemo(() => {
    if (points.length === 0) return undefined;
    const description = t("audit.chart.description", {
      from: formatDate(points[0].timestamp, false),
      to: formatDate(report.toBlockTime, false),
      supply: formatEuros(report.onChain.totalSupply),
      reserve: formatEuros(report.reserve.reserve),
      attestations: report.reserveHistory.length,
    });
    return chartFrom(reportHtml, t("audit.chart.title"), description);
  }, [reportHtml]);
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
