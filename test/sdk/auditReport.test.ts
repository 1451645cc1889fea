import { expect } from "chai";
import { keccak256, toUtf8Bytes } from "ethers";

import type { AuditReport } from "../../sdk/actions/audit/audit.js";
import { auditToCsv, auditToHtml, auditToJson, formatAuditText } from "../../sdk/actions/audit/report.js";
import { referenceFromText, type Bytes32 } from "../../sdk/references.js";

const NAMED = referenceFromText("VIR-Q-1");
// What a reader that kept a spreadsheet's quotes minted under: no statement line names it.
const UNNAMED = keccak256(toUtf8Bytes('"VIR-Q-1"')) as Bytes32;

function reportWithMismatches(): AuditReport {
  return {
    currency: { address: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0", name: "Miel", symbol: "MIEL", chainId: 1 },
    fromBlock: 0,
    toBlock: 10,
    events: 4,
    replayed: {
      supply: 500n,
      minted: 500n,
      burned: 0n,
      escrowed: 0n,
      accounts: 1,
      mints: 1,
      settlements: 0,
      rejections: 0,
      burns: 0,
      recoveries: 0,
    },
    onChain: { totalSupply: 500n, attestedReserve: 1000n, attestedAsOf: null },
    checks: [{ name: "bank statement reconciles", ok: false, details: "2 statement lines, 2 mismatches" }],
    mismatches: [
      {
        kind: "deposit-not-minted",
        reference: "VIR-Q-1",
        referenceHash: NAMED,
        details: "statement line 2: 5.00 never minted",
      },
      { kind: "mint-without-deposit", reference: null, referenceHash: UNNAMED, details: "5.00 to 0x… in tx 0x…" },
    ],
    reserveHistory: [],
    reserve: {
      attestation: null,
      burnsSince: [],
      burnedSince: 0n,
      reserve: 0n,
      attestationAge: null,
      maxAttestationAge: 0,
      stale: false,
    },
    pendingGovernance: null,
    pendingRecoveries: [],
    consistent: false,
    backed: true,
  };
}

describe("SDK audit report: a reference shown by its text where the statement names it", function () {
  it("prints the text with the start of its hash, and the whole hash where no text is known", function () {
    const text = formatAuditText(reportWithMismatches());
    expect(text).to.include(
      `  deposit-not-minted VIR-Q-1 (${NAMED.slice(0, 10)}…): statement line 2: 5.00 never minted`,
    );
    expect(text).to.include(`  mint-without-deposit ${UNNAMED}: 5.00 to 0x… in tx 0x…`);
  });

  it("gives the text and the hash their own columns in CSV, the text empty where unknown", function () {
    const lines = auditToCsv(reportWithMismatches()).split("\n");
    expect(lines[0]).to.equal("section,name,ok,reference,referenceHash,details");
    expect(lines).to.include(`mismatch,deposit-not-minted,false,VIR-Q-1,${NAMED},statement line 2: 5.00 never minted`);
    expect(lines).to.include(`mismatch,mint-without-deposit,false,,${UNNAMED},5.00 to 0x… in tx 0x…`);
  });

  it("gives the text and the hash their own fields in JSON, the text null where unknown", function () {
    const { mismatches } = JSON.parse(auditToJson(reportWithMismatches()));
    expect(mismatches.map((m: any) => [m.reference, m.referenceHash])).to.deep.equal([
      ["VIR-Q-1", NAMED],
      [null, UNNAMED],
    ]);
  });

  it("shows the text in HTML, with the whole hash at hand", function () {
    const html = auditToHtml(reportWithMismatches());
    expect(html).to.include(`<code title="${NAMED}">VIR-Q-1 (${NAMED.slice(0, 10)}…)</code>`);
    expect(html).to.include(`<code title="${UNNAMED}">${UNNAMED}</code>`);
  });
});
