import { getAddress } from "ethers";

import type { KomunoClient } from "../client.js";
import { ChainMismatchError, UnsupportedSigningDomainError } from "../errors.js";
import type { CurrencyDomain } from "../transferAuthorization.js";
import { read } from "./transactions.js";

// EIP-5267's bit map of the domain fields in use: name, version, chainId and verifyingContract; no salt.
const NAME_VERSION_CHAIN_CONTRACT = 0x0f;

/**
 * The EIP-712 domain the currency checks signatures against, read from its `eip712Domain()` (EIP-5267) rather
 * than assumed: an upgrade that changes the name or the version changes what must be signed, and a signature
 * under a stale domain would only fail on chain, after a relayer paid for it.
 */
export async function readCurrencyDomain(client: KomunoClient): Promise<CurrencyDomain> {
  const [fields, name, version, chainId, verifyingContract, , extensions] = await read(
    client,
    "Reading the currency's signing domain",
    () => client.currency.eip712Domain(),
  );
  if (Number(fields) !== NAME_VERSION_CHAIN_CONTRACT) {
    throw new UnsupportedSigningDomainError(
      client.address,
      `its fields are ${fields}, not 0x0f (name, version, chain id and verifying contract, without salt)`,
    );
  }
  if (extensions.length > 0) {
    throw new UnsupportedSigningDomainError(client.address, `it declares EIP-712 extensions ${extensions.join(", ")}`);
  }
  if (getAddress(verifyingContract) !== client.address) {
    throw new UnsupportedSigningDomainError(client.address, `its verifying contract is ${verifyingContract}`);
  }
  if (client.chainId !== undefined && chainId !== BigInt(client.chainId)) {
    throw new ChainMismatchError(client.chainId, Number(chainId));
  }
  return { currency: client.address, chainId: Number(chainId), name, version };
}
