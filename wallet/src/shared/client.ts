import { connectCurrency, createRpcProvider, type KomunoClient } from "komuno";
import type { Signer } from "ethers";

import type { WalletConfig } from "./config.js";

/** A client of the configured currency: read-only, or sending with `signer`. */
export function currencyClient(config: WalletConfig, signer?: Signer): KomunoClient {
  const provider = createRpcProvider(config.rpcUrl);
  return connectCurrency({
    provider,
    signer: signer?.provider ? signer : signer?.connect(provider),
    currency: config.deployment,
    rpcUrl: config.rpcUrl,
  });
}
