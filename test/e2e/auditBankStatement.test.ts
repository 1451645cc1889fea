import { expect } from "chai";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { id, type HDNodeWallet } from "ethers";

import { createKomunoClient } from "../../sdk/client.js";
import { createRpcProvider } from "../../sdk/provider.js";
import { referenceFromText } from "../../sdk/references.js";
import type { CliResult } from "../helpers/cli.js";
import { dispose, freshEnvironment, keys, type Environment } from "../helpers/devnetCurrency.js";

const FRENCH_BANK = path.resolve("test/fixtures/bank/banque-fr-releve-2026-11.csv");
const CAMT = path.resolve("test/fixtures/bank/camt053-releve-2026-11.csv");
const PATTERN = "LMT-(?:OUT-)?2026-[0-9]{4}";

function ok(result: CliResult): CliResult {
  expect(result.code, `exit code; stderr: ${result.stderr}`).to.equal(0);
  return result;
}

function refused(result: CliResult, needle: string) {
  expect(result.code).to.not.equal(0);
  expect(result.stderr.trim().split("\n"), result.stderr).to.have.length(1);
  expect(result.stderr).to.include(needle);
}

describe("CLI audit against the fund's statement as the bank exports it", function () {
  let env: Environment;

  before(async function () {
    env = await freshEnvironment({ code: "e2e-bank" });
    ok(await env.cli(["allowance", "increase", keys.treasurer.address, "100000.00"], "governor"));
    // The month the French bank's export shows, set up through the SDK (the CLI under test is the audit):
    // eight deposits, two reconversions paid out net of the 2 % commission.
    const provider = createRpcProvider(env.node.url);
    const record = JSON.parse(await readFile(env.record, "utf8"));
    const as = (key: HDNodeWallet) => createKomunoClient({ provider, signer: key.connect(provider), currency: record });
    const [manager, auditor, treasurer] = [as(keys.manager), as(keys.auditor), as(keys.treasurer)];
    await manager.members.admitMember({ account: keys.person.address, kind: "person" });
    for (const shop of [keys.business, keys.replacement]) {
      await manager.members.admitMember({ account: shop.address, kind: "business" });
    }
    const { timestamp } = (await provider.getBlock("latest"))!;
    await auditor.reserve.attestReserve({
      amount: 10_000_000n,
      asOf: new Date(timestamp * 1000),
      evidenceHash: id("the fund's statement"),
    });
    const deposits = [
      ["LMT-2026-0001", keys.person, 5_000n],
      ["LMT-2026-0002", keys.person, 2_000n],
      ["LMT-2026-0003", keys.business, 125_000n],
      ["LMT-2026-0004", keys.person, 3_550n],
      ["LMT-2026-0005", keys.person, 10_000n],
      ["LMT-2026-0006", keys.replacement, 200_000n],
      ["LMT-2026-0007", keys.person, 1_500n],
      ["LMT-2026-0008", keys.person, 7_525n],
    ] as const;
    await treasurer.treasury.mintBatch({
      deposits: deposits.map(([reference, to, amount]) => ({ reference, to: to.address, amount })),
    });
    await as(keys.business).wallet.requestReconversion({ amount: 10_000n });
    await as(keys.replacement).wallet.requestReconversion({ amount: 25_000n });
    await treasurer.treasury.settleReconversion({ id: 1n, payoutReference: "LMT-OUT-2026-0001" });
    await treasurer.treasury.settleReconversion({ id: 2n, payoutReference: "LMT-OUT-2026-0002" });
  });

  after(async function () {
    await dispose(env);
  });

  it("reads the French export with a reference pattern, and names only the bank's fee as a mismatch", async function () {
    const html = path.join(env.dir, "audit.html");
    const result = await env.cli([
      "audit",
      "--bank-statement",
      FRENCH_BANK,
      "--reference-pattern",
      PATTERN,
      "--html",
      html,
    ]);
    expect(result.code, result.stderr).to.equal(1);
    expect(result.stdout).to.include(
      `bank statement 2026-11-02 to 2026-11-30: 11 lines (8 deposits, 3 payouts), read from date=Date, ` +
        `reference=Libellé (pattern ${PATTERN}), debit=Débit euros, credit=Crédit euros (separator ";", decimal ` +
        "comma, header on line 9)",
    );
    expect(result.stdout).to.include("  net 3198.85, supply 3202.75");
    expect(result.stdout).to.include("1 mismatch(es) with the bank statement:\n  1 payout-without-settlement:");
    expect(result.stdout).to.match(
      /\n {2}payout-without-settlement COTISATION OFFRE ASSOCIATIVE NOVEMBRE \(0x[0-9a-f]{8}…\): statement line 10: 3\.90 paid out, nothing burned on chain\n/,
    );
    const page = await readFile(html, "utf8");
    expect(page).to.include("Paiement sans destruction\u00A0: 1").and.to.include("3\u202F545,75\u00A0€");
  });

  it("says which payouts the statement lists at their gross amount", async function () {
    const gross = (await readFile(FRENCH_BANK, "utf8")).replace(";98,00;", ";100,00;").replace(";245,00;", ";250,00;");
    const file = path.join(env.dir, "gross.csv");
    await writeFile(file, gross);
    const result = await env.cli(["audit", "--bank-statement", file, "--reference-pattern", PATTERN]);
    expect(result.code).to.equal(1);
    expect(result.stdout).to.include(
      `  payout-is-gross LMT-OUT-2026-0002 (${referenceFromText("LMT-OUT-2026-0002").slice(0, 10)}…): statement line 11 shows 250.00 paid out for reconversion #2: that looks like the gross amount; the ` +
        "chain's net payout is 245.00 (gross 250.00 less 5.00 commission), and the statement must list the net payout",
    );
    expect(result.stdout).to.include("  2 payout-is-gross: a reconversion listed at its gross amount");
  });

  it("asks which column of a CAMT.053 export holds the reference, then reads the one named", async function () {
    refused(
      await env.cli(["audit", "--bank-statement", CAMT]),
      'several columns could hold the reference: "NtryRef", "AcctSvcrRef", "EndToEndId", "RmtInf/Ustrd"; name the ' +
        "one to read with --columns reference=<header>",
    );
    const result = await env.cli(["--json", "audit", "--bank-statement", CAMT, "--columns", "reference=RmtInf/Ustrd"]);
    const report = JSON.parse(result.stdout);
    expect(report.statement.readAs.columns).to.deep.equal({
      date: "BookgDt",
      reference: "RmtInf/Ustrd",
      amount: "Amt",
      type: "CdtDbtInd",
      currency: "Ccy",
    });
    // Another month's references: none of them was minted here.
    expect(report.mismatches.filter((m: { kind: string }) => m.kind === "deposit-not-minted")).to.have.length(5);
  });

  it("refuses options that cannot be used, in one line, before reading the chain", async function () {
    refused(await env.cli(["audit", "--columns", "reference=Libellé"]), "--columns: it applies to --bank-statement");
    refused(
      await env.cli(["audit", "--bank-statement", FRENCH_BANK, "--decimal-mark", ";"]),
      'Invalid --decimal-mark: ";" is neither "," nor "."',
    );
    refused(
      await env.cli(["audit", "--bank-statement", FRENCH_BANK, "--encoding", "latin9"]),
      'Invalid --encoding: "latin9" is neither utf-8 nor windows-1252',
    );
    refused(
      await env.cli(["audit", "--bank-statement", FRENCH_BANK, "--columns", "ref=Libellé"]),
      'Invalid columns: "ref" is not a field',
    );
    refused(await env.cli(["audit", "--locale", "not a locale"]), 'Invalid --locale: "not a locale" is not a locale');
  });
});
