import type { KomunoClient } from "../client.js";
import { AuthorizationAlreadyUsedError, InvalidInputError } from "../errors.js";
import { read } from "./transactions.js";
import type { CurrencyDomain } from "../transferAuthorization.js";

// What a relayer checks before spending gas on a signed authorization; the chain still has the last word.

/** The authorization was signed for this client's currency, on the chain its node serves, under its name. */
export async function requireSameDomain(client: KomunoClient, signed: CurrencyDomain, what: string): Promise<void> {
  if (signed.currency !== client.address) {
    throw new InvalidInputError(
      `${what}.currency`,
      `signed for the currency ${signed.currency}, not ${client.address}`,
    );
  }
  const [network, name] = await Promise.all([
    read(client, "Connecting", () => client.provider.getNetwork()),
    read(client, "Reading the currency's name", () => client.currency.name()),
  ]);
  if (network.chainId !== BigInt(signed.chainId)) {
    throw new InvalidInputError(
      `${what}.chainId`,
      `signed for chain ${signed.chainId}, but the node serves chain ${network.chainId}`,
    );
  }
  if (signed.name !== name)
    throw new InvalidInputError(`${what}.name`, `the currency is named ${JSON.stringify(name)}`);
}

export async function requireUnused(client: KomunoClient, authorizer: string, nonce: string): Promise<void> {
  const used = await read(client, "Reading the authorization", () =>
    client.currency.authorizationState(authorizer, nonce),
  );
  if (used) throw new AuthorizationAlreadyUsedError(authorizer, nonce);
}
