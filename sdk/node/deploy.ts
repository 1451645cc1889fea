import { spawn } from "node:child_process";
import path from "node:path";

import { BaseError } from "../errors.js";
import { readCurrencyConfig } from "./deploymentFiles.js";
import { repositoryRoot } from "./repository.js";

export class DeploymentError extends BaseError {
  override name = "DeploymentError";
}

export interface DeployOptions {
  currencyFile: string;
  rpcUrl: string;
  /** The deployer's private key; without it, the node's unlocked account deploys (development nodes). */
  deployerKey?: string;
  /** Where to write the deployment record (default deployments/<code>-<chainId>.json). */
  out?: string;
}

/**
 * Deploys a currency file through Hardhat Ignition (scripts/deploy.ts, the same code as the tests and the
 * devnet). The key reaches Hardhat through the environment of the child process, never its arguments.
 */
export async function deployCurrencyFile(options: DeployOptions): Promise<{ record: string; address: string }> {
  const config = await readCurrencyConfig(options.currencyFile); // refuse a bad file before anything is sent
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KOMUNO_RPC: options.rpcUrl,
    KOMUNO_CURRENCY_FILE: path.resolve(options.currencyFile),
    ...(options.out ? { KOMUNO_DEPLOYMENT_OUT: path.resolve(options.out) } : {}),
    ...(options.deployerKey ? { KOMUNO_DEPLOYER_KEY: options.deployerKey } : {}),
  };
  const root = repositoryRoot("Deploying a currency");
  const hardhat = path.join(root, "node_modules", "hardhat", "dist", "src", "cli.js");
  const network = options.deployerKey ? "komuno" : "komunoUnlocked";
  const child = spawn(process.execPath, [hardhat, "run", "--network", network, "scripts/deploy.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const last = stdout.trim().split("\n").pop() ?? "";
  if (code !== 0 || !last.startsWith("{")) {
    const reason = (stderr + stdout).split("\n").find((line) => /Error|error/.test(line)) ?? `exit code ${code}`;
    throw new DeploymentError(`Deploying ${config.code} failed.`, { details: reason.trim() });
  }
  return JSON.parse(last) as { record: string; address: string };
}
