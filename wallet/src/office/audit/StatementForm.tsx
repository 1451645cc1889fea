import { InvalidCsvError, parseBankStatementCsv, type BankStatement, type CsvProblem } from "komuno";
import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { describeError } from "../../shared/errors.js";
import { evidenceOf, type Evidence } from "./AttestReserve.js";

/** A bank statement read from the file dropped, with the file's hash (it may become an attestation's evidence). */
export interface DroppedStatement {
  statement: BankStatement;
  file: Evidence;
}

/**
 * The guarantee fund's statement as the bank exports it, read with the same options as `komuno audit
 * --bank-statement` (reference pattern, decimal mark, encoding, column names); a file that cannot be read says
 * which lines and why, and nothing is reconciled.
 */
export function StatementForm({ busy, onRead }: { busy: boolean; onRead: (dropped: DroppedStatement) => void }) {
  const [file, setFile] = useState<File>();
  const [pattern, setPattern] = useState("");
  const [decimalMark, setDecimalMark] = useState<"" | "," | ".">("");
  const [encoding, setEncoding] = useState<"utf-8" | "windows-1252">("utf-8");
  const [columns, setColumns] = useState("");
  const [error, setError] = useState<string>();
  const [problems, setProblems] = useState<readonly CsvProblem[]>([]);

  async function read(event: Event) {
    event.preventDefault();
    if (file === undefined) return;
    setError(undefined);
    setProblems([]);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const statement = parseBankStatementCsv(bytes, {
        referencePattern: pattern.trim() === "" ? undefined : pattern.trim(),
        decimalMark: decimalMark === "" ? undefined : decimalMark,
        encoding,
        columns: columns.trim() === "" ? undefined : columns.trim(),
      });
      onRead({ statement, file: await evidenceOf(file) });
    } catch (failure) {
      if (failure instanceof InvalidCsvError) {
        setError(t("statement.unreadable", { name: file.name }));
        setProblems(failure.problems);
      } else {
        setError(`${t("statement.badOption")} ${describeError(failure)}`);
      }
    }
  }

  return (
    <form onSubmit={read}>
      <label for="statement-file">{t("statement.file")}</label>
      <input
        id="statement-file"
        type="file"
        accept=".csv,text/csv,text/plain"
        aria-describedby="statement-file-hint"
        onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0])}
      />
      <p id="statement-file-hint" class="hint">
        {t("statement.fileHint")}
      </p>
      <div class="statement-options">
        <div>
          <label for="statement-pattern">{t("statement.pattern")}</label>
          <input
            id="statement-pattern"
            class="mono"
            autocomplete="off"
            spellcheck={false}
            aria-describedby="statement-pattern-hint"
            value={pattern}
            onInput={(e) => setPattern((e.target as HTMLInputElement).value)}
          />
          <p id="statement-pattern-hint" class="hint">
            {t("statement.patternHint")}
          </p>
        </div>
        <div>
          <label for="statement-decimal">{t("statement.decimalMark")}</label>
          <select
            id="statement-decimal"
            value={decimalMark}
            onChange={(e) => setDecimalMark((e.target as HTMLSelectElement).value as "" | "," | ".")}
          >
            <option value="">{t("statement.decimalAuto")}</option>
            <option value=",">{t("statement.decimalComma")}</option>
            <option value=".">{t("statement.decimalPoint")}</option>
          </select>
        </div>
        <div>
          <label for="statement-encoding">{t("statement.encoding")}</label>
          <select
            id="statement-encoding"
            value={encoding}
            onChange={(e) => setEncoding((e.target as HTMLSelectElement).value as "utf-8" | "windows-1252")}
          >
            <option value="utf-8">{t("statement.encodingUtf8")}</option>
            <option value="windows-1252">{t("statement.encodingWindows")}</option>
          </select>
        </div>
        <div>
          <label for="statement-columns">{t("statement.columns")}</label>
          <input
            id="statement-columns"
            class="mono"
            autocomplete="off"
            spellcheck={false}
            aria-describedby="statement-columns-hint"
            value={columns}
            onInput={(e) => setColumns((e.target as HTMLInputElement).value)}
          />
          <p id="statement-columns-hint" class="hint">
            {t("statement.columnsHint")}
          </p>
        </div>
      </div>
      <button type="submit" disabled={busy || file === undefined}>
        {busy ? t("audit.running") : t("statement.reconcile")}
      </button>
      {error && (
        <div role="alert">
          <p>{error}</p>
          {problems.length > 0 && (
            <ul>
              {problems.map((problem, i) => (
                <li key={i}>{t("statement.problem", { line: problem.line, message: problem.message })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
