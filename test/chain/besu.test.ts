import { expect } from "chai";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { encodeRlp, getAddress, SigningKey, Wallet } from "ethers";

import { parseCurrencyConfig } from "../../sdk/currency/schema.js";
import {
  BESU_IMAGE,
  ChainGenerationError,
  decodeQbftExtraData,
  encodeQbftExtraData,
  generateBesuNetwork,
  type GeneratedNetwork,
} from "../../sdk/node/chain/besu.js";
import { MULTICALL3_RUNTIME_CODE } from "../../sdk/node/chain/multicall3.js";
import {
  BESU_GENESIS_KEYS,
  BESU_OPTIONS,
  composeService,
  composeServices,
  LAYERED_POOL_OPTIONS,
  listFiles,
  readJson,
  readToml,
} from "../helpers/besu.js";

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
// Besu's own test of its `rlp` subcommand (app/src/test/java/org/hyperledger/besu/cli/subcommands/rlp/
// RLPSubCommandTest.java, decodeQBFTWithoutPathMustWriteToStandardOutput): this input decodes to these validators.
const BESU_DECODE_VECTOR =
  "0xf84fa00000000000000000000000000000000000000000000000000000000000000000ea94241f804efb46f71acaa" +
  "5be94a62f7798e89c3724946cdf72da457453063ea92e7fa5ac30afbcec28cdc080c0";
const BESU_DECODE_VALIDATORS = [
  "0x241f804efb46f71acaa5be94a62f7798e89c3724",
  "0x6cdf72da457453063ea92e7fa5ac30afbcec28cd",
];
// Same test class, canEncodeToQbftExtraData: `rlp encode` keeps its input order, here not ascending.
const BESU_ENCODE_INPUT = ["0xbe068f726a13c8d46c44be6ce9d275600e1735a4", "0x5ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193"];
const BESU_ENCODE_OUTPUT =
  "0xf84fa00000000000000000000000000000000000000000000000000000000000000000ea94be068f726a13c8d" +
  "46c44be6ce9d275600e1735a4945ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193c080c0";

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

  it("encodes the validators of Besu's own RLP decode test into exactly its input bytes", function () {
    expect(encodeQbftExtraData(BESU_DECODE_VALIDATORS)).to.equal(BESU_DECODE_VECTOR);
    expect(decodeQbftExtraData(BESU_DECODE_VECTOR).validators).to.deep.equal(
      BESU_DECODE_VALIDATORS.map((v) => getAddress(v)),
    );
  });

  it("reads Besu's own RLP encode output, and writes the same validators sorted, as headers must carry them", function () {
    const decoded = decodeQbftExtraData(BESU_ENCODE_OUTPUT);
    expect(decoded.validators).to.deep.equal(BESU_ENCODE_INPUT.map((v) => getAddress(v)));
    // Besu's BftValidatorsValidationRule refuses a header whose validators are not ascending: 0x5ff6… first.
    const [listedFirst, listedSecond] = BESU_ENCODE_INPUT.map((v) => "94" + v.slice(2));
    const expected = "0xf84f" + "a0" + "00".repeat(32) + "ea" + listedSecond + listedFirst + "c0" + "80" + "c0";
    expect(BESU_ENCODE_OUTPUT).to.equal(
      "0xf84f" + "a0" + "00".repeat(32) + "ea" + listedFirst + listedSecond + "c080c0",
    );
    expect(encodeQbftExtraData(BESU_ENCODE_INPUT)).to.equal(expected);
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
    const configOf = (dir: string) => readToml(path.join(outDir, dir, "config.toml"));

    beforeEach(async function () {
      outDir = path.join(tmp, "miel");
      network = await generateBesuNetwork(miel, { outDir });
    });

    it("names one validator per organisation and returns the RPC URL and what the network tolerates", function () {
      expect(network.chainId).to.equal(46330);
      expect(network.outDir).to.equal(outDir);
      expect(network.rpcUrl).to.equal("http://127.0.0.1:8545");
      expect(network.validators.map((v) => v.name)).to.deep.equal(miel.network.validators);
      expect(network.validators.map((v) => v.dir)).to.deep.equal(validatorDirs.map((d) => path.join(outDir, d)));
      expect(network.validators.map((v) => v.metricsUrl)).to.deep.equal([9546, 9547, 9548, 9549].map(metricsUrl));
      expect(network.rpcNode.metricsUrl).to.equal(metricsUrl(9545));
      expect(network.faultTolerance).to.deep.equal({
        validators: 4,
        quorum: 3,
        stoppedTolerated: 1,
        faultyTolerated: 1,
      });
      expect(network.warnings).to.deep.equal([]);
    });

    it("writes a genesis with the chain id, free gas from block 0, the QBFT periods and Multicall3", async function () {
      const genesis = await readJson(path.join(outDir, "genesis.json"));
      expect(genesis.config).to.deep.include({
        chainId: 46330,
        berlinBlock: 0,
        londonBlock: 0,
        shanghaiTime: 0,
        cancunTime: 0,
        zeroBaseFee: true,
      });
      expect(genesis.config.qbft).to.deep.equal({
        blockperiodseconds: 2,
        emptyblockperiodseconds: 60,
        epochlength: 30000,
        requesttimeoutseconds: 6,
      });
      expect(genesis).to.deep.include({ baseFeePerGas: "0x0", difficulty: "0x1", gasLimit: "0x1C9C380" });
      expect(genesis.alloc).to.deep.equal({
        ca11bde05977b3631167028862be2a173976ca11: { balance: "0x0", code: MULTICALL3_RUNTIME_CODE },
      });
    });

    it("writes only genesis keys that Besu's genesis parser reads", async function () {
      const genesis = await readJson(path.join(outDir, "genesis.json"));
      const unread = (keys: string[], known: string[]) => keys.filter((key) => !known.includes(key.toLowerCase()));
      expect(unread(Object.keys(genesis), BESU_GENESIS_KEYS.top)).to.deep.equal([]);
      expect(unread(Object.keys(genesis.config), BESU_GENESIS_KEYS.config)).to.deep.equal([]);
      expect(unread(Object.keys(genesis.config.qbft), BESU_GENESIS_KEYS.qbft)).to.deep.equal([]);
      for (const account of Object.values(genesis.alloc) as object[]) {
        expect(unread(Object.keys(account), BESU_GENESIS_KEYS.alloc)).to.deep.equal([]);
      }
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

    it("writes only options declared in Besu's source, and no profile, which Besu never reads from a file", async function () {
      for (const dir of nodeDirs) {
        const config = await configOf(dir);
        expect(
          Object.keys(config).filter((key) => !(key in BESU_OPTIONS)),
          dir,
        ).to.deep.equal([]);
        expect(config, dir).to.not.have.property("profile");
        expect(config, dir).to.not.have.property("sync-min-peers"); // ignored in FULL sync (BesuCommand)
        expect(config, dir).to.not.have.property("bonsai-limit-trie-logs-enabled"); // Bonsai only
        expect(
          Object.keys(config).filter((key) => LAYERED_POOL_OPTIONS.includes(key)),
          dir,
        ).to.deep.equal([]);
      }
    });

    it("keeps every node on full sync and Forest storage, the sequenced pool with its limits, and free gas", async function () {
      for (const dir of nodeDirs) {
        expect(await configOf(dir), dir).to.deep.include({
          "sync-mode": "FULL",
          "data-storage-format": "FOREST",
          "tx-pool": "SEQUENCED",
          "tx-pool-max-size": 4096,
          "tx-pool-limit-by-account-percentage": 0.05,
          "tx-pool-retention-hours": 1,
          "tx-pool-no-local-priority": true,
          "tx-pool-min-gas-price": 0,
          "min-gas-price": 0,
          "remote-connections-limit-enabled": false,
          "max-peers": 25,
          "metrics-enabled": true,
          "metrics-host": "0.0.0.0",
          logging: "INFO",
          "genesis-file": "/opt/komuno/genesis.json",
          "node-private-key-file": "/opt/komuno/node/key",
          "data-path": "/opt/komuno/node/data",
          "permissions-nodes-config-file-enabled": true,
          "permissions-nodes-config-file": "/opt/komuno/permissions_config.toml",
        });
      }
      const configs = await Promise.all(nodeDirs.map(configOf));
      expect(configs.map((c) => c["p2p-port"])).to.deep.equal([30303, 30304, 30305, 30306, 30307]);
      expect(configs.map((c) => c["rpc-http-port"])).to.deep.equal([8546, 8547, 8548, 8549, 8545]);
      expect(configs.map((c) => c["metrics-port"])).to.deep.equal([9546, 9547, 9548, 9549, 9545]);
    });

    it("keeps validators' JSON-RPC inside their container, with no browser allowed", async function () {
      for (const dir of validatorDirs) {
        const config = await configOf(dir);
        expect(config, dir).to.deep.include({
          "rpc-http-enabled": true,
          "rpc-http-host": "127.0.0.1",
          "rpc-http-api": ["ETH", "NET", "QBFT", "WEB3", "ADMIN", "PERM"],
          "host-allowlist": ["localhost", "127.0.0.1"],
        });
        expect(config, dir).to.not.have.property("rpc-http-cors-origins");
      }
    });

    it("serves browsers from the currency file's wallet origins and proxy host names on the RPC node", async function () {
      expect(await configOf("rpc-node")).to.deep.include({
        "rpc-http-host": "0.0.0.0",
        "rpc-http-api": ["ETH", "NET", "QBFT", "WEB3"],
        // A regular expression in Besu: the dots escaped, so that only this origin matches.
        "rpc-http-cors-origins": ["https://wallet\\.miel\\.example"],
        "host-allowlist": ["localhost", "127.0.0.1", "rpc.miel.example"],
        "rpc-http-max-active-connections": 300,
      });
      const pattern = new RegExp(`^(?:${(await configOf("rpc-node"))["rpc-http-cors-origins"].join("|")})$`);
      expect(pattern.test("https://wallet.miel.example")).to.equal(true);
      expect(pattern.test("https://walletXmiel.example")).to.equal(false);
    });

    it("allowlists the enode of every node, and no account, and connects each node to all the others", async function () {
      const enodes = await Promise.all(nodeDirs.map(enodeFromFiles));
      expect(enodes).to.deep.equal([...network.validators, network.rpcNode].map((n) => n.enode));

      const permissions = await readToml(path.join(outDir, "permissions_config.toml"));
      expect(permissions).to.deep.equal({ "nodes-allowlist": enodes });

      for (const [i, dir] of nodeDirs.entries()) {
        const others = enodes.filter((_, j) => j !== i);
        expect(await readJson(path.join(outDir, dir, "static-nodes.json"))).to.deep.equal(others);
        const config = await configOf(dir);
        expect(config.bootnodes).to.deep.equal(enodes.slice(0, 4).filter((_, j) => j !== i));
        expect(config).to.not.have.property("permissions-accounts-config-file-enabled");
      }
    });

    it("runs an ownership step before any node, handing each data folder and key to Besu's uid", async function () {
      const compose = await readFile(path.join(outDir, "docker-compose.yml"), "utf8");
      expect(composeServices(compose)).to.deep.equal(["ownership", ...nodeDirs]);
      const ownership = composeService(compose, "ownership");
      expect(ownership).to.include('    user: "root"\n');
      expect(ownership).to.include('    entrypoint: ["/bin/sh", "-c"]\n');
      expect(ownership).to.include('    restart: "no"\n');
      expect(ownership).to.not.include("$");
      for (const dir of nodeDirs) {
        const inContainer = `/opt/komuno/nodes/${dir}`;
        expect(ownership).to.include(`      - "./${dir}:${inContainer}"\n`);
        expect(ownership).to.include(`        mkdir -p ${inContainer}/data &&\n`);
        expect(ownership).to.include(
          `        find ${inContainer}/data ${inContainer}/key ! -user 1000 -exec chown 1000:1000 {} + &&\n`,
        );
        expect(ownership).to.include(`        chmod 600 ${inContainer}/key`);
        expect(composeService(compose, dir)).to.include(
          "    depends_on:\n      ownership:\n        condition: service_completed_successfully\n",
        );
      }
    });

    it("runs every node from its config file, the pinned image, rotated logs and the RPC host its config states", async function () {
      const compose = await readFile(path.join(outDir, "docker-compose.yml"), "utf8");
      expect(BESU_IMAGE).to.equal("hyperledger/besu:26.9.0");
      for (const dir of nodeDirs) {
        const service = composeService(compose, dir);
        const config = await configOf(dir);
        expect(service).to.include(`    image: "${BESU_IMAGE}"\n`);
        expect(service).to.include(`    container_name: "komuno-miel-${dir}"\n`);
        expect(service).to.include('    command: ["--config-file=/opt/komuno/node/config.toml"]\n');
        expect(service).to.include(`      - "./${dir}:/opt/komuno/node"\n`);
        expect(service).to.include('      - "./genesis.json:/opt/komuno/genesis.json:ro"\n');
        expect(service).to.include('      - "./permissions_config.toml:/opt/komuno/permissions_config.toml:ro"\n');
        expect(service).to.include(
          '      driver: "json-file"\n      options:\n        max-size: "20m"\n        max-file: "5"\n',
        );
        // The image's BESU_RPC_HTTP_HOST would win over the file: compose restates the file's value.
        expect(service).to.include(`      BESU_RPC_HTTP_HOST: "${config["rpc-http-host"]}"`);
      }
    });

    it("publishes only the RPC node's JSON-RPC and every node's metrics, on the host's loopback", async function () {
      const compose = await readFile(path.join(outDir, "docker-compose.yml"), "utf8");
      const published = (dir: string) =>
        [...composeService(compose, dir).matchAll(/^ {6}- "([\d.:]+)"$/gm)].map((match) => match[1]);
      expect(published("rpc-node")).to.deep.equal(["127.0.0.1:8545:8545", "127.0.0.1:9545:9545"]);
      for (const [i, dir] of validatorDirs.entries()) {
        expect(published(dir)).to.deep.equal([`127.0.0.1:${9546 + i}:${9546 + i}`]);
      }
      expect(composeService(compose, "ownership")).to.not.include("ports:");
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

  it("writes files Besu's uid can read and folders it can enter, whatever the umask of whoever generates", async function () {
    const previous = process.umask(0o077);
    try {
      const outDir = path.join(tmp, "strict-umask");
      const network = await generateBesuNetwork(miel, { outDir });
      for (const file of network.files) {
        const expected = path.basename(file) === "key" ? 0o600 : 0o644;
        expect((await stat(path.join(outDir, file))).mode & 0o777, file).to.equal(expected);
      }
      for (const dir of ["validator-1", "rpc-node"]) {
        expect((await stat(path.join(outDir, dir))).mode & 0o777, dir).to.equal(0o755);
      }
    } finally {
      process.umask(previous);
    }
  });

  it("writes no CORS origin, and no proxy host, when the currency file names none", async function () {
    const closed = { ...miel, network: { ...miel.network, walletOrigins: [], rpcHostnames: [] } };
    const outDir = path.join(tmp, "closed");
    await generateBesuNetwork(closed, { outDir });
    const config = await readToml(path.join(outDir, "rpc-node", "config.toml"));
    expect(config).to.not.have.property("rpc-http-cors-origins");
    expect(config["host-allowlist"]).to.deep.equal(["localhost", "127.0.0.1"]);
  });

  it("warns that three validators survive one stopped validator but no faulty one", async function () {
    const network = await generateBesuNetwork(miel, { outDir: path.join(tmp, "three"), validators: 3 });
    expect(network.validators.map((v) => v.name)).to.deep.equal(miel.network.validators.slice(0, 3));
    expect(network.warnings).to.deep.equal([
      "3 validator(s): each block needs 2 of 3 seals, so blocks keep coming with 1 of them stopped; " +
        "no faulty validator is tolerated (that takes 4 validators).",
      "1 organisation(s) of network.validators get no validator: Biocoop Libourne.",
    ]);
    const genesis = await readJson(path.join(tmp, "three", "genesis.json"));
    expect(decodeQbftExtraData(genesis.extraData).validators).to.have.length(3);
  });

  it("names validators beyond the organisations validator-<k> and honours the port and period options", async function () {
    const network = await generateBesuNetwork(miel, {
      outDir: path.join(tmp, "six"),
      validators: 6,
      blockPeriodSeconds: 5,
      emptyBlockPeriodSeconds: 30,
      firstP2pPort: 40000,
      rpcPort: 9545,
      metricsPort: 9645,
    });
    expect(network.validators.map((v) => v.name).slice(4)).to.deep.equal(["validator-5", "validator-6"]);
    expect(network.rpcUrl).to.equal("http://127.0.0.1:9545");
    expect(network.rpcNode.enode).to.match(/:40006$/);
    expect(network.rpcNode.metricsUrl).to.equal(metricsUrl(9645));
    expect(network.validators[5].metricsUrl).to.equal(metricsUrl(9651));
    const genesis = await readJson(path.join(tmp, "six", "genesis.json"));
    expect(genesis.config.qbft).to.deep.include({
      blockperiodseconds: 5,
      emptyblockperiodseconds: 30,
      requesttimeoutseconds: 12,
    });
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
      { options: { emptyBlockPeriodSeconds: 1 }, message: "Invalid empty-block period: 1 s" },
      { options: { emptyBlockPeriodSeconds: 3601 }, message: "Invalid empty-block period: 3601 s" },
      { options: { firstP2pPort: 65534 }, message: "Invalid ports" },
      { options: { firstP2pPort: 8544 }, message: "overlap" },
      { options: { metricsPort: 8548 }, message: "overlap" },
    ];
    for (const { options, message } of cases) {
      const outDir = path.join(tmp, "never");
      const error = await rejectionOf(generateBesuNetwork(miel, { ...options, outDir }));
      expect(error, message).to.be.instanceOf(ChainGenerationError);
      expect((error as Error).message).to.include(message);
      expect(await readdir(tmp)).to.not.include("never");
    }
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

function metricsUrl(port: number): string {
  return `http://127.0.0.1:${port}/metrics`;
}

function byBytes(a: string, b: string): number {
  return a.toLowerCase() < b.toLowerCase() ? -1 : 1;
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
