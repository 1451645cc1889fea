import { randomBytes } from "node:crypto";
import { chmod, mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

import { computeAddress, SigningKey } from "ethers";

import type { CurrencyConfig } from "../../currency/schema.js";
import {
  renderCompose,
  renderGenesis,
  renderGitignore,
  renderNodeConfig,
  renderPermissions,
  renderStaticNodes,
  type NetworkLayout,
  type NodeLayout,
} from "./besuFiles.js";
import { renderReadme } from "./besuReadme.js";
import { ChainGenerationError } from "./errors.js";
import { describeFaultTolerance, qbftFaultTolerance, type QbftFaultTolerance } from "./faultTolerance.js";
import { encodeQbftExtraData } from "./qbftExtraData.js";

export { BESU_IMAGE } from "./besuFiles.js";
export { ChainGenerationError } from "./errors.js";
export { describeFaultTolerance, qbftFaultTolerance, type QbftFaultTolerance } from "./faultTolerance.js";
export { decodeQbftExtraData, encodeQbftExtraData, type QbftExtraData, type QbftVote } from "./qbftExtraData.js";

export interface GenerateBesuNetworkOptions {
  /** Created if missing; must be empty if it exists. */
  outDir: string;
  /** Defaults to one per organisation in `config.network.validators`; extra ones are named `validator-<k>`. */
  validators?: number;
  /** Defaults to `config.network.blockPeriodSeconds`. */
  blockPeriodSeconds?: number;
  /** Defaults to `config.network.emptyBlockPeriodSeconds`. */
  emptyBlockPeriodSeconds?: number;
  /** P2P port of validator-1; the others follow, the RPC node last. Defaults to 30303. */
  firstP2pPort?: number;
  /** JSON-RPC port the RPC node publishes on the host's loopback; validators use the ports after it. Defaults to 8545. */
  rpcPort?: number;
  /** Metrics port of the RPC node on the host's loopback; validators use the ports after it. Defaults to 9545. */
  metricsPort?: number;
}

export interface GeneratedNetwork {
  outDir: string;
  chainId: number;
  validators: GeneratedNode[];
  rpcNode: GeneratedNode;
  rpcUrl: string;
  faultTolerance: QbftFaultTolerance;
  /** Every file written, relative to outDir, sorted. */
  files: string[];
  warnings: string[];
}

export interface GeneratedNode {
  name: string;
  address: string;
  enode: string;
  /** Absolute path of the node's folder. */
  dir: string;
  /** Prometheus endpoint on the host's loopback. */
  metricsUrl: string;
}

// Validators take .11 upwards of the /24, the RPC node .10.
const MAX_VALIDATORS = 243;
// Explicit modes, whatever the umask of whoever generates: Besu runs as another uid (1000) and reads every file
// but the key through "others"; the key goes to that uid at first start (docker-compose.yml, `ownership`).
const KEY_FILE_MODE = 0o600;
const PUBLIC_FILE_MODE = 0o644;
const FOLDER_MODE = 0o755;
const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * Writes a ready-to-run Besu QBFT network for one currency: genesis, node keys and configs, permissioning,
 * docker-compose.yml and a README. Refuses a non-empty outDir and, on failure, leaves outDir as it found it.
 * @example await generateBesuNetwork(parseCurrencyConfig(json), { outDir: "networks/miel" })
 */
export async function generateBesuNetwork(
  config: CurrencyConfig,
  options: GenerateBesuNetworkOptions,
): Promise<GeneratedNetwork> {
  const settings = resolveSettings(config, options);
  const outDir = path.resolve(options.outDir);
  const outDirExisted = await ensureUsableOutDir(outDir);

  const keys = new Map<string, SigningKey>();
  const planNode = (service: string, label: string, kind: NodeLayout["kind"], index: number, ports: Ports) => {
    const key = generateNodeKey();
    keys.set(service, key);
    const nodeId = key.publicKey.slice(4);
    const ip = `${settings.subnetPrefix}.${10 + index}`;
    return {
      service,
      label,
      kind,
      address: computeAddress(key.publicKey),
      nodeId,
      enode: `enode://${nodeId}@${ip}:${ports.p2p}`,
      ip,
      p2pPort: ports.p2p,
      rpcHttpPort: ports.rpc,
      metricsPort: ports.metrics,
      containerName: `komuno-${config.code}-${service}`,
    } satisfies NodeLayout;
  };
  const validators = settings.validatorNames.map((label, i) =>
    planNode(`validator-${i + 1}`, label, "validator", i + 1, {
      p2p: settings.firstP2pPort + i,
      rpc: settings.rpcPort + 1 + i,
      metrics: settings.metricsPort + 1 + i,
    }),
  );
  const rpcNode = planNode("rpc-node", "rpc-node", "rpc", 0, {
    p2p: settings.firstP2pPort + validators.length,
    rpc: settings.rpcPort,
    metrics: settings.metricsPort,
  });

  const layout: NetworkLayout = {
    config,
    blockPeriodSeconds: settings.blockPeriodSeconds,
    emptyBlockPeriodSeconds: settings.emptyBlockPeriodSeconds,
    // Besu's tuning advice starts at twice the block period; the margin avoids round changes when every
    // node shares one loaded machine.
    requestTimeoutSeconds: 2 * settings.blockPeriodSeconds + 2,
    extraData: encodeQbftExtraData(validators.map((v) => v.address)),
    validators,
    rpcNode,
    subnet: `${settings.subnetPrefix}.0/24`,
    composeProject: `komuno-${config.code}`,
  };

  const files = new Map<string, string>([
    ["genesis.json", renderGenesis(layout)],
    ["permissions_config.toml", renderPermissions(layout)],
    ["docker-compose.yml", renderCompose(layout)],
    ["README.md", renderReadme(layout)],
    [".gitignore", renderGitignore()],
  ]);
  for (const n of [...validators, rpcNode]) {
    files.set(`${n.service}/key.pub`, `0x${n.nodeId}\n`);
    files.set(`${n.service}/config.toml`, renderNodeConfig(layout, n));
    files.set(`${n.service}/static-nodes.json`, renderStaticNodes(layout, n));
  }

  try {
    await mkdir(outDir, { recursive: true });
    for (const n of [...validators, rpcNode]) {
      const dir = path.join(outDir, n.service);
      await mkdir(dir);
      await chmod(dir, FOLDER_MODE);
      // One line of 0x-prefixed hex without a newline, as Besu's own KeyPairUtil writes it.
      const keyFile = path.join(dir, "key");
      await writeFile(keyFile, keys.get(n.service)!.privateKey, { mode: KEY_FILE_MODE, flag: "wx" });
      await chmod(keyFile, KEY_FILE_MODE);
    }
    for (const [relative, content] of files) {
      const file = path.join(outDir, relative);
      await writeFile(file, content, { mode: PUBLIC_FILE_MODE, flag: "wx" });
      await chmod(file, PUBLIC_FILE_MODE);
    }
  } catch (cause) {
    await removeWhatWasWritten(outDir, outDirExisted);
    throw new ChainGenerationError(`Could not write the network into ${outDir}.`, {
      details: "Nothing was left behind; check the folder's permissions and free space.",
      cause,
    });
  }

  const summary = (n: NodeLayout): GeneratedNode => ({
    name: n.label,
    address: n.address,
    enode: n.enode,
    dir: path.join(outDir, n.service),
    metricsUrl: `http://127.0.0.1:${n.metricsPort}/metrics`,
  });
  return {
    outDir,
    chainId: config.chainId,
    validators: validators.map(summary),
    rpcNode: summary(rpcNode),
    rpcUrl: `http://127.0.0.1:${rpcNode.rpcHttpPort}`,
    faultTolerance: qbftFaultTolerance(validators.length),
    files: [...files.keys(), ...[...validators, rpcNode].map((n) => `${n.service}/key`)].sort(),
    warnings: settings.warnings,
  };
}

interface Ports {
  p2p: number;
  rpc: number;
  metrics: number;
}

interface Settings {
  validatorNames: string[];
  blockPeriodSeconds: number;
  emptyBlockPeriodSeconds: number;
  firstP2pPort: number;
  rpcPort: number;
  metricsPort: number;
  subnetPrefix: string;
  warnings: string[];
}

function resolveSettings(config: CurrencyConfig, options: GenerateBesuNetworkOptions): Settings {
  const names = config.network.validators;
  const count = options.validators ?? names.length;
  if (!Number.isInteger(count) || count < 1 || count > MAX_VALIDATORS) {
    throw new ChainGenerationError(`Invalid number of validators: ${count}.`, {
      details: `Expected a whole number from 1 to ${MAX_VALIDATORS}.`,
    });
  }
  const blockPeriodSeconds = options.blockPeriodSeconds ?? config.network.blockPeriodSeconds;
  if (!Number.isInteger(blockPeriodSeconds) || blockPeriodSeconds < 1 || blockPeriodSeconds > 60) {
    throw new ChainGenerationError(`Invalid block period: ${blockPeriodSeconds} s.`, {
      details: "Expected a whole number of seconds from 1 to 60.",
    });
  }
  const emptyBlockPeriodSeconds = options.emptyBlockPeriodSeconds ?? config.network.emptyBlockPeriodSeconds;
  if (
    !Number.isInteger(emptyBlockPeriodSeconds) ||
    emptyBlockPeriodSeconds < blockPeriodSeconds ||
    emptyBlockPeriodSeconds > 3_600
  ) {
    throw new ChainGenerationError(`Invalid empty-block period: ${emptyBlockPeriodSeconds} s.`, {
      details: `Expected a whole number of seconds from the block period (${blockPeriodSeconds}) to 3600.`,
    });
  }
  const firstP2pPort = options.firstP2pPort ?? 30303;
  const rpcPort = options.rpcPort ?? 8545;
  const metricsPort = options.metricsPort ?? 9545;
  const ranges = [
    { name: "P2P", first: firstP2pPort },
    { name: "RPC", first: rpcPort },
    { name: "metrics", first: metricsPort },
  ];
  const describe = () => ranges.map((r) => `${r.name} ${r.first}-${r.first + count}`).join(", ");
  const ports = ranges.flatMap((r) => Array.from({ length: count + 1 }, (_, i) => r.first + i));
  if (!ranges.every((r) => Number.isInteger(r.first)) || ports.some((p) => p < 1 || p > 65535)) {
    throw new ChainGenerationError(`Invalid ports: ${describe()}.`, {
      details: `The ${count + 1} ports of each kind must all lie within 1-65535.`,
    });
  }
  if (new Set(ports).size !== ports.length) {
    throw new ChainGenerationError(`The P2P, RPC and metrics ports overlap: ${describe()}.`);
  }

  const tolerance = qbftFaultTolerance(count);
  const warnings: string[] = [];
  if (tolerance.faultyTolerated === 0) warnings.push(describeFaultTolerance(count));
  if (count < names.length) {
    warnings.push(
      `${names.length - count} organisation(s) of network.validators get no validator: ${names.slice(count).join(", ")}.`,
    );
  }

  return {
    validatorNames: Array.from({ length: count }, (_, i) => names[i] ?? `validator-${i + 1}`),
    blockPeriodSeconds,
    emptyBlockPeriodSeconds,
    firstP2pPort,
    rpcPort,
    metricsPort,
    // A private /24 outside Docker's own address pools, derived from the chain id so that two currencies can
    // run on one machine.
    subnetPrefix: `10.${Math.floor(config.chainId / 256) % 256}.${config.chainId % 256}`,
    warnings,
  };
}

/** Returns whether outDir already existed (empty). */
async function ensureUsableOutDir(outDir: string): Promise<boolean> {
  let entries: string[];
  try {
    const info = await stat(outDir);
    if (!info.isDirectory()) throw new ChainGenerationError(`${outDir} exists and is not a folder.`);
    entries = await readdir(outDir);
  } catch (error) {
    if (error instanceof ChainGenerationError) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw new ChainGenerationError(`Cannot read ${outDir}.`, { cause: error });
  }
  if (entries.length > 0) {
    throw new ChainGenerationError(`${outDir} is not empty.`, {
      details: "A network is generated into a new or empty folder, so that no existing key is ever overwritten.",
    });
  }
  return true;
}

async function removeWhatWasWritten(outDir: string, outDirExisted: boolean): Promise<void> {
  if (!outDirExisted) {
    await rm(outDir, { recursive: true, force: true });
    return;
  }
  const entries = await readdir(outDir).catch(() => []);
  await Promise.all(entries.map((entry) => rm(path.join(outDir, entry), { recursive: true, force: true })));
}

function generateNodeKey(): SigningKey {
  for (;;) {
    const candidate = randomBytes(32);
    const scalar = BigInt(`0x${candidate.toString("hex")}`);
    if (scalar > 0n && scalar < SECP256K1_ORDER) return new SigningKey(candidate);
  }
}
