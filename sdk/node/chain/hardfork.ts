/**
 * The EVM fork every currency's chain runs from its genesis block. One constant for the Besu genesis
 * (besuFiles.ts), the compiler target, the local devnet and the tests (hardhat.config.ts) and the gas benchmark
 * (bench/gas.ts): a contract tested or a gas figure measured on another EVM would not be the chain's.
 * test/chain/hardfork.test.ts fails when any of them drifts.
 *
 * Cancun, not Prague: the contracts need nothing newer than Cancun's `mcopy` (OpenZeppelin 5.7), and Prague
 * would bring system contracts (EIP-2935, EIP-7002, EIP-7251) that a QBFT chain without deposits or beacon
 * chain has no use for.
 */
export const CHAIN_HARDFORK = "cancun";

/**
 * The genesis `config` keys that activate every fork up to CHAIN_HARDFORK at block 0, as Besu's genesis parser
 * reads them (JsonGenesisConfigOptions: block-numbered forks through London, timestamp forks from Shanghai).
 * Besu reads no `eip155Block`: replay protection comes with Spurious Dragon, `eip158Block`.
 */
export const GENESIS_FORK_KEYS = [
  "homesteadBlock",
  "eip150Block",
  "eip158Block",
  "byzantiumBlock",
  "constantinopleBlock",
  "constantinopleFixBlock",
  "istanbulBlock",
  "berlinBlock",
  "londonBlock",
  "shanghaiTime",
  `${CHAIN_HARDFORK}Time`,
] as const;
