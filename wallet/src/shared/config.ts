import { parseDeploymentRecord, type DeploymentRecord } from "komuno";

/**
 * What a build serves beside its pages (`currency.json`): the currency's deployment record and the JSON-RPC
 * address wallets use. The same build serves any currency: only this file changes.
 */
export interface WalletConfig {
  deployment: DeploymentRecord;
  rpcUrl: string;
}

export class WalletConfigError extends Error {
  override name = "WalletConfigError";
}

/** Reads `currency.json` from `location` (relative to the page). */
export async function loadWalletConfig(location: string): Promise<WalletConfig> {
  const url = new URL(location, document.baseURI);
  let input: { deployment?: unknown; rpcUrl?: unknown };
  try {
    const response = await fetch(url, { cache: "no-cache" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    input = (await response.json()) as typeof input;
  } catch (error) {
    throw new WalletConfigError(`Cannot read ${url.pathname}: ${(error as Error).message}`);
  }
  if (typeof input.rpcUrl !== "string" || !/^https?:\/\//.test(input.rpcUrl)) {
    throw new WalletConfigError(`${url.pathname}: rpcUrl must be an http(s) address`);
  }
  return { deployment: parseDeploymentRecord(input.deployment, url.pathname), rpcUrl: input.rpcUrl };
}
