import { getMember, type KomunoClient } from "komuno";

import { t } from "../../i18n/index.js";

/**
 * Why `account` cannot take part (not a member, frozen, closed), in words, or undefined when it is an active
 * member: said before anything is sent, since a request to or a grant for a stranger is of no use.
 */
export async function whyNotActive(client: KomunoClient, account: string): Promise<string | undefined> {
  const { status } = await getMember(client, { account });
  if (status === "active") return undefined;
  return t(status === "none" ? "activity.notMember" : "activity.notActive", { address: account });
}
