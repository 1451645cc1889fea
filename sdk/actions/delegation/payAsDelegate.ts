import type { KomunoClient } from "../../client.js";
import { delegationsOf } from "../../internal/delegationsContract.js";
import { withFee, type PaidTransaction } from "../../internal/fees.js";
import { sendTransaction } from "../../internal/transactions.js";
import { requireAddress, requirePositiveAmount } from "../../internal/validate.js";

export interface PayAsDelegateParams {
  /** The member whose balance pays (who granted the signer). */
  owner: string;
  to: string;
  /** Cents. */
  amount: bigint;
}

/**
 * Pays `to` from `owner`'s balance, as a delegate `owner` named, within the grant's caps; reports the fee, if any.
 * @example await payAsDelegate(client, { owner: "0x…", to: "0x…", amount: parseAmount("12.50") })
 */
export async function payAsDelegate(
  client: KomunoClient,
  { owner, to, amount }: PayAsDelegateParams,
): Promise<PaidTransaction> {
  const ownerAddress = requireAddress(owner);
  const recipient = requireAddress(to);
  requirePositiveAmount(amount);
  const delegations = delegationsOf(client);
  const result = await sendTransaction(client, "Delegated payment", () =>
    delegations.payFor(ownerAddress, recipient, amount),
  );
  return withFee(client, result, amount);
}
