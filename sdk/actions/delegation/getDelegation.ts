import type { KomunoClient } from "../../client.js";
import { delegationsOf } from "../../internal/delegationsContract.js";
import { read } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface GetDelegationParams {
  owner: string;
  delegate: string;
}

export interface Delegation {
  owner: string;
  delegate: string;
  /** False when `owner` gave `delegate` no grant (never, or revoked); every other field is then zero or null. */
  granted: boolean;
  /** Cents. */
  perPaymentCap: bigint;
  /** Cents; null: no total cap. */
  totalCap: bigint | null;
  /** Cents paid under this grant so far. */
  spent: bigint;
  /** Cents the delegate may still pay in all; null: no total cap. */
  remaining: bigint | null;
  /** Null: never expires. */
  expiresAt: Date | null;
  /** Whether the contract would let the delegate pay now (the currency's own rules aside: balance, freezes, pause). */
  usable: boolean;
}

/**
 * What `delegate` may pay on `owner`'s behalf.
 * @example await getDelegation(client, { owner: "0x…", delegate: "0x…" }) // { perPaymentCap: 2000n, spent: 500n, … }
 */
export async function getDelegation(
  client: KomunoClient,
  { owner, delegate }: GetDelegationParams,
): Promise<Delegation> {
  const ownerAddress = requireAddress(owner);
  const delegateAddress = requireAddress(delegate);
  const delegations = delegationsOf(client);
  const d = await read(client, "Reading the delegation", () => delegations.delegationOf(ownerAddress, delegateAddress));
  const hasTotalCap = d.totalCap !== 0n;
  return {
    owner: ownerAddress,
    delegate: delegateAddress,
    granted: d.perPaymentCap !== 0n,
    perPaymentCap: d.perPaymentCap,
    totalCap: hasTotalCap ? d.totalCap : null,
    spent: d.spent,
    remaining: hasTotalCap ? d.totalCap - d.spent : null,
    expiresAt: d.expiresAt === 0n ? null : new Date(Number(d.expiresAt) * 1000),
    usable: d.usable,
  };
}
