import type { KomunoClient } from "../../client.js";
import { requireAddress } from "../../internal/validate.js";

export interface WatchIncomingPaymentsParams {
  account: string;
  onPayment: (payment: { from: string; amount: bigint; transactionHash: string; blockNumber: number }) => void;
}

/**
 * Calls `onPayment` for every payment that reaches `account` from now on; returns a function that stops.
 * @example const stop = await watchIncomingPayments(client, { account, onPayment: (p) => beep(p.amount) })
 */
export async function watchIncomingPayments(
  client: KomunoClient,
  { account, onPayment }: WatchIncomingPaymentsParams,
): Promise<() => Promise<void>> {
  const address = requireAddress(account);
  const filter = client.currency.filters.Transfer(undefined, address);
  // ethers passes the event object last; its `log` says where the payment landed.
  const listener = (from: string, _to: string, amount: bigint, event: unknown) => {
    const { log } = event as { log: { transactionHash: string; blockNumber: number } };
    onPayment({ from, amount, transactionHash: log.transactionHash, blockNumber: log.blockNumber });
  };
  await client.currency.on(filter, listener);
  return async () => {
    await client.currency.off(filter, listener);
  };
}
