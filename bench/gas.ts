// Gas benchmark: the currency against OpenZeppelin's ERC-20 (plain and behind the same kind of proxy) and
// Solady's, in the same in-process EVM and the same run. Writes bench/results/gas.{json,md}; with
// KOMUNO_UPDATE_SNAPSHOT=1 also bench/gas-snapshot.json, which `npm test` holds every figure to.
import { readFile, writeFile } from "node:fs/promises";

import { network } from "hardhat";

import { formatGasTable } from "./gasReport.js";
import { GAS_BENCH_NETWORK, measureGas } from "./gasMeasure.js";

const connection = await network.create({ override: GAS_BENCH_NETWORK } as never);
const table = await measureGas(connection);
// The release before "Trust no single key", measured by this same script: the change each operation took.
const before = JSON.parse(await readFile("bench/results/gas-0.1.0.json", "utf8"));
const report = formatGasTable(table, { label: "0.1.0", table: before }, GAS_BENCH_NETWORK.hardfork);
console.log(report);
await writeFile("bench/results/gas.json", JSON.stringify(table, null, 2) + "\n");
await writeFile("bench/results/gas.md", report + "\n");
if (process.env.KOMUNO_UPDATE_SNAPSHOT)
  await writeFile("bench/gas-snapshot.json", JSON.stringify(table, null, 2) + "\n");
