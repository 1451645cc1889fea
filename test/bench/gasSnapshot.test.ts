import { expect } from "chai";
import { readFile } from "node:fs/promises";
import { network } from "hardhat";

import { GAS_BENCH_NETWORK, measureGas, OPERATIONS, TOKENS, type GasTable } from "../../bench/gasMeasure.js";

describe("Gas snapshot (bench/gas-snapshot.json)", function () {
  it("no operation of any token costs more gas than the committed snapshot", async function () {
    const snapshot = JSON.parse(await readFile("bench/gas-snapshot.json", "utf8")) as GasTable;
    const connection = await network.create({ override: GAS_BENCH_NETWORK } as never);
    const measured = await measureGas(connection);
    const risen: string[] = [];
    for (const token of TOKENS) {
      for (const operation of OPERATIONS) {
        const now = measured[token][operation];
        const before = snapshot[token][operation];
        if (now !== undefined && (before === undefined || now > before)) {
          risen.push(`${token} / ${operation}: ${before ?? "none"} -> ${now}`);
        }
      }
    }
    // An intended change updates the snapshot in the same commit: KOMUNO_UPDATE_SNAPSHOT=1 npm run bench:gas
    expect(risen, "gas rose above the snapshot").to.deep.equal([]);
  });
});
