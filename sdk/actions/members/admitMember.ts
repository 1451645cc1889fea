import { ACCOUNT_KINDS, type AccountKindName } from "../../accounts.js";
import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface AdmitMemberParams {
  account: string;
  kind: AccountKindName;
}

/**
 * Admits an account as an active member (member manager only).
 * @example await admitMember(client, { account: "0x…", kind: "business" })
 */
export async function admitMember(
  client: KomunoClient,
  { account, kind }: AdmitMemberParams,
): Promise<TransactionResult> {
  const address = requireAddress(account);
  if (!Object.hasOwn(ACCOUNT_KINDS, kind)) {
    throw new InvalidInputError("kind", `expected person, business or association, not ${kind}`);
  }
  return sendTransaction(client, "Admission", (c) => c.admit(address, ACCOUNT_KINDS[kind]));
}
