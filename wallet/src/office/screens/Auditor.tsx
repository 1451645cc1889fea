import { audit, auditToHtml, type AuditReport, type BankStatement } from "komuno";
import { useEffect, useMemo, useState } from "preact/hooks";

import { locale, localeTag, t } from "../../i18n/index.js";
import { describeError } from "../../shared/errors.js";
import { useOffice, type RoleKey } from "../context.js";
import { OpenRoleKey } from "../OpenRoleKey.js";
import { AttestReserve } from "../audit/AttestReserve.js";
import { AuditChart } from "../audit/AuditChart.js";
import { AuditSummary } from "../audit/AuditSummary.js";
import { Reconciliation } from "../audit/Reconciliation.js";
import { ReportDownload } from "../audit/ReportDownload.js";
import { StatementForm, type DroppedStatement } from "../audit/StatementForm.js";
import { PendingOperations } from "../governance/PendingOperations.js";
import { ShareKey } from "../governance/ShareKey.js";
import { useShownOnce } from "../audit/useShown.js";
import "../audit/audit.css";
import "../governance/governance.css";

/**
 * The auditor's screen. Without a key: the audit from the chain alone (supply, reserve, chart, checks), the bank
 * statement reconciled, the report for the board and what waits in the timelock. With the auditor's key:
 * attesting the reserve, and cancelling a governance operation if the auditor is one of the timelock's cancellers.
 */
export function Auditor() {
  const { reader } = useOffice();
  const [report, setReport] = useState<AuditReport>();
  const [dropped, setDropped] = useState<DroppedStatement>();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ scanned: number; total: number }>();
  const [error, setError] = useState<string>();
  const [roleKey, setRoleKey] = useState<RoleKey>();
  const [governanceVersion, setGovernanceVersion] = useState(0);

  async function run(statement: BankStatement | undefined) {
    setRunning(true);
    setError(undefined);
    try {
      setReport(
        await audit(reader, {
          bankStatement: statement,
          onProgress: (scanned, total) => setProgress({ scanned, total }),
        }),
      );
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setRunning(false);
      setProgress(undefined);
    }
  }

  const shown = useShownOnce("/auditor");
  useEffect(() => {
    if (shown) run(undefined);
  }, [reader, shown]);

  // The report in the screen's language: the chart lifted from it, and the file the board receives.
  const reportHtml = useMemo(
    () => (report === undefined ? "" : auditToHtml(report, { locale: localeTag(), language: locale() })),
    [report, locale()],
  );

  function reconcile(next: DroppedStatement) {
    setDropped(next);
    run(next.statement);
  }

  return (
    <div class="audit">
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>

      <section aria-labelledby="audit-today">
        <h2 id="audit-today">{t("audit.today")}</h2>
        <button type="button" class="secondary" disabled={running} onClick={() => run(dropped?.statement)}>
          {running ? t("audit.running") : t("audit.refresh")}
        </button>
        {running && progress !== undefined && (
          <p>
            <label for="audit-progress">
              {t("audit.progress", { scanned: progress.scanned, total: progress.total })}
            </label>
            <progress id="audit-progress" value={progress.scanned} max={progress.total} />
          </p>
        )}
        {error && <p role="alert">{error}</p>}
        {report === undefined ? (
          error === undefined && <p aria-busy="true">{t("audit.running")}</p>
        ) : (
          <>
            <AuditSummary report={report} />
            <h3>{t("audit.chart.title")}</h3>
            <AuditChart report={report} reportHtml={reportHtml} />
            <ReportDownload report={report} reportHtml={reportHtml} />
          </>
        )}
      </section>

      <section aria-labelledby="audit-statement" class="card">
        <h2 id="audit-statement">{t("statement.title")}</h2>
        <p class="hint">{t("statement.intro")}</p>
        <StatementForm busy={running} onRead={reconcile} />
        {report?.statement != null && dropped !== undefined && (
          <Reconciliation report={report} fileName={dropped.file.name} />
        )}
      </section>

      <PendingOperations id="auditor" actor={roleKey} version={governanceVersion} />

      <section aria-labelledby="audit-attest" class="card">
        <h2 id="audit-attest">{t("attest.title")}</h2>
        <p class="hint">{t("attest.intro")}</p>
        <OpenRoleKey id="auditor">
          {(key) => (
            <>
              <ShareKey roleKey={key} onChange={setRoleKey} />
              <AttestReserve
                roleKey={key}
                statement={dropped?.file}
                onAttested={() => {
                  run(dropped?.statement);
                  setGovernanceVersion((n) => n + 1);
                }}
              />
            </>
          )}
        </OpenRoleKey>
      </section>
    </div>
  );
}
