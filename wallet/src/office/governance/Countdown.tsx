import { useEffect, useState } from "preact/hooks";

/** The current second, re-rendering its user once a second: the countdowns of waiting operations. */
export function useTicker(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
