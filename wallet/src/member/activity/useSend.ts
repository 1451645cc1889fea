import { useRef, useState } from "preact/hooks";

import { describeSendFailure } from "../../shared/errors.js";
import { useMember } from "../context.js";

export interface Send {
  busy: boolean;
  /** What went wrong, in words. */
  error: string | undefined;
  /**
   * Runs `action` unless one is already running (a double click sends once), or the last one may have gone
   * through without its confirmation (the node stopped answering): then nothing more is sent until the error
   * is cleared, once the member has checked. True when it succeeded.
   */
  run(action: () => Promise<unknown>): Promise<boolean>;
  clearError(): void;
}

export function useSend(): Send {
  const { symbol } = useMember();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // A state update lands after the next click could: the ref is what stops a second send.
  const running = useRef(false);
  const uncertain = useRef(false);
  return {
    busy,
    error,
    clearError: () => {
      uncertain.current = false;
      setError(undefined);
    },
    async run(action) {
      if (running.current || uncertain.current) return false;
      running.current = true;
      setBusy(true);
      setError(undefined);
      try {
        await action();
        return true;
      } catch (failure) {
        const { message, maybeSent } = describeSendFailure(failure, symbol);
        uncertain.current = maybeSent;
        setError(message);
        return false;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
  };
}
