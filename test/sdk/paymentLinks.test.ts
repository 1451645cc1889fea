import { expect } from "chai";

import { InvalidInputError, InvalidPaymentLinkError, type PaymentLinkProblem } from "../../sdk/errors.js";
import { buildPaymentLink, MAX_PAYMENT_LINK_AMOUNT, parsePaymentLink } from "../../sdk/paymentLinks.js";

const currency = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const shop = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955";
const otherToken = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const miel = { address: currency, chainId: 46330 };
const transfer = `ethereum:${currency}@46330/transfer`;

/** What a call threw; fails the test when it returned. */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return expect.fail("expected a failure");
}

function refusal(uri: string, against?: { address: string; chainId?: number }): InvalidPaymentLinkError {
  const error = thrown(() => parsePaymentLink(uri, against));
  expect(error).to.be.instanceOf(InvalidPaymentLinkError);
  expect((error as InvalidPaymentLinkError).input).to.equal(uri);
  return error as InvalidPaymentLinkError;
}

describe("SDK payment links (EIP-681 URIs for QR codes)", function () {
  it("builds the standard ERC-20 transfer URI, and parses it back", function () {
    const uri = buildPaymentLink({ currency, chainId: 46330, to: shop, amount: 1250n, memo: "Table 4 — café" });
    expect(uri).to.equal(`${transfer}?address=${shop}&uint256=1250&memo=Table%204%20%E2%80%94%20caf%C3%A9`);
    expect(parsePaymentLink(uri)).to.deep.equal({
      currency,
      chainId: 46330,
      to: shop,
      amount: 1250n,
      memo: "Table 4 — café",
    });
    expect(parsePaymentLink(uri, miel)).to.deep.equal(parsePaymentLink(uri));
  });

  it("leaves the amount to the payer when the link has none", function () {
    expect(parsePaymentLink(buildPaymentLink({ currency, chainId: 46330, to: shop }))).to.deep.equal({
      currency,
      chainId: 46330,
      to: shop,
    });
  });

  describe("reads every form the EIP-681 grammar allows for a transfer", function () {
    const base = { currency, chainId: 46330, to: shop };
    for (const [form, uri, expected] of [
      ["the pay- prefix", `ethereum:pay-${currency}@46330/transfer?address=${shop}&uint256=1250`, { amount: 1250n }],
      ["an exponent", `${transfer}?address=${shop}&uint256=1.25e3`, { amount: 1250n }],
      ["an upper-case exponent", `${transfer}?address=${shop}&uint256=1.25E3`, { amount: 1250n }],
      ["an exponent on a whole mantissa", `${transfer}?address=${shop}&uint256=125e1`, { amount: 1250n }],
      ["a decimal point with whole cents", `${transfer}?address=${shop}&uint256=1250.00`, { amount: 1250n }],
      ["a mantissa with no units", `${transfer}?address=${shop}&uint256=.5e2`, { amount: 50n }],
      ["an explicit plus sign", `${transfer}?address=${shop}&uint256=%2B1250`, { amount: 1250n }],
      ["leading zeros", `${transfer}?address=${shop}&uint256=001250`, { amount: 1250n }],
      ["parameters in another order", `${transfer}?uint256=1250&memo=x&address=${shop}`, { amount: 1250n, memo: "x" }],
      ["a trailing &", `${transfer}?address=${shop}&uint256=1250&`, { amount: 1250n }],
      ["value=0", `${transfer}?address=${shop}&uint256=1250&value=0`, { amount: 1250n }],
      ["value=0 with an exponent", `${transfer}?address=${shop}&value=0e18&uint256=1250`, { amount: 1250n }],
      [
        "gas, gasLimit and gasPrice (ignored)",
        `${transfer}?address=${shop}&uint256=1250&gas=65000&gasLimit=65000&gasPrice=1e9`,
        { amount: 1250n },
      ],
      ["+ for a space in the memo", `${transfer}?address=${shop}&memo=Table+4`, { memo: "Table 4" }],
      ["%20 for a space and %2B for a plus", `${transfer}?address=${shop}&memo=Table%204%2B1`, { memo: "Table 4+1" }],
      ["a lower-case recipient", `${transfer}?address=${shop.toLowerCase()}`, {}],
      ["an upper-case scheme (QR alphanumeric mode)", `ETHEREUM:${currency}@46330/transfer?address=${shop}`, {}],
      ["the largest amount", `${transfer}?address=${shop}&uint256=1e8`, { amount: MAX_PAYMENT_LINK_AMOUNT }],
      ["surrounding whitespace", ` ${transfer}?address=${shop}&uint256=1\n`, { amount: 1n }],
    ] as const) {
      it(`with ${form}`, function () {
        expect(parsePaymentLink(uri)).to.deep.equal({ ...base, ...expected });
      });
    }

    it("without a chain id (the EIP's own example): the currency's chain, when the wallet gives it", function () {
      const uri = `ethereum:${currency}/transfer?address=${shop}&uint256=1`;
      expect(parsePaymentLink(uri)).to.deep.equal({ currency, to: shop, amount: 1n });
      expect(parsePaymentLink(uri, miel)).to.deep.equal({ currency, chainId: 46330, to: shop, amount: 1n });
      expect(parsePaymentLink(uri, { address: currency.toLowerCase() })).to.deep.equal({
        currency,
        to: shop,
        amount: 1n,
      });
    });
  });

  describe("refuses what could mislead, saying what", function () {
    for (const [what, uri, problem, message] of [
      ["another scheme", `bitcoin:${currency}@46330/transfer?address=${shop}`, "malformed", undefined],
      ["empty text", "", "malformed", undefined],
      [
        "another function",
        `ethereum:${currency}@46330/approve?address=${shop}&uint256=1`,
        "not-a-transfer",
        'Invalid payment link: it calls "approve", not transfer.',
      ],
      [
        "a payment in the chain's coin (no function)",
        `ethereum:${shop}@46330?value=1e18`,
        "not-a-transfer",
        "Invalid payment link: it pays the chain's own coin, not the currency (no /transfer).",
      ],
      ["an ENS name for the token", `ethereum:pay-miel.eth@46330/transfer?address=${shop}`, "bad-address", undefined],
      [
        "a chain id that is not a number",
        `ethereum:${currency}@miel/transfer?address=${shop}`,
        "bad-chain-id",
        undefined,
      ],
      ["chain id 0", `ethereum:${currency}@0/transfer?address=${shop}`, "bad-chain-id", undefined],
      ["no recipient", `${transfer}?uint256=1`, "bad-address", undefined],
      ["a bad recipient", `${transfer}?address=0x1234`, "bad-address", undefined],
      ["a bad checksum", `${transfer}?address=0x14Dc79964da2C08b23698B3D3cc7Ca32193d9955`, "bad-address", undefined],
      [
        "a fractional amount",
        `${transfer}?address=${shop}&uint256=12.5`,
        "fractional-amount",
        "Invalid payment link: the amount 12.5 is not a whole number of cents.",
      ],
      [
        "a fractional amount with an exponent",
        `${transfer}?address=${shop}&uint256=1.255e2`,
        "fractional-amount",
        undefined,
      ],
      ["a negative amount", `${transfer}?address=${shop}&uint256=-5`, "bad-amount", undefined],
      ["a zero amount", `${transfer}?address=${shop}&uint256=0`, "bad-amount", undefined],
      ["an empty amount", `${transfer}?address=${shop}&uint256=`, "bad-amount", undefined],
      ["a hexadecimal amount", `${transfer}?address=${shop}&uint256=0x4e2`, "bad-amount", undefined],
      ["a negative exponent", `${transfer}?address=${shop}&uint256=125000e-2`, "bad-amount", undefined],
      [
        "an 18-decimals amount (12.50 as 1.25e19)",
        `${transfer}?address=${shop}&uint256=1.25e19`,
        "amount-too-large",
        "Invalid payment link: 1.25e19 cents is not a Komuno amount: a payment link asks for at most 1000000.00 (a link written for an 18-decimals token?).",
      ],
      ["1.25e20", `${transfer}?address=${shop}&uint256=1.25e20`, "amount-too-large", undefined],
      ["one cent above the bound", `${transfer}?address=${shop}&uint256=100000001`, "amount-too-large", undefined],
      [
        "an exponent a million digits long",
        `${transfer}?address=${shop}&uint256=1e${"9".repeat(7)}`,
        "amount-too-large",
        undefined,
      ],
      [
        "ether sent along",
        `${transfer}?address=${shop}&uint256=1&value=1`,
        "sends-ether",
        "Invalid payment link: it would also send 1 of the chain's own coin.",
      ],
      ["a tiny ether value", `${transfer}?address=${shop}&uint256=1&value=0.0001`, "sends-ether", undefined],
      ["a garbled value", `${transfer}?address=${shop}&uint256=1&value=zero`, "sends-ether", undefined],
      [
        "an unknown parameter",
        `${transfer}?address=${shop}&amount=12.50`,
        "unknown-parameter",
        "Invalid payment link: unknown parameter amount.",
      ],
      ["another ABI type", `${transfer}?address=${shop}&bytes=0x00`, "unknown-parameter", undefined],
      [
        "a repeated recipient",
        `${transfer}?address=${shop}&address=${shop}`,
        "duplicate-parameter",
        "Invalid payment link: parameter address appears twice.",
      ],
      ["a repeated amount", `${transfer}?address=${shop}&uint256=1&uint256=2`, "duplicate-parameter", undefined],
      ["a repeated ignored parameter", `${transfer}?address=${shop}&gas=1&gas=2`, "duplicate-parameter", undefined],
      ["a parameter without a value", `${transfer}?address=${shop}&memo`, "malformed", undefined],
      ["a broken memo", `${transfer}?address=${shop}&memo=%E2%80`, "bad-memo", undefined],
    ] as const) {
      it(`${what}: ${problem}`, function () {
        const error = refusal(uri);
        expect(error.problem).to.equal(problem satisfies PaymentLinkProblem);
        if (message !== undefined) expect(error.shortMessage).to.equal(message);
      });
    }

    it("a link for another token or another chain than the wallet's currency", function () {
      const token = refusal(`ethereum:${otherToken}@46330/transfer?address=${shop}&uint256=1`, miel);
      expect(token.problem).to.equal("another-currency");
      expect(token.shortMessage).to.equal(
        `Invalid payment link: it asks for the token ${otherToken}, not ${currency}.`,
      );
      const chain = refusal(`ethereum:${currency}@1/transfer?address=${shop}&uint256=1`, miel);
      expect(chain.problem).to.equal("another-chain");
      expect(chain.shortMessage).to.equal(
        "Invalid payment link: it asks for a payment on chain 1, but the currency lives on chain 46330.",
      );
      // Without the wallet's chain, the link's own is returned for the caller to check.
      expect(
        parsePaymentLink(`ethereum:${currency}@1/transfer?address=${shop}`, { address: currency }).chainId,
      ).to.equal(1);
      expect(thrown(() => parsePaymentLink(`${transfer}?address=${shop}`, { address: "miel" }))).to.be.instanceOf(
        InvalidInputError,
      );
    });
  });

  it("refuses to build a link it could not read back", function () {
    for (const [link, problem] of [
      [{ currency, chainId: 46330, to: shop, amount: 0n }, "bad-amount"],
      [{ currency, chainId: 46330, to: shop, amount: MAX_PAYMENT_LINK_AMOUNT + 1n }, "amount-too-large"],
      [{ currency, chainId: 46330, to: "shop" }, "bad-address"],
      [{ currency, chainId: 0, to: shop }, "bad-chain-id"],
    ] as const) {
      const error = thrown(() => buildPaymentLink(link));
      expect(error).to.be.instanceOf(InvalidPaymentLinkError);
      expect((error as InvalidPaymentLinkError).problem).to.equal(problem);
    }
    const largest = buildPaymentLink({ currency, chainId: 46330, to: shop, amount: MAX_PAYMENT_LINK_AMOUNT });
    expect(parsePaymentLink(largest).amount).to.equal(MAX_PAYMENT_LINK_AMOUNT);
  });

  describe("agrees with eth-url-parser, a widely used third-party EIP-681 parser", function () {
    interface EthUrl {
      scheme?: string;
      prefix?: string;
      target_address: string;
      chain_id?: string;
      function_name?: string;
      parameters?: Record<string, string>;
    }
    let library: { parse(uri: string): EthUrl; build(url: EthUrl): string };

    before(async function () {
      // It ships no type declarations: the shape it documents is declared above.
      const loaded = await import("eth-url-parser" as string);
      library = (loaded.parse === undefined ? loaded.default : loaded) as typeof library;
    });

    const amounts = [1n, 5n, 10n, 1250n, 1000n, 1234n, 99_999_999n, MAX_PAYMENT_LINK_AMOUNT];

    it("reads the links we build as the same token, chain, recipient, amount and memo", function () {
      for (const amount of amounts) {
        const uri = buildPaymentLink({ currency, chainId: 46330, to: shop, amount, memo: "Table 4 — café" });
        expect(library.parse(uri)).to.deep.equal({
          scheme: "ethereum",
          target_address: currency,
          chain_id: "46330",
          function_name: "transfer",
          parameters: { address: shop, uint256: String(amount), memo: "Table 4 — café" },
        });
      }
    });

    it("writes links we read back exactly (its amounts have exponents, its memo is percent-encoded)", function () {
      for (const amount of amounts) {
        const uri = library.build({
          scheme: "ethereum",
          prefix: "pay",
          target_address: currency,
          chain_id: "46330",
          function_name: "transfer",
          parameters: { address: shop, uint256: String(amount), memo: "Table 4 — café & co" },
        });
        expect(parsePaymentLink(uri, miel)).to.deep.equal({
          currency,
          chainId: 46330,
          to: shop,
          amount,
          memo: "Table 4 — café & co",
        });
      }
      const plain = library.build({
        scheme: "ethereum",
        target_address: currency,
        function_name: "transfer",
        parameters: { address: shop, uint256: "1250", value: "0", gas: "65000" },
      });
      expect(plain).to.equal(`ethereum:${currency}/transfer?address=${shop}&uint256=1.25e3&value=0&gas=65000`);
      expect(parsePaymentLink(plain, miel)).to.deep.equal({ currency, chainId: 46330, to: shop, amount: 1250n });
    });

    it("and both refuse an amount that is not a number", function () {
      const uri = `${transfer}?address=${shop}&uint256=twelve`;
      expect(() => library.parse(uri)).to.throw();
      expect(refusal(uri).problem).to.equal("bad-amount");
    });
  });
});
