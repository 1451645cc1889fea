import type { KomunoClient } from "../client.js";
import type { TransactionResult } from "./transactions.js";

/** A payment's transaction, with the fee it carried and what the payee received. */
export interface PaidTransaction extends TransactionResult {
  /** Cents taken by the payment fee (zero without one), read from the PaymentFeeCharged event. */
  fee: bigint;
  /** Cents the payee received: the amount paid minus the fee. */
  received: bigint;
}

/** Adds to a payment's result the fee its PaymentFeeCharged event reports. */
export function withFee(client: KomunoClient, result: TransactionResult, amount: bigint): PaidTransaction {
  const currency = client.address.toLowerCase();
  // Matched by topic before parsing: ethers' parseLog hashes the signature of every event of the currency until
  // one matches, which cost more than signing the payment.
  const feeTopic = client.currency.interface.getEvent("PaymentFeeCharged")!.topicHash;
  let fee = 0n;
  for (const log of result.receipt.logs) {
    if (log.address.toLowerCase() !== currency || log.topics[0] !== feeTopic) continue;
    const event = client.currency.interface.parseLog(log);
    if (event?.name === "PaymentFeeCharged") fee += event.args.fee as bigint;
  }
  return { ...result, fee, received: amount - fee };
}
