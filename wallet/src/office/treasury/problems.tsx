import type { PreflightProblem } from "komuno";

import { t, type MessageKey } from "../../i18n/index.js";

/** The problems of a file, by line: what a row shows beside its content. */
export function problemsByLine(problems: readonly PreflightProblem[]): Map<number, PreflightProblem[]> {
  const byLine = new Map<number, PreflightProblem[]>();
  for (const problem of problems) {
    if (problem.line === null) continue;
    byLine.set(problem.line, [...(byLine.get(problem.line) ?? []), problem]);
  }
  return byLine;
}

/**
 * A row's problem in the catalogue's words by its stable code, with the SDK's own sentence (English, naming the
 * value at fault) beside it as the detail.
 */
export function RowProblem({ problem }: { problem: PreflightProblem }) {
  const key = `problem.${problem.code}` as MessageKey;
  const label = t(key);
  return (
    <span class="verdict-problem">
      {label === key ? t("desk.detail") : label}
      <span class="detail" lang="en">
        {problem.message}
      </span>
    </span>
  );
}

/** The lines of a file that are no row of the table (badly quoted, ragged): only their problems are known. */
export function linesWithoutRow(problems: readonly PreflightProblem[], rowLines: ReadonlySet<number>): number[] {
  return [...new Set(problems.flatMap((p) => (p.line !== null && !rowLines.has(p.line) ? [p.line] : [])))];
}

/** How long ago, in the largest unit that reads well. */
export function ageText(seconds: number): string {
  if (seconds < 3600) return t("desk.age.minutes", { n: Math.max(0, Math.floor(seconds / 60)) });
  if (seconds < 86_400) return t("desk.age.hours", { n: Math.floor(seconds / 3600) });
  const days = seconds / 86_400;
  return t("desk.age.days", { n: Number.isInteger(days) ? days : days.toFixed(1) });
}
