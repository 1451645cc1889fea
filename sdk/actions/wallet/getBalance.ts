import type { KomunoClient } from "../../client.js";
import { read } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";

export interface GetBalanceParams {
  account: string;
}

/**
 * The balance of an account, in cents.
 * @example await getBalance(client, { account: "0x…" }) // 1250n, that is 12.50
 */
export async function getBalance(client: KomunoClient, { account }: GetBalanceParams): Promise<bigint> {
  const address = requireAddress(account);
  return read(client, "Reading the balance", () => client.currency.balanceOf(address));
}
