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

/** The screen of the current address (`#/pay`); anything after a `?` is not used. */
export function currentRoute(): { path: string } {
  const hash = location.hash.replace(/^#/, "") || "/";
  return { path: hash.split("?")[0]! };
}
