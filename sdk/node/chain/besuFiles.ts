import type { CurrencyConfig } from "../../currency/schema.js";
import { GENESIS_FORK_KEYS } from "./hardfork.js";
import { MULTICALL3_GENESIS_ALLOC } from "./multicall3.js";

/**
 * Pure renderers of the files of a Besu QBFT network. They see only public data (addresses, public keys, ports):
 * private keys are written by the generator alone.
 *
 * Every key written was checked against Besu's source (github.com/besu-eth/besu, main of 2026-08-21, after the
 * 26.8.0 tag): config.toml keys against the option classes named beside each group (app/src/main/java/org/
 * hyperledger/besu/cli/...), genesis keys against GenesisConfig, JsonGenesisConfigOptions and JsonBftConfigOptions
 * (config/src/main/java/org/hyperledger/besu/config/), the Docker behaviour against docker/Dockerfile and
 * app/src/main/scripts/besu-entry.sh. test/helpers/besu.ts holds the list with the file each name was read from.
 */

/**
 * Pinned so every organisation runs the same client. 26.9.0 is the first release cut after Besu's fix "BFT
 * (QBFT/IBFT) networks configured with Paris or a later execution fork no longer use the PoS transaction selection
 * timeout" (issue #11005, pull request #11044, merged 2026-08-19, the day after the 26.8.0 tag): before it, a QBFT
 * chain on Shanghai or later (ours runs Cancun) selected transactions for 5 s per block, stretching 2 s blocks
 * under load. 26.8.0 and earlier must not be used.
 */
export const BESU_IMAGE = "hyperledger/besu:26.9.0";

/** The uid of the `besu` user in Besu's image (docker/Dockerfile: `useradd --uid 1000 ... besu`). */
export const BESU_UID = 1000;

/** Where each container sees the network's files (never /opt/besu, which the image owns). */
export const CONTAINER_PATHS = {
  node: "/opt/komuno/node",
  genesis: "/opt/komuno/genesis.json",
  permissions: "/opt/komuno/permissions_config.toml",
  /** Where the one-shot `ownership` service sees every node's folder. */
  nodes: "/opt/komuno/nodes",
} as const;

export const EPOCH_LENGTH = 30_000;
/** 30 million gas, as on Ethereum mainnet: enough for a deployment, small enough to keep block times. */
export const GAS_LIMIT = "0x1C9C380";
/** The value Besu requires in a QBFT genesis ("Configure QBFT consensus"). */
const QBFT_MIX_HASH = "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365";
const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
const ZERO_HASH = "0x" + "00".repeat(32);

export const VALIDATOR_APIS = ["ETH", "NET", "QBFT", "WEB3", "ADMIN", "PERM"];
// The RPC node is the one endpoint apps reach, through a proxy: no API that changes the node itself.
export const RPC_NODE_APIS = ["ETH", "NET", "QBFT", "WEB3"];
const LOOPBACK_HOSTS = ["localhost", "127.0.0.1"];

/**
 * Transaction pool limits. Gas is free, so the pool is the only brake on a sender who floods the chain: first
 * come, first served (the SEQUENCED pool orders equal fees by arrival), each sender at most 5 % of the pool (205 pending
 * transactions, far more than a member, a treasurer's batch or a relayer queues between two blocks), and a
 * transaction still unmined after an hour dropped rather than mined long after its sender gave up on it.
 */
export const TX_POOL = { maxSize: 4_096, limitByAccountPercentage: 0.05, retentionHours: 1 } as const;

/** Docker's json-file log rotation: a node's logs never fill the disk (about 100 MB each at most). */
const LOG_ROTATION = { "max-size": "20m", "max-file": "5" } as const;

/** Peers a node accepts: every node of the network with room for validators and RPC nodes added later. */
const PEER_MARGIN = 10;
const BESU_DEFAULT_MAX_PEERS = 25;

export interface NodeLayout {
  /** Folder name and docker compose service: "validator-1", "rpc-node". */
  service: string;
  /** The organisation running it, or the service name. */
  label: string;
  kind: "validator" | "rpc";
  address: string;
  /** Uncompressed public key without its 0x04 prefix: the enode id. */
  nodeId: string;
  enode: string;
  ip: string;
  p2pPort: number;
  rpcHttpPort: number;
  metricsPort: number;
  containerName: string;
}

export interface NetworkLayout {
  config: CurrencyConfig;
  blockPeriodSeconds: number;
  emptyBlockPeriodSeconds: number;
  requestTimeoutSeconds: number;
  extraData: string;
  validators: NodeLayout[];
  rpcNode: NodeLayout;
  subnet: string;
  composeProject: string;
}

export function renderGenesis(layout: NetworkLayout): string {
  const genesis = {
    config: {
      chainId: layout.config.chainId,
      // Every fork through the chain's own (hardfork.ts) from block 0.
      ...Object.fromEntries(GENESIS_FORK_KEYS.map((key) => [key, 0])),
      // Members hold no ether: with London's base fee, only a zero base fee lets zero-priced transactions in.
      zeroBaseFee: true,
      qbft: {
        blockperiodseconds: layout.blockPeriodSeconds,
        // Without transactions waiting, one block per this period instead of one per block period.
        emptyblockperiodseconds: layout.emptyBlockPeriodSeconds,
        epochlength: EPOCH_LENGTH,
        requesttimeoutseconds: layout.requestTimeoutSeconds,
      },
    },
    nonce: "0x0",
    timestamp: "0x0",
    gasLimit: GAS_LIMIT,
    // Without it, a genesis with London at block 0 gets Besu's default of 1 gwei (GenesisConfig
    // .getGenesisBaseFeePerGas): the genesis header would carry a base fee that no block of this chain charges.
    baseFeePerGas: "0x0",
    difficulty: "0x1",
    mixHash: QBFT_MIX_HASH,
    coinbase: ZERO_ADDRESS,
    parentHash: ZERO_HASH,
    extraData: layout.extraData,
    // Multicall3 at its usual address, so that a wallet reads many balances in one call (sdk wallet.getBalances).
    alloc: MULTICALL3_GENESIS_ALLOC,
  };
  return JSON.stringify(genesis, null, 2) + "\n";
}

/** Paths are the container's (see docker-compose.yml); run outside Docker, change them to local paths. */
export function renderNodeConfig(layout: NetworkLayout, node: NodeLayout): string {
  const { config } = layout;
  const isRpc = node.kind === "rpc";
  const role = isRpc
    ? "RPC node (not a validator): the endpoint wallets, the CLI and the SDK talk to"
    : `validator ${layout.validators.indexOf(node) + 1} of ${layout.validators.length}, run by ${oneLine(node.label)}`;
  const bootnodes = layout.validators.filter((v) => v !== node).map((v) => v.enode);
  const nodeCount = layout.validators.length + 1;
  return [
    `# ${oneLine(config.name)} (${config.symbol}), chain id ${config.chainId}: ${role}.`,
    `# Node address ${node.address}; generated by Komuno for ${BESU_IMAGE}.`,
    "# Every key is a Besu option, checked against Besu's source (the class named above each group); README.md says",
    "# what only a real start shows.",
    "",
    "# BesuCommand",
    `data-path=${toml(`${CONTAINER_PATHS.node}/data`)}`,
    `genesis-file=${toml(CONTAINER_PATHS.genesis)}`,
    `node-private-key-file=${toml(`${CONTAINER_PATHS.node}/key`)}`,
    "",
    "# History for auditors. Besu reads `profile` only from its command line or BESU_PROFILE (ProfileFinder), never",
    "# from this file, so the storage and sync of its ENTERPRISE profile (profiles/enterprise-private.toml) are written",
    "# out. FULL sync executes every block from genesis: the node checks each state change itself instead of taking a",
    "# peer's snapshot. FOREST keeps every past state: a balance can be read at any past block. Both must hold from the",
    "# first start: a node created on Bonsai cannot become Forest without a resync.",
    "# BesuCommand, DataStorageOptions",
    `sync-mode=${toml("FULL")}`,
    `data-storage-format=${toml("FOREST")}`,
    "",
    "# Gas is free, so the transaction pool is the only brake on a flood. The SEQUENCED pool orders equal fees by",
    `# arrival; it holds ${TX_POOL.maxSize} transactions at most, each sender's at most ${TX_POOL.limitByAccountPercentage * 100} % of them, and drops one still unmined`,
    `# after ${TX_POOL.retentionHours} h; whoever submits through this node's RPC gets no priority. A minimum gas price above 0 would`,
    "# silently drop the members' zero-priced transactions. TransactionPoolOptions, MiningOptions",
    `tx-pool=${toml("SEQUENCED")}`,
    `tx-pool-max-size=${TX_POOL.maxSize}`,
    `tx-pool-limit-by-account-percentage=${TX_POOL.limitByAccountPercentage}`,
    `tx-pool-retention-hours=${TX_POOL.retentionHours}`,
    "tx-pool-no-local-priority=true",
    "tx-pool-min-gas-price=0",
    "min-gas-price=0",
    "",
    "# Peers: the address docker-compose.yml gives the container, advertised in this node's enode URL; every other",
    "# node as a bootnode or static node. Nodes only dial each other, so connections a peer opens are not capped (Besu",
    "# otherwise allows them 60 % of its peer slots). BesuCommand, P2PDiscoveryOptions",
    `p2p-host=${toml(node.ip)}`,
    `p2p-port=${node.p2pPort}`,
    `bootnodes=${toml(bootnodes)}`,
    `static-nodes-file=${toml(`${CONTAINER_PATHS.node}/static-nodes.json`)}`,
    `max-peers=${Math.max(BESU_DEFAULT_MAX_PEERS, nodeCount + PEER_MARGIN)}`,
    "remote-connections-limit-enabled=false",
    "",
    ...(isRpc
      ? [
          "# JSON-RPC for wallets: docker-compose.yml publishes it on the host's loopback only, a TLS reverse proxy serves it",
          "# to browsers (README.md). Browsers from the currency file's wallet origins pass the CORS check (Besu reads each",
          "# origin as a regular expression, hence the escaped dots); a request must name this node by a host listed below.",
          "# Browsers open many connections: the ENTERPRISE profile's limit instead of the default 80. JsonRpcHttpOptions,",
          "# BesuCommand (host-allowlist)",
        ]
      : [
          "# JSON-RPC on the container's own loopback: nothing outside the container reaches it (README.md, node_rpc).",
          "# JsonRpcHttpOptions, BesuCommand (host-allowlist)",
        ]),
    "rpc-http-enabled=true",
    // docker-compose.yml restates this address in BESU_RPC_HTTP_HOST, which the image sets to 0.0.0.0 and which
    // would otherwise win over this file.
    `rpc-http-host=${toml(rpcListenHost(node))}`,
    `rpc-http-port=${node.rpcHttpPort}`,
    `rpc-http-api=${toml(isRpc ? RPC_NODE_APIS : VALIDATOR_APIS)}`,
    ...(isRpc && config.network.walletOrigins.length > 0
      ? [`rpc-http-cors-origins=${toml(config.network.walletOrigins.map(originPattern))}`]
      : []),
    `host-allowlist=${toml(isRpc ? [...LOOPBACK_HOSTS, ...config.network.rpcHostnames] : LOOPBACK_HOSTS)}`,
    ...(isRpc ? ["rpc-http-max-active-connections=300"] : []),
    "",
    '# Prometheus metrics, published on the host\'s loopback by docker-compose.yml (README.md, "Metrics"); the metrics',
    "# server checks the Host header against host-allowlist too (MetricsHttpService). MetricsOptions",
    "metrics-enabled=true",
    `metrics-host=${toml("0.0.0.0")}`,
    `metrics-port=${node.metricsPort}`,
    "",
    "# INFO logs each block imported or produced; docker-compose.yml rotates the log files. LoggingLevelOption",
    `logging=${toml("INFO")}`,
    "",
    "# Only the nodes listed in permissions_config.toml may connect; the file is mounted read-only: edit it, then reload",
    '# (README.md). No account allowlist: README.md, "Who may send transactions". PermissionsOptions',
    "permissions-nodes-config-file-enabled=true",
    `permissions-nodes-config-file=${toml(CONTAINER_PATHS.permissions)}`,
    "",
  ].join("\n");
}

/** Where a node's JSON-RPC listens inside its container: the RPC node for its published port, validators never. */
export function rpcListenHost(node: NodeLayout): string {
  return node.kind === "rpc" ? "0.0.0.0" : "127.0.0.1";
}

/** Besu joins its CORS origins into one regular expression (JsonRpcHttpService): a dot must match only a dot. */
export function originPattern(origin: string): string {
  return origin.replace(/[.]/g, "\\.");
}

export function renderStaticNodes(layout: NetworkLayout, node: NodeLayout): string {
  const peers = allNodes(layout).filter((other) => other !== node);
  return JSON.stringify(
    peers.map((peer) => peer.enode),
    null,
    2,
  ).concat("\n");
}

export function renderPermissions(layout: NetworkLayout): string {
  return [
    `# Local permissioning of ${oneLine(layout.config.name)} (${layout.config.symbol}), shared by every node and mounted`,
    "# read-only: edit it here, then have each node reload it (README.md).",
    "",
    "# Nodes that may peer: every validator and the RPC node, at their docker-compose.yml addresses.",
    `nodes-allowlist=${tomlList(allNodes(layout).map((node) => node.enode))}`,
    "",
  ].join("\n");
}

export function renderCompose(layout: NetworkLayout): string {
  const nodes = allNodes(layout);
  const lines = [
    `# ${oneLine(layout.config.name)} (${layout.config.symbol}), chain id ${layout.config.chainId}: Besu QBFT network.`,
    "# Start with `docker compose up -d`; see README.md.",
    `name: ${yaml(layout.composeProject)}`,
    "",
    "services:",
    "  # Besu's image runs Besu as uid 1000, and its entry script hands over only the data folder and the genesis,",
    "  # and only when they exist (besu-entry.sh, BesuCommand --print-paths-and-exit). This one-shot service runs as",
    "  # root before any node: it creates each node's data folder and gives it and the node's key to uid 1000, whoever",
    "  # generated the files; it changes only what uid 1000 does not own yet.",
    "  ownership:",
    `    image: ${yaml(BESU_IMAGE)}`,
    `    user: ${yaml("root")}`,
    `    entrypoint: [${yaml("/bin/sh")}, ${yaml("-c")}]`,
    "    command:",
    "      - >-",
    ...ownershipScript(nodes).map((line, i, all) => `        ${line}${i < all.length - 1 ? " &&" : ""}`),
    "    volumes:",
    ...nodes.map((node) => `      - ${yaml(`./${node.service}:${CONTAINER_PATHS.nodes}/${node.service}`)}`),
    `    restart: ${yaml("no")}`,
    "",
  ];
  for (const node of nodes) {
    const isRpc = node.kind === "rpc";
    const ports = [
      ...(isRpc ? [`127.0.0.1:${node.rpcHttpPort}:${node.rpcHttpPort}`] : []),
      `127.0.0.1:${node.metricsPort}:${node.metricsPort}`,
    ];
    lines.push(
      `  ${node.service}:`,
      `    image: ${yaml(BESU_IMAGE)}`,
      `    container_name: ${yaml(node.containerName)}`,
      "    restart: unless-stopped",
      "    depends_on:",
      "      ownership:",
      "        condition: service_completed_successfully",
      ...(isRpc ? layout.validators.flatMap((v) => [`      ${v.service}:`, "        condition: service_started"]) : []),
      `    command: [${yaml(`--config-file=${CONTAINER_PATHS.node}/config.toml`)}]`,
      "    environment:",
      `      BESU_RPC_HTTP_HOST: ${yaml(rpcListenHost(node))} # as in config.toml: the image sets it, and it wins over the file`,
      "    volumes:",
      `      - ${yaml(`./${node.service}:${CONTAINER_PATHS.node}`)}`,
      `      - ${yaml(`./genesis.json:${CONTAINER_PATHS.genesis}:ro`)}`,
      `      - ${yaml(`./permissions_config.toml:${CONTAINER_PATHS.permissions}:ro`)}`,
      "    ports: # the host's loopback only",
      ...ports.map((port) => `      - ${yaml(port)}`),
      "    logging:",
      `      driver: ${yaml("json-file")}`,
      "      options:",
      ...Object.entries(LOG_ROTATION).map(([key, value]) => `        ${key}: ${yaml(value)}`),
      "    networks:",
      "      chain:",
      `        ipv4_address: ${yaml(node.ip)}`,
      "",
    );
  }
  lines.push("networks:", "  chain:", "    ipam:", "      config:", `        - subnet: ${yaml(layout.subnet)}`, "");
  return lines.join("\n");
}

/**
 * No `$` anywhere: docker compose would read it as a variable. `find ! -user` touches only what is not uid 1000's
 * yet, so a restart does not walk the whole chain database again.
 */
function ownershipScript(nodes: NodeLayout[]): string[] {
  return nodes.flatMap((node) => {
    const dir = `${CONTAINER_PATHS.nodes}/${node.service}`;
    return [
      `mkdir -p ${dir}/data`,
      `find ${dir}/data ${dir}/key ! -user ${BESU_UID} -exec chown ${BESU_UID}:${BESU_UID} {} +`,
      `chmod 700 ${dir}/data`,
      `chmod 600 ${dir}/key`,
    ];
  });
}

export function renderGitignore(): string {
  return ["# Node private keys and chain data never go into a repository.", "*/key", "*/data/", ""].join("\n");
}

export function allNodes(layout: NetworkLayout): NodeLayout[] {
  return [...layout.validators, layout.rpcNode];
}

// JSON strings, numbers and arrays of them are valid TOML and YAML values: one escaping rule for all three files.
function toml(value: string | string[]): string {
  return JSON.stringify(value);
}

function tomlList(values: string[]): string {
  return values.length === 0 ? "[]" : `[\n${values.map((v) => `  ${JSON.stringify(v)}`).join(",\n")}\n]`;
}

function yaml(value: string): string {
  return JSON.stringify(value);
}

export function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ");
}
