import { expect } from "chai";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { id, Wallet } from "ethers";

import { dayOf } from "../../sdk/actions/books/calendar.js";
import { getBalance } from "../../sdk/actions/wallet/getBalance.js";
import { pay } from "../../sdk/actions/wallet/pay.js";
import { requestReconversion } from "../../sdk/actions/wallet/requestReconversion.js";
import { formatAmount } from "../../sdk/amounts.js";
import { connectCurrency } from "../../sdk/connect.js";
import { createRpcProvider } from "../../sdk/provider.js";
import type { CliResult } from "./cli.js";
import { keys, type Environment } from "./devnetCurrency.js";

// A month of a currency, run as its volunteers run it: the member manager admits the members from a file, the
// treasurer mints the bank's deposits from a file, members pay through their wallets (the SDK), businesses ask
// for reconversions, the treasurer settles them from a file of payouts, and the auditor reconciles the bank's
// own export and hands the books to the accountant. The acceptance test runs it small, the benchmark at the
// Léman's size.

export interface MonthScale {
  members: number;
  /** One deposit per member up to this count. */
  deposits: number;
  payments: number;
  reconversions: number;
}

export interface MonthTimings {
  [step: string]: number;
}

const DEPOSIT = 10_000n; // 100.00 per deposit
const PAYMENT = 125n; // 1.25 per payment
const RECONVERSION = 4_000n; // 40.00 per request

const seconds = (start: number) => (performance.now() - start) / 1000;

function ok(result: CliResult): CliResult {
  expect(result.code, `exit status; stderr: ${result.stderr}; stdout: ${result.stdout.slice(0, 3000)}`).to.equal(0);
  return result;
}
const json = (result: CliResult) => JSON.parse(ok(result).stdout);

/** A deterministic member key: the same month can be replayed. */
const memberKey = (i: number) => new Wallet(id(`komuno month member ${i}`));

/** Runs the month against `env`'s currency; returns the time each step took, in seconds. */
export async function runMonth(env: Environment, scale: MonthScale): Promise<MonthTimings> {
  const timings: MonthTimings = {};
  const file = async (name: string, lines: string[]) => {
    const target = path.join(env.dir, name);
    await writeFile(target, lines.join("\r\n") + "\r\n");
    return target;
  };
  const businesses = Math.max(scale.reconversions, Math.ceil(scale.members / 11));
  const members = Array.from({ length: scale.members }, (_, i) => ({
    key: memberKey(i),
    kind: i < businesses ? "business" : "person",
  }));

  // The member manager admits everyone from one file; run again, it does nothing.
  const membersCsv = await file("members.csv", ["address,kind", ...members.map((m) => `${m.key.address},${m.kind}`)]);
  let started = performance.now();
  const admitted = json(await env.cli(["--json", "member", "add", "--csv", membersCsv], "manager"));
  timings.admission = seconds(started);
  expect(admitted).to.include({ admittedCount: scale.members, alreadyAdmittedCount: 0 });
  expect(json(await env.cli(["--json", "member", "add", "--csv", membersCsv], "manager"))).to.include({
    admittedCount: 0,
    alreadyAdmittedCount: scale.members,
  });

  // The bank's deposits: a statement attested, the allowance raised by the board, then the file minted.
  const deposited = DEPOSIT * BigInt(scale.deposits);
  const evidence = await file("statement-deposits.txt", ["the fund's statement after the month's deposits"]);
  ok(await env.cli(["allowance", "increase", keys.treasurer.address, formatAmount(deposited)], "governor"));
  ok(await env.cli(["reserve", "attest", formatAmount(deposited), "--evidence", evidence], "auditor"));
  const deposits = members
    .slice(0, scale.deposits)
    .map((m, i) => ({ to: m.key.address, amount: DEPOSIT, reference: `DEP-${String(i + 1).padStart(5, "0")}` }));
  // As a spreadsheet saves it: semicolons, quotes, decimal point.
  const depositsCsv = await file("deposits.csv", [
    '"to";"amount";"ref"',
    ...deposits.map((d) => `"${d.to}";"${formatAmount(d.amount)}";"${d.reference}"`),
  ]);
  started = performance.now();
  const minted = json(await env.cli(["--json", "mint", "--csv", depositsCsv], "treasurer"));
  timings.mint = seconds(started);
  expect(minted).to.include({ mintedCount: scale.deposits, mintedTotal: String(deposited), alreadyMintedCount: 0 });
  started = performance.now();
  expect(json(await env.cli(["--json", "mint", "--csv", depositsCsv], "treasurer"))).to.include({
    mintedCount: 0,
    alreadyMintedCount: scale.deposits,
  });
  timings.mintRerun = seconds(started);

  // Members pay each other from their wallets, each waiting for its receipt, all wallets at once.
  const provider = createRpcProvider(env.node.url);
  const record = JSON.parse(await readFile(env.record, "utf8"));
  const payers = members.slice(0, scale.deposits);
  const wallets = payers.map((m) =>
    connectCurrency({ provider, signer: m.key.connect(provider), currency: record, confirmations: 1 }),
  );
  started = performance.now();
  await Promise.all(
    wallets.map(async (wallet, w) => {
      for (let k = w; k < scale.payments; k += wallets.length) {
        await pay(wallet, { to: payers[(w + 1 + (k % 7)) % payers.length].key.address, amount: PAYMENT });
      }
    }),
  );
  timings.payments = seconds(started);

  // Businesses ask for euros back; the treasurer reads what to wire, wires it, and settles from the payout file.
  for (let i = 0; i < scale.reconversions; i++) {
    await requestReconversion(wallets[i], { amount: RECONVERSION });
  }
  const listed = json(await env.cli(["--json", "reconversion", "list", "--pending"]));
  expect(listed.reconversions).to.have.length(scale.reconversions);
  const payoutsCsv = await file("payouts.csv", [
    "id,ref",
    ...listed.reconversions.map((r: { id: string }) => `${r.id},PAY-${String(r.id).padStart(5, "0")}`),
  ]);
  started = performance.now();
  const settled = json(await env.cli(["--json", "reconversion", "settle", "--csv", payoutsCsv], "treasurer"));
  timings.settlements = seconds(started);
  expect(settled).to.include({ settledCount: scale.reconversions, wiredTotal: listed.toWire.netPayout });
  const wired = BigInt(settled.wiredTotal);

  // The bank's own export for the month: a French bank's columns, decimal commas, the reference inside a label.
  const euros = (cents: bigint) => formatAmount(cents).replace(".", ",");
  const today = new Date().toLocaleDateString("fr-FR");
  const statement = await file("releve.csv", [
    "Date;Libellé;Débit;Crédit",
    ...deposits.map((d) => `${today};VIR SEPA RECU /DE MEMBRE /REF ${d.reference};;${euros(d.amount)}`),
    ...settled.settled.map(
      (s: { payoutReference: string; netPayout: string }) =>
        `${today};VIR SEPA EMIS /MOTIF RECONVERSION /REF ${s.payoutReference};${euros(BigInt(s.netPayout))};`,
    ),
  ]);
  started = performance.now();
  const audited = await env.cli([
    "--json",
    "audit",
    "--bank-statement",
    statement,
    "--reference-pattern",
    "(?:DEP|PAY)-[0-9]+",
  ]);
  const report = JSON.parse(audited.stdout);
  const failedChecks = report.checks.filter((check: { ok: boolean }) => !check.ok);
  expect(failedChecks, JSON.stringify(report.mismatches?.slice(0, 3))).to.deep.equal([]);
  expect(audited.code).to.equal(0);
  timings.audit = seconds(started);
  expect(report.mismatches).to.deep.equal([]);
  expect(report.consistent).to.equal(true);
  expect(report.backed).to.equal(true);

  // Supply is every balance, and equals the euros left in the fund.
  const supply = BigInt(json(await env.cli(["--json", "info"])).supply);
  let balances = 0n;
  for (const m of members) balances += await getBalance(wallets[0], { account: m.key.address });
  balances += await getBalance(wallets[0], { account: keys.association.address });
  expect(supply).to.equal(balances);
  expect(supply).to.equal(deposited - wired);

  // The accountant's journal for the days of the month, once the last one is over.
  const firstDay = dayOf((await provider.getBlock(record.deploymentBlock))!.timestamp, "Europe/Paris");
  const lastDay = dayOf((await provider.getBlock("latest"))!.timestamp, "Europe/Paris");
  await provider.send("evm_increaseTime", [2 * 86_400]);
  await provider.send("evm_mine", []);
  started = performance.now();
  const journal = json(await env.cli(["--json", "export", "journal", "--from", firstDay, "--to", lastDay]));
  timings.journal = seconds(started);
  expect(journal.totals.minted).to.equal(String(deposited));
  expect(journal.totals.minted).to.equal(report.replayed.minted);
  expect(journal.totals.burned).to.equal(report.replayed.burned);
  provider.destroy();
  return timings;
}
