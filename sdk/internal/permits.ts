import type { Signer } from "ethers";

import type { KomunoClient } from "../client.js";
import { permitTypedData } from "../permit.js";
import { signTyped } from "./signing.js";
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
  const typed = await read(client, "Preparing the permit", async () => {
    const [name, nonce, network] = await Promise.all([
      client.currency.name(),
      client.currency.nonces(owner),
      client.provider.getNetwork(),
    ]);
    const deadline = now + lifetime;
    return permitTypedData({
      name,
      chainId: network.chainId,
      verifyingContract: client.address,
      owner,
      spender,
      value,
      nonce,
      deadline,
    });
  });
  const { v, r, s } = await signTyped(signer, what, typed);
  return { deadline: typed.message.deadline, v, r, s };
}
