import type { MessageKey } from "../i18n/index.js";

/** The member wallet's screens, by the hash of the address (`#/pay`): bookmarkable, and the back button works. */
export const ROUTES = [
  { path: "/", label: "nav.home" },
  { path: "/pay", label: "nav.pay" },
  { path: "/receive", label: "nav.receive" },
  { path: "/history", label: "nav.history" },
  { path: "/requests", label: "nav.requests" },
  { path: "/delegations", label: "nav.delegations" },
  { path: "/reconversion", label: "nav.reconversion" },
  { path: "/recovery", label: "nav.recovery" },
  { path: "/backup", label: "nav.backup" },
] as const satisfies readonly { path: string; label: MessageKey }[];

export type RoutePath = (typeof ROUTES)[number]["path"];

/** The route of the current address, and any query after it (`#/pay?link=...`). */
export function currentRoute(): { path: string; query: URLSearchParams } {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query = ""] = hash.split("?");
  return { path: path!, query: new URLSearchParams(query) };
}

export function navigate(path: RoutePath, query?: Record<string, string>): void {
  const search = query ? `?${new URLSearchParams(query)}` : "";
  location.hash = `#${path}${search}`;
}
