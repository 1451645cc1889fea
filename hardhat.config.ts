import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

// This machine (and CI) reach only the npm registry: the compiler is the `solc` package's WebAssembly build,
// never a download. Its version must match the package's.
const SOLC_VERSION = "0.8.37";

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    version: SOLC_VERSION,
    path: require.resolve("solc/soljson.js"),
    npmFilesToBuild: ["@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol"],
    settings: {
      // OpenZeppelin 5.7 uses `mcopy`; the currency chains (Besu QBFT) run Cancun or later.
      evmVersion: "cancun",
      optimizer: { enabled: true, runs: 10000 },
      outputSelection: { "*": { "*": ["storageLayout"] } },
    },
  },
  networks: {
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
  },
  test: {
    mocha: { timeout: 300_000 },
  },
});
