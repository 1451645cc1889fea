import type { KomunoClient } from "../client.js";
import { ExtensionNotDeployedError, InvalidInputError } from "../errors.js";
import { read } from "./transactions.js";

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

/**
 * Checks, once per client and contract, that an extension is bound to the client's currency: a permit is only
 * ever signed to the currency's own delegations or payment-request contract, never to an address mistyped in
 * a configuration.
 */
export async function requireBoundExtension(
  client: KomunoClient,
  name: ExtensionName,
  contract: { currency(): Promise<string> },
): Promise<void> {
  const key = `${name}:${client.extensions[name]}`;
  let checked = boundChecks.get(client);
  if (checked === undefined) boundChecks.set(client, (checked = new Set()));
  if (checked.has(key)) return;
  const bound = await read(client, `Reading the ${name} contract`, () => contract.currency());
  if (bound.toLowerCase() !== client.address.toLowerCase()) {
    throw new InvalidInputError(
      `extensions.${name}`,
      `that contract serves the currency ${bound}, not ${client.address}`,
    );
  }
  checked.add(key);
}

const boundChecks = new WeakMap<KomunoClient, Set<string>>();

/** The address of one extension, or ExtensionNotDeployedError. */
export function extensionAddress(client: KomunoClient, name: ExtensionName): string {
  const address = client.extensions[name];
  if (address === undefined) throw new ExtensionNotDeployedError(name);
  return address;
}
