import type { KomunoClient } from "../client.js";
import { AuthorizationAlreadyUsedError, InvalidInputError } from "../errors.js";
import { readCurrencyDomain } from "./signingDomain.js";
import { read } from "./transactions.js";
import type { CurrencyDomain } from "../transferAuthorization.js";

// What a relayer checks before spending gas on a signed authorization; the chain still has the last word.

/**
 * The authorization was signed under this client's currency's EIP-712 domain as the chain reports it now: its
 * address, the chain its node serves, its name and its domain version.
 */
export async function requireSameDomain(client: KomunoClient, signed: CurrencyDomain, what: string): Promise<void> {
  if (signed.currency !== client.address) {
    throw new InvalidInputError(
      `${what}.currency`,
      `signed for the currency ${signed.currency}, not ${client.address}`,
    );
  }
  const domain = await readCurrencyDomain(client);
  if (BigInt(domain.chainId) !== BigInt(signed.chainId)) {
    throw new InvalidInputError(
      `${what}.chainId`,
      `signed for chain ${signed.chainId}, but the node serves chain ${domain.chainId}`,
    );
  }
  if (signed.name !== domain.name) {
    throw new InvalidInputError(`${what}.name`, `the currency is named ${JSON.stringify(domain.name)}`);
  }
  if (signed.version !== domain.version) {
    throw new InvalidInputError(
      `${what}.version`,
      `signed under domain version ${JSON.stringify(signed.version)}, but the currency signs under ${JSON.stringify(domain.version)}`,
    );
  }
}

export async function requireUnused(client: KomunoClient, authorizer: string, nonce: string): Promise<void> {
  const used = await read(client, "Reading the authorization", () =>
    client.currency.authorizationState(authorizer, nonce),
  );
  if (used) throw new AuthorizationAlreadyUsedError(authorizer, nonce);
}
