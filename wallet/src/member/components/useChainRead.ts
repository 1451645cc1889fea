import { useCallback, useEffect, useRef, useState } from "preact/hooks";

export type ChainRead<T> =
  { state: "loading"; value?: T } | { state: "ready"; value: T } | { state: "failed"; error: unknown; value?: T };

/**
 * Reads from the chain when the screen appears, again when the member comes back to the tab, and on `reload`;
 * a value already shown stays on screen while the next read runs.
 */
export function useChainRead<T>(load: () => Promise<T>, deps: unknown[]): ChainRead<T> & { reload: () => void } {
  const [read, setRead] = useState<ChainRead<T>>({ state: "loading" });
  const latest = useRef(0);
  const reload = useCallback(() => {
    const call = ++latest.current;
    setRead((previous) => ({ state: "loading", value: previous.value }));
    load().then(
      (value) => call === latest.current && setRead({ state: "ready", value }),
      (error: unknown) =>
        call === latest.current && setRead((previous) => ({ state: "failed", error, value: previous.value })),
    );
    // `load` is a new closure on every render: what it reads from is in the caller's `deps`.
  }, deps);
  useEffect(() => {
    reload();
    const onVisible = () => document.visibilityState === "visible" && reload();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      latest.current++;
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [reload]);
  return { ...read, reload };
}
