import { t } from "../../i18n/index.js";
import { describeError } from "../../shared/errors.js";

/** A read that did not reach the node: what happened in plain words, and a way to try again. */
export function ChainReadFailure({ error, symbol, onRetry }: { error: unknown; symbol: string; onRetry: () => void }) {
  return (
    <div class="card">
      <p role="alert">{describeError(error, symbol)}</p>
      <button type="button" onClick={onRetry}>
        {t("app.retry")}
      </button>
    </div>
  );
}
