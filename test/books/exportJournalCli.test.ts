import { expect } from "chai";
import { parse } from "csv-parse/sync";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { dayOf } from "../../sdk/actions/books/calendar.js";
import { createRpcProvider } from "../../sdk/provider.js";
import type { CliResult } from "../helpers/cli.js";
import { admitAndFund, dispose, freshEnvironment, keys, type Environment } from "../helpers/devnetCurrency.js";

function ok(result: CliResult): CliResult {
  expect(result.code, `exit code; stderr: ${result.stderr}`).to.equal(0);
  return result;
}

/** A refused command: exit status 2 (usage: nothing was sent), one line on stderr. */
function refused(result: CliResult, message: string) {
  expect(result.code).to.equal(2);
  expect(result.stderr.trim().split("\n"), result.stderr).to.have.length(1);
  expect(result.stderr.trim()).to.equal(`error: ${message}`);
}

describe("End to end: komuno export journal, from a deployed currency to Odoo's CSV", function () {
  let env: Environment;
  let provider: ReturnType<typeof createRpcProvider>;
  let day: string;
  let currencyFile: string;
  let statement: string;

  before(async function () {
    env = await freshEnvironment({ code: "books" });
    provider = createRpcProvider(env.node.url);
    await admitAndFund(env, [
      { address: keys.person.address, kind: "person", euros: "100.00" },
      { address: keys.business.address, kind: "business", euros: "50.00" },
    ]);
    ok(await env.cli(["fees", "set", "--to-business", "150"], "governor"));
    ok(await env.cli(["pay", keys.business.address, "20.00"], "person")); // fee 0.30
    ok(await env.cli(["reconversion", "request", "30.00"], "business"));
    ok(await env.cli(["reconversion", "settle", "1", "--ref", "VIR-OUT-0001"], "treasurer")); // 2 %: 0.60 kept
    const first = (await provider.getBlock(1))!.timestamp;
    const last = (await provider.getBlock("latest"))!.timestamp;
    day = dayOf(last, "Europe/Paris");
    // A test run across midnight in Paris would spread the movements over two days.
    expect(dayOf(first, "Europe/Paris"), "the movements all fall on one day").to.equal(day);
    // Two days later by the node's clock: the day is over.
    await provider.send("evm_increaseTime", [2 * 86_400]);
    await provider.send("evm_mine", []);

    const file = JSON.parse(await readFile(path.join(env.dir, "e2e.json"), "utf8"));
    file.accounting = { journal: "OD", accounts: { guaranteeFund: "512200" } };
    currencyFile = path.join(env.dir, "books.json");
    await writeFile(currencyFile, JSON.stringify(file));
    statement = path.join(env.dir, "bank.csv");
    await writeFile(
      statement,
      `date,type,reference,amount\n${day},deposit,OPENING-1,100.00\n${day},deposit,OPENING-2,50.00\n` +
        `${day},payout,VIR-OUT-0001,29.40\n`,
    );
  });

  after(async function () {
    await dispose(env);
  });

  it("writes the day's entries with the currency file's accounts and the bank's references; each balances", async function () {
    const out = path.join(env.dir, "journal.csv");
    const run = ok(
      await env.cli([
        "export",
        "journal",
        "--from",
        day,
        "--to",
        day,
        "--currency-file",
        currencyFile,
        "--bank-statement",
        statement,
        "--out",
        out,
      ]),
    );
    const summary = run.stdout.split("\n");
    expect(summary[0]).to.match(
      new RegExp(
        `^Journal OD, ${day} to ${day} \\(Europe/Paris\\), blocks \\d+-\\d+: 4 entries, 10 lines, written to ${out.replaceAll("/", "\\/")}$`,
      ),
    );
    expect(summary.slice(1, 9)).to.deep.equal([
      "  deposits                     150.00   debit 512200, credit 467100",
      "  reconversion payouts          29.40   debit 467100, credit 512100",
      "  commissions                    0.60   debit 530100, credit 706200",
      "  treasurer burns                0.00   debit 467100, credit 512100",
      "  payment fees                   0.30   debit 530100, credit 706100 (1 payment, one entry a day)",
      "  association received           0.00   debit 530100, credit 471000",
      "  association paid               0.00   debit 471000, credit 530100",
      "every entry balances; in all, debit 180.30 = credit 180.30",
    ]);

    const rows: string[][] = parse(await readFile(out, "utf8"));
    expect(rows[0]).to.deep.equal([
      "id",
      "journal_id",
      "date",
      "ref",
      "line_ids/id",
      "line_ids/account_id",
      "line_ids/name",
      "line_ids/debit",
      "line_ids/credit",
    ]);
    const moves = new Map<string, { journal: string; date: string; ref: string; lines: string[][] }>();
    let current = "";
    for (const [id, journal, date, ref, , account, , debit, credit] of rows.slice(1)) {
      if (id !== "") {
        current = id;
        moves.set(id, { journal, date, ref, lines: [] });
      } else {
        expect([journal, date, ref]).to.deep.equal(["", "", ""]);
      }
      moves.get(current)!.lines.push([account, debit, credit]);
    }
    const cents = (euros: string) => BigInt(euros.replace(".", ""));
    for (const [id, move] of moves) {
      const balance = move.lines.reduce((sum, [, debit, credit]) => sum + cents(debit) - cents(credit), 0n);
      expect(balance, id).to.equal(0n);
      expect(move.journal).to.equal("OD");
      expect(move.date).to.equal(day);
    }
    expect([...moves.values()].map((m) => [m.ref, m.lines])).to.deep.equal([
      [
        "OPENING-1",
        [
          ["512200", "100.00", "0.00"],
          ["467100", "0.00", "100.00"],
        ],
      ],
      [
        "OPENING-2",
        [
          ["512200", "50.00", "0.00"],
          ["467100", "0.00", "50.00"],
        ],
      ],
      [
        "VIR-OUT-0001",
        [
          ["467100", "29.40", "0.00"],
          ["512100", "0.00", "29.40"],
          ["530100", "0.60", "0.00"],
          ["706200", "0.00", "0.60"],
        ],
      ],
      [
        `Frais TEST ${day}`,
        [
          ["530100", "0.30", "0.00"],
          ["706100", "0.00", "0.30"],
        ],
      ],
    ]);
  });

  it("agrees with the audit: minted and burned are the audit's figures", async function () {
    const journal = JSON.parse(ok(await env.cli(["--json", "export", "journal", "--from", day, "--to", day])).stdout);
    const report = JSON.parse((await env.cli(["--json", "audit"])).stdout);
    expect(journal.totals.minted).to.equal(report.replayed.minted).and.equal("15000");
    expect(journal.totals.burned).to.equal(report.replayed.burned).and.equal("2940");
    expect(journal.totals.commissions).to.equal("60");
    expect(journal.totals.paymentFees).to.equal("30");
    expect(journal.accounting.accounts.guaranteeFund).to.equal("512100"); // no currency file: the defaults
    // Without --out, the CSV itself goes to standard output.
    const csv = ok(await env.cli(["export", "journal", "--from", day, "--to", day])).stdout;
    expect(csv.split("\n")[0]).to.equal(
      "id,journal_id,date,ref,line_ids/id,line_ids/account_id,line_ids/name,line_ids/debit,line_ids/credit",
    );
    expect(csv.split("\n")).to.have.length(1 + 10 + 1);
  });

  it("refuses a day not over, another currency's file and a bad day, writing nothing", async function () {
    const out = path.join(env.dir, "refused.csv");
    const future = "2999-01-01";
    const notOver = await env.cli(["export", "journal", "--from", day, "--to", future, "--out", out]);
    expect(notOver.code).to.equal(2);
    expect(notOver.stderr).to.match(
      new RegExp(
        `^error: Invalid period: ${future} is not over yet in Europe/Paris \\(the chain's last block was made at .*\\): export a day once it has ended, so that its payment fees are whole\\.\\n$`,
      ),
    );

    const other = JSON.parse(await readFile(currencyFile, "utf8"));
    other.chainId = 46331;
    const otherFile = path.join(env.dir, "other.json");
    await writeFile(otherFile, JSON.stringify(other));
    refused(
      await env.cli(["export", "journal", "--from", day, "--to", day, "--currency-file", otherFile, "--out", out]),
      "Invalid currency file: it describes TEST on chain 46331, but the currency is TEST on chain 46399.",
    );

    const badFile = JSON.parse(await readFile(currencyFile, "utf8"));
    badFile.accounting.accounts.guaranteeFund = "512 200";
    await writeFile(otherFile, JSON.stringify(badFile));
    refused(
      await env.cli(["export", "journal", "--from", day, "--to", day, "--currency-file", otherFile, "--out", out]),
      `Invalid --currency-file: ${otherFile}: accounting.accounts.guaranteeFund: "512 200" must be an account code: 1 to 64 letters, digits or dots.`,
    );

    refused(
      await env.cli(["export", "journal", "--from", "2026-11-31", "--to", day, "--out", out]),
      `option '--from <date>' argument '2026-11-31' is invalid. Invalid --from: "2026-11-31" is not a calendar day written YYYY-MM-DD.`,
    );
    expect(existsSync(out)).to.equal(false);
  });
});
