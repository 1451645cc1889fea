import { expect } from "chai";
import { readFileSync } from "node:fs";

import { DEFAULT_ACCOUNTING, parseCurrencyConfig } from "../../sdk/currency/schema.js";
import { CurrencyConfigError } from "../../sdk/errors.js";

const miel = JSON.parse(readFileSync("currencies/miel.json", "utf8"));
const withAccounting = (accounting: unknown) => ({ ...structuredClone(miel), accounting });

describe("The books: the currency file's accounting section", function () {
  it("takes the French defaults when the section is left out, and for each field left out", function () {
    const { accounting: _, ...without } = structuredClone(miel);
    expect(parseCurrencyConfig(without).accounting).to.deep.equal({
      journal: "MLC",
      timeZone: "Europe/Paris",
      accounts: {
        guaranteeFund: "512100",
        currencyInCirculation: "467100",
        reconversionPayouts: "512100",
        associationHolding: "530100",
        commissionIncome: "706200",
        paymentFeeIncome: "706100",
        toClassify: "471000",
      },
    });
    const partial = parseCurrencyConfig(
      withAccounting({ timeZone: "europe/paris", accounts: { guaranteeFund: "512.FG" } }),
    ).accounting;
    expect(partial).to.deep.equal({
      ...DEFAULT_ACCOUNTING,
      timeZone: "Europe/Paris", // the database's own spelling
      accounts: { ...DEFAULT_ACCOUNTING.accounts, guaranteeFund: "512.FG" },
    });
    expect(DEFAULT_ACCOUNTING.accounts.guaranteeFund).to.equal("512100"); // the defaults are not shared, nor changed
  });

  it("reads miel.json's section as written", function () {
    expect(parseCurrencyConfig(miel).accounting).to.deep.equal(miel.accounting);
  });

  it("names every bad field at once, with the rest of the file's problems", function () {
    const file = withAccounting({
      journal: "MIEL-OD",
      timeZone: "Mars/Olympus",
      accounts: { guaranteeFund: "512 100", cash: "531" },
      ledger: "GL",
    });
    file.symbol = "miel";
    let problems: readonly string[] = [];
    try {
      parseCurrencyConfig(file, "miel.json");
      expect.fail("accepted");
    } catch (error) {
      expect(error).to.be.instanceOf(CurrencyConfigError);
      problems = (error as CurrencyConfigError).problems;
    }
    expect(problems).to.deep.equal([
      'symbol: "miel" must be 2-10 capital letters or digits',
      "accounting.ledger: unknown field",
      'accounting.journal: "MIEL-OD" must be a journal code: 1 to 5 letters, digits, "-" or "_"',
      'accounting.timeZone: "Mars/Olympus" is not a time zone name (IANA, e.g. "Europe/Paris")',
      "accounting.accounts.cash: unknown field",
      'accounting.accounts.guaranteeFund: "512 100" must be an account code: 1 to 64 letters, digits or dots',
    ]);
  });

  it("names a bad accounting field beside a missing one", function () {
    const file = withAccounting({ journal: "" });
    delete file.symbol;
    expect(() => parseCurrencyConfig(file))
      .to.throw(CurrencyConfigError)
      .with.property("problems")
      .that.deep.equals([
        "symbol: missing",
        'accounting.journal: "" must be a journal code: 1 to 5 letters, digits, "-" or "_"',
      ]);
  });

  it("refuses accounts one entry would debit and credit together, naming what would cancel out", function () {
    const problemsOf = (accounts: Record<string, string>) => {
      try {
        parseCurrencyConfig(withAccounting({ accounts }));
        return [];
      } catch (error) {
        return [...(error as CurrencyConfigError).problems];
      }
    };
    expect(problemsOf({ guaranteeFund: "467100" })).to.deep.equal([
      'accounting.accounts.currencyInCirculation: "467100" is also guaranteeFund; a deposit would debit and credit the same account',
    ]);
    expect(problemsOf({ reconversionPayouts: "467100" })).to.deep.equal([
      'accounting.accounts.reconversionPayouts: "467100" is also currencyInCirculation; a payout would debit and credit the same account',
    ]);
    expect(problemsOf({ paymentFeeIncome: "530100", toClassify: "530100" })).to.deep.equal([
      'accounting.accounts.paymentFeeIncome: "530100" is also associationHolding; a payment fee would debit and credit the same account',
      'accounting.accounts.toClassify: "530100" is also associationHolding; a movement of the association\'s own account would debit and credit the same account',
    ]);
  });
});
