import { expect } from "chai";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { parseCurrencyConfig } from "../../sdk/currency/schema.js";
import { describeFaultTolerance, generateBesuNetwork, qbftFaultTolerance } from "../../sdk/node/chain/besu.js";

const miel = parseCurrencyConfig(JSON.parse(readFileSync("currencies/miel.json", "utf8")), "currencies/miel.json");

// n validators: quorum ceil(2n/3) (Besu's BftHelpers.calculateRequiredValidatorQuorum), stopped validators the
// chain survives n - quorum, faulty validators it tolerates floor((n-1)/3).
const TABLE: [validators: number, quorum: number, stopped: number, faulty: number][] = [
  [1, 1, 0, 0],
  [2, 2, 0, 0],
  [3, 2, 1, 0],
  [4, 3, 1, 1],
  [5, 4, 1, 1],
  [6, 4, 2, 1],
  [7, 5, 2, 2],
  [8, 6, 2, 2],
  [9, 6, 3, 2],
  [10, 7, 3, 3],
];

describe("QBFT fault tolerance", function () {
  for (const [validators, quorum, stopped, faulty] of TABLE) {
    it(`${validators} validator(s): quorum ${quorum}, ${stopped} stopped and ${faulty} faulty tolerated`, function () {
      expect(qbftFaultTolerance(validators)).to.deep.equal({
        validators,
        quorum,
        stoppedTolerated: stopped,
        faultyTolerated: faulty,
      });
    });
  }

  it("says in words what one, three and four validators survive", function () {
    expect(describeFaultTolerance(1)).to.equal(
      "1 validator(s): each block needs 1 of 1 seals, so any validator that stops halts the chain; " +
        "no faulty validator is tolerated (that takes 4 validators).",
    );
    expect(describeFaultTolerance(3)).to.equal(
      "3 validator(s): each block needs 2 of 3 seals, so blocks keep coming with 1 of them stopped; " +
        "no faulty validator is tolerated (that takes 4 validators).",
    );
    expect(describeFaultTolerance(4)).to.equal(
      "4 validator(s): each block needs 3 of 4 seals, so blocks keep coming with 1 of them stopped; " +
        "up to 1 faulty (lying) validator(s) cannot break agreement.",
    );
  });

  it("warns below 4 validators only, and states the same tolerance in the generated README", async function () {
    const tmp = await mkdtemp(path.join(os.tmpdir(), "komuno-tolerance-"));
    try {
      for (const [validators, quorum] of TABLE) {
        const outDir = path.join(tmp, String(validators));
        const network = await generateBesuNetwork(miel, { outDir, validators });
        const sentence = describeFaultTolerance(validators);
        expect(network.warnings.includes(sentence), `warning for ${validators}`).to.equal(validators < 4);
        const readme = await readFile(path.join(outDir, "README.md"), "utf8");
        expect(readme).to.include(`**Fault tolerance.** ${sentence}`);
        expect(readme).to.include(`each block needs ${quorum} of ${validators} seals`);
      }
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
