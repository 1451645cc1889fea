import type { KomunoClient } from "../../client.js";
import { delegationsOf } from "../../internal/delegationsContract.js";
import { sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface RevokeDelegationParams {
  delegate: string;
}

/**
 * Withdraws the signer's grant to `delegate`; works even while the signer is frozen or the currency paused. The
 * allowance to the Delegations contract is left as it is (other delegates may rely on it).
 * @example await revokeDelegation(client, { delegate: "0x…" })
 */
export async function revokeDelegation(
  client: KomunoClient,
  { delegate }: RevokeDelegationParams,
): Promise<TransactionResult> {
  const delegateAddress = requireAddress(delegate);
  const delegations = delegationsOf(client);
  return sendTransaction(client, "Revocation", () => delegations.revoke(delegateAddress));
}
