import { useEffect, useState } from "preact/hooks";

/**
 * The current second, re-rendering its user once a second while `running`: the countdowns of waiting operations
 * (no timer when nothing waits).
 */
export function useTicker(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}
