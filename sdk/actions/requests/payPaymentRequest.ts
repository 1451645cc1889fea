import type { KomunoClient } from "../../client.js";
import { InvalidInputError, MissingSignerError } from "../../errors.js";
import { requireBoundExtension } from "../../internal/extensions.js";
import { paymentRequestsOf } from "../../internal/paymentRequestsContract.js";
import { withFee, type PaidTransaction } from "../../internal/fees.js";
import { signCurrencyPermit } from "../../internal/permits.js";
import { chainTime, read, sendTransaction } from "../../internal/transactions.js";
import { PAYMENT_REQUEST_STATUSES, requireRequestId } from "./shared.js";
import { formatAmount } from "../../amounts.js";

export interface PayPaymentRequestParams {
  id: bigint;
  /** Cents the payer expects to pay: when given and the request asks another amount, nothing is sent. */
  expectedAmount?: bigint;
  /** Seconds the permit stays valid, when one is needed (default 1 hour; at least 60). */
  permitLifetime?: number;
}

export interface PayPaymentRequestResult extends PaidTransaction {
  /** Cents paid. */
  amount: bigint;
  /** True when the payment carried a signed permit (the allowance did not cover the amount). */
  usedPermit: boolean;
}

/**
 * Pays a request addressed to the client's signer, in one transaction: when the signer's allowance to the
 * payment-request contract does not cover the amount, the signer also signs a permit for exactly that amount.
 * @example await payPaymentRequest(client, { id: 7n })
 */
export async function payPaymentRequest(
  client: KomunoClient,
  { id, expectedAmount, permitLifetime = 3_600 }: PayPaymentRequestParams,
): Promise<PayPaymentRequestResult> {
  requireRequestId(id);
  if (!Number.isSafeInteger(permitLifetime) || permitLifetime < 60) {
    throw new InvalidInputError("permitLifetime", "a whole number of seconds, at least 60");
  }
  const signer = client.signer;
  if (signer === undefined) throw new MissingSignerError("Payment of a request");
  const contract = paymentRequestsOf(client);
  const contractAddress = await contract.getAddress();
  const payer = await signer.getAddress();
  const [{ request, allowance }, now] = await Promise.all([
    read(client, "Reading the request", async () => {
      const [request, allowance] = await Promise.all([
        contract.requestOf(id),
        client.currency.allowance(payer, contractAddress),
      ]);
      return { request, allowance };
    }),
    chainTime(client),
  ]);
  const amount = request.amount;
  if (expectedAmount !== undefined && expectedAmount !== amount) {
    throw new InvalidInputError(
      "amount",
      `request #${id} asks ${formatAmount(amount)}, not ${formatAmount(expectedAmount)}`,
    );
  }
  // A request that cannot be paid by this signer now (not open, someone else's, expired) is refused by the
  // contract with its own error when the transaction is estimated, before anything is signed or sent; the
  // allowance only matters for one that can be paid.
  const expired = request.expiresAt !== 0n && now >= request.expiresAt;
  const payable = PAYMENT_REQUEST_STATUSES[Number(request.status)] === "open" && request.payer === payer && !expired;
  if (!payable || allowance >= amount) {
    const result = await sendTransaction(client, "Payment of a request", () => contract.pay(id));
    return { ...withFee(client, result, amount), amount, usedPermit: false };
  }

  await requireBoundExtension(client, "paymentRequests", contract);
  const { deadline, v, r, s } = await signCurrencyPermit(client, signer, {
    owner: payer,
    spender: contractAddress,
    value: amount,
    now,
    lifetime: BigInt(permitLifetime),
    what: "The permit for the request's payment",
  });
  const result = await sendTransaction(client, "Payment of a request", () =>
    contract.payWithPermit(id, deadline, v, r, s),
  );
  return { ...withFee(client, result, amount), amount, usedPermit: true };
}
