import type { KomunoClient } from "../../client.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface MemberParams {
  account: string;
}

/**
 * Freezes an active member: it can neither send nor receive (member manager only).
 * @example await freezeMember(client, { account: "0x…" })
 */
export async function freezeMember(client: KomunoClient, { account }: MemberParams): Promise<TransactionResult> {
  const address = requireAddress(account);
  return sendTransaction(client, "Freeze", (c) => c.freeze(address));
}

/**
 * Makes a frozen member active again (member manager only).
 * @example await unfreezeMember(client, { account: "0x…" })
 */
export async function unfreezeMember(client: KomunoClient, { account }: MemberParams): Promise<TransactionResult> {
  const address = requireAddress(account);
  return sendTransaction(client, "Unfreeze", (c) => c.unfreeze(address));
}

/**
 * Closes an empty member account for good (member manager only).
 * @example await closeMember(client, { account: "0x…" })
 */
export async function closeMember(client: KomunoClient, { account }: MemberParams): Promise<TransactionResult> {
  const address = requireAddress(account);
  return sendTransaction(client, "Closing", (c) => c.close(address));
}
