import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

import { CHAIN_HARDFORK } from "./sdk/node/chain/hardfork.js";

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
      // The EVM of the currency chains (Besu QBFT); OpenZeppelin 5.7 needs Cancun's `mcopy`.
      evmVersion: CHAIN_HARDFORK,
      // 100 runs rather than 200: the currency is 586 bytes smaller (room under EIP-170's 24,576 bytes for
      // fees, transfer rules and EIP-3009) for 54 more gas on a payment (bench/gas-snapshot.json).
      optimizer: { enabled: true, runs: 100 },
      outputSelection: { "*": { "*": ["storageLayout"] } },
    },
  },
  networks: {
    // The in-process EVM of the tests and the gas benchmark: the chain's fork, not Hardhat's latest.
    default: { type: "edr-simulated", hardfork: CHAIN_HARDFORK },
    // `hardhat node --network devnet`: the local chain of `npm start`. Gas is free as on the currency's own
    // chain; blocks are mined on demand, or every KOMUNO_BLOCK_TIME seconds.
    devnet: {
      type: "edr-simulated",
      chainType: "l1",
      chainId: Number(process.env.KOMUNO_CHAIN_ID ?? 46330),
      hardfork: CHAIN_HARDFORK,
      initialBaseFeePerGas: 0,
      mining: process.env.KOMUNO_BLOCK_TIME
        ? { auto: false, interval: Number(process.env.KOMUNO_BLOCK_TIME) * 1000 }
        : { auto: true, interval: 0 },
    },
    // `komuno deploy` to any JSON-RPC node, with the deployer's key handed over by the CLI in the
    // environment (never on a command line).
    komuno: {
      type: "http",
      chainType: "l1",
      url: configVariable("KOMUNO_RPC"),
      accounts: [configVariable("KOMUNO_DEPLOYER_KEY")],
    },
    // The same, for development nodes whose accounts are unlocked.
    komunoUnlocked: { type: "http", chainType: "l1", url: configVariable("KOMUNO_RPC") },
  },
  test: {
    mocha: { timeout: 300_000 },
  },
});
