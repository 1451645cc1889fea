import { useCallback, useEffect, useRef, useState } from "preact/hooks";

export interface ChainData<T> {
  data: T | undefined;
  /** The last read's failure, already in words; the data last read stays on screen. */
  error: unknown;
  loading: boolean;
  reload(): void;
}

/**
 * Reads from the chain when the screen opens and on `reload`; with `pollEvery`, again after the milliseconds it
 * returns for the data last read (soon while something is awaited, such as a request not yet paid or a
 * reconversion not settled; undefined: no more), so the screen follows the chain without a reload. A read that
 * answers after a newer one started is ignored.
 */
export function useChainData<T>(
  load: () => Promise<T>,
  deps: unknown[],
  pollEvery?: (data: T) => number | undefined,
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
  const pollMs = data === undefined ? undefined : pollEvery?.(data);
  useEffect(() => {
    if (pollMs === undefined) return;
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, [reload, pollMs]);
  return { data, error, loading, reload };
}
