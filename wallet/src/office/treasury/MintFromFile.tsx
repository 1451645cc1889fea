import { mintBatch, planMint, type MintBatchResult, type MintPlan, type PreflightProblem } from "komuno";
import { useEffect, useRef, useState } from "preact/hooks";

import { t, type MessageKey } from "../../i18n/index.js";
import { formatEuros, formatMoney } from "../../shared/format.js";
import { useOffice, type RoleKey } from "../context.js";
import { FileDrop } from "./FileDrop.js";
import { MintPlanTable } from "./MintPlanTable.js";
import { ageText } from "./problems.js";
import { JobFailureAlert, jobFailure, type JobFailure } from "./jobFailure.js";

type Stage =
  | { step: "idle" }
  | { step: "checking"; file: string }
  | { step: "planned"; file: string; plan: MintPlan }
  | { step: "minting"; file: string; plan: MintPlan; done: number }
  | { step: "minted"; file: string; result: MintBatchResult }
  | JobFailure;

/**
 * The bank's file of deposits, checked whole by the SDK's pre-flight (every row, the totals, the allowance and
 * the reserve) and shown before anything is sent; minted only when the plan is clean, with its progress.
 */
export function MintFromFile({ roleKey, onMinted }: { roleKey: RoleKey; onMinted: () => void }) {
  const { symbol } = useOffice();
  const [stage, setStage] = useState<Stage>({ step: "idle" });
  const outcome = useRef<HTMLHeadingElement & HTMLParagraphElement>(null);

  // Whoever works by keyboard or screen reader lands on what the check found, or on the outcome.
  useEffect(() => {
    if (stage.step === "planned" || stage.step === "minted" || stage.step === "failed") outcome.current?.focus();
  }, [stage.step]);

  async function check(file: File) {
    setStage({ step: "checking", file: file.name });
    try {
      const plan = await planMint(roleKey.client, { csv: await file.text(), source: file.name });
      setStage({ step: "planned", file: file.name, plan });
    } catch (error) {
      setStage(failure(error, file.name, symbol));
    }
  }

  async function mint(file: string, plan: MintPlan) {
    setStage({ step: "minting", file, plan, done: 0 });
    try {
      const result = await mintBatch(roleKey.client, {
        plan,
        onProgress: (done) => setStage({ step: "minting", file, plan, done }),
      });
      setStage({ step: "minted", file, result });
    } catch (error) {
      setStage(failure(error, file, symbol));
    } finally {
      onMinted();
    }
  }

  return (
    <section class="card" aria-labelledby="mint-title">
      <h2 id="mint-title">{t("treasury.mint.title")}</h2>
      <p class="hint">{t("treasury.mint.help")}</p>
      <FileDrop
        id="mint-file"
        label={t("treasury.mint.file")}
        onFile={check}
        disabled={stage.step === "checking" || stage.step === "minting"}
      />
      {stage.step === "checking" && <p aria-busy="true">{t("desk.file.reading", { file: stage.file })}</p>}
      {stage.step === "planned" && (
        <PlanView
          plan={stage.plan}
          file={stage.file}
          headingRef={outcome}
          onMint={() => mint(stage.file, stage.plan)}
        />
      )}
      {stage.step === "minting" && (
        <div>
          <label for="mint-progress">
            {t("treasury.mint.progress", { done: stage.done, total: stage.plan.toMint.length })}
          </label>
          <progress id="mint-progress" value={stage.done} max={stage.plan.toMint.length} />
        </div>
      )}
      {stage.step === "minted" && (
        <p class="success" role="status" tabIndex={-1} ref={outcome}>
          {t("treasury.mint.done", {
            count: stage.result.minted.length,
            total: formatEuros(stage.result.totals.minted),
            transactions: stage.result.transactions.length,
            already: stage.result.alreadyMinted.length,
          })}
        </p>
      )}
      {stage.step === "failed" && <JobFailureAlert failure={stage} outcome={outcome} />}
    </section>
  );
}

function failure(error: unknown, file: string, symbol: string): Stage {
  return jobFailure(error, file, symbol, {
    interrupted: "treasury.mint.interrupted",
    badFile: "treasury.mint.badFile",
  });
}

function PlanView({
  plan,
  file,
  headingRef,
  onMint,
}: {
  plan: MintPlan;
  file: string;
  headingRef: preact.RefObject<(HTMLHeadingElement & HTMLParagraphElement) | null>;
  onMint: () => void;
}) {
  const { symbol } = useOffice();
  const { reserve } = plan;
  const wholeFile = plan.problems.filter((p) => p.line === null);
  return (
    <div>
      <h3 tabIndex={-1} ref={headingRef}>
        {t("treasury.mint.planTitle", { file })}
      </h3>
      <MintPlanTable plan={plan} />
      <ul class="totals">
        <li>{t("treasury.mint.totalToMint", { count: plan.toMint.length, total: formatEuros(plan.totals.toMint) })}</li>
        <li>
          {t("treasury.mint.totalAlready", {
            count: plan.alreadyMinted.length,
            total: formatEuros(plan.totals.alreadyMinted),
          })}
        </li>
        <li>
          {t("treasury.mint.allowanceAfter", {
            now: formatMoney(plan.allowance, symbol),
            after: formatMoney(plan.allowance - plan.totals.toMint, symbol),
          })}
        </li>
        <li>
          {t("treasury.mint.supplyAfter", {
            now: formatMoney(reserve.supply, symbol),
            after: formatMoney(reserve.supplyAfter, symbol),
          })}
        </li>
        {reserve.cap !== null && (
          <li>
            {t("treasury.mint.reserveCap", {
              cap: formatMoney(reserve.cap, symbol),
              room: formatMoney(reserve.cap > reserve.supply ? reserve.cap - reserve.supply : 0n, symbol),
            })}
          </li>
        )}
      </ul>
      {plan.problems.length > 0 ? (
        <div role="alert">
          <p>{t("desk.problems.title", { count: plan.problems.length })}</p>
          {wholeFile.length > 0 && (
            <ul>
              {wholeFile.map((problem) => (
                <li key={problem.code}>{wholeFileProblem(problem, plan, symbol)}</li>
              ))}
            </ul>
          )}
          <p>{t("desk.nothingSent")}</p>
        </div>
      ) : plan.toMint.length === 0 ? (
        <p class="success">{t("treasury.mint.nothingToMint")}</p>
      ) : (
        <button type="button" onClick={onMint}>
          {t("treasury.mint.button", { count: plan.toMint.length, total: formatEuros(plan.totals.toMint) })}
        </button>
      )}
    </div>
  );
}

/** A problem of the whole file in the catalogue's words, with the plan's own figures. */
function wholeFileProblem(problem: PreflightProblem, plan: MintPlan, symbol: string): string {
  const { reserve } = plan;
  const values = {
    total: formatEuros(plan.totals.toMint),
    allowance: formatMoney(plan.allowance, symbol),
    after: formatMoney(reserve.supplyAfter, symbol),
    cap: reserve.cap === null ? "" : formatMoney(reserve.cap, symbol),
    max: ageText(reserve.maxAttestationAgeSeconds),
  };
  const key = `problem.${problem.code}` as MessageKey;
  const text = t(key, values);
  return text === key ? problem.message : text;
}
