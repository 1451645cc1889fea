import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { currencyCall, sendAsGovernor, type GovernedResult } from "../../internal/governance.js";
import { requireAddress } from "../../internal/validate.js";
import { CURRENCY_ROLE_IDS } from "../../internal/roles.js";

/**
 * The currency's roles a board grants and revokes. The governor's own seat is not among them: it changes hands in
 * two steps (proposeGovernor, then acceptGovernor), never by a grant.
 */
export const CURRENCY_ROLES = CURRENCY_ROLE_IDS;

export type CurrencyRole = keyof typeof CURRENCY_ROLES;

export interface ChangeRoleParams {
  role: CurrencyRole;
  account: string;
  change: "grant" | "revoke";
}

/**
 * Grants or revokes one of the currency's roles (governor only): scheduled in the governance timelock when the
 * governor is one, so a new treasurer or a removed auditor is seen coming and can be cancelled. Revoking a
 * treasurer also clears its mint allowance.
 * @example await changeRole(client, { role: "treasurer", account: "0x…", change: "grant" })
 */
export async function changeRole(
  client: KomunoClient,
  { role, account, change }: ChangeRoleParams,
): Promise<GovernedResult> {
  if (!Object.hasOwn(CURRENCY_ROLES, role)) {
    throw new InvalidInputError("role", `one of ${Object.keys(CURRENCY_ROLES).join(", ")}, not ${String(role)}`);
  }
  if (change !== "grant" && change !== "revoke") throw new InvalidInputError("change", 'either "grant" or "revoke"');
  const address = requireAddress(account);
  const name = change === "grant" ? "grantRole" : "revokeRole";
  const roleId = CURRENCY_ROLES[role];
  return sendAsGovernor(
    client,
    change === "grant" ? "Granting a role" : "Revoking a role",
    (c) => c[name](roleId, address),
    currencyCall(client, name, [roleId, address]),
  );
}
