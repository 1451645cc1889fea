import type { AccountStatusName } from "komuno";

import { t, type MessageKey } from "../../i18n/index.js";

/** An account kind in the catalogue's words. */
export function kindName(kind: string): string {
  const key = `members.kind.${kind}` as MessageKey;
  const text = t(key);
  return text === key ? kind : text;
}

export function statusName(status: AccountStatusName): string {
  return t(`members.status.${status}`);
}
