import { expect } from "chai";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/**
 * The Besu options Komuno writes or tells an operator to pass, each with the source file that declares it, as read
 * in github.com/besu-eth/besu at main of 2026-08-21 (683880b) and checked present at the 26.8.0 tag. Paths are
 * under app/src/main/java/org/hyperledger/besu/cli/. A name not in this list was never checked: the tests refuse it.
 */
export const BESU_OPTIONS: Record<string, string> = {
  "data-path": "BesuCommand.java",
  "genesis-file": "BesuCommand.java",
  "node-private-key-file": "BesuCommand.java (options/NodePrivateKeyFileOption.java)",
  "sync-mode": "BesuCommand.java",
  "static-nodes-file": "BesuCommand.java",
  "host-allowlist": "BesuCommand.java",
  "data-storage-format": "options/storage/DataStorageOptions.java",
  "tx-pool": "options/TransactionPoolOptions.java",
  "tx-pool-no-local-priority": "options/TransactionPoolOptions.java",
  "tx-pool-min-gas-price": "options/TransactionPoolOptions.java",
  // The Sequenced group of TransactionPoolOptions: refused with the layered pool, and the other way round.
  "tx-pool-max-size": "options/TransactionPoolOptions.java (Sequenced)",
  "tx-pool-limit-by-account-percentage": "options/TransactionPoolOptions.java (Sequenced)",
  "tx-pool-retention-hours": "options/TransactionPoolOptions.java (Sequenced)",
  "min-gas-price": "options/MiningOptions.java",
  "p2p-host": "options/P2PDiscoveryOptions.java",
  "p2p-port": "options/P2PDiscoveryOptions.java",
  bootnodes: "options/P2PDiscoveryOptions.java",
  "max-peers": "options/P2PDiscoveryOptions.java",
  "remote-connections-limit-enabled": "options/P2PDiscoveryOptions.java",
  "rpc-http-enabled": "options/JsonRpcHttpOptions.java",
  "rpc-http-host": "options/JsonRpcHttpOptions.java",
  "rpc-http-port": "options/JsonRpcHttpOptions.java",
  "rpc-http-api": "options/JsonRpcHttpOptions.java",
  "rpc-http-cors-origins": "options/JsonRpcHttpOptions.java",
  "rpc-http-max-active-connections": "options/JsonRpcHttpOptions.java",
  "rpc-http-tls-enabled": "options/JsonRpcHttpOptions.java",
  "rpc-http-authentication-enabled": "options/JsonRpcHttpOptions.java",
  "metrics-enabled": "options/MetricsOptions.java",
  "metrics-host": "options/MetricsOptions.java",
  "metrics-port": "options/MetricsOptions.java",
  logging: "options/LoggingLevelOption.java",
  "permissions-nodes-config-file-enabled": "options/PermissionsOptions.java",
  "permissions-nodes-config-file": "options/PermissionsOptions.java",
  // Command line only.
  "config-file": "DefaultCommandValues.java (CONFIG_FILE_OPTION_NAME)",
  version: "BesuCommand.java (mixinStandardHelpOptions)",
};

/** Besu subcommands the README runs, with their own options (app/.../cli/subcommands/). */
export const BESU_SUBCOMMANDS: Record<string, { options: string[]; source: string }> = {
  "validate-config": { options: ["config-file"], source: "subcommands/ValidateConfigSubCommand.java" },
  "public-key export": { options: ["to"], source: "subcommands/PublicKeySubCommand.java (ExportSubCommand)" },
  "public-key export-address": { options: ["to"], source: "subcommands/PublicKeySubCommand.java (AddressSubCommand)" },
};

/** Options of the layered pool (TransactionPoolOptions.Layered): Besu refuses them beside `tx-pool=SEQUENCED`. */
export const LAYERED_POOL_OPTIONS = [
  "tx-pool-layer-max-capacity",
  "tx-pool-max-prioritized",
  "tx-pool-max-prioritized-by-type",
  "tx-pool-max-future-by-sender",
  "tx-pool-min-score",
  "tx-pool-enable-balance-check",
];

/**
 * The genesis keys Besu reads (config/src/main/java/org/hyperledger/besu/config/): GenesisConfig and
 * GenesisReader for the top level and `alloc`, JsonGenesisConfigOptions for `config`, JsonBftConfigOptions for
 * `config.qbft`. Besu lowercases keys before reading them.
 */
export const BESU_GENESIS_KEYS = {
  top: [
    "config",
    "alloc",
    "nonce",
    "timestamp",
    "gaslimit",
    "basefeepergas",
    "difficulty",
    "mixhash",
    "coinbase",
    "parenthash",
    "extradata",
  ],
  config: [
    "chainid",
    "homesteadblock",
    "eip150block",
    "eip158block",
    "byzantiumblock",
    "constantinopleblock",
    "constantinoplefixblock",
    "istanbulblock",
    "berlinblock",
    "londonblock",
    "shanghaitime",
    "cancuntime",
    "zerobasefee",
    "qbft",
  ],
  qbft: ["blockperiodseconds", "emptyblockperiodseconds", "epochlength", "requesttimeoutseconds"],
  alloc: ["balance", "code", "nonce", "storage"],
};

export async function readJson(file: string): Promise<any> {
  return JSON.parse(await readFile(file, "utf8"));
}

/**
 * Reads the TOML the generator writes: `key=value` lines whose values (strings, numbers, booleans, arrays,
 * possibly over several lines) are also JSON. Comments and blank lines are skipped.
 */
export async function readToml(file: string): Promise<Record<string, any>> {
  const entries: Record<string, any> = {};
  let pending = "";
  for (const line of (await readFile(file, "utf8")).split("\n").map((l) => l.trim())) {
    if (pending === "" && (line === "" || line.startsWith("#"))) continue;
    pending += line;
    const separator = pending.indexOf("=");
    const value = pending.slice(separator + 1);
    if (count(value, "[") === count(value, "]")) {
      const key = pending.slice(0, separator);
      expect(entries, `${key} twice in ${file}`).to.not.have.property(key);
      entries[key] = JSON.parse(value);
      pending = "";
    }
  }
  expect(pending, `unterminated value in ${file}`).to.equal("");
  return entries;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

export async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(path.join(dir, entry.name), relative)));
    else files.push(relative);
  }
  return files.sort();
}

/** The services of the generated docker-compose.yml (two-space keys under `services:`). */
export function composeServices(compose: string): string[] {
  const section = compose.slice(compose.indexOf("\nservices:\n"), compose.indexOf("\nnetworks:\n"));
  return [...section.matchAll(/^ {2}([a-z0-9-]+):$/gm)].map((match) => match[1]);
}

/** One service's block of the generated docker-compose.yml. */
export function composeService(compose: string, service: string): string {
  const start = compose.indexOf(`\n  ${service}:\n`);
  expect(start, `service ${service}`).to.be.greaterThan(-1);
  const rest = compose.slice(start + 1);
  const end = rest.slice(1).search(/\n(?: {2}[a-z0-9-]+:|networks:)\n/);
  return end === -1 ? rest : rest.slice(0, end + 1);
}
