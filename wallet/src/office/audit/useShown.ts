import { useEffect, useState } from "preact/hooks";

/**
 * Whether the back office shows this role's tab now, or did once: every role's screen stays mounted, and the
 * audit (a scan of the whole chain) waits until someone looks at it.
 */
export function useShownOnce(path: string): boolean {
  const isShown = () => (location.hash.replace(/^#/, "") || "/treasurer") === path;
  const [shown, setShown] = useState(isShown);
  useEffect(() => {
    if (shown) return;
    const update = () => isShown() && setShown(true);
    addEventListener("hashchange", update);
    return () => removeEventListener("hashchange", update);
  }, [shown]);
  return shown;
}
