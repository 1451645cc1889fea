import { expect } from "chai";
import { keccak256, toUtf8Bytes } from "ethers";
import { network } from "hardhat";

import { audit } from "../../sdk/actions/audit/audit.js";
import { parseBankStatementCsv } from "../../sdk/actions/audit/bankStatement.js";
import { formatAuditText } from "../../sdk/actions/audit/report.js";
import { parseDepositsCsv } from "../../sdk/actions/treasury/depositsCsv.js";
import { mintBatch } from "../../sdk/actions/treasury/mintBatch.js";
import { referenceFromText } from "../../sdk/references.js";
import { csvSpellings } from "../helpers/csvSpellings.js";
import { deployFundedCurrency, type CurrencyFixture } from "../helpers/fixtures.js";
import { sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function fundedCurrency(): Promise<CurrencyFixture> {
  return deployFundedCurrency(connection);
}

// A quoted one as spreadsheets write it, inner spaces, accents (composed or not), the separator itself.
const REFERENCES = ["VIR-Q-1", "VIR 2026 / 0002", "DÉPÔT-3", "VIR,4"];
const AMOUNTS = ["5.00", "12.50", "0.01", "100.00"];
const CENTS = [500n, 1250n, 1n, 10_000n];
// What deployFundedCurrency minted, for a statement that covers the whole chain.
const FIXTURE_DEPOSITS = ["fixture-alice", "fixture-bob", "fixture-shop"].map((ref) => [
  "2026-11-01",
  "deposit",
  ref,
  "100.00",
]);

describe("SDK: the same deposits in every CSV spelling are minted once", function () {
  let f: CurrencyFixture;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(fundedCurrency);
  });

  const recipients = () => [f.alice.address, f.bob.address, f.shop.address, f.alice.address];
  const depositsCsv = () =>
    csvSpellings(
      ["to", "amount", "ref"],
      REFERENCES.map((ref, i) => [recipients()[i], AMOUNTS[i], ref]),
      "ref",
    );
  const depositsIn = (text: string) =>
    parseDepositsCsv(text).deposits.map(({ to, amount, reference }) => ({ to, amount, reference }));
  const balances = () => Promise.all([f.alice, f.bob, f.shop].map((m) => f.currency.balanceOf(m.address)));

  it("mints every deposit from the first spelling and none again from any other, naming each", async function () {
    const treasurer = sdkClient(f, f.treasurer);
    const fromBlock = (await ethers.provider.getBlockNumber()) + 1;
    const supplyBefore = await f.currency.totalSupply();
    const [alice, bob, shop] = await balances();
    const [first, ...others] = depositsCsv();
    expect(others).to.have.length.above(5);

    const firstRun = await mintBatch(treasurer, { deposits: depositsIn(first.text) });
    expect(firstRun.alreadyMinted).to.deep.equal([]);
    expect(firstRun.minted.map((d) => [d.reference, d.to, d.amount])).to.deep.equal(
      REFERENCES.map((ref, i) => [ref, recipients()[i], CENTS[i]]),
    );
    const mintedIn = firstRun.minted[0].transactionHash;
    expect(await f.currency.totalSupply()).to.equal(supplyBefore + 11_751n);
    expect(await balances()).to.deep.equal([alice + 10_500n, bob + 1250n, shop + 1n]);

    for (const spelling of others) {
      const run = await mintBatch(treasurer, { deposits: depositsIn(spelling.text) });
      expect(run.minted, spelling.name).to.deep.equal([]);
      expect(
        run.alreadyMinted.map((d) => [d.reference, d.mintedTo, d.mintedAmount, d.transactionHash]),
        spelling.name,
      ).to.deep.equal(REFERENCES.map((ref, i) => [ref, recipients()[i], CENTS[i], mintedIn]));
    }
    expect(await f.currency.totalSupply()).to.equal(supplyBefore + 11_751n);
    expect(await balances()).to.deep.equal([alice + 10_500n, bob + 1250n, shop + 1n]);

    const minted = await f.currency.queryFilter(f.currency.filters.Minted(), fromBlock);
    expect(minted).to.have.length(REFERENCES.length);
    expect(minted.map((e) => e.args.depositRef)).to.deep.equal(REFERENCES.map(referenceFromText));
    // The hash a reader that kept the quotes would have minted under, a second time.
    expect(await f.currency.isDepositMinted(keccak256(toUtf8Bytes('"VIR-Q-1"')))).to.equal(false);
  });

  it("reconciles the bank statement with the chain in every spelling of it", async function () {
    await mintBatch(sdkClient(f, f.treasurer), { deposits: depositsIn(depositsCsv()[0].text) });
    const rows = [...FIXTURE_DEPOSITS, ...REFERENCES.map((ref, i) => ["2026-11-02", "deposit", ref, AMOUNTS[i]])];
    const spellings = csvSpellings(["date", "type", "reference", "amount"], rows, "reference");
    for (const spelling of spellings) {
      const report = await audit(sdkClient(f), { bankStatement: parseBankStatementCsv(spelling.text).entries });
      expect(report.mismatches, spelling.name).to.deep.equal([]);
      expect(
        report.checks.find((c) => c.name === "bank statement reconciles"),
        spelling.name,
      ).to.deep.include({
        ok: true,
        details: "7 statement lines, 0 mismatches",
      });
      expect(report.consistent, spelling.name).to.equal(true);
    }
  });

  it("names a deposit minted under a quoted reference by the statement's text, and the stray mint by its hash", async function () {
    // What the hand-split CSV reader did with `...,5.00,"VIR-Q-1"`: the quotes became part of the reference.
    const quoted = keccak256(toUtf8Bytes('"VIR-Q-1"'));
    await f.currency.connect(f.treasurer).mint(f.alice.address, 500n, quoted);
    const statement = ["date;type;reference;amount", ...FIXTURE_DEPOSITS.map((row) => row.join(";"))];
    statement.push('2026-11-02;deposit;"VIR-Q-1";5.00');
    const report = await audit(sdkClient(f), {
      bankStatement: parseBankStatementCsv(statement.join("\r\n")).entries,
    });
    const named = referenceFromText("VIR-Q-1");
    expect(
      report.mismatches.map(({ kind, reference, referenceHash }) => ({ kind, reference, referenceHash })),
    ).to.deep.equal([
      { kind: "deposit-not-minted", reference: "VIR-Q-1", referenceHash: named },
      { kind: "mint-without-deposit", reference: null, referenceHash: quoted },
    ]);
    const text = formatAuditText(report);
    expect(text).to.include(`deposit-not-minted VIR-Q-1 (${named.slice(0, 10)}…): statement line 5: 5.00 never minted`);
    expect(text).to.include(`mint-without-deposit ${quoted}: 5.00 to ${f.alice.address}`);
  });
});
