import type { KomunoClient } from "../../client.js";
import { readCurrencyDomain } from "../../internal/signingDomain.js";
import type { CurrencyDomain } from "../../transferAuthorization.js";

/**
 * The EIP-712 domain the currency checks signatures against (name, version, chain id, address), read from its
 * `eip712Domain()` (EIP-5267). A wallet that signs offline keeps it and passes it to the signing helpers.
 * Fails with UnsupportedSigningDomainError for a domain the SDK cannot sign under, and ChainMismatchError when
 * the node serves another chain than the client's deployment record.
 * @example
 * const domain = await getSigningDomain(client); // { currency, chainId: 46330, name: "Monnaie Libournaise", version: "1" }
 * const authorization = await signTransferAuthorization(offlineWallet, { ...domain, to: shop, value: 1250n, validBefore });
 */
export async function getSigningDomain(client: KomunoClient): Promise<CurrencyDomain> {
  return readCurrencyDomain(client);
}
