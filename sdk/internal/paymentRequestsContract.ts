import type { KomunoClient } from "../client.js";
import { paymentRequestsAt, type PaymentRequests } from "./contract.js";
import { extensionAddress } from "./extensions.js";

export type { PaymentRequests };

/** The client's payment-request contract, connected to its signer (or provider); ExtensionNotDeployedError if none. */
export function paymentRequestsOf(client: KomunoClient): PaymentRequests {
  return paymentRequestsAt(extensionAddress(client, "paymentRequests"), client.signer ?? client.provider);
}
