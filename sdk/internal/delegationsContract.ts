import type { KomunoClient } from "../client.js";
import { delegationsAt, type Delegations } from "./contract.js";
import { extensionAddress } from "./extensions.js";

export type { Delegations };

/** The currency's Delegations contract, connected to the client's signer (or its provider when read-only). */
export function delegationsOf(client: KomunoClient): Delegations {
  return delegationsAt(extensionAddress(client, "delegations"), client.signer ?? client.provider);
}
