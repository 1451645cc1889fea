import { expect } from "chai";
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { Contract, HDNodeWallet, id } from "ethers";
import { createPublicClient, http } from "viem";

import { localCurrencyAbi } from "../../sdk/abi/generated/index.js";
import { createKomunoClient } from "../../sdk/client.js";
import { AuthorizationAlreadyUsedError, ContractRevertError, InvalidInputError } from "../../sdk/errors.js";
import { buildPaymentLink, parsePaymentLink } from "../../sdk/paymentLinks.js";
import { createRpcProvider } from "../../sdk/provider.js";
import { runCli, type CliResult } from "../helpers/cli.js";
import {
  CHAIN_ID,
  currencyFile,
  dispose,
  freshEnvironment,
  keys,
  PASSWORD,
  type Environment,
} from "../helpers/devnetCurrency.js";
import { schemaErrors } from "../helpers/jsonSchemas.js";

function ok(result: CliResult): CliResult {
  expect(result.code, `exit code; stderr: ${result.stderr}`).to.equal(0);
  return result;
}

function json(result: CliResult): any {
  return JSON.parse(ok(result).stdout);
}

/** A refused command: non-zero exit and exactly one line on stderr. */
function refused(result: CliResult, needle: string) {
  expect(result.code).to.not.equal(0);
  expect(result.stderr.trim().split("\n"), result.stderr).to.have.length(1);
  expect(result.stderr).to.include(needle);
}

const depositsCsv = (deposits: { to: string; amount: string; ref: string }[]) =>
  ["to,amount,ref", ...deposits.map((d) => `${d.to},${d.amount},${d.ref}`)].join("\n") + "\n";

describe("End to end: the komuno CLI and the SDK against a real node", function () {
  let env: Environment;

  before(async function () {
    env = await freshEnvironment();
  });

  after(async function () {
    await dispose(env);
  });

  it("deploys from a currency file, and deploying again reuses the same currency", async function () {
    const record = JSON.parse(await readFile(env.record, "utf8"));
    expect(record.chainId).to.equal(CHAIN_ID);
    expect(record.code).to.equal("e2e");
    expect(schemaErrors("deployment-record", record)).to.deep.equal([]);
    const again = json(
      await runCli([
        "--rpc",
        env.node.url,
        "--json",
        "deploy",
        path.join(env.dir, "e2e.json"),
        "--out",
        path.join(env.dir, "again.json"),
      ]),
    );
    expect(again.address).to.equal(record.address);
    const info = json(await env.cli(["--json", "info"]));
    expect(info).to.include({ name: "Monnaie de Test", symbol: "TEST", chainId: CHAIN_ID, paused: false });
  });

  it("refuses to deploy a currency to a chain with another id", async function () {
    const other = { ...currencyFile(), code: "other", chainId: 46398 };
    await writeFile(path.join(env.dir, "other.json"), JSON.stringify(other));
    refused(
      await runCli(["--rpc", env.node.url, "deploy", path.join(env.dir, "other.json")]),
      "Deploying other failed",
    );
  });

  it("admits members, and refuses admitting one twice with one clear line", async function () {
    ok(await env.cli(["member", "add", keys.person.address, "--kind", "person"], "manager"));
    ok(await env.cli(["member", "add", keys.business.address, "--kind", "business"], "manager"));
    refused(
      await env.cli(["member", "add", keys.person.address, "--kind", "person"], "manager"),
      "was already admitted",
    );
    expect(json(await env.cli(["--json", "member", "show", keys.business.address]))).to.deep.include({
      kind: "business",
      status: "active",
      balance: "0",
    });
  });

  it("refuses a privileged command from the wrong role, decoding the contract's error", async function () {
    refused(
      await env.cli(["member", "add", keys.pauser.address, "--kind", "person"], "person"),
      "does not hold the role",
    );
  });

  it("attests the reserve, then mints a deposit exactly once", async function () {
    await writeFile(path.join(env.dir, "statement.pdf"), "bank statement of the fund, November");
    ok(await env.cli(["allowance", "increase", keys.treasurer.address, "100000.00"], "governor"));
    ok(await env.cli(["reserve", "attest", "1000.00", "--evidence", path.join(env.dir, "statement.pdf")], "auditor"));
    const minted = json(
      await env.cli(["--json", "mint", keys.person.address, "100.00", "--ref", "VIR-0001"], "treasurer"),
    );
    expect(minted.transactionHash).to.match(/^0x[0-9a-f]{64}$/);
    refused(
      await env.cli(["mint", keys.person.address, "100.00", "--ref", "VIR-0001"], "treasurer"),
      "was already minted",
    );
    expect(json(await env.cli(["--json", "balance", keys.person.address])).balance).to.equal("10000");
  });

  it("mints a CSV of deposits and, run again after an interruption, mints each exactly once", async function () {
    const deposits = Array.from({ length: 12 }, (_, i) => ({
      to: i % 2 === 0 ? keys.person.address : keys.business.address,
      amount: `${i + 1}.50`,
      ref: `VIR-CSV-${i + 1}`,
    }));
    // The first run dies after half the list: the second must skip that half and mint the rest.
    await writeFile(path.join(env.dir, "half.csv"), depositsCsv(deposits.slice(0, 6)));
    await writeFile(path.join(env.dir, "all.csv"), depositsCsv(deposits));
    expect(
      json(await env.cli(["--json", "mint", "--csv", path.join(env.dir, "half.csv")], "treasurer")).minted,
    ).to.have.length(6);
    const rerun = json(await env.cli(["--json", "mint", "--csv", path.join(env.dir, "all.csv")], "treasurer"));
    expect(rerun.minted.map((d: any) => d.reference)).to.deep.equal(deposits.slice(6).map((d) => d.ref));
    expect(rerun.alreadyMinted.map((d: any) => d.reference)).to.deep.equal(deposits.slice(0, 6).map((d) => d.ref));
    expect(rerun.alreadyMinted[0].transactionHash).to.match(/^0x[0-9a-f]{64}$/);
    expect(rerun).to.include({
      mintedCount: 6,
      mintedTotal: "6000",
      alreadyMintedCount: 6,
      alreadyMintedTotal: "2400",
    });
    const third = json(await env.cli(["--json", "mint", "--csv", path.join(env.dir, "all.csv")], "treasurer"));
    expect(third.minted).to.have.length(0);
  });

  it("mints nothing again from a spreadsheet's spelling of the same deposits, naming each one", async function () {
    const excel = [
      '"to";"amount";"ref"',
      ...Array.from({ length: 12 }, (_, i) => {
        const to = i % 2 === 0 ? keys.person.address : keys.business.address;
        return `"${to}";"${i + 1}.50";" VIR-CSV-${i + 1}"`;
      }),
    ];
    await writeFile(path.join(env.dir, "excel.csv"), "\uFEFF" + excel.join("\r\n") + "\r\n");
    const summary = `Minted 0 deposit(s), 0.00 in all; 12 already minted (84.00), skipped (${path.join(env.dir, "excel.csv")} read with ";" between columns).`;
    expect(ok(await env.cli(["mint", "--csv", path.join(env.dir, "excel.csv")], "treasurer")).stdout).to.equal(
      summary + "\n",
    );
    const run = ok(await env.cli(["mint", "--csv", path.join(env.dir, "excel.csv"), "--verbose"], "treasurer")).stdout;
    expect(run.split("\n")[0]).to.equal(summary);
    for (let i = 1; i <= 12; i++) expect(run).to.include(`  line ${i + 1}: already minted VIR-CSV-${i} (${i}.50 to `);
    expect(run).to.not.include('"VIR-CSV');

    await writeFile(
      path.join(env.dir, "bad.csv"),
      `to,amount,ref\n${keys.person.address},1.00\n${keys.person.address},1.00,VIR-BAD-1\n0x12,1.00,VIR-BAD-2\n`,
    );
    const bad = await env.cli(["mint", "--csv", path.join(env.dir, "bad.csv")], "treasurer");
    expect(bad.code).to.not.equal(0);
    expect(bad.stderr).to.include(
      `Mint refused, nothing was sent: 2 problem(s) in ${path.join(env.dir, "bad.csv")}:\n`,
    );
    expect(bad.stderr).to.include("\n  line 2: 2 field(s), expected 3");
    expect(bad.stderr).to.include('\n  line 4: Invalid address "0x12"');
  });

  it("pays between members and lists the history", async function () {
    const before = BigInt(json(await env.cli(["--json", "balance", keys.business.address])).balance);
    ok(await env.cli(["pay", keys.business.address, "12.50"], "person"));
    expect(BigInt(json(await env.cli(["--json", "balance", keys.business.address])).balance)).to.equal(before + 1250n);
    const csv = path.join(env.dir, "history.csv");
    const history = json(await env.cli(["--json", "history", keys.person.address, "--csv", csv]));
    expect(history.map((e: any) => e.type)).to.include.members(["mint", "payment"]);
    expect(history.at(-1)).to.include({
      type: "payment",
      direction: "out",
      amount: "-1250",
      counterparty: keys.business.address,
    });
    expect((await readFile(csv, "utf8")).split("\n")[0]).to.equal("date,block,transaction,type,counterparty,amount");
  });

  it("settles one reconversion and rejects another", async function () {
    const first = json(await env.cli(["--json", "reconversion", "request", "40.00"], "business"));
    expect(first.id).to.equal("1");
    const pending = json(await env.cli(["--json", "reconversion", "list", "--pending"]));
    expect(pending.reconversions).to.have.length(1);
    expect(pending.reconversions[0]).to.include({
      member: keys.business.address,
      amount: "4000",
      status: "pending",
      commissionBps: 200,
      commission: "80",
      netPayout: "3920",
    });
    expect(pending.toWire).to.deep.equal({ count: 1, amount: "4000", commission: "80", netPayout: "3920" });
    expect(ok(await env.cli(["reconversion", "settle", "1", "--ref", "PAYOUT-0001"], "treasurer")).stdout).to.include(
      "Reconversion #1 settled: 39.20 wired (payout PAYOUT-0001), 0.80 commission kept",
    );
    refused(
      await env.cli(["reconversion", "settle", "1", "--ref", "PAYOUT-0002"], "treasurer"),
      "reconversion #1 is settled",
    );
    ok(await env.cli(["reconversion", "request", "10.00"], "business"));
    ok(await env.cli(["reconversion", "reject", "2", "--reason", "IBAN does not match"], "treasurer"));
    expect(json(await env.cli(["--json", "reconversion", "list", "--pending"])).reconversions).to.have.length(0);
  });

  it("mutual credit: the manager sets credit lines, members pay within them, never beyond the floor", async function () {
    for (const member of [keys.person, keys.business]) {
      ok(await env.cli(["credit", "limit", member.address, "--floor", "100.00", "--ceiling", "100.00"], "manager"));
    }
    const supplyBefore = json(await env.cli(["--json", "info"])).supply;
    ok(await env.cli(["credit", "pay", keys.business.address, "60.00"], "person"));
    refused(await env.cli(["credit", "pay", keys.business.address, "50.00"], "person"), "may go down to -100.00");
    expect(json(await env.cli(["--json", "credit", "show", keys.person.address]))).to.include({
      balance: "-6000",
      canPay: "4000",
    });
    expect(json(await env.cli(["--json", "credit", "show", keys.business.address])).balance).to.equal("6000");
    const history = json(await env.cli(["--json", "credit", "history", keys.person.address]));
    expect(history.map((e: any) => [e.type, e.direction, e.amount, e.balanceAfter])).to.deep.equal([
      ["payment", "out", "-6000", "-6000"],
    ]);
    expect(json(await env.cli(["--json", "info"])).supply, "euro-backed supply untouched").to.equal(supplyBefore);
  });

  it("delegation: a delegate pays within its caps, is refused beyond them, and nothing after a revoke", async function () {
    const association = keys.association.address;
    ok(
      await env.cli(
        ["delegate", "grant", keys.business.address, "--per-payment", "10.00", "--total", "15.00"],
        "person",
      ),
    );
    const before = BigInt(json(await env.cli(["--json", "balance", association])).balance);
    ok(await env.cli(["delegate", "pay", keys.person.address, association, "10.00"], "business"));
    refused(await env.cli(["delegate", "pay", keys.person.address, association, "6.00"], "business"), "already paid");
    refused(
      await env.cli(["delegate", "pay", keys.person.address, association, "10.01"], "business"),
      "at most 10.00 per payment",
    );
    expect(json(await env.cli(["--json", "delegate", "show", keys.person.address, keys.business.address]))).to.include({
      spent: "1000",
    });
    ok(await env.cli(["delegate", "revoke", keys.business.address], "person"));
    refused(await env.cli(["delegate", "pay", keys.person.address, association, "1.00"], "business"), "no delegation");
    expect(BigInt(json(await env.cli(["--json", "balance", association])).balance)).to.equal(before + 1000n);
  });

  it("payment requests: a shop asks, the payer sees it, pays it exactly once, and rejects another", async function () {
    const ask = ["--json", "request", "create", keys.person.address, "12.50", "--memo", "Facture 42", "--ref", "F-42"];
    const created = json(await env.cli(ask, "business"));
    // Run again (a lost answer, a double click): the same request, nothing sent.
    expect(json(await env.cli(ask, "business"))).to.deep.equal({ id: created.id, alreadyCreated: true });
    const incoming = json(await env.cli(["--json", "request", "list", keys.person.address, "--direction", "incoming"]));
    expect(incoming.map((r: any) => [r.id, r.status, r.memo, r.amount])).to.deep.include([
      created.id,
      "open",
      "Facture 42",
      "1250",
    ]);
    const outgoing = json(await env.cli(["--json", "request", "list", keys.business.address]));
    expect(outgoing.find((r: any) => r.id === created.id)).to.include({ direction: "outgoing" });
    const before = BigInt(json(await env.cli(["--json", "balance", keys.business.address])).balance);
    refused(await env.cli(["request", "pay", created.id, "--amount", "125.00"], "person"), "asks 12.50, not 125.00");
    ok(await env.cli(["request", "pay", created.id, "--amount", "12.50"], "person"));
    refused(await env.cli(["request", "pay", created.id], "person"), `payment request #${created.id} is paid`);
    expect(BigInt(json(await env.cli(["--json", "balance", keys.business.address])).balance)).to.equal(before + 1250n);
    const second = json(await env.cli(["--json", "request", "create", keys.person.address, "3.00"], "business"));
    ok(await env.cli(["request", "reject", second.id], "person"));
    const open = json(await env.cli(["--json", "request", "list", keys.person.address]));
    expect(open.map((r: any) => r.id)).to.not.include.members([created.id, second.id]);
  });

  it("fees and rules: the governor sets a fee per recipient kind and forbids business-to-person payments", async function () {
    const balance = async (who: string) => BigInt(json(await env.cli(["--json", "balance", who])).balance);
    refused(await env.cli(["fees", "set", "--to-business", "150"], "treasurer"), "does not hold the role");
    // No governance delay on this currency: carried out at once, and said so as before.
    expect(ok(await env.cli(["fees", "set", "--to-business", "150"], "governor")).stdout)
      .to.include("Payment fees set:\n")
      .and.match(/to business +150 bps \(1\.50 %\)/)
      .and.not.include("timelock");
    expect(ok(await env.cli(["governance", "list"])).stdout.trim()).to.equal("No governance operation is waiting.");
    expect(json(await env.cli(["--json", "fees", "show"]))).to.deep.equal({
      person: 0,
      business: 150,
      association: 0,
    });
    const [shopBefore, feesBefore] = [await balance(keys.business.address), await balance(keys.association.address)];
    ok(await env.cli(["pay", keys.business.address, "20.00"], "person"));
    expect(await balance(keys.business.address)).to.equal(shopBefore + 1_970n);
    expect(await balance(keys.association.address)).to.equal(feesBefore + 30n);
    const history = json(await env.cli(["--json", "history", keys.person.address]));
    expect(history.slice(-2).map((e: any) => [e.type, e.counterparty, e.amount])).to.deep.equal([
      ["payment", keys.business.address, "-1970"],
      ["fee", keys.association.address, "-30"],
    ]);
    const collected = json(await env.cli(["--json", "history", keys.association.address])).at(-1);
    expect(collected).to.include({ type: "fee", direction: "in", counterparty: keys.person.address, amount: "30" });
    ok(await env.cli(["fees", "set", "--to-business", "0"], "governor"));

    ok(await env.cli(["rules", "set", "business", "person", "--forbid"], "governor"));
    refused(
      await env.cli(["pay", keys.person.address, "1.00"], "business"),
      "a business account may not pay a person account",
    );
    ok(await env.cli(["rules", "set", "business", "person", "--allow"], "governor"));
    ok(await env.cli(["pay", keys.person.address, "1.00"], "business"));
  });

  it("gasless: a member signs a payment offline, a relayer submits it once", async function () {
    const file = path.join(env.dir, "authorization.json");
    const before = BigInt(json(await env.cli(["--json", "balance", keys.business.address])).balance);
    ok(await env.cli(["authorize", keys.business.address, "5.00", "--out", file], "person"));
    const signed = JSON.parse(await readFile(file, "utf8"));
    expect(signed).to.include({ from: keys.person.address, to: keys.business.address, value: "500" });
    ok(await env.cli(["relay", file], "pauser"));
    expect(BigInt(json(await env.cli(["--json", "balance", keys.business.address])).balance)).to.equal(before + 500n);
    refused(await env.cli(["relay", file], "pauser"), "already used");
  });

  it("SDK: a shop's payment link is scanned and paid; a receive authorization is relayed by its payee; a cancelled one is dead", async function () {
    const provider = createRpcProvider(env.node.url);
    const record = JSON.parse(await readFile(env.record, "utf8"));
    const as = (key: HDNodeWallet) => createKomunoClient({ provider, signer: key.connect(provider), currency: record });
    const [person, business] = [as(keys.person), as(keys.business)];
    const balance = () => business.wallet.getBalance({ account: keys.business.address });

    const link = buildPaymentLink({
      currency: record.address,
      chainId: CHAIN_ID,
      to: keys.business.address,
      amount: 250n,
      memo: "Table 4",
    });
    const scanned = parsePaymentLink(link);
    expect(scanned).to.include({ to: keys.business.address, amount: 250n, memo: "Table 4", chainId: CHAIN_ID });
    const before = await balance();
    await person.wallet.pay({ to: scanned.to, amount: scanned.amount! });
    expect(await balance()).to.equal(before + 250n);

    const receive = await person.relay.signPaymentAuthorization({
      to: keys.business.address,
      amount: 300n,
      kind: "receive",
    });
    const stranger = as(keys.pauser);
    expect(
      await stranger.relay.relayTransferAuthorization({ authorization: receive }).catch((e) => e),
    ).to.be.instanceOf(InvalidInputError);
    await business.relay.relayTransferAuthorization({ authorization: receive });
    expect(await balance()).to.equal(before + 550n);

    const cancelled = await person.relay.signPaymentAuthorization({ to: keys.business.address, amount: 400n });
    await person.relay.cancelTransferAuthorization({ nonce: cancelled.nonce });
    expect(await person.relay.getAuthorizationState({ authorizer: keys.person.address, nonce: cancelled.nonce })).to.be
      .true;
    const refused = await stranger.relay.relayTransferAuthorization({ authorization: cancelled }).catch((e) => e);
    expect(refused).to.be.instanceOf(AuthorizationAlreadyUsedError);
    expect(await balance()).to.equal(before + 550n);
  });

  it("audits the chain against a matching bank statement: consistent and backed, exit 0", async function () {
    const lines = ["date,type,reference,amount", "2026-11-02,deposit,VIR-0001,100.00"];
    for (let i = 1; i <= 12; i++) lines.push(`2026-11-03,deposit,VIR-CSV-${i},${i}.50`);
    lines.push("2026-11-04,payout,PAYOUT-0001,39.20"); // 40.00 less the 2 % commission
    await writeFile(path.join(env.dir, "bank.csv"), lines.join("\n") + "\n");
    const html = path.join(env.dir, "audit.html");
    const result = await env.cli(["audit", "--bank-statement", path.join(env.dir, "bank.csv"), "--html", html]);
    ok(result);
    expect(result.stdout).to.include("CONSISTENT AND FULLY BACKED");
    const page = await readFile(html, "utf8");
    expect(page)
      .to.include("<svg")
      .and.to.include('<html lang="fr">')
      .and.to.include("Cohérente et entièrement couverte")
      .and.not.to.match(/<script|src=/);
    // An English locale writes the report in English.
    const english = path.join(env.dir, "audit-en.html");
    ok(await env.cli(["audit", "--locale", "en-GB", "--html", english]));
    expect(await readFile(english, "utf8"))
      .to.include('<html lang="en">')
      .and.to.include("Consistent and fully backed")
      .and.to.include("€");
    const report = json(await env.cli(["--json", "audit", "--bank-statement", path.join(env.dir, "bank.csv")]));
    expect(report).to.include({ consistent: true, backed: true });
    expect(report.replayed).to.include({ mints: 13, settlements: 1, rejections: 1 });
  });

  it("exits 1 and names each mismatch with an inconsistent bank statement", async function () {
    const lines = [
      "date,type,reference,amount",
      "2026-11-02,deposit,VIR-0001,100.00",
      "2026-11-02,deposit,VIR-NEVER-MINTED,5.00",
      ...Array.from(
        { length: 12 },
        (_, i) => `2026-11-03,deposit,VIR-CSV-${i + 1},${i === 0 ? "9.99" : `${i + 1}.50`}`,
      ),
    ];
    await writeFile(path.join(env.dir, "bad-bank.csv"), lines.join("\n") + "\n");
    const csv = path.join(env.dir, "audit.csv");
    const result = await env.cli(["audit", "--bank-statement", path.join(env.dir, "bad-bank.csv"), "--csv", csv]);
    expect(result.code).to.equal(1);
    expect(result.stdout).to.include(`deposit-not-minted VIR-NEVER-MINTED (${id("VIR-NEVER-MINTED").slice(0, 10)}…)`);
    expect(result.stdout).to.include(`mint-amount-differs VIR-CSV-1 (${id("VIR-CSV-1").slice(0, 10)}…)`);
    // No statement line names the payout: the chain knows only its hash.
    expect(result.stdout).to.include(`settlement-without-payout ${id("PAYOUT-0001")}:`);
    expect(await readFile(csv, "utf8")).to.include(
      `mismatch,deposit-not-minted,false,VIR-NEVER-MINTED,${id("VIR-NEVER-MINTED")},`,
    );
  });

  it("refuses bad arguments with one line on stderr and sends nothing", async function () {
    const provider = createRpcProvider(env.node.url);
    const block = await provider.getBlockNumber();
    refused(await env.cli(["pay", "0x12", "5"], "person"), "Invalid address");
    refused(await env.cli(["pay", keys.business.address, "12,50"], "person"), "use a dot");
    refused(await env.cli(["pay", keys.business.address, "-1"], "person"), "");
    refused(await env.cli(["mint", keys.person.address, "1.00"], "treasurer"), "--ref");
    refused(await env.cli(["reconversion", "settle", "zero", "--ref", "x"], "treasurer"), "a request number");
    refused(
      await env.cli(["fees", "set", "--to-business", "501"], "governor"),
      "from 0 to 500 (5.00 %, the most a fee may be",
    );
    expect(await provider.getBlockNumber()).to.equal(block);
  });

  it("never prints a key or a password", async function () {
    const results = await Promise.all([
      env.cli(["--json", "keys", "address"], "person"),
      env.cli(["pay", keys.business.address, "0.01"], "person"),
    ]);
    for (const { stdout, stderr } of results) {
      expect(stdout + stderr).to.not.include(keys.person.privateKey.slice(2));
      expect(stdout + stderr).to.not.include(PASSWORD);
    }
    expect(JSON.parse(results[0].stdout).address).to.equal(keys.person.address);
  });

  it("SDK: sends many transactions at once from one signer, and decodes reverts into typed errors", async function () {
    const provider = createRpcProvider(env.node.url);
    const record = JSON.parse(await readFile(env.record, "utf8"));
    const person = createKomunoClient({ provider, signer: keys.person.connect(provider), currency: record });
    const before = await person.wallet.getBalance({ account: keys.business.address });
    const payments = await Promise.all(
      Array.from({ length: 20 }, () => person.wallet.pay({ to: keys.business.address, amount: 1n })),
    );
    expect(new Set(payments.map((p) => p.hash)).size).to.equal(20);
    expect(await person.wallet.getBalance({ account: keys.business.address })).to.equal(before + 20n);

    const treasurer = createKomunoClient({ provider, signer: keys.treasurer.connect(provider), currency: record });
    const error = await treasurer.treasury.mint({ to: keys.person.address, amount: 1n, reference: "VIR-0001" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).to.equal("DepositAlreadyMinted");
    expect((error as ContractRevertError).args.depositRef).to.equal(id("VIR-0001"));
  });

  it("viem reads balance and supply from the same node with types inferred from the generated ABI", async function () {
    const record = JSON.parse(await readFile(env.record, "utf8"));
    const client = createPublicClient({ transport: http(env.node.url) });
    const supply: bigint = await client.readContract({
      address: record.address,
      abi: localCurrencyAbi,
      functionName: "totalSupply",
    });
    const balance: bigint = await client.readContract({
      address: record.address,
      abi: localCurrencyAbi,
      functionName: "balanceOf",
      args: [keys.person.address as `0x${string}`],
    });
    const provider = createRpcProvider(env.node.url);
    const sdk = createKomunoClient({ provider, currency: record });
    expect(supply).to.equal((await sdk.reserve.getBackingStatus()).supply);
    expect(balance).to.equal(await sdk.wallet.getBalance({ account: keys.person.address }));
  });
  it("refuses an upgrade whose storage layout would move state, and sends nothing", async function () {
    const record = JSON.parse(await readFile(env.record, "utf8"));
    const tampered = structuredClone(record);
    const ledger = tampered.storageLayout["komuno.storage.Ledger"];
    ledger[2] = { ...ledger[2], slot: 9 }; // as if the deployed code kept totalSupply elsewhere
    const tamperedFile = path.join(env.dir, "tampered.json");
    await writeFile(tamperedFile, JSON.stringify(tampered));
    const provider = createRpcProvider(env.node.url);
    const block = await provider.getBlockNumber();
    const result = await runCli(
      ["--rpc", env.node.url, "--currency", tamperedFile, "--keystore", path.join(env.dir, "governor.json"), "upgrade"],
      { KOMUNO_PASSWORD: PASSWORD },
    );
    refused(result, "storage layout is incompatible");
    refused(await env.cli(["upgrade"], "treasurer"), "may not schedule in the governance timelock");
    expect(await provider.getBlockNumber()).to.equal(block);
  });

  it("upgrades through the governor, keeping every balance, and records the new implementation", async function () {
    const provider = createRpcProvider(env.node.url);
    const before = JSON.parse(await readFile(env.record, "utf8"));
    const sdk = createKomunoClient({ provider, currency: before });
    const balance = await sdk.wallet.getBalance({ account: keys.person.address });
    const supply = (await sdk.reserve.getBackingStatus()).supply;
    const upgraded = json(await env.cli(["--json", "upgrade", "--contract", "LocalCurrencyV2Mock"], "governor"));
    const after = JSON.parse(await readFile(env.record, "utf8"));
    expect(after.implementation).to.equal(upgraded.implementation).and.not.equal(before.implementation);
    expect(after.storageLayout).to.have.property("komuno.storage.V2Mock");
    expect(await sdk.wallet.getBalance({ account: keys.person.address })).to.equal(balance);
    expect((await sdk.reserve.getBackingStatus()).supply).to.equal(supply);
    const v2 = new Contract(before.address, ["function version() view returns (uint256)"], provider);
    expect(await v2.version()).to.equal(2n);
    expect(json(await env.cli(["--json", "audit"]))).to.include({ consistent: true });
  });
});

/** A moment as a reader in Paris sees it, "2026-05-03 14:00:00": worked out apart from the CLI's own code. */
const parisTime = (iso: string) =>
  new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));

describe("End to end: a currency whose governor and member moves wait a public delay", function () {
  const HOUR = 3_600;
  const GOVERNANCE_DELAY = 48 * HOUR;
  const MEMBER_MOVE_DELAY = 72 * HOUR;
  let env: Environment;
  let provider: ReturnType<typeof createRpcProvider>;
  const balance = async (who: string) => BigInt(json(await env.cli(["--json", "balance", who])).balance);
  const businessFee = async () => json(await env.cli(["--json", "fees", "show"])).business;
  const operationIdIn = (stdout: string) => /operation +(0x[0-9a-f]{64})/.exec(stdout)![1];
  /** The node's clock jumps forward, as days passing would move it. */
  const wait = async (seconds: number) => {
    await provider.send("evm_increaseTime", [seconds]);
    await provider.send("evm_mine", []);
  };
  const blockTime = async (blockNumber: number) => (await provider.getBlock(blockNumber))!.timestamp;

  before(async function () {
    env = await freshEnvironment({
      code: "e2t",
      delayHours: GOVERNANCE_DELAY / HOUR,
      memberMoveDelayHours: MEMBER_MOVE_DELAY / HOUR,
      cliEnv: { TZ: "Europe/Paris" },
    });
    provider = createRpcProvider(env.node.url);
    for (const [member, kind] of [
      [keys.person, "person"],
      [keys.business, "business"],
      [keys.replacement, "person"],
    ] as const) {
      ok(await env.cli(["member", "add", member.address, "--kind", kind], "manager"));
    }
  });

  after(async function () {
    await dispose(env);
  });

  it("describes every governance and recovery command in one line of --help", async function () {
    expect(ok(await runCli(["governance", "--help"])).stdout)
      .to.match(/\n  list \[options\] +the operations waiting or ready/)
      .and.match(/\n  execute <id> +carry out an operation whose delay has passed/)
      .and.match(/\n  cancel <id> +stop an operation before it executes/);
    expect(ok(await runCli(["member", "--help"])).stdout)
      .to.match(/\n  recover \[options\] <lost> <new> +propose to move/)
      .and.match(/\n  recoveries +the recoveries of lost keys/)
      .and.match(/\n  execute-recovery <lost> +carry out a pending recovery/)
      .and.match(/\n  cancel-recovery <lost> +stop a pending recovery/);
  });

  const feeChange =
    "set the payment fees to 0.00 % on payments to persons, 1.50 % to businesses, 0.00 % to associations";
  let feeOperation: string;

  it("schedules a fee change, saying what it does, when it may execute and how, and changes nothing yet", async function () {
    const scheduled = ok(await env.cli(["fees", "set", "--to-business", "150"], "governor")).stdout;
    feeOperation = operationIdIn(scheduled);
    const waiting = json(await env.cli(["--json", "governance", "list"]));
    expect(waiting).to.have.length(1);
    expect(waiting[0]).to.include({ id: feeOperation, description: feeChange, status: "waiting" });
    expect(Date.parse(waiting[0].executableAt) / 1000).to.equal(
      (await blockTime(waiting[0].scheduledInBlock)) + GOVERNANCE_DELAY,
    );
    expect(scheduled)
      .to.include("Scheduled in the governance timelock")
      .and.include(`  ${feeChange}\n`)
      .and.match(new RegExp(`executable after  ${parisTime(waiting[0].executableAt)} \\(UTC\\+0[12]:00\\)`))
      .and.include(`  komuno governance execute ${feeOperation}\n`)
      .and.include(`  komuno governance cancel ${feeOperation}\n`);
    expect(await businessFee()).to.equal(0);

    const listed = ok(await env.cli(["governance", "list"])).stdout;
    expect(listed)
      .to.include(`${feeChange}\n  status            waiting\n`)
      .and.include(`  executable after  ${parisTime(waiting[0].executableAt)}`)
      .and.include(`  id                ${feeOperation}\n`)
      .and.include(`  scheduled in      transaction ${waiting[0].scheduledInTransaction}`)
      .and.not.include("ready now");
  });

  it("reports the same fee change sent again as already waiting, and sends nothing", async function () {
    const block = await provider.getBlockNumber();
    const again = ok(await env.cli(["fees", "set", "--to-business", "150"], "governor")).stdout;
    expect(again).to.include("Already waiting in the timelock: nothing sent.").and.include(feeChange);
    expect(operationIdIn(again)).to.equal(feeOperation);
    expect(json(await env.cli(["--json", "fees", "set", "--to-business", "150"], "governor"))).to.include({
      status: "scheduled",
      alreadyScheduled: true,
      operationId: feeOperation,
    });
    expect(await provider.getBlockNumber()).to.equal(block);
    expect(json(await env.cli(["--json", "governance", "list"]))).to.have.length(1);
  });

  it("refuses to execute before the delay in one line, then anyone executes it and the fee applies", async function () {
    refused(await env.cli(["governance", "execute", feeOperation], "pauser"), "still waiting its delay");
    expect(await businessFee()).to.equal(0);

    await wait(GOVERNANCE_DELAY);
    expect(ok(await env.cli(["governance", "list"])).stdout).to.include(": ready now");
    const executed = ok(await env.cli(["governance", "execute", feeOperation], "pauser")).stdout;
    expect(executed).to.include(`Executed: ${feeChange}`);
    expect(await businessFee()).to.equal(150);
    refused(await env.cli(["governance", "execute", feeOperation], "pauser"), "was already executed");
  });

  it("lets an auditor cancel a scheduled rule change, which then never executes", async function () {
    const forbid = "forbid payments from business accounts to person accounts";
    const scheduled = json(await env.cli(["--json", "rules", "set", "business", "person", "--forbid"], "governor"));
    expect(scheduled).to.include({ status: "scheduled", alreadyScheduled: false, description: forbid });
    refused(await env.cli(["governance", "cancel", scheduled.operationId], "treasurer"), "does not hold the role");
    const cancelled = ok(await env.cli(["governance", "cancel", scheduled.operationId], "auditor")).stdout;
    expect(cancelled).to.include(`Cancelled, it will never execute: ${forbid}`);

    await wait(GOVERNANCE_DELAY);
    refused(
      await env.cli(["governance", "execute", scheduled.operationId], "pauser"),
      "was cancelled: it will never execute",
    );
    expect(json(await env.cli(["--json", "rules", "show"])).forbidden).to.deep.equal([]);
    expect(ok(await env.cli(["governance", "list"])).stdout.trim()).to.equal("No governance operation is waiting.");
    const history = json(await env.cli(["--json", "governance", "list", "--all"]));
    expect(history.map((o: any) => [o.description, o.status])).to.deep.equal([
      [feeChange, "done"],
      [forbid, "cancelled"],
    ]);
  });

  it("schedules an upgrade; the deployment record keeps the running implementation until it executes", async function () {
    const before = JSON.parse(await readFile(env.record, "utf8"));
    const upgrade = json(await env.cli(["--json", "upgrade", "--contract", "LocalCurrencyV2Mock"], "governor"));
    expect(upgrade).to.include({
      status: "scheduled",
      alreadyScheduled: false,
      description: `upgrade the currency to the implementation at ${upgrade.implementation}`,
    });
    const pending = JSON.parse(await readFile(env.record, "utf8"));
    expect(pending.implementation).to.equal(before.implementation);
    expect(pending.pendingUpgrade).to.deep.include({
      implementation: upgrade.implementation,
      operationId: upgrade.operationId,
    });
    expect(schemaErrors("deployment-record", pending)).to.deep.equal([]);
    // Once executed after its delay, the record names the implementation the chain runs, with its layout.
    await wait(GOVERNANCE_DELAY);
    ok(await env.cli(["governance", "execute", upgrade.operationId], "pauser"));
    const settled = JSON.parse(await readFile(env.record, "utf8"));
    expect(settled.implementation).to.equal(upgrade.implementation);
    expect(settled.pendingUpgrade).to.equal(undefined);
    expect(Object.keys(settled.storageLayout)).to.include("komuno.storage.V2Mock");
    expect(schemaErrors("deployment-record", settled)).to.deep.equal([]);
  });

  it("waits the delay before a treasurer's mint allowance grows", async function () {
    const raise = `raise the mint allowance of treasurer ${keys.treasurer.address} by 1000.00`;
    const scheduled = ok(await env.cli(["allowance", "increase", keys.treasurer.address, "1000.00"], "governor"));
    expect(scheduled.stdout).to.include(raise);
    await wait(GOVERNANCE_DELAY);
    expect(ok(await env.cli(["governance", "execute", operationIdIn(scheduled.stdout)], "pauser")).stdout).to.include(
      `Executed: ${raise}`,
    );
    await writeFile(path.join(env.dir, "statement.pdf"), "bank statement of the fund");
    ok(await env.cli(["reserve", "attest", "1000.00", "--evidence", path.join(env.dir, "statement.pdf")], "auditor"));
    ok(await env.cli(["mint", keys.person.address, "100.00", "--ref", "VIR-T-1"], "treasurer"));
    ok(await env.cli(["mint", keys.business.address, "50.00", "--ref", "VIR-T-2"], "treasurer"));
    expect(await balance(keys.person.address)).to.equal(10_000n);
  });

  it("recovers a lost key only once the member-move delay has passed", async function () {
    const [lost, replacement] = [keys.person.address, keys.replacement.address];
    ok(await env.cli(["member", "freeze", lost], "manager"));
    const proposed = ok(
      await env.cli(["member", "recover", lost, replacement, "--reason", "ticket 2026-7"], "manager"),
    ).stdout;
    const pending = json(await env.cli(["--json", "member", "recoveries"]));
    expect(pending).to.have.length(1);
    expect(pending[0]).to.include({ lost, replacement, proposedBy: keys.manager.address });
    const proposal = await provider.getTransactionReceipt(pending[0].proposedInTransaction);
    expect(Date.parse(pending[0].executableAt) / 1000).to.equal(
      (await blockTime(proposal!.blockNumber)) + MEMBER_MOVE_DELAY,
    );
    expect(proposed)
      .to.include(`Recovery of ${lost} into ${replacement} proposed`)
      .and.include(`executable after  ${parisTime(pending[0].executableAt)}`)
      .and.include(`  komuno member execute-recovery ${lost}\n`)
      .and.include(`  komuno member cancel-recovery ${lost}\n`);
    expect(ok(await env.cli(["member", "recoveries"])).stdout)
      .to.include(`${lost} → ${replacement}\n`)
      .and.include(`  proposed by       ${keys.manager.address}`)
      .and.include(`  executable after  ${parisTime(pending[0].executableAt)}`);

    refused(await env.cli(["member", "execute-recovery", lost], "pauser"), "waits its public delay");
    expect([await balance(lost), await balance(replacement)]).to.deep.equal([10_000n, 0n]);

    await wait(MEMBER_MOVE_DELAY);
    expect(ok(await env.cli(["member", "execute-recovery", lost], "pauser")).stdout).to.include(
      `Recovered ${lost}: 100.00 moved to ${replacement}`,
    );
    expect([await balance(lost), await balance(replacement)]).to.deep.equal([0n, 10_000n]);
    expect(ok(await env.cli(["member", "recoveries"])).stdout.trim()).to.equal("No recovery is pending.");
  });

  it("lets an auditor cancel a recovery, after which nothing ever moves", async function () {
    const [lost, replacement] = [keys.business.address, keys.replacement.address];
    ok(await env.cli(["member", "freeze", lost], "manager"));
    ok(await env.cli(["member", "recover", lost, replacement, "--reason", "ticket 2026-8"], "manager"));
    expect(ok(await env.cli(["member", "cancel-recovery", lost], "auditor")).stdout).to.include(
      `Cancelled the recovery of ${lost}: nothing moved`,
    );
    await wait(MEMBER_MOVE_DELAY);
    refused(await env.cli(["member", "execute-recovery", lost], "pauser"), `no recovery of ${lost} is pending`);
    expect([await balance(lost), await balance(replacement)]).to.deep.equal([5_000n, 10_000n]);
  });

  it("says when the new account may take over a moved credit account, and refuses it before", async function () {
    const [from, to] = [keys.business.address, keys.replacement.address];
    // A higher floor is spending power: it waits the member-move delay, then anyone applies it.
    const limit = ok(await env.cli(["credit", "limit", from, "--floor", "100.00", "--ceiling", "200.00"], "manager"));
    expect(limit.stdout)
      .to.include("the floor of -100.00 waits its public delay")
      .and.include(`  komuno credit apply-floor ${from}\n`);
    refused(await env.cli(["credit", "apply-floor", from], "replacement"), "waits its public delay");
    await wait(MEMBER_MOVE_DELAY);
    ok(await env.cli(["credit", "apply-floor", from], "replacement"));
    const proposed = ok(await env.cli(["credit", "move", from, to, "--reason", "ticket 2026-8"], "manager")).stdout;
    const proposedIn = Number(/\(block (\d+)\)/.exec(proposed)![1]);
    const acceptableFrom = new Date(((await blockTime(proposedIn)) + MEMBER_MOVE_DELAY) * 1000).toISOString();
    expect(proposed)
      .to.include(`it may accept from  ${parisTime(acceptableFrom)}`)
      .and.include(`  komuno credit accept ${from}\n`);
    refused(await env.cli(["credit", "accept", from], "replacement"), "waits its public delay");

    await wait(MEMBER_MOVE_DELAY);
    ok(await env.cli(["credit", "accept", from], "replacement"));
    expect(json(await env.cli(["--json", "credit", "show", to]))).to.include({ floor: "10000", ceiling: "20000" });
  });
});

describe("End to end: the node dies in the middle of a batch mint", function () {
  let env: Environment | undefined;

  afterEach(async function () {
    await dispose(env);
    env = undefined;
  });

  it("fails with a typed RPC error, and rerunning against a fresh deployment mints every deposit once", async function () {
    const deposits = Array.from({ length: 1_200 }, (_, i) => ({
      to: i % 2 === 0 ? keys.person.address : keys.business.address,
      amount: "1.00",
      ref: `BATCH-${i}`,
    }));
    const prepare = async () => {
      const fresh = await freshEnvironment();
      ok(await fresh.cli(["member", "add", keys.person.address, "--kind", "person"], "manager"));
      ok(await fresh.cli(["member", "add", keys.business.address, "--kind", "business"], "manager"));
      ok(await fresh.cli(["allowance", "increase", keys.treasurer.address, "100000.00"], "governor"));
      await writeFile(path.join(fresh.dir, "evidence.txt"), "statement");
      ok(
        await fresh.cli(
          ["reserve", "attest", "5000.00", "--evidence", path.join(fresh.dir, "evidence.txt")],
          "auditor",
        ),
      );
      await writeFile(path.join(fresh.dir, "batch.csv"), depositsCsv(deposits));
      return fresh;
    };

    env = await prepare();
    const mintArgs = [
      "--rpc",
      env.node.url,
      "--currency",
      env.record,
      "--keystore",
      path.join(env.dir, "treasurer.json"),
    ];
    const running = spawn(
      process.execPath,
      [path.resolve("bin/komuno.js"), ...mintArgs, "mint", "--csv", path.join(env.dir, "batch.csv")],
      {
        env: { ...process.env, KOMUNO_PASSWORD: PASSWORD },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    running.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => running.on("close", resolve));
    // Kill the node as soon as the first chunk of the batch is mined: the other chunks are still to come.
    const provider = createRpcProvider(env.node.url);
    const startBlock = await provider.getBlockNumber();
    while ((await provider.getBlockNumber()) === startBlock) await new Promise((r) => setTimeout(r, 20));
    await env.node.stop();
    expect(await exited, "exit status: node unreachable").to.equal(3);
    expect(stderr.trim().split("\n"), stderr).to.have.length(1);
    expect(stderr).to.match(/did not answer/);
    await dispose(env);

    // A development node keeps no state: the appropriate rerun is against a fresh deployment.
    env = await prepare();
    const batch = path.join(env.dir, "batch.csv");
    expect(json(await env.cli(["--json", "mint", "--csv", batch], "treasurer")).minted).to.have.length(1_200);
    expect(json(await env.cli(["--json", "mint", "--csv", batch], "treasurer")).alreadyMinted).to.have.length(1_200);
    const bank = ["date,type,reference,amount", ...deposits.map((d) => `2026-11-05,deposit,${d.ref},${d.amount}`)];
    await writeFile(path.join(env.dir, "bank.csv"), bank.join("\n") + "\n");
    const report = json(await env.cli(["--json", "audit", "--bank-statement", path.join(env.dir, "bank.csv")]));
    expect(report).to.include({ consistent: true, backed: true });
    expect(report.replayed.mints).to.equal(1_200);
  });
});
