import type { Signer } from "ethers";

import type { KomunoClient } from "../client.js";
import { permitTypedData } from "../permit.js";
import { signTyped } from "./signing.js";
import { readCurrencyDomain } from "./signingDomain.js";
import { read } from "./transactions.js";

/**
 * Signs, as `signer` (the owner), an EIP-2612 permit of the currency letting `spender` move `value`, valid for
 * `lifetime` seconds of the chain's own time from `now` (the clock the currency checks the deadline against).
 */
export async function signCurrencyPermit(
  client: KomunoClient,
  signer: Signer,
  params: { owner: string; spender: string; value: bigint; now: bigint; lifetime: bigint; what: string },
): Promise<{ deadline: bigint; v: number; r: string; s: string }> {
  const { owner, spender, value, now, lifetime, what } = params;
  const [domain, nonce] = await Promise.all([
    readCurrencyDomain(client),
    read(client, "Preparing the permit", () => client.currency.nonces(owner)),
  ]);
  const typed = permitTypedData({
    name: domain.name,
    version: domain.version,
    chainId: domain.chainId,
    verifyingContract: domain.currency,
    owner,
    spender,
    value,
    nonce,
    deadline: now + lifetime,
  });
  const { v, r, s } = await signTyped(signer, what, typed);
  return { deadline: typed.message.deadline, v, r, s };
}
