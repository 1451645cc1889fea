import { admitMembers, planAdmissions, type AdmissionPlan, type AdmitMembersResult } from "komuno";
import { useEffect, useRef, useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { useOffice, type RoleKey } from "../context.js";
import { FileDrop } from "../treasury/FileDrop.js";
import { linesWithoutRow, problemsByLine, RowProblem } from "../treasury/problems.js";
import { kindName } from "./kinds.js";
import { JobFailureAlert, jobFailure, type JobFailure } from "../treasury/jobFailure.js";

type Stage =
  | { step: "idle" }
  | { step: "checking"; file: string }
  | { step: "planned"; file: string; plan: AdmissionPlan }
  | { step: "admitting"; plan: AdmissionPlan; done: number }
  | { step: "admitted"; result: AdmitMembersResult }
  | JobFailure;

/** A file of accounts to admit: the SDK's pre-flight shown row by row, then the admissions with their progress. */
export function AdmitFile({ roleKey }: { roleKey: RoleKey }) {
  const { symbol } = useOffice();
  const [stage, setStage] = useState<Stage>({ step: "idle" });
  const outcome = useRef<HTMLHeadingElement & HTMLParagraphElement>(null);

  useEffect(() => {
    if (stage.step === "planned" || stage.step === "admitted" || stage.step === "failed") outcome.current?.focus();
  }, [stage.step]);

  async function check(file: File) {
    setStage({ step: "checking", file: file.name });
    try {
      const plan = await planAdmissions(roleKey.client, { csv: await file.text(), source: file.name });
      setStage({ step: "planned", file: file.name, plan });
    } catch (error) {
      setStage(failure(error, file.name, symbol));
    }
  }

  async function admit(plan: AdmissionPlan) {
    setStage({ step: "admitting", plan, done: 0 });
    try {
      const result = await admitMembers(roleKey.client, {
        plan,
        onProgress: (done) => setStage({ step: "admitting", plan, done }),
      });
      setStage({ step: "admitted", result });
    } catch (error) {
      setStage(failure(error, plan.source, symbol));
    }
  }

  return (
    <section class="card" aria-labelledby="admit-file-title">
      <h2 id="admit-file-title">{t("members.file.title")}</h2>
      <p class="hint">{t("members.file.help")}</p>
      <FileDrop
        id="members-file"
        label={t("members.file.file")}
        onFile={check}
        disabled={stage.step === "checking" || stage.step === "admitting"}
      />
      {stage.step === "checking" && <p aria-busy="true">{t("desk.file.reading", { file: stage.file })}</p>}
      {stage.step === "planned" && (
        <div>
          <h3 tabIndex={-1} ref={outcome}>
            {t("members.file.planTitle", { file: stage.file })}
          </h3>
          <AdmissionTable plan={stage.plan} />
          <p>
            {t("members.file.totals", { count: stage.plan.toAdmit.length, already: stage.plan.alreadyAdmitted.length })}
          </p>
          <PlanVerdict plan={stage.plan} onAdmit={() => admit(stage.plan)} />
        </div>
      )}
      {stage.step === "admitting" && (
        <div>
          <label for="admit-progress">
            {t("members.file.progress", { done: stage.done, total: stage.plan.toAdmit.length })}
          </label>
          <progress id="admit-progress" value={stage.done} max={stage.plan.toAdmit.length} />
        </div>
      )}
      {stage.step === "admitted" && (
        <p class="success" role="status" tabIndex={-1} ref={outcome}>
          {t("members.file.done", {
            count: stage.result.admitted.length,
            transactions: stage.result.transactions.length,
            already: stage.result.alreadyAdmitted.length,
          })}
        </p>
      )}
      {stage.step === "failed" && <JobFailureAlert failure={stage} outcome={outcome} />}
    </section>
  );
}

function failure(error: unknown, file: string, symbol: string): Stage {
  return jobFailure(error, file, symbol, { interrupted: "members.file.interrupted", badFile: "members.file.badFile" });
}

function PlanVerdict({ plan, onAdmit }: { plan: AdmissionPlan; onAdmit: () => void }) {
  if (plan.problems.length > 0) {
    const wholeFile = plan.problems.filter((p) => p.line === null);
    return (
      <div role="alert">
        <p>{t("desk.problems.title", { count: plan.problems.length })}</p>
        {wholeFile.length > 0 && (
          <ul>
            {wholeFile.map((problem) => (
              // The SDK's own sentence, in English, where the catalogue has no words for the problem.
              <li key={problem.code} lang={problem.code === "not-member-manager" ? undefined : "en"}>
                {problem.code === "not-member-manager" ? t("problem.not-member-manager") : problem.message}
              </li>
            ))}
          </ul>
        )}
        <p>{t("desk.nothingSent")}</p>
      </div>
    );
  }
  if (plan.toAdmit.length === 0) return <p class="success">{t("members.file.nothing")}</p>;
  return (
    <button type="button" onClick={onAdmit}>
      {t("members.file.button", { count: plan.toAdmit.length })}
    </button>
  );
}

/** Every row of the file as written, with what the pre-flight found of it. */
function AdmissionTable({ plan }: { plan: AdmissionPlan }) {
  const problems = problemsByLine(plan.problems);
  const toAdmit = new Set(plan.toAdmit.map((m) => m.line));
  const rowLines = new Set(plan.written.map((row) => row.line));
  const rows = [
    ...plan.written,
    ...linesWithoutRow(plan.problems, rowLines).map((line) => ({ line, account: "", kind: "" })),
  ].sort((a, b) => a.line - b.line);
  return (
    <div class="table-scroll">
      <table aria-label={t("members.file.planTitle", { file: plan.source })}>
        <thead>
          <tr>
            <th scope="col" class="num">
              {t("desk.col.line")}
            </th>
            <th scope="col">{t("members.file.col.account")}</th>
            <th scope="col">{t("members.file.col.kind")}</th>
            <th scope="col">{t("desk.col.status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const found = problems.get(row.line);
            return (
              <tr key={row.line} class={found ? "row-problem" : toAdmit.has(row.line) ? undefined : "row-done"}>
                <td class="num">{row.line}</td>
                <td class="mono">{row.account}</td>
                <td>{found ? row.kind : kindName(row.kind.toLowerCase())}</td>
                <td>
                  {found ? (
                    found.map((problem, i) => <RowProblem key={i} problem={problem} />)
                  ) : toAdmit.has(row.line) ? (
                    <span class="verdict-ok">{t("members.file.toAdmit")}</span>
                  ) : (
                    t("members.file.already")
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
