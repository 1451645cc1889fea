import { parseAmount, type MintPlan } from "komuno";

import { t } from "../../i18n/index.js";
import { formatEuros } from "../../shared/format.js";
import { linesWithoutRow, problemsByLine, RowProblem } from "./problems.js";

/**
 * Every row of the file as written, in the file's order, with what the pre-flight found of it: to mint, already
 * minted (skipped), or its problems. Lines that could not be split into columns show their problem alone.
 */
export function MintPlanTable({ plan }: { plan: MintPlan }) {
  const problems = problemsByLine(plan.problems);
  const toMint = new Map(plan.toMint.map((d) => [d.line, d]));
  const already = new Map(plan.alreadyMinted.map((d) => [d.line, d]));
  const rowLines = new Set(plan.written.map((row) => row.line));
  const rows = [
    ...plan.written,
    ...linesWithoutRow(plan.problems, rowLines).map((line) => ({ line, to: "", amount: "", reference: "" })),
  ].sort((a, b) => a.line - b.line);
  return (
    <div class="table-scroll">
      <table aria-label={t("treasury.mint.planTitle", { file: plan.source })}>
        <thead>
          <tr>
            <th scope="col" class="num">
              {t("desk.col.line")}
            </th>
            <th scope="col">{t("treasury.mint.col.reference")}</th>
            <th scope="col">{t("treasury.mint.col.recipient")}</th>
            <th scope="col" class="num">
              {t("treasury.mint.col.amount")}
            </th>
            <th scope="col">{t("desk.col.status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const found = problems.get(row.line);
            const deposit = toMint.get(row.line) ?? already.get(row.line);
            return (
              <tr key={row.line} class={found ? "row-problem" : already.has(row.line) ? "row-done" : undefined}>
                <td class="num">{row.line}</td>
                <td>{deposit?.reference ?? row.reference}</td>
                <td class="mono">{deposit?.to ?? row.to}</td>
                <td class="num">{deposit ? formatEuros(deposit.amount) : writtenAmount(row.amount)}</td>
                <td>
                  {found ? (
                    found.map((problem, i) => <RowProblem key={i} problem={problem} />)
                  ) : already.has(row.line) ? (
                    t("treasury.mint.already")
                  ) : (
                    <span class="verdict-ok">{t("treasury.mint.toMint")}</span>
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

/** A bad row's amount in euros when it reads as one, else exactly as written (the value at fault). */
function writtenAmount(text: string): string {
  try {
    return formatEuros(parseAmount(text));
  } catch {
    return text;
  }
}
