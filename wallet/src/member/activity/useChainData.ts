import { useCallback, useEffect, useRef, useState } from "preact/hooks";

export interface ChainData<T> {
  data: T | undefined;
  /** The last read's failure, already in words; the data last read stays on screen. */
  error: unknown;
  loading: boolean;
  reload(): void;
}

/**
 * Reads from the chain when the screen opens and on `reload`; with `pollMs`, again every so often while
 * `keepPolling(data)` says there is something to watch (a request not yet paid, a reconversion not settled), so
 * the screen follows the chain without a reload. A read that answers after a newer one started is ignored.
 */
export function useChainData<T>(
  load: () => Promise<T>,
  deps: unknown[],
  polling?: { pollMs: number; keepPolling: (data: T) => boolean },
): ChainData<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    setLoading(true);
    load().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(failure);
        setLoading(false);
      },
    );
  }, deps);
  useEffect(() => {
    reload();
    return () => {
      generation.current++;
    };
  }, [reload]);
  const pollMs = polling?.pollMs ?? 0;
  const watching = polling !== undefined && data !== undefined && polling.keepPolling(data);
  useEffect(() => {
    if (!watching) return;
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, [watching, reload, pollMs]);
  return { data, error, loading, reload };
}
