import type { KomunoClient } from "../client.js";
import { ExtensionNotDeployedError } from "../errors.js";

/**
 * The contracts deployed beside a currency, each bound to it: they read its roles, members and pause switch,
 * and move its money only through `transferFrom`, so every payment rule stays in the currency's ledger.
 */
export interface ExtensionAddresses {
  mutualCredit?: string;
  delegations?: string;
  paymentRequests?: string;
}

export type ExtensionName = keyof ExtensionAddresses;

export const EXTENSION_NAMES: readonly ExtensionName[] = ["mutualCredit", "delegations", "paymentRequests"];

/** The address of one extension, or ExtensionNotDeployedError. */
export function extensionAddress(client: KomunoClient, name: ExtensionName): string {
  const address = client.extensions[name];
  if (address === undefined) throw new ExtensionNotDeployedError(name);
  return address;
}
