import { ACCOUNT_KIND_NAMES, ACCOUNT_STATUSES, type AccountStatusName } from "../../accounts.js";
import type { KomunoClient } from "../../client.js";
import { read } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface GetMemberParams {
  account: string;
}

export interface Member {
  account: string;
  balance: bigint;
  kind: (typeof ACCOUNT_KIND_NAMES)[number];
  status: AccountStatusName;
}

/**
 * An account's membership: kind, status and balance.
 * @example await getMember(client, { account: "0x…" }) // { kind: "business", status: "active", … }
 */
export async function getMember(client: KomunoClient, { account }: GetMemberParams): Promise<Member> {
  const address = requireAddress(account);
  const info = await read(client, "Reading the member", () => client.currency.accountOf(address));
  return {
    account: address,
    balance: info.balance,
    kind: ACCOUNT_KIND_NAMES[Number(info.kind)],
    status: ACCOUNT_STATUSES[Number(info.status)],
  };
}
