import { InvalidInputError } from "../../errors.js";

/** Payment-request statuses, indexed as the contract numbers them. */
export const PAYMENT_REQUEST_STATUSES = ["none", "open", "paid", "rejected", "cancelled"] as const;
export type PaymentRequestStatusName = (typeof PAYMENT_REQUEST_STATUSES)[number];

/** The contract's limits, checked before sending so the user gets a clear message. */
export const MAX_MEMO_BYTES = 200;
export const MAX_REQUEST_AMOUNT = 2n ** 96n - 1n;

/** A request number, from 1. */
export function requireRequestId(id: bigint): bigint {
  if (typeof id !== "bigint" || id < 1n) throw new InvalidInputError("id", "a request number from 1");
  return id;
}

/** True when an open request can no longer be paid at chain time `now` (unix seconds). */
export function isExpired(expiresAt: number | null, now: number): boolean {
  return expiresAt !== null && now >= expiresAt;
}
