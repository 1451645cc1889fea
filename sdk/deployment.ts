import { getAddress, isAddress } from "ethers";

import { InvalidDeploymentRecordError } from "./errors.js";
import { EXTENSION_NAMES, type ExtensionAddresses, type ExtensionName } from "./internal/extensions.js";

/**
 * What a deployment leaves behind for the SDK and the CLI (`--currency FILE`): where the currency lives and
 * from which block its history starts.
 */
export interface DeploymentRecord {
  format: "komuno-deployment/1";
  code: string;
  name: string;
  symbol: string;
  chainId: number;
  address: string;
  implementation: string;
  deploymentBlock: number;
  deployer: string;
  deployedAt: string;
  /**
   * The JSON-RPC node the currency was deployed through (`komuno deploy --rpc`, the devnet's address): the CLI's
   * node when neither --rpc nor KOMUNO_RPC is given.
   */
  rpcUrl?: string;
  /** The contracts deployed beside the currency (mutual credit, delegations, payment requests). */
  extensions?: ExtensionAddresses;
  /**
   * The timelock that holds the governor role: governor actions are scheduled there and execute after its delay
   * (seconds; the timelock's own `getMinDelay()` is the authority once the delay is changed).
   */
  governance?: { timelock: string; delaySeconds: number };
  /**
   * An upgrade scheduled in the timelock and not executed yet: the implementation and its storage layout, which
   * become `implementation` and `storageLayout` once the chain runs it (see settlePendingUpgrade).
   */
  pendingUpgrade?: { implementation: string; operationId: string; storageLayout: DeploymentRecord["storageLayout"] };
  /**
   * The namespaced storage layout of the implementation in use (see sdk/node/storageLayout.ts): an upgrade
   * is checked against it.
   */
  storageLayout?: Record<string, { label: string; type: string; slot: number; offset: number }[]>;
}

/**
 * Validates a parsed deployment record.
 * @example parseDeploymentRecord(JSON.parse(text), "deployments/miel-46330.json")
 */
export function parseDeploymentRecord(input: unknown, source = "deployment record"): DeploymentRecord {
  const fail = (reason: string): never => {
    throw new InvalidDeploymentRecordError(source, reason);
  };
  if (typeof input !== "object" || input === null) return fail("expected a JSON object");
  const record = input as Record<string, unknown>;
  if (record.format !== "komuno-deployment/1") return fail(`format must be "komuno-deployment/1"`);
  for (const key of ["code", "name", "symbol", "deployedAt"]) {
    if (typeof record[key] !== "string") fail(`${key} must be a string`);
  }
  for (const key of ["chainId", "deploymentBlock"]) {
    if (!Number.isSafeInteger(record[key]) || (record[key] as number) < 0) fail(`${key} must be a whole number`);
  }
  for (const key of ["address", "implementation", "deployer"]) {
    if (typeof record[key] !== "string" || !isAddress(record[key])) fail(`${key} must be an address`);
  }
  const extensions: ExtensionAddresses = {};
  if (record.extensions !== undefined) {
    if (typeof record.extensions !== "object" || record.extensions === null) fail("extensions must be an object");
    const given = record.extensions as Record<string, unknown>;
    for (const [key, value] of Object.entries(given)) {
      if (!(EXTENSION_NAMES as readonly string[]).includes(key)) fail(`extensions.${key} is not a known contract`);
      if (typeof value !== "string" || !isAddress(value)) fail(`extensions.${key} must be an address`);
      extensions[key as ExtensionName] = getAddress(value as string);
    }
  }
  if (record.rpcUrl !== undefined && !isRpcUrl(record.rpcUrl)) {
    fail("rpcUrl must be an http, https, ws or wss address");
  }
  let governance: DeploymentRecord["governance"];
  if (record.governance !== undefined) {
    const given = record.governance as Record<string, unknown>;
    if (typeof given !== "object" || given === null) fail("governance must be an object");
    if (typeof given.timelock !== "string" || !isAddress(given.timelock))
      fail("governance.timelock must be an address");
    if (!Number.isSafeInteger(given.delaySeconds) || (given.delaySeconds as number) < 0) {
      fail("governance.delaySeconds must be a whole number of seconds");
    }
    governance = { timelock: getAddress(given.timelock as string), delaySeconds: given.delaySeconds as number };
  }
  return {
    ...(record as unknown as DeploymentRecord),
    ...(governance === undefined ? {} : { governance }),
    ...(record.extensions === undefined ? {} : { extensions }),
    address: getAddress(record.address as string),
    implementation: getAddress(record.implementation as string),
    deployer: getAddress(record.deployer as string),
  };
}

const RPC_URL = /^(https?|wss?):\/\/\S+$/;

function isRpcUrl(value: unknown): value is string {
  if (typeof value !== "string" || !RPC_URL.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * An RPC address fit for a record that may be committed: without the user, password, query string or
 * fragment that hosted nodes carry keys in.
 * @example publicRpcUrl("https://user:secret@rpc.example/miel?key=abc") // "https://rpc.example/miel"
 */
export function publicRpcUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.username === "" && parsed.password === "" && parsed.search === "" && parsed.hash === "") return url;
  parsed.username = "";
  parsed.password = "";
  parsed.search = "";
  parsed.hash = "";
  const text = parsed.toString();
  return parsed.pathname === "/" && !/^[a-z]+:\/\/[^/?#]*\//i.test(url) ? text.slice(0, -1) : text;
}
