import { Signature } from "ethers";

import type { KomunoClient } from "../../client.js";
import { MissingSignerError } from "../../errors.js";
import { paymentRequestsOf } from "../../internal/paymentRequestsContract.js";
import { read, sendTransaction, type TransactionResult } from "../../internal/transactions.js";
import { permitTypedData } from "../../permit.js";
import { PAYMENT_REQUEST_STATUSES, requireRequestId } from "./shared.js";

export interface PayPaymentRequestParams {
  id: bigint;
  /** Seconds the permit stays valid, when one is needed (default 1 hour). */
  permitLifetime?: number;
}

export interface PayPaymentRequestResult extends TransactionResult {
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
  { id, permitLifetime = 3_600 }: PayPaymentRequestParams,
): Promise<PayPaymentRequestResult> {
  requireRequestId(id);
  const signer = client.signer;
  if (signer === undefined) throw new MissingSignerError("Payment of a request");
  const contract = paymentRequestsOf(client);
  const contractAddress = await contract.getAddress();
  const { request, payer, allowance } = await read(client, "Reading the request", async () => {
    const payer = await signer.getAddress();
    const [request, allowance] = await Promise.all([
      contract.requestOf(id),
      client.currency.allowance(payer, contractAddress),
    ]);
    return { request, payer, allowance };
  });
  const amount = request.amount;
  // A request that is not open (or not this signer's) is refused by the contract with its own error; the
  // allowance only matters for one that can be paid.
  if (PAYMENT_REQUEST_STATUSES[Number(request.status)] !== "open" || allowance >= amount) {
    const result = await sendTransaction(client, "Payment of a request", () => contract.pay(id));
    return { ...result, amount, usedPermit: false };
  }

  const { name, chainId, nonce, now } = await read(client, "Preparing the permit", async () => {
    const [name, network, nonce, block] = await Promise.all([
      client.currency.name(),
      client.provider.getNetwork(),
      client.currency.nonces(payer),
      client.provider.getBlock("latest"),
    ]);
    return { name, chainId: network.chainId, nonce, now: block?.timestamp ?? Math.floor(Date.now() / 1000) };
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
  const { v, r, s } = Signature.from(await signer.signTypedData(domain, types, message));
  const result = await sendTransaction(client, "Payment of a request", () =>
    contract.payWithPermit(id, deadline, v, r, s),
  );
  return { ...result, amount, usedPermit: true };
}
