import { expect } from "chai";

import { formatAmount, parseAmount } from "../../sdk/amounts.js";
import { InvalidAmountError } from "../../sdk/errors.js";
import { Random } from "../helpers/random.js";

describe("SDK amounts: parseAmount / formatAmount", function () {
  it("parses euros into cents exactly", function () {
    expect(parseAmount("12.50")).to.equal(1250n);
    expect(parseAmount("12.5")).to.equal(1250n);
    expect(parseAmount("12")).to.equal(1200n);
    expect(parseAmount("0.01")).to.equal(1n);
    expect(parseAmount("0")).to.equal(0n);
    expect(parseAmount("3402823669209384634633746074317682114.45")).to.equal(2n ** 128n - 11n);
  });

  for (const [input, reason] of [
    ["12.345", "at most two decimals"],
    ["-1", "negative"],
    ["1e3", "exponents"],
    [" ", "empty"],
    ["", "empty"],
    ["12,50", "use a dot"],
    [" 12", "spaces"],
    ["12 ", "spaces"],
    ["007", "leading zeros"],
    [".5", "expected digits"],
    ["12.", "expected digits"],
    ["+3", "expected digits"],
    ["0x10", "expected digits"],
    ["1_000", "expected digits"],
    ["١٢", "expected digits"],
  ] as const) {
    it(`rejects ${JSON.stringify(input)} (${reason})`, function () {
      expect(() => parseAmount(input))
        .to.throw(InvalidAmountError)
        .with.property("shortMessage")
        .that.includes(reason);
    });
  }

  it("formats cents with two decimals, and is the exact inverse of parseAmount", function () {
    expect(formatAmount(1250n)).to.equal("12.50");
    expect(formatAmount(5n)).to.equal("0.05");
    expect(formatAmount(0n)).to.equal("0.00");
    expect(formatAmount(-1250n)).to.equal("-12.50");
  });

  it("round-trips thousands of generated amounts and rejects thousands of malformed ones", function () {
    const random = new Random(1250);
    const alphabet = "0123456789.,-+eE x_";
    let malformed = 0;
    for (let i = 0; i < 4_000; i++) {
      const cents = BigInt(random.int(2 ** 31)) * BigInt(random.int(2 ** 20) + 1);
      expect(parseAmount(formatAmount(cents))).to.equal(cents);

      const length = random.int(8) + 1;
      let text = "";
      for (let j = 0; j < length; j++) text += alphabet[random.int(alphabet.length)];
      const canonical = /^(0|[1-9][0-9]*)(\.[0-9]{1,2})?$/.test(text);
      if (canonical) {
        const [units, decimals = ""] = text.split(".");
        expect(parseAmount(text)).to.equal(BigInt(units) * 100n + BigInt(decimals.padEnd(2, "0")));
      } else {
        malformed++;
        expect(() => parseAmount(text), text).to.throw(InvalidAmountError);
      }
    }
    expect(malformed).to.be.greaterThan(2_000);
  });
});
