import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { paymentRequestsOf } from "../../internal/paymentRequestsContract.js";
import { read, sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { requireAddress, requirePositiveAmount } from "../../internal/validate.js";
import { referenceFromText } from "../../references.js";
import { MAX_MEMO_BYTES, MAX_REQUEST_AMOUNT } from "./shared.js";

export interface CreatePaymentRequestParams {
  /** The member asked to pay. */
  payer: string;
  /** Cents. */
  amount: bigint;
  /** What the payment is for, at most 200 bytes of UTF-8; public, in the event only. */
  memo?: string;
  /** When the request can no longer be paid: a date, or unix seconds. None: it never expires. */
  expiresAt?: Date | number;
  /**
   * The requester's own reference for this request (an invoice number), usable once: with it, creating again
   * after a lost answer or a double click returns the request already made instead of asking twice. On chain
   * as keccak256 of its canonical text (referenceFromText: trimmed, NFC).
   */
  reference?: string;
}

/** The new request, or (`alreadyCreated`) the one already made under the same reference: nothing was sent. */
export type CreatePaymentRequestResult =
  (TransactionResult & { id: bigint; alreadyCreated: false }) | { id: bigint; alreadyCreated: true };

/**
 * Asks a member to pay an amount to the client's signer (a shop's till, an invoice). With a `reference`, it is
 * safe to retry.
 * @example const { id } = await createPaymentRequest(client, { payer: "0x…", amount: parseAmount("12.50"), memo: "Order 42" })
 */
export async function createPaymentRequest(
  client: KomunoClient,
  { payer, amount, memo = "", expiresAt, reference }: CreatePaymentRequestParams,
): Promise<CreatePaymentRequestResult> {
  const payerAddress = requireAddress(payer);
  requirePositiveAmount(amount);
  if (amount > MAX_REQUEST_AMOUNT) throw new InvalidInputError("amount", "it is more than a request can hold");
  if (typeof memo !== "string") throw new InvalidInputError("memo", "expected a text");
  const memoBytes = new TextEncoder().encode(memo).length;
  if (memoBytes > MAX_MEMO_BYTES) {
    throw new InvalidInputError("memo", `${memoBytes} bytes, at most ${MAX_MEMO_BYTES} are allowed`);
  }
  const expiry = expirySeconds(expiresAt);
  const ref = reference === undefined ? undefined : referenceFromText(reference);
  const contract = paymentRequestsOf(client);
  const requester = client.signer === undefined ? undefined : await client.signer.getAddress();
  if (requester === payerAddress) throw new InvalidInputError("payer", "a member cannot ask themselves to pay");
  if (ref !== undefined && requester !== undefined) {
    const existing = await read(client, "Reading the request's reference", () =>
      contract.requestIdByReference(requester, ref),
    );
    if (existing !== 0n) return { id: existing, alreadyCreated: true };
  }
  const result = await sendTransaction(client, "Payment request", () =>
    ref === undefined
      ? contract.create(payerAddress, amount, expiry, memo)
      : contract.createWithReference(payerAddress, amount, expiry, memo, ref),
  );
  const event = result.receipt.logs
    .map((log) => contract.interface.parseLog(log))
    .find((parsed) => parsed?.name === "PaymentRequested");
  return { ...result, id: event!.args.id as bigint, alreadyCreated: false };
}

// Whether the expiry is still in the future is the contract's call, against the chain's clock.
function expirySeconds(expiresAt: Date | number | undefined): bigint {
  if (expiresAt === undefined) return 0n;
  const seconds = expiresAt instanceof Date ? Math.floor(expiresAt.getTime() / 1000) : expiresAt;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new InvalidInputError("expiresAt", "expected a date or a positive number of unix seconds");
  }
  return BigInt(seconds);
}
