import { ACCOUNT_KINDS, type AccountKindName } from "../../accounts.js";
import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";

export interface SetTransferRuleParams {
  from: AccountKindName;
  to: AccountKindName;
  /** True to refuse payments from `from` accounts to `to` accounts; false to allow them again. */
  forbidden: boolean;
}

/**
 * Forbids (or allows again) payments from one kind of account to another (governor only).
 * @example await setTransferRule(client, { from: "business", to: "person", forbidden: true })
 */
export async function setTransferRule(
  client: KomunoClient,
  { from, to, forbidden }: SetTransferRuleParams,
): Promise<TransactionResult> {
  const fromKind = requireKind(from, "from");
  const toKind = requireKind(to, "to");
  if (typeof forbidden !== "boolean") throw new InvalidInputError("forbidden", "expected true or false");
  return sendTransaction(client, "Setting a transfer rule", (c) => c.setTransferRule(fromKind, toKind, forbidden));
}

function requireKind(kind: unknown, field: string): number {
  if (typeof kind !== "string" || !Object.hasOwn(ACCOUNT_KINDS, kind)) {
    throw new InvalidInputError(field, `expected one of ${Object.keys(ACCOUNT_KINDS).join(", ")}`);
  }
  return ACCOUNT_KINDS[kind as AccountKindName];
}
