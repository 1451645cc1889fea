import type { KomunoClient } from "../../client.js";
import { InvalidInputError, MissingSignerError } from "../../errors.js";
import { requireBoundExtension } from "../../internal/extensions.js";
import { paymentRequestsOf } from "../../internal/paymentRequestsContract.js";
import { withFee, type PaidTransaction } from "../../internal/fees.js";
import { signTyped } from "../../internal/signing.js";
import { read, sendTransaction } from "../../internal/transactions.js";
import { permitTypedData } from "../../permit.js";
import { PAYMENT_REQUEST_STATUSES, requireRequestId } from "./shared.js";

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
  const { request, payer, allowance, now } = await read(client, "Reading the request", async () => {
    const payer = await signer.getAddress();
    const [request, allowance, block] = await Promise.all([
      contract.requestOf(id),
      client.currency.allowance(payer, contractAddress),
      client.provider.getBlock("latest"),
    ]);
    return { request, payer, allowance, now: block?.timestamp ?? Math.floor(Date.now() / 1000) };
  });
  const amount = request.amount;
  if (expectedAmount !== undefined && expectedAmount !== amount) {
    throw new InvalidInputError("amount", `request #${id} asks ${amount} cents, not ${expectedAmount}`);
  }
  // A request that cannot be paid by this signer now (not open, someone else's, expired) is refused by the
  // contract with its own error when the transaction is estimated, before anything is signed or sent; the
  // allowance only matters for one that can be paid.
  const expired = request.expiresAt !== 0n && BigInt(now) >= request.expiresAt;
  const payable = PAYMENT_REQUEST_STATUSES[Number(request.status)] === "open" && request.payer === payer && !expired;
  if (!payable || allowance >= amount) {
    const result = await sendTransaction(client, "Payment of a request", () => contract.pay(id));
    return { ...withFee(client, result, amount), amount, usedPermit: false };
  }

  await requireBoundExtension(client, "paymentRequests", contract);
  const { name, chainId, nonce } = await read(client, "Preparing the permit", async () => {
    const [name, network, nonce] = await Promise.all([
      client.currency.name(),
      client.provider.getNetwork(),
      client.currency.nonces(payer),
    ]);
    return { name, chainId: network.chainId, nonce };
  });
  // The deadline follows the chain's clock, which is the one the currency checks.
  const deadline = BigInt(now + permitLifetime);
  const { domain, types, message } = permitTypedData({
    name,
    chainId,
    verifyingContract: client.address,
    owner: payer,
    spender: contractAddress,
    value: amount,
    nonce,
    deadline,
  });
  const { v, r, s } = await signTyped(signer, "The permit for the request's payment", { domain, types, message });
  const result = await sendTransaction(client, "Payment of a request", () =>
    contract.payWithPermit(id, deadline, v, r, s),
  );
  return { ...withFee(client, result, amount), amount, usedPermit: true };
}
