import { ACCOUNT_KINDS, type AccountKindName } from "../../accounts.js";
import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { currencyCall, sendAsGovernor, type GovernedResult } from "../../internal/governance.js";

export interface SetTransferRuleParams {
  from: AccountKindName;
  to: AccountKindName;
  /** True to refuse payments from `from` accounts to `to` accounts; false to allow them again. */
  forbidden: boolean;
}

/**
 * Forbids (or allows again) payments from one kind of account to another (governor only; scheduled in the
 * governance timelock when the governor is one).
 * @example await setTransferRule(client, { from: "business", to: "person", forbidden: true })
 */
export async function setTransferRule(
  client: KomunoClient,
  { from, to, forbidden }: SetTransferRuleParams,
): Promise<GovernedResult> {
  const fromKind = requireKind(from, "from");
  const toKind = requireKind(to, "to");
  if (typeof forbidden !== "boolean") throw new InvalidInputError("forbidden", "expected true or false");
  return sendAsGovernor(
    client,
    "Setting a transfer rule",
    (c) => c.setTransferRule(fromKind, toKind, forbidden),
    currencyCall(client, "setTransferRule", [fromKind, toKind, forbidden]),
  );
}

function requireKind(kind: unknown, field: string): number {
  if (typeof kind !== "string" || !Object.hasOwn(ACCOUNT_KINDS, kind)) {
    throw new InvalidInputError(field, `expected one of ${Object.keys(ACCOUNT_KINDS).join(", ")}`);
  }
  return ACCOUNT_KINDS[kind as AccountKindName];
}
