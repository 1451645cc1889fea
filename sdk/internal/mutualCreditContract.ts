// The TypeChain binding of the mutual-credit ledger, in its own file for the same reason as contract.ts: a
// wallet bundle never pulls in Hardhat's type augmentations.
import type { KomunoClient } from "../client.js";
import type { MutualCredit } from "../../types/ethers-contracts/contracts/credit/MutualCredit.js";
import { MutualCredit__factory } from "../../types/ethers-contracts/factories/contracts/credit/MutualCredit__factory.js";
import { extensionAddress } from "./extensions.js";

export type { MutualCredit };

/** The client's mutual-credit ledger, or ExtensionNotDeployedError when the currency has none. */
export function mutualCreditOf(client: KomunoClient): MutualCredit {
  return MutualCredit__factory.connect(extensionAddress(client, "mutualCredit"), client.signer ?? client.provider);
}
