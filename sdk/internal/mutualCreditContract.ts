import type { KomunoClient } from "../client.js";
import { mutualCreditAt, type MutualCredit } from "./contract.js";
import { extensionAddress } from "./extensions.js";

export type { MutualCredit };

/** The client's mutual-credit ledger, or ExtensionNotDeployedError when the currency has none. */
export function mutualCreditOf(client: KomunoClient): MutualCredit {
  return mutualCreditAt(extensionAddress(client, "mutualCredit"), client.signer ?? client.provider);
}
