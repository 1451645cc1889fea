/**
 * The service worker keeps the last currency.json it served, but on a first visit the page reads that file
 * before the worker controls it: read it once more when the worker takes over, so that the wallet also opens
 * offline after a single visit.
 */
export function keepConfigForOffline(location: string): void {
  if (!("serviceWorker" in navigator)) return;
  const warm = () => void fetch(new URL(location, document.baseURI), { cache: "no-cache" }).catch(() => undefined);
  if (navigator.serviceWorker.controller) return;
  navigator.serviceWorker.addEventListener("controllerchange", warm, { once: true });
}
