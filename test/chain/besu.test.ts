import { expect } from "chai";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { encodeRlp, getAddress, SigningKey, Wallet } from "ethers";

import { parseCurrencyConfig } from "../../sdk/currency/schema.js";
import {
  ChainGenerationError,
  decodeQbftExtraData,
  encodeQbftExtraData,
  generateBesuNetwork,
  type GeneratedNetwork,
} from "../../sdk/node/chain/besu.js";

const miel = parseCurrencyConfig(JSON.parse(readFileSync("currencies/miel.json", "utf8")), "currencies/miel.json");

// Besu documentation, "Configure QBFT consensus", section "Generate extra data": the validators of toEncode.json
// (in the order the page lists them) and the RLP string `besu rlp encode --type=QBFT_EXTRA_DATA` printed.
const DOCUMENTED_VALIDATORS = [
  "0x4592c8e45706cc08b8f44b11e43cba0cfc5892cb",
  "0x06e23768a0f59cf365e18c2e0c89e151bcdedc70",
  "0xc5327f96ee02d7bcbc1bf1236b8c15148971e1de",
  "0xab5e7f4061c605820d3744227eed91ff8e2c8908",
];
const DOCUMENTED_EXTRA_DATA =
  "0xf87aa00000000000000000000000000000000000000000000000000000000000000000f854944592c8e45706cc08b8f44b11e43cba0cfc" +
  "5892cb9406e23768a0f59cf365e18c2e0c89e151bcdedc7094c5327f96ee02d7bcbc1bf1236b8c15148971e1de94ab5e7f4061c605820d" +
  "3744227eed91ff8e2c8908c080c0";
// Same page, genesis for contract validator selection: no validator in extraData.
const DOCUMENTED_EMPTY_EXTRA_DATA = "0xe5a00000000000000000000000000000000000000000000000000000000000000000c0c080c0";

describe("Besu QBFT extraData", function () {
  it("decodes the extraData of Besu's documentation into its validators, no vote, round 0 and no seal", function () {
    expect(decodeQbftExtraData(DOCUMENTED_EXTRA_DATA)).to.deep.equal({
      vanity: "0x" + "00".repeat(32),
      validators: DOCUMENTED_VALIDATORS.map((v) => getAddress(v)),
      vote: null,
      round: 0,
      seals: [],
    });
  });

  it("encodes the documented validators byte for byte, sorted ascending as Besu validates headers", function () {
    // Built by hand from the documented layout: list header (0xf87a), 32-byte vanity (0xa0 + zeros), validator
    // list header (0xf854), 21-byte items (0x94 + address), empty vote list (0xc0), round 0 (0x80), no seals (0xc0).
    const items = [...DOCUMENTED_VALIDATORS].sort().map((v) => "94" + v.slice(2));
    const expected = "0xf87a" + "a0" + "00".repeat(32) + "f854" + items.join("") + "c0" + "80" + "c0";
    expect(encodeQbftExtraData(DOCUMENTED_VALIDATORS)).to.equal(expected);
    expect(expected.length).to.equal(DOCUMENTED_EXTRA_DATA.length);
    expect(encodeQbftExtraData([...DOCUMENTED_VALIDATORS].sort().reverse())).to.equal(expected);
  });

  it("encodes an empty validator list exactly as the documented contract-selection genesis", function () {
    expect(encodeQbftExtraData([])).to.equal(DOCUMENTED_EMPTY_EXTRA_DATA);
  });

  it("round-trips checksummed and lowercase addresses alike", function () {
    const addresses = Array.from({ length: 7 }, () => Wallet.createRandom().address);
    const decoded = decodeQbftExtraData(encodeQbftExtraData(addresses.map((a) => a.toLowerCase())));
    expect(decoded.validators).to.deep.equal([...addresses].sort(byBytes));
  });

  it("reads a vote and seals from a later header", function () {
    const recipient = Wallet.createRandom().address;
    const seal = "0x" + "ab".repeat(65);
    const header = encodeRlp(["0x" + "00".repeat(32), [], [recipient, "0xff"], "0x03", [seal]]);
    expect(decodeQbftExtraData(header)).to.deep.include({ vote: { recipient, add: true }, round: 3, seals: [seal] });
    const drop = encodeRlp(["0x" + "00".repeat(32), [], [recipient, "0x"], "0x", []]);
    expect(decodeQbftExtraData(drop).vote).to.deep.equal({ recipient, add: false });
  });

  it("rejects a bad address, a duplicate validator and malformed extraData with its typed error", function () {
    const address = Wallet.createRandom().address;
    expect(() => encodeQbftExtraData(["0x1234"])).to.throw(ChainGenerationError, "Invalid validator address");
    expect(() => encodeQbftExtraData([address, address.toLowerCase()])).to.throw(ChainGenerationError, "twice");
    expect(() => decodeQbftExtraData("0x1234")).to.throw(ChainGenerationError, "Invalid QBFT extraData");
    expect(() => decodeQbftExtraData(encodeRlp(["0x00", [], [], "0x", []]))).to.throw(ChainGenerationError, "vanity");
  });
});

describe("Besu QBFT network generation", function () {
  let tmp: string;

  beforeEach(async function () {
    tmp = await mkdtemp(path.join(os.tmpdir(), "komuno-besu-"));
  });

  afterEach(async function () {
    await rm(tmp, { recursive: true, force: true });
  });

  describe("for miel's four validators", function () {
    let network: GeneratedNetwork;
    let outDir: string;
    const validatorDirs = ["validator-1", "validator-2", "validator-3", "validator-4"];
    const nodeDirs = [...validatorDirs, "rpc-node"];

    beforeEach(async function () {
      outDir = path.join(tmp, "miel");
      network = await generateBesuNetwork(miel, { outDir });
    });

    it("names one validator per organisation and returns the RPC URL, without warning", function () {
      expect(network.chainId).to.equal(46330);
      expect(network.outDir).to.equal(outDir);
      expect(network.rpcUrl).to.equal("http://127.0.0.1:8545");
      expect(network.validators.map((v) => v.name)).to.deep.equal(miel.network.validators);
      expect(network.validators.map((v) => v.dir)).to.deep.equal(validatorDirs.map((d) => path.join(outDir, d)));
      expect(network.warnings).to.deep.equal([]);
    });

    it("writes a genesis with the currency's chain id, free gas, the QBFT settings and every fork through Cancun", async function () {
      const genesis = await readJson(path.join(outDir, "genesis.json"));
      expect(genesis.config).to.deep.include({
        chainId: 46330,
        berlinBlock: 0,
        londonBlock: 0,
        shanghaiTime: 0,
        cancunTime: 0,
        zeroBaseFee: true,
      });
      expect(genesis.config.qbft.blockperiodseconds).to.equal(2);
      expect(genesis.config.qbft.epochlength).to.equal(30000);
      expect(genesis.config.qbft.requesttimeoutseconds).to.be.greaterThan(2 * 2);
      expect(genesis).to.deep.include({ difficulty: "0x1", gasLimit: "0x1C9C380", alloc: {} });
    });

    it("puts exactly the addresses of the generated validator keys, sorted, in extraData", async function () {
      const genesis = await readJson(path.join(outDir, "genesis.json"));
      const keyAddresses = await Promise.all(validatorDirs.map(async (d) => new Wallet(await readKey(d)).address));
      const extraData = decodeQbftExtraData(genesis.extraData);
      expect(extraData.validators).to.deep.equal([...keyAddresses].sort(byBytes));
      expect(extraData).to.deep.include({ vote: null, round: 0, seals: [] });
      expect(network.validators.map((v) => v.address)).to.deep.equal(keyAddresses);

      const rpcAddress = new Wallet(await readKey("rpc-node")).address;
      expect(extraData.validators).to.not.include(rpcAddress);
      expect(network.rpcNode.address).to.equal(rpcAddress);
    });

    it("writes each node key as 0x-prefixed hex readable by its owner only", async function () {
      for (const dir of nodeDirs) {
        const file = path.join(outDir, dir, "key");
        expect((await stat(file)).mode & 0o777, file).to.equal(0o600);
        expect(await readFile(file, "utf8")).to.match(/^0x[0-9a-f]{64}$/);
        const key = new SigningKey(await readKey(dir));
        expect((await readFile(path.join(outDir, dir, "key.pub"), "utf8")).trim()).to.equal(
          "0x" + key.publicKey.slice(4),
        );
      }
    });

    it("configures every node for loopback RPC, free gas, permissioning and its own P2P port", async function () {
      const configs = await Promise.all(nodeDirs.map((d) => readToml(path.join(outDir, d, "config.toml"))));
      for (const config of configs) {
        expect(config["rpc-http-enabled"]).to.equal(true);
        expect(config["rpc-http-host"]).to.equal("127.0.0.1");
        expect(config["rpc-http-api"]).to.include.members(["ETH", "NET", "QBFT", "WEB3"]);
        expect(config["host-allowlist"]).to.deep.equal(["localhost", "127.0.0.1"]);
        expect(config["min-gas-price"]).to.equal(0);
        expect(config["permissions-nodes-config-file-enabled"]).to.equal(true);
        expect(config["permissions-accounts-config-file-enabled"]).to.equal(true);
        expect(config["permissions-nodes-config-file"]).to.equal("/opt/komuno/permissions_config.toml");
        expect(config["permissions-accounts-config-file"]).to.equal("/opt/komuno/permissions_config.toml");
        expect(config["genesis-file"]).to.equal("/opt/komuno/genesis.json");
        expect(config["node-private-key-file"]).to.equal("/opt/komuno/node/key");
        expect(config["data-path"]).to.equal("/opt/komuno/node/data");
      }
      const p2pPorts = configs.map((c) => c["p2p-port"]);
      expect(p2pPorts).to.deep.equal([30303, 30304, 30305, 30306, 30307]);
      expect(new Set(configs.map((c) => c["rpc-http-port"])).size).to.equal(nodeDirs.length);
      expect(configs[4]["rpc-http-port"]).to.equal(8545);
      // Only validators may change their own allowlists at run time.
      expect(configs[0]["rpc-http-api"]).to.include("PERM");
      expect(configs[4]["rpc-http-api"]).to.not.include.members(["PERM", "ADMIN"]);
    });

    it("allowlists the enode of every node, and connects each node to all the others", async function () {
      const enodes = await Promise.all(nodeDirs.map(enodeFromFiles));
      expect(enodes).to.deep.equal([...network.validators, network.rpcNode].map((n) => n.enode));

      const permissions = await readToml(path.join(outDir, "permissions_config.toml"));
      expect(permissions["nodes-allowlist"]).to.deep.equal(enodes);

      for (const [i, dir] of nodeDirs.entries()) {
        const others = enodes.filter((_, j) => j !== i);
        expect(await readJson(path.join(outDir, dir, "static-nodes.json"))).to.deep.equal(others);
        const config = await readToml(path.join(outDir, dir, "config.toml"));
        expect(config.bootnodes).to.deep.equal(enodes.slice(0, 4).filter((_, j) => j !== i));
      }
    });

    it("allows the governor, every role holder and the fee account to send transactions", async function () {
      const permissions = await readToml(path.join(outDir, "permissions_config.toml"));
      const { governor, roles, feeAccount } = miel;
      const expected = [governor, ...Object.values(roles).flat(), feeAccount].map((a) => a.toLowerCase());
      expect(permissions["accounts-allowlist"]).to.have.members([...new Set(expected)]);
    });

    it("runs every node with docker compose and publishes only the RPC node, on the host's loopback", async function () {
      const compose = await readFile(path.join(outDir, "docker-compose.yml"), "utf8");
      expect(compose).to.include('image: "hyperledger/besu:26.9.0"');
      for (const dir of nodeDirs) {
        expect(compose).to.include(`\n  ${dir}:\n`);
        expect(compose).to.include(`"./${dir}:/opt/komuno/node"`);
        expect(compose).to.include(`container_name: "komuno-miel-${dir}"`);
      }
      const portLines = compose.split("\n").filter((line) => /^\s+- "[\d.:]+"$/.test(line));
      expect(portLines.map((line) => line.trim())).to.deep.equal(['- "127.0.0.1:8545:8545"']);
      expect(compose.match(/^\s+ports:$/gm)).to.have.length(1);
      const validatorHosts = compose.match(/BESU_RPC_HTTP_HOST: "127\.0\.0\.1"/g);
      expect(validatorHosts).to.have.length(4);
    });

    it("documents how to start, check blocks, add a validator and deploy the currency", async function () {
      const readme = await readFile(path.join(outDir, "README.md"), "utf8");
      expect(readme).to.include("docker compose up -d");
      expect(readme).to.include("eth_blockNumber");
      expect(readme).to.include("http://127.0.0.1:8545");
      expect(readme).to.include("qbft_proposeValidatorVote");
      expect(readme).to.include("nodes-allowlist");
      expect(readme).to.include("npx komuno deploy currencies/miel.json --rpc http://127.0.0.1:8545");
    });

    it("lists every file it wrote and never puts a private key anywhere but the key files", async function () {
      const written = await listFiles(outDir);
      expect(network.files).to.deep.equal(written);
      const secrets = await Promise.all(nodeDirs.map(async (d) => (await readKey(d)).slice(2)));
      const exposed = [JSON.stringify(network)];
      for (const file of written.filter((f) => path.basename(f) !== "key")) {
        exposed.push(await readFile(path.join(outDir, file), "utf8"));
      }
      for (const secret of secrets) {
        for (const text of exposed) expect(text.toLowerCase()).to.not.include(secret);
      }
    });
  });

  it("warns that three validators tolerate no fault", async function () {
    const network = await generateBesuNetwork(miel, { outDir: path.join(tmp, "three"), validators: 3 });
    expect(network.validators.map((v) => v.name)).to.deep.equal(miel.network.validators.slice(0, 3));
    expect(network.warnings.some((w) => /3 validator\(s\).*4 validators/.test(w))).to.equal(true);
    const genesis = await readJson(path.join(tmp, "three", "genesis.json"));
    expect(decodeQbftExtraData(genesis.extraData).validators).to.have.length(3);
  });

  it("names validators beyond the organisations validator-<k> and honours the port and period options", async function () {
    const network = await generateBesuNetwork(miel, {
      outDir: path.join(tmp, "six"),
      validators: 6,
      blockPeriodSeconds: 5,
      firstP2pPort: 40000,
      rpcPort: 9545,
    });
    expect(network.validators.map((v) => v.name).slice(4)).to.deep.equal(["validator-5", "validator-6"]);
    expect(network.rpcUrl).to.equal("http://127.0.0.1:9545");
    expect(network.rpcNode.enode).to.match(/:40006$/);
    const genesis = await readJson(path.join(tmp, "six", "genesis.json"));
    expect(genesis.config.qbft.blockperiodseconds).to.equal(5);
    expect(genesis.config.qbft.requesttimeoutseconds).to.be.greaterThan(10);
  });

  it("refuses a non-empty outDir with its typed error and writes nothing", async function () {
    const outDir = path.join(tmp, "used");
    await generateBesuNetwork(miel, { outDir });
    const before = await snapshot(outDir);
    const error = await rejectionOf(generateBesuNetwork(miel, { outDir }));
    expect(error).to.be.instanceOf(ChainGenerationError);
    expect((error as ChainGenerationError).shortMessage).to.include("is not empty");
    expect(await snapshot(outDir)).to.deep.equal(before);
  });

  it("refuses a path that is a file, and accepts an existing empty folder", async function () {
    const file = path.join(tmp, "file");
    await writeFile(file, "not a folder");
    expect(await rejectionOf(generateBesuNetwork(miel, { outDir: file }))).to.be.instanceOf(ChainGenerationError);

    const empty = path.join(tmp, "empty");
    await mkdir(empty);
    expect((await generateBesuNetwork(miel, { outDir: empty })).validators).to.have.length(4);
  });

  it("rejects impossible options before touching the disk", async function () {
    const cases: { options: Partial<Parameters<typeof generateBesuNetwork>[1]>; message: string }[] = [
      { options: { validators: 0 }, message: "number of validators" },
      { options: { validators: 2.5 }, message: "number of validators" },
      { options: { blockPeriodSeconds: 0 }, message: "block period" },
      { options: { firstP2pPort: 65534 }, message: "Invalid ports" },
      { options: { firstP2pPort: 8544 }, message: "overlap" },
      { options: { extraAccounts: ["0xnope"] }, message: "extraAccounts" },
    ];
    for (const { options, message } of cases) {
      const outDir = path.join(tmp, "never");
      const error = await rejectionOf(generateBesuNetwork(miel, { ...options, outDir }));
      expect(error, message).to.be.instanceOf(ChainGenerationError);
      expect((error as Error).message).to.include(message);
      expect(await readdir(tmp)).to.not.include("never");
    }
  });

  it("adds extra accounts, such as the deployer, to the accounts allowlist", async function () {
    const deployer = Wallet.createRandom().address;
    const outDir = path.join(tmp, "deployer");
    await generateBesuNetwork(miel, { outDir, extraAccounts: [deployer] });
    const permissions = await readToml(path.join(outDir, "permissions_config.toml"));
    expect(permissions["accounts-allowlist"]).to.include(deployer.toLowerCase());
  });

  async function readKey(dir: string): Promise<string> {
    return readFile(path.join(tmp, "miel", dir, "key"), "utf8");
  }

  /** The enode URL rebuilt from the node's key and the address and port its config advertises. */
  async function enodeFromFiles(dir: string): Promise<string> {
    const key = new SigningKey(await readKey(dir));
    const config = await readToml(path.join(tmp, "miel", dir, "config.toml"));
    return `enode://${key.publicKey.slice(4)}@${config["p2p-host"]}:${config["p2p-port"]}`;
  }
});

function byBytes(a: string, b: string): number {
  return a.toLowerCase() < b.toLowerCase() ? -1 : 1;
}

async function readJson(file: string): Promise<any> {
  return JSON.parse(await readFile(file, "utf8"));
}

/**
 * Reads the TOML the generator writes: `key=value` lines whose values (strings, numbers, booleans, arrays,
 * possibly over several lines) are also JSON. Comments and blank lines are skipped.
 */
async function readToml(file: string): Promise<Record<string, any>> {
  const entries: Record<string, any> = {};
  let pending = "";
  for (const line of (await readFile(file, "utf8")).split("\n").map((l) => l.trim())) {
    if (pending === "" && (line === "" || line.startsWith("#"))) continue;
    pending += line;
    const separator = pending.indexOf("=");
    const value = pending.slice(separator + 1);
    if (count(value, "[") === count(value, "]")) {
      entries[pending.slice(0, separator)] = JSON.parse(value);
      pending = "";
    }
  }
  expect(pending, `unterminated value in ${file}`).to.equal("");
  return entries;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(path.join(dir, entry.name), relative)));
    else files.push(relative);
  }
  return files.sort();
}

/** Every file's content and mode, to prove that a refused call changed nothing. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const file of await listFiles(dir)) {
    const full = path.join(dir, file);
    result[file] = `${(await stat(full)).mode}:${await readFile(full, "utf8")}`;
  }
  return result;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to be refused");
}
