import { expect } from "chai";
import { writeFile } from "node:fs/promises";
import path from "node:path";

import { getAddress, keccak256, toUtf8Bytes } from "ethers";

import type { CliResult } from "../helpers/cli.js";
import { dispose, freshEnvironment, keys, type Environment } from "../helpers/devnetCurrency.js";

function ok(result: CliResult): CliResult {
  expect(result.code, `exit code; stderr: ${result.stderr}`).to.equal(0);
  return result;
}

function json(result: CliResult): any {
  return JSON.parse(ok(result).stdout);
}

/** A file refused by its pre-flight: non-zero exit, nothing on stdout, every problem on stderr. */
/** A file refused by its pre-flight: exit status 4 (refused), nothing sent, every problem on stderr. */
function refusedFile(result: CliResult, heading: string, problems: string[]) {
  expect(result.code, result.stderr).to.equal(4);
  expect(result.stdout).to.equal("");
  expect(result.stderr).to.include(heading);
  for (const problem of problems) expect(result.stderr).to.include(`\n  ${problem}`);
}

const newcomer = (i: number) => getAddress(`0x${keccak256(toUtf8Bytes(`e2e newcomer ${i}`)).slice(26)}`);

describe("End to end: the files a member manager and a treasurer bring, through the CLI", function () {
  let env: Environment;
  const file = async (name: string, lines: string[]) => {
    const at = path.join(env.dir, name);
    await writeFile(at, lines.join("\n") + "\n");
    return at;
  };
  const supply = async () => json(await env.cli(["--json", "info"])).supply as string;

  before(async function () {
    env = await freshEnvironment({ code: "e2f" });
  });

  after(async function () {
    await dispose(env);
  });

  it("admits a file of members, safely again, and refuses a file that contradicts the chain", async function () {
    const members = await file("members.csv", [
      "address,kind",
      `${keys.person.address},person`,
      `${keys.business.address},business`,
      ...[0, 1, 2].map((i) => `${newcomer(i)},person`),
    ]);
    const plan = json(await env.cli(["--json", "member", "add", "--csv", members, "--dry-run"], "manager"));
    expect(plan).to.include({ dryRun: true, transactions: 1 });
    expect(plan.toAdmit).to.have.length(5);
    expect(json(await env.cli(["--json", "member", "show", newcomer(0)])).status).to.equal("none");

    const first = ok(await env.cli(["member", "add", "--csv", members], "manager")).stdout;
    expect(first).to.equal(
      "Admitted 5 account(s) (4 person, 1 business) in 1 transaction(s); 0 already member(s) of the same kind, skipped.\n",
    );
    const again = json(await env.cli(["--json", "member", "add", "--csv", members], "manager"));
    expect(again).to.include({ dryRun: false, admittedCount: 0, alreadyAdmittedCount: 5 });
    expect(again.transactions).to.deep.equal([]);

    const conflicting = await file("conflicting.csv", [
      "address;kind",
      `${newcomer(3)};person`,
      `${keys.business.address};person`,
      `${newcomer(3)};business`,
    ]);
    refusedFile(
      await env.cli(["member", "add", "--csv", conflicting], "manager"),
      `Admission refused, nothing was sent: 2 problem(s) in ${conflicting}:`,
      [
        `line 3: ${keys.business.address} is already a member as business, not person`,
        `line 4: ${newcomer(3)} is also on line 2`,
      ],
    );
    expect(json(await env.cli(["--json", "member", "show", newcomer(3)])).status).to.equal("none");
  });

  it("checks a deposits file whole, in euros, mints it in full, and a rerun mints nothing twice", async function () {
    ok(await env.cli(["allowance", "increase", keys.treasurer.address, "1000.00"], "governor"));
    await writeFile(path.join(env.dir, "statement.pdf"), "the fund's statement");
    ok(await env.cli(["reserve", "attest", "500.00", "--evidence", path.join(env.dir, "statement.pdf")], "auditor"));
    const deposits = await file("deposits.csv", [
      "to,amount,ref",
      `${keys.person.address},100.00,VIR-E2F-1`,
      `${keys.business.address},150.00,VIR-E2F-2`,
      `${newcomer(0)},20.50,VIR-E2F-3`,
    ]);
    const dryRun = ok(await env.cli(["mint", "--csv", deposits, "--dry-run"], "treasurer")).stdout;
    expect(dryRun)
      .to.include(`Dry run, nothing sent: ${deposits} may be minted.\n`)
      .and.include("  to mint          3 deposit(s), 270.50, in 1 transaction(s)\n")
      .and.include("  already minted   0 deposit(s), 0.00, skipped\n")
      .and.include(`  allowance        1000.00 now, 729.50 after (treasurer ${keys.treasurer.address})\n`)
      .and.include("  supply           0.00 now, 270.50 after; the reserve allows 500.00 (attested 500.00");
    expect(await supply()).to.equal("0");

    const minted = json(await env.cli(["--json", "mint", "--csv", deposits], "treasurer"));
    expect(minted).to.include({ mintedCount: 3, mintedTotal: "27050", alreadyMintedCount: 0 });
    expect(await supply()).to.equal("27050");

    const more = await file("more.csv", [
      "to,amount,ref",
      `${keys.person.address},100.00,VIR-E2F-1`,
      `${keys.business.address},150.00,VIR-E2F-2`,
      `${newcomer(1)},9.50,VIR-E2F-4`,
    ]);
    expect(ok(await env.cli(["mint", "--csv", more], "treasurer")).stdout).to.equal(
      "Minted 1 deposit(s), 9.50 in all, in 1 transaction(s); 2 already minted (250.00), skipped.\n",
    );
    expect(ok(await env.cli(["mint", "--csv", more], "treasurer")).stdout).to.equal(
      "Minted 0 deposit(s), 0.00 in all; 3 already minted (259.50), skipped.\n",
    );
    expect(await supply()).to.equal("28000");
  });

  it("refuses a deposits file that conflicts with the chain or exceeds the reserve, minting none of it", async function () {
    const bad = await file("bad-deposits.csv", [
      "to,amount,ref",
      `${newcomer(2)},10.00,VIR-E2F-5`,
      `${keys.business.address},15.00,VIR-E2F-2`,
      `${newcomer(3)},5.00,VIR-E2F-6`,
      `${keys.person.address},300.00,VIR-E2F-7`,
    ]);
    const result = await env.cli(["mint", "--csv", bad], "treasurer");
    const [minted] = json(
      await env.cli(["--json", "mint", "--csv", path.join(env.dir, "deposits.csv")], "treasurer"),
    ).alreadyMinted.filter((d: any) => d.reference === "VIR-E2F-2");
    refusedFile(result, `Mint refused, nothing was sent: 3 problem(s) in ${bad}:`, [
      `line 3: deposit VIR-E2F-2 was already minted with 150.00 to ${keys.business.address} (transaction ${minted.transactionHash}), not 15.00 to ${keys.business.address}`,
      `line 4: ${newcomer(3)} cannot receive deposit VIR-E2F-6 (5.00): it was never admitted`,
      "minting 315.00 would take the supply from 280.00 to 595.00, over the 500.00 the reserve allows",
    ]);
    expect(result.stderr).to.include("95.00 too much");
    expect(await supply()).to.equal("28000");
  });

  it("lists the euros to wire for each reconversion, settles a file of payouts, and the statement of net payouts reconciles", async function () {
    ok(await env.cli(["reconversion", "request", "40.00"], "business"));
    ok(await env.cli(["reconversion", "request", "10.00"], "business"));
    const list = ok(await env.cli(["reconversion", "list", "--pending"])).stdout.split("\n");
    expect(list[0]).to.match(/^#\s+status\s+gross\s+commission\s+net payout {2}member$/);
    expect(list[1]).to.match(
      new RegExp(`^#1\\s+pending\\s+40\\.00\\s+0\\.80 \\(2 %\\)\\s+39\\.20  ${keys.business.address}$`),
    );
    expect(list[2]).to.match(
      new RegExp(`^#2\\s+pending\\s+10\\.00\\s+0\\.20 \\(2 %\\)\\s+9\\.80  ${keys.business.address}$`),
    );
    expect(list[3]).to.equal(
      "To wire: 49.00 for 2 pending reconversion(s) (50.00 gross less 1.00 commission). The bank statement lists each net payout.",
    );

    const payouts = await file("payouts.csv", ["id,ref", "1,VIR-OUT-E2F-1", "2,VIR-OUT-E2F-2"]);
    expect(ok(await env.cli(["reconversion", "settle", "--csv", payouts, "--dry-run"], "treasurer")).stdout).to.include(
      "Dry run, nothing sent: 2 reconversion(s) to settle, 49.00 wired in all (50.00 gross less 1.00 commission); " +
        "0 already settled with the same reference (0.00), skipped.",
    );
    const settled = ok(await env.cli(["reconversion", "settle", "--csv", payouts], "treasurer")).stdout.split("\n");
    expect(settled[0]).to.equal(
      "Settled 2 reconversion(s): 49.00 wired in all (50.00 gross less 1.00 commission); " +
        "0 already settled with the same reference (0.00), skipped.",
    );
    expect(settled[1]).to.match(
      new RegExp(
        `^  line 2: #1 39\\.20 to ${keys.business.address} \\(payout VIR-OUT-E2F-1; 40\\.00 less 0\\.80 commission, tx 0x[0-9a-f]{64}\\)$`,
      ),
    );
    expect(json(await env.cli(["--json", "reconversion", "settle", "--csv", payouts], "treasurer"))).to.include({
      settledCount: 0,
      alreadySettledCount: 2,
      alreadySettledTotal: "4900",
    });
    refusedFile(
      await env.cli(
        ["reconversion", "settle", "--csv", await file("other-ref.csv", ["id,ref", "2,VIR-OUT-E2F-9"])],
        "treasurer",
      ),
      "Settlement refused, nothing was sent: 1 problem(s)",
      ["line 2: reconversion #2 was already settled with another payout reference"],
    );

    // The fund's bank statement lists what left it: each net payout, never the gross request.
    const statement = await file("bank.csv", [
      "date,type,reference,amount",
      "2026-11-02,deposit,VIR-E2F-1,100.00",
      "2026-11-02,deposit,VIR-E2F-2,150.00",
      "2026-11-02,deposit,VIR-E2F-3,20.50",
      "2026-11-03,deposit,VIR-E2F-4,9.50",
      "2026-11-04,payout,VIR-OUT-E2F-1,39.20",
      "2026-11-04,payout,VIR-OUT-E2F-2,9.80",
    ]);
    const report = json(await env.cli(["--json", "audit", "--bank-statement", statement]));
    expect(report.mismatches).to.deep.equal([]);
    expect(report.consistent).to.equal(true);
  });
});
