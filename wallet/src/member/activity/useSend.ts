import { useState } from "preact/hooks";

import { describeError } from "../../shared/errors.js";
import { useMember } from "../context.js";

export interface Send {
  busy: boolean;
  /** What went wrong, in words (the chain was left as it was). */
  error: string | undefined;
  /** Runs `action` unless one is already running (a double click sends once); true when it succeeded. */
  run(action: () => Promise<unknown>): Promise<boolean>;
  clearError(): void;
}

export function useSend(): Send {
  const { symbol } = useMember();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return {
    busy,
    error,
    clearError: () => setError(undefined),
    async run(action) {
      if (busy) return false;
      setBusy(true);
      setError(undefined);
      try {
        await action();
        return true;
      } catch (failure) {
        setError(describeError(failure, symbol));
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}
