import { BatchInterruptedError, InvalidCsvError } from "komuno";
import type { Ref } from "preact";

import { t, type MessageKey } from "../../i18n/index.js";
import { describeError } from "../../shared/errors.js";

/** Why a file's job (check, mint, admission) stopped, with a file's unreadable lines when that was the cause. */
export interface JobFailure {
  step: "failed";
  message: string;
  lines: string[];
}

/**
 * The failure of a file's job in words: a batch stopped part-way says what is confirmed (dropping the same file
 * again finishes it), an unreadable file lists its lines, anything else as the SDK's error in plain words.
 */
export function jobFailure(
  error: unknown,
  file: string,
  symbol: string,
  messages: { interrupted: MessageKey; badFile: MessageKey },
): JobFailure {
  if (error instanceof BatchInterruptedError) {
    return {
      step: "failed",
      message: t(messages.interrupted, { confirmed: error.confirmed, total: error.total }),
      lines: [],
    };
  }
  if (error instanceof InvalidCsvError) {
    return {
      step: "failed",
      message: t(messages.badFile, { file }),
      lines: error.problems.map((p) => `${t("desk.col.line")} ${p.line}: ${p.message}`),
    };
  }
  return { step: "failed", message: describeError(error, symbol), lines: [] };
}

/** The failure on screen; `outcome` takes the focus, so a screen reader says it at once. */
export function JobFailureAlert({ failure, outcome }: { failure: JobFailure; outcome: Ref<HTMLParagraphElement> }) {
  return (
    <div role="alert">
      <p tabIndex={-1} ref={outcome}>
        {failure.message}
      </p>
      {failure.lines.length > 0 && (
        // The SDK's sentences about a line are English.
        <ul lang="en">
          {failure.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
