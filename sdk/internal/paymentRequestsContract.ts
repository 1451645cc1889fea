import type { KomunoClient } from "../client.js";
import type { PaymentRequests } from "../../types/ethers-contracts/contracts/requests/PaymentRequests.js";
import { PaymentRequests__factory } from "../../types/ethers-contracts/factories/contracts/requests/PaymentRequests__factory.js";
import { extensionAddress } from "./extensions.js";

// The TypeChain binding of the payment-request contract, imported from its own file (as contract.ts does) so
// that a wallet bundle never pulls in Hardhat's type augmentations.
export type { PaymentRequests };

/** The client's payment-request contract, connected to its signer (or provider); ExtensionNotDeployedError if none. */
export function paymentRequestsOf(client: KomunoClient): PaymentRequests {
  return PaymentRequests__factory.connect(
    extensionAddress(client, "paymentRequests"),
    client.signer ?? client.provider,
  );
}
