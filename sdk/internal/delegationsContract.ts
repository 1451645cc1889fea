import type { KomunoClient } from "../client.js";
import type { Delegations } from "../../types/ethers-contracts/contracts/delegation/Delegations.js";
import { Delegations__factory } from "../../types/ethers-contracts/factories/contracts/delegation/Delegations__factory.js";
import { extensionAddress } from "./extensions.js";

// The TypeChain binding of the Delegations contract, imported from its own files (as in contract.ts) so that a
// wallet bundle never pulls in Hardhat's type augmentations.
export type { Delegations };

/** The currency's Delegations contract, connected to the client's signer (or its provider when read-only). */
export function delegationsOf(client: KomunoClient): Delegations {
  return Delegations__factory.connect(extensionAddress(client, "delegations"), client.signer ?? client.provider);
}
