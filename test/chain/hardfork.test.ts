import { expect } from "chai";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { config, network } from "hardhat";

import { GAS_BENCH_NETWORK } from "../../bench/gasMeasure.js";
import { parseCurrencyConfig } from "../../sdk/currency/schema.js";
import { generateBesuNetwork } from "../../sdk/node/chain/besu.js";
import { CHAIN_HARDFORK, GENESIS_FORK_KEYS } from "../../sdk/node/chain/hardfork.js";

const miel = parseCurrencyConfig(JSON.parse(readFileSync("currencies/miel.json", "utf8")), "currencies/miel.json");
// Besu's genesis keys of the forks after Cancun (JsonGenesisConfigOptions): none may appear in a Cancun genesis.
const LATER_FORK_KEYS = ["pragueTime", "osakaTime", "bpo1Time", "amsterdamTime"];

describe("One EVM fork for the chain, the devnet, the tests and the gas figures", function () {
  it("is Cancun", function () {
    expect(CHAIN_HARDFORK).to.equal("cancun");
  });

  it("runs the devnet (`npm start`), the tests and the compiler on the chain's fork", function () {
    const networks = config.networks as Record<string, { type: string; hardfork?: string }>;
    expect(networks.devnet.hardfork).to.equal(CHAIN_HARDFORK);
    expect(networks.default.hardfork).to.equal(CHAIN_HARDFORK);
    expect(config.solidity.profiles.default.compilers[0].settings.evmVersion).to.equal(CHAIN_HARDFORK);
  });

  it("writes a Besu genesis that activates every fork through the chain's, and none after it", async function () {
    const tmp = await mkdtemp(path.join(os.tmpdir(), "komuno-fork-"));
    try {
      await generateBesuNetwork(miel, { outDir: tmp });
      const genesis = JSON.parse(await readFile(path.join(tmp, "genesis.json"), "utf8"));
      for (const key of GENESIS_FORK_KEYS) expect(genesis.config[key], key).to.equal(0);
      expect(GENESIS_FORK_KEYS.at(-1)).to.equal(`${CHAIN_HARDFORK}Time`);
      for (const key of LATER_FORK_KEYS) expect(genesis.config, key).to.not.have.property(key);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it("measures gas on the chain's fork, and the committed figures say so", async function () {
    expect(GAS_BENCH_NETWORK.hardfork).to.equal(CHAIN_HARDFORK);
    const report = await readFile("bench/results/gas.md", "utf8");
    expect(report.split("\n")[0]).to.equal(
      `EVM fork: ${CHAIN_HARDFORK} (the currency chain's, sdk/node/chain/hardfork.ts)`,
    );
  });

  it("builds Cancun blocks in the tests' EVM: a beacon root field, no Prague requests hash", async function () {
    const { provider } = await network.create();
    const block = (await provider.request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as Record<
      string,
      unknown
    >;
    expect(block).to.have.property("parentBeaconBlockRoot");
    expect(block).to.not.have.property("requestsHash");
  });
});
