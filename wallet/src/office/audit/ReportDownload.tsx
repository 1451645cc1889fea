import type { AuditReport } from "komuno";
import { useEffect, useMemo } from "preact/hooks";

import { t } from "../../i18n/index.js";

/** The SDK's self-contained HTML report as a file for the board, and a look at it without leaving the screen. */
export function ReportDownload({ report, reportHtml }: { report: AuditReport; reportHtml: string }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([reportHtml], { type: "text/html" })), [reportHtml]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const day = new Date(report.toBlockTime * 1000).toISOString().slice(0, 10);
  const name = `audit-${report.currency.symbol.toLowerCase()}-${day}.html`;
  return (
    <div class="report-download">
      <a class="button-link" href={url} download={name}>
        {t("audit.download")}
      </a>
      <span class="hint"> {t("audit.downloadHint", { name })}</span>
      <details>
        <summary>{t("audit.preview")}</summary>
        {/* No script runs in it: the report has none, and the sandbox forbids any. */}
        <iframe class="report-preview" sandbox="" srcdoc={reportHtml} title={t("audit.previewTitle")} />
      </details>
    </div>
  );
}
