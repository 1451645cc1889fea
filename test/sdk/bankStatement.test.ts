import { expect } from "chai";
import { readFileSync } from "node:fs";
import { keccak256, toUtf8Bytes } from "ethers";

import { parseBankStatementCsv, parseColumnMapping } from "../../sdk/actions/audit/bankStatement.js";
import { InvalidCsvError, InvalidInputError, StatementColumnsError } from "../../sdk/errors.js";
import { referenceFromText } from "../../sdk/references.js";
import { csvSpellings } from "../helpers/csvSpellings.js";

const ROWS = [
  ["2026-11-02", "deposit", "VIR-Q-1", "5.00"],
  ["2026-11-02", "deposit", "DÉPÔT-3", "0.01"],
  ["2026-11-03", "deposit", "VIR,4", "100.00"],
  ["2026-11-04", "payout", "VIR-OUT 0001", "39.20"],
];

const FRENCH_BANK = "test/fixtures/bank/banque-fr-releve-2026-11.csv";
const CAMT = "test/fixtures/bank/camt053-releve-2026-11.csv";
/** The references the association's members write in their transfers, and its own payouts. */
const LMT_REFERENCE = "LMT-(?:OUT-)?2026-[0-9]{4}";

const movements = (text: string | Uint8Array, options = {}) =>
  parseBankStatementCsv(text, options).entries.map(({ line, date, type, reference, amount }) => [
    line,
    date,
    type,
    reference,
    amount,
  ]);

/** The problems an InvalidCsvError lists for `text`, by line. */
function problemsOf(text: string, options = {}): { line: number; message: string }[] {
  try {
    parseBankStatementCsv(text, options);
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidCsvError);
    return [...(error as InvalidCsvError).problems];
  }
  return expect.fail("the statement was read");
}

describe("SDK bank statement CSV: references that match the chain however the file is spelled", function () {
  for (const spelling of csvSpellings(["date", "type", "reference", "amount"], ROWS, "reference")) {
    it(`reads ${spelling.name} as the same movements, with the chain's hashes`, function () {
      const { delimiter, entries } = parseBankStatementCsv(spelling.text);
      expect(delimiter).to.equal(spelling.delimiter);
      expect(entries.map(({ date, type, reference, amount }) => [date, type, reference, amount])).to.deep.equal([
        ["2026-11-02", "deposit", "VIR-Q-1", 500n],
        ["2026-11-02", "deposit", "DÉPÔT-3", 1n],
        ["2026-11-03", "deposit", "VIR,4", 10000n],
        ["2026-11-04", "payout", "VIR-OUT 0001", 3920n],
      ]);
      // What the treasurer minted under, hashed as the contract stores it.
      expect(entries.map((e) => referenceFromText(e.reference))).to.deep.equal(
        ["VIR-Q-1", "DÉPÔT-3", "VIR,4", "VIR-OUT 0001"].map((text) => keccak256(toUtf8Bytes(text))),
      );
    });
  }

  it("numbers each movement by the file's own line", function () {
    const text = "date,type,reference,amount\r\n\r\n2026-11-02,deposit,VIR-1,5.00\r\n2026-11-03,payout,VIR-2,1.00\r\n";
    expect(parseBankStatementCsv(text).entries.map((e) => e.line)).to.deep.equal([3, 4]);
  });

  it("reports every bad line at once, by its line number", function () {
    const text = [
      "date;type;reference;amount",
      "2026-11-02;deposit;VIR-1;5.00",
      '2026-11-02;Versement;"VIR-""2""";5.00',
      "2026-11-02;deposit;VIR-3",
      "2026-11-02;payout;VIR-4;1,50",
      "31/11/2026;payout;VIR-5;1.50",
    ].join("\n");
    expect(problemsOf(text)).to.deep.equal([
      {
        line: 3,
        message: 'Invalid reference "VIR-\\"2\\"": it contains a double quote, which is never part of a reference',
      },
      { line: 3, message: 'Invalid type: expected deposit or payout (credit or debit, CRDT or DBIT), not "Versement"' },
      { line: 4, message: "3 field(s), expected 4 as on the header line" },
      {
        line: 5,
        message: 'Invalid amount: "1,50" has a decimal comma, but a decimal point is the file\'s (lines 2, 3, 6)',
      },
      { line: 6, message: 'Invalid date: "31/11/2026" is not a date (expected 2026-11-02, or 02/11/2026 day first)' },
    ]);
  });

  it("refuses a statement without a header line, naming what its first line holds", function () {
    const error = (() => {
      try {
        return parseBankStatementCsv("2026-11-02,deposit,VIR-1,5.00\n");
      } catch (e) {
        return e;
      }
    })();
    expect(error).to.be.instanceOf(StatementColumnsError);
    expect(error).to.have.property("headers").that.deep.equals(["2026-11-02", "deposit", "VIR-1", "5.00"]);
    expect((error as StatementColumnsError).shortMessage).to.equal(
      "Invalid bank statement: line 1: no line names the columns of a bank statement (a date, a reference, and an " +
        'amount or a debit and a credit); the first line has "2026-11-02", "deposit", "VIR-1", "5.00".',
    );
  });

  it("refuses an empty file", function () {
    expect(problemsOf("")).to.deep.equal([{ line: 1, message: "the file is empty" }]);
  });
});

describe("SDK bank statement CSV: a French bank's export", function () {
  const bytes = () => new Uint8Array(readFileSync(FRENCH_BANK));

  it("reads the movements under the bank's header block: date, label, debit and credit, decimal commas", function () {
    const statement = parseBankStatementCsv(bytes(), { referencePattern: LMT_REFERENCE });
    expect(statement).to.deep.include({
      delimiter: ";",
      decimalMark: ",",
      headerLine: 9,
      columns: { date: "Date", reference: "Libellé", debit: "Débit euros", credit: "Crédit euros" },
      referencePattern: LMT_REFERENCE,
    });
    expect(movements(bytes(), { referencePattern: LMT_REFERENCE })).to.deep.equal([
      // A line whose label holds no reference is kept under its whole text: the audit names it.
      [10, "2026-11-30", "payout", "COTISATION OFFRE ASSOCIATIVE NOVEMBRE", 390n],
      [11, "2026-11-27", "payout", "LMT-OUT-2026-0002", 24_500n],
      [12, "2026-11-24", "deposit", "LMT-2026-0008", 7_525n],
      [13, "2026-11-20", "payout", "LMT-OUT-2026-0001", 9_800n],
      [14, "2026-11-17", "deposit", "LMT-2026-0007", 1_500n],
      // Quoted, with the separator inside its label.
      [15, "2026-11-12", "deposit", "LMT-2026-0006", 200_000n],
      [16, "2026-11-09", "deposit", "LMT-2026-0005", 10_000n],
      // A label the bank wrote over two lines.
      [17, "2026-11-06", "deposit", "LMT-2026-0004", 3_550n],
      [19, "2026-11-04", "deposit", "LMT-2026-0003", 125_000n],
      [20, "2026-11-03", "deposit", "LMT-2026-0002", 2_000n],
      [21, "2026-11-02", "deposit", "LMT-2026-0001", 5_000n],
    ]);
  });

  it("gives the statement's totals, which the fund's closing balance in the header block confirms", function () {
    const { totals } = parseBankStatementCsv(bytes(), { referencePattern: LMT_REFERENCE });
    expect(totals).to.deep.equal({
      lines: 11,
      deposits: 8,
      payouts: 3,
      credits: 354_575n,
      debits: 34_690n,
      net: 319_885n,
      firstDate: "2026-11-02",
      lastDate: "2026-11-30",
    });
    expect(readFileSync(FRENCH_BANK, "utf8")).to.include("Solde au 30/11/2026 : 3 198,85 €");
  });

  it("takes each label whole without a reference pattern", function () {
    const [, , , reference] = movements(bytes())[1];
    expect(reference).to.equal("VIR SEPA EMIS /A SARL LE FOURNIL DU PORT /MOTIF RECONVERSION 2 /REF LMT-OUT-2026-0002");
    expect(movements(bytes())[7][3]).to.equal(
      "VIR SEPA RECU /DE MME FAURE ELODIE /MOTIF ADHESION ET CHANGE /REF LMT-2026-0004",
    );
  });

  it("reads the export saved in Windows-1252 when told so, and refuses it as UTF-8", function () {
    const latin1 = new Uint8Array(
      [
        ...readFileSync(FRENCH_BANK, "utf8")
          .replace(/^\uFEFF/, "")
          .replace("Solde au 30/11/2026 : 3 198,85 €", ""),
      ].map((ch) => ch.charCodeAt(0)),
    );
    expect(latin1.every((byte) => byte < 256)).to.equal(true);
    expect(movements(latin1, { encoding: "windows-1252", referencePattern: LMT_REFERENCE })).to.deep.equal(
      movements(bytes(), { referencePattern: LMT_REFERENCE }),
    );
    expect(() => parseBankStatementCsv(latin1))
      .to.throw(InvalidCsvError)
      .with.property("shortMessage")
      .that.includes("line 1: the file is not UTF-8 text: save it as UTF-8, or give its encoding");
  });
});

describe("SDK bank statement CSV: a CSV derived from CAMT.053", function () {
  const text = () => readFileSync(CAMT, "utf8");

  it("asks which of its reference columns to read, naming them and every header", function () {
    try {
      parseBankStatementCsv(text());
      expect.fail("read without a reference column");
    } catch (error) {
      expect(error).to.be.instanceOf(StatementColumnsError);
      expect((error as StatementColumnsError).problems).to.deep.equal([
        {
          line: 1,
          message:
            'several columns could hold the reference: "NtryRef", "AcctSvcrRef", "EndToEndId", "RmtInf/Ustrd"; name ' +
            "the one to read with --columns reference=<header>; the header line has " +
            text()
              .split("\r\n")[0]
              .split(",")
              .map((h) => JSON.stringify(h))
              .join(", "),
        },
      ]);
    }
  });

  it("reads booking date, amount, credit-debit indicator and currency by their ISO 20022 names", function () {
    const statement = parseBankStatementCsv(text(), { columns: "reference=RmtInf/Ustrd" });
    expect(statement.columns).to.deep.equal({
      date: "BookgDt",
      reference: "RmtInf/Ustrd",
      amount: "Amt",
      type: "CdtDbtInd",
      currency: "Ccy",
    });
    expect(statement.decimalMark).to.equal(".");
    expect(movements(text(), { columns: "reference=RmtInf/Ustrd" })).to.deep.equal([
      [2, "2026-11-02", "deposit", "LMT-2026-0101", 5_000n],
      [3, "2026-11-03", "deposit", "LMT-2026-0102", 125_000n],
      [4, "2026-11-05", "deposit", "LMT-2026-0103", 3_550n],
      [5, "2026-11-09", "deposit", "LMT-2026-0104", 200_000n],
      [6, "2026-11-16", "deposit", "LMT-2026-0105", 2_000n],
      [7, "2026-11-20", "payout", "LMT-OUT-2026-0101", 9_800n],
      [8, "2026-11-27", "payout", "LMT-OUT-2026-0102", 24_500n],
    ]);
    expect(statement.totals).to.deep.include({ credits: 335_550n, debits: 34_300n, net: 301_250n, lines: 7 });
  });

  it("refuses a movement in another currency than the euro", function () {
    const chf = text().replace("2000.00,EUR,CRDT", "2000.00,CHF,CRDT");
    expect(problemsOf(chf, { columns: "reference=RmtInf/Ustrd" })).to.deep.equal([
      { line: 5, message: 'currency "CHF": the fund\'s statement is in euros (EUR)' },
    ]);
  });
});

describe("SDK bank statement CSV: amounts as banks write them, never guessed", function () {
  const read = (amounts: string[], options = {}) =>
    parseBankStatementCsv(
      ["date;reference;amount", ...amounts.map((a, i) => `2026-11-02;VIR-${i};"${a}"`)].join("\n"),
      options,
    ).entries.map((e) => (e.type === "payout" ? -e.amount : e.amount));

  const cases: [string, string[], bigint[]][] = [
    ["decimal commas, thousands by spaces", ["1 234,56", "12,5", "0,01"], [123_456n, 1_250n, 1n]],
    ["decimal commas, thousands by dots", ["1.234,56", "1.234.567,00"], [123_456n, 123_456_700n]],
    ["decimal points, thousands by commas", ["1,234.56", "7.5"], [123_456n, 750n]],
    [
      "thousands by no-break spaces and apostrophes",
      ["1\u202F234,56", "1\u00A0234,56", "1'234,56"],
      [123_456n, 123_456n, 123_456n],
    ],
    ["a sign, a euro sign", ["-12,50", "+3,00", "−4,00", "5,00 €", "6,00 EUR"], [-1_250n, 300n, -400n, 500n, 600n]],
    ["whole euros", ["12", "1 250"], [1_200n, 125_000n]],
    ["1,234 in a file of decimal points: thousands", ["1,234", "2.50"], [123_400n, 250n]],
    ["1.234 in a file of decimal commas: thousands", ["1.234", "2,50"], [123_400n, 250n]],
  ];
  for (const [name, amounts, cents] of cases) {
    it(`reads ${name}`, function () {
      expect(read(amounts)).to.deep.equal(cents);
    });
  }

  it("reads an amount that could go either way with the decimal mark given", function () {
    expect(read(["1,234"], { decimalMark: "." })).to.deep.equal([123_400n]);
    expect(() => read(["1,234"], { decimalMark: "," })).to.throw(InvalidCsvError, "has more than two decimals");
  });

  const refused: [string, string][] = [
    ["1,234", "could be read two ways (thousands or decimals) and no line shows the file's decimal mark"],
    ["1.234", "could be read two ways"],
    ["12,345 ", "could be read two ways"],
    ["1 23,45", 'Invalid amount: "1 23,45" is not an amount in euros with a decimal comma'],
    ["1e3", 'Invalid amount: "1e3" is not an amount in euros'],
    ["0,00", "Invalid amount: the amount is zero"],
    ["", 'Invalid amount: "" is not an amount in euros'],
    ["12,5,0", "not an amount in euros"],
  ];
  for (const [amount, message] of refused) {
    it(`refuses ${JSON.stringify(amount)}`, function () {
      const problems = problemsOf(`date;reference;amount\n2026-11-02;VIR-1;"${amount}"\n`);
      expect(problems).to.have.length(1);
      expect(problems[0].line).to.equal(2);
      expect(problems[0].message).to.include(message);
    });
  }

  it("refuses three decimals rather than rounding them", function () {
    expect(problemsOf("date;reference;amount\n2026-11-02;VIR-1;12,345\n2026-11-02;VIR-2;1,50\n")).to.deep.equal([
      { line: 2, message: 'Invalid amount: "12,345" has more than two decimals; it will not be rounded' },
    ]);
  });

  it("reads debit and credit columns: one of the two per line, 0,00 in the other as none", function () {
    const text = [
      "Date;Libellé;Débit;Crédit",
      "02/11/2026;VIR-1;;1 250,00",
      "03/11/2026;VIR-2;-98,00;",
      "04/11/2026;VIR-3;0,00;15,00",
      "05/11/2026;VIR-4;12,00;3,00",
      "06/11/2026;VIR-5;;",
      "07/11/2026;VIR-6;;-4,00",
    ].join("\r\n");
    expect(problemsOf(text)).to.deep.equal([
      { line: 5, message: "Invalid amount: both a debit (12,00) and a credit (3,00)" },
      { line: 6, message: "Invalid amount: neither a debit nor a credit" },
      { line: 7, message: 'Invalid amount: the credit "-4,00" is negative' },
    ]);
    expect(movements(text.split("\r\n").slice(0, 4).join("\r\n"))).to.deep.equal([
      [2, "2026-11-02", "deposit", "VIR-1", 125_000n],
      [3, "2026-11-03", "payout", "VIR-2", 9_800n],
      [4, "2026-11-04", "deposit", "VIR-3", 1_500n],
    ]);
  });

  it("tells deposits from payouts by a type column in English, French or ISO 20022, else by the sign", function () {
    const typed = [
      "date,reference,amount,sens",
      ...["deposit", "payout", "Crédit", "DÉBIT", "CRDT", "DBIT", "C", "D"].map(
        (t, i) => `2026-11-02,VIR-${i},1.00,${t}`,
      ),
    ];
    expect(movements(typed.join("\n")).map(([, , type]) => type)).to.deep.equal([
      "deposit",
      "payout",
      "deposit",
      "payout",
      "deposit",
      "payout",
      "deposit",
      "payout",
    ]);
    expect(problemsOf("date,reference,amount,type\n2026-11-02,VIR-1,-1.00,CRDT\n")).to.deep.equal([
      { line: 2, message: 'Invalid amount: "-1.00" is negative on a credit line' },
    ]);
    expect(movements("date,reference,amount\n2026-11-02,VIR-1,-1.00\n2026-11-02,VIR-2,1.00\n")).to.deep.equal([
      [2, "2026-11-02", "payout", "VIR-1", 100n],
      [3, "2026-11-02", "deposit", "VIR-2", 100n],
    ]);
  });
});

describe("SDK bank statement CSV: dates", function () {
  it("reads ISO dates (with a time, as CAMT writes one) and French day-first dates", function () {
    const text = [
      "date,reference,amount",
      "2026-11-02,A,1.00",
      "2026-11-03T09:41:00+01:00,B,1.00",
      "4/11/2026,C,1.00",
      "05/11/2026,D,1.00",
    ];
    expect(movements(text.join("\n")).map(([, date]) => date)).to.deep.equal([
      "2026-11-02",
      "2026-11-03",
      "2026-11-04",
      "2026-11-05",
    ]);
  });

  it("refuses a date that is not one, or is written month first", function () {
    const text = [
      "date,reference,amount",
      "2026-02-29,A,1.00",
      "2026-13-01,B,1.00",
      "11/30/2026,C,1.00",
      "2 nov. 2026,D,1.00",
      "02/11/26,E,1.00",
    ];
    expect(problemsOf(text.join("\n")).map((p) => [p.line, p.message.split(" is not")[0]])).to.deep.equal([
      [2, 'Invalid date: "2026-02-29"'],
      [3, 'Invalid date: "2026-13-01"'],
      [4, 'Invalid date: "11/30/2026"'],
      [5, 'Invalid date: "2 nov. 2026"'],
      [6, 'Invalid date: "02/11/26"'],
    ]);
  });
});

describe("SDK bank statement CSV: column mapping", function () {
  it("reads the columns named, ignoring the others, whatever their names", function () {
    const text = "Jour;Tiers;Mon libellé;Somme;Pays\n02/11/2026;M DUPONT;VIR-1;12,50;FR\n";
    expect(movements(text, { columns: "date=Jour,reference=Mon libellé,amount=Somme" })).to.deep.equal([
      [2, "2026-11-02", "deposit", "VIR-1", 1_250n],
    ]);
    expect(movements(text, { columns: { date: "jour", reference: "MON LIBELLÉ", amount: "somme" } })).to.deep.equal([
      [2, "2026-11-02", "deposit", "VIR-1", 1_250n],
    ]);
  });

  it("prefers the booking date to the value date, and refuses two dates of the same kind", function () {
    const both = "Date valeur;Date opération;Référence;Montant\n03/11/2026;02/11/2026;VIR-1;1,00\n";
    expect(movements(both)).to.deep.equal([[2, "2026-11-02", "deposit", "VIR-1", 100n]]);
    expect(() => parseBankStatementCsv("Date;Date opération;Référence;Montant\n02/11/2026;02/11/2026;VIR-1;1,00\n"))
      .to.throw(StatementColumnsError)
      .with.property("shortMessage")
      .that.includes(
        'several columns could hold the date: "Date", "Date opération"; name the one to read with --columns date=<header>',
      );
  });

  const refusals: [string, string, object, string][] = [
    [
      "no reference column",
      "Date;Montant\n02/11/2026;1,00\n",
      {},
      "no column holds the reference; name it with --columns reference=<header>",
    ],
    [
      "an amount and debit and credit",
      "Date;Libellé;Montant;Débit;Crédit\n",
      {},
      'both an amount column ("Montant") and "Débit"',
    ],
    ["a debit without a credit", "Date;Libellé;Débit\n", {}, "a debit column without a credit column"],
    [
      "a named header the file lacks",
      "Date;Libellé;Montant\n",
      { columns: "reference=Référence" },
      'no column is named "Référence"',
    ],
  ];
  for (const [name, text, options, message] of refusals) {
    it(`refuses ${name}, naming the headers found`, function () {
      expect(() => parseBankStatementCsv(text, options))
        .to.throw(StatementColumnsError)
        .with.property("shortMessage")
        .that.includes(message)
        .and.includes("the header line has");
    });
  }

  it("refuses a mapping that is not one", function () {
    for (const [mapping, message] of [
      ["reference", '"reference" names no header'],
      ["ref=Libellé", '"ref" is not a field; the fields are date, reference, amount, debit, credit, type, currency'],
      ["reference=", "reference names no header"],
      ["reference=A,reference=B", "reference is named twice"],
      ["amount=Montant,debit=Débit,credit=Crédit", "name either an amount column or debit and credit columns"],
      ["debit=Débit", "name both the debit and the credit columns"],
    ]) {
      expect(() => parseColumnMapping(mapping), mapping)
        .to.throw(InvalidInputError)
        .with.property("shortMessage")
        .that.includes(message);
    }
  });
});

describe("SDK bank statement CSV: a reference inside a label", function () {
  const text = [
    "Date;Libellé;Débit;Crédit",
    "02/11/2026;VIR SEPA RECU /DE M DUPONT /REF VIR-0042;;50,00",
    "03/11/2026;FRAIS TENUE DE COMPTE;2,00;",
    "04/11/2026;VIR SEPA RECU /REF VIR-0043 ET VIR-0044;;10,00",
    "05/11/2026;VIR-0045 VIR-0045;;10,00",
  ].join("\n");

  it("takes the match, or the pattern's first group; refuses two; keeps a line with none by its text", function () {
    expect(problemsOf(text, { referencePattern: "VIR-\\d{4}" })).to.deep.equal([
      {
        line: 4,
        message:
          'Invalid reference: "VIR SEPA RECU /REF VIR-0043 ET VIR-0044" holds several references matching /VIR-\\d{4}/ (VIR-0043, VIR-0044)',
      },
    ]);
    const lines = text.split("\n");
    const good = [...lines.slice(0, 3), lines[4]].join("\n");
    expect(movements(good, { referencePattern: "VIR-\\d{4}" }).map(([, , , ref]) => ref)).to.deep.equal([
      "VIR-0042",
      "FRAIS TENUE DE COMPTE",
      "VIR-0045",
    ]);
    expect(movements(good, { referencePattern: /REF (VIR-\d+)/ }).map(([, , , ref]) => ref)).to.deep.equal([
      "VIR-0042",
      "FRAIS TENUE DE COMPTE",
      "VIR-0045 VIR-0045",
    ]);
  });

  it("refuses a pattern that is not a regular expression", function () {
    expect(() => parseBankStatementCsv(text, { referencePattern: "VIR-(" }))
      .to.throw(InvalidInputError)
      .with.property("shortMessage")
      .that.includes("Invalid reference pattern: VIR-( is not a regular expression");
  });
});
