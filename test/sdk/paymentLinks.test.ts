import { expect } from "chai";

import { InvalidPaymentLinkError } from "../../sdk/errors.js";
import { buildPaymentLink, parsePaymentLink } from "../../sdk/paymentLinks.js";

const currency = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const shop = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955";

describe("SDK payment links (EIP-681 URIs for QR codes)", function () {
  it("builds the standard ERC-20 transfer URI, and parses it back", function () {
    const uri = buildPaymentLink({ currency, chainId: 46330, to: shop, amount: 1250n, memo: "Table 4 — café" });
    expect(uri).to.equal(
      `ethereum:${currency}@46330/transfer?address=${shop}&uint256=1250&memo=Table%204%20%E2%80%94%20caf%C3%A9`,
    );
    expect(parsePaymentLink(uri)).to.deep.equal({
      currency,
      chainId: 46330,
      to: shop,
      amount: 1250n,
      memo: "Table 4 — café",
    });
  });

  it("leaves the amount to the payer when the link has none", function () {
    expect(parsePaymentLink(buildPaymentLink({ currency, chainId: 46330, to: shop }))).to.deep.equal({
      currency,
      chainId: 46330,
      to: shop,
    });
  });

  it("reads amounts written with an exponent, and the pay- prefix", function () {
    expect(parsePaymentLink(`ethereum:pay-${currency}@46330/transfer?address=${shop}&uint256=1.25e3`).amount).to.equal(
      1250n,
    );
  });

  for (const [what, uri] of [
    ["another scheme", `bitcoin:${currency}@46330/transfer?address=${shop}`],
    ["another function", `ethereum:${currency}@46330/approve?address=${shop}&uint256=1`],
    ["no chain id", `ethereum:${currency}/transfer?address=${shop}`],
    ["a bad recipient", `ethereum:${currency}@46330/transfer?address=0x1234`],
    ["a bad checksum", `ethereum:${currency}@46330/transfer?address=0x14Dc79964da2C08b23698B3D3cc7Ca32193d9955`],
    ["a fractional amount", `ethereum:${currency}@46330/transfer?address=${shop}&uint256=12.5`],
    ["a negative amount", `ethereum:${currency}@46330/transfer?address=${shop}&uint256=-5`],
    ["a zero amount", `ethereum:${currency}@46330/transfer?address=${shop}&uint256=0`],
    ["an unknown parameter", `ethereum:${currency}@46330/transfer?address=${shop}&gas=1`],
    ["a repeated parameter", `ethereum:${currency}@46330/transfer?address=${shop}&address=${shop}`],
    ["a broken memo", `ethereum:${currency}@46330/transfer?address=${shop}&memo=%E2%80`],
    ["empty text", ""],
  ] as const) {
    it(`refuses ${what} with a typed error`, function () {
      expect(() => parsePaymentLink(uri)).to.throw(InvalidPaymentLinkError);
    });
  }

  it("refuses to build a link for a zero amount or a bad address", function () {
    expect(() => buildPaymentLink({ currency, chainId: 46330, to: shop, amount: 0n })).to.throw(
      InvalidPaymentLinkError,
    );
    expect(() => buildPaymentLink({ currency, chainId: 46330, to: "shop" })).to.throw(InvalidPaymentLinkError);
  });
});
