import { expect } from "chai";
import { TypedDataEncoder, verifyTypedData, Wallet } from "ethers";

import { InvalidInputError, SignatureRejectedError } from "../../sdk/errors.js";
import {
  cancelAuthorizationSigner,
  parseSignedCancelAuthorization,
  parseSignedTransferAuthorization,
  signCancelAuthorization,
  signTransferAuthorization,
  transferAuthorizationSigner,
  transferAuthorizationTypedData,
  type SignedTransferAuthorization,
} from "../../sdk/transferAuthorization.js";

// Fixed keys: the test needs no chain.
const payer = new Wallet("0x" + "11".repeat(32));
const other = new Wallet("0x" + "22".repeat(32));
const shop = "0x" + "ab".repeat(20);
const domain = { currency: "0x" + "cd".repeat(20), chainId: 46330, name: "Monnaie Libournaise", version: "1" };
const nonce = "0x" + "0f".repeat(32);

function signed(overrides: Partial<Parameters<typeof signTransferAuthorization>[1]> = {}) {
  return signTransferAuthorization(payer, {
    ...domain,
    to: shop,
    value: 1250n,
    validBefore: 2_000_000_000n,
    ...overrides,
  });
}

/** What a call threw; fails the test when it returned. */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return expect.fail("expected a failure");
}

describe("SDK: EIP-3009 transfer authorizations", function () {
  it("reports a wallet that refuses to sign as a typed error, having sent nothing", async function () {
    const refusing = Object.assign(Object.create(payer) as Wallet, {
      signTypedData: () =>
        Promise.reject(Object.assign(new Error("user rejected action"), { code: "ACTION_REJECTED" })),
    });
    const error = await signTransferAuthorization(refusing, {
      ...domain,
      to: shop,
      value: 1n,
      validBefore: 2_000_000_000n,
    }).then(
      () => expect.fail("expected a refusal"),
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(SignatureRejectedError);
    expect((error as SignatureRejectedError).details).to.equal("user rejected action");
  });

  it("builds the EIP-3009 types the contract hashes, under the domain it is given", function () {
    const typed = transferAuthorizationTypedData({
      kind: "transfer",
      name: domain.name,
      version: "2",
      chainId: domain.chainId,
      verifyingContract: domain.currency,
      from: payer.address,
      to: shop,
      value: 1n,
      validAfter: 0n,
      validBefore: 1n,
      nonce,
    });
    expect(typed.domain).to.deep.equal({
      name: domain.name,
      version: "2",
      chainId: domain.chainId,
      verifyingContract: domain.currency,
    });
    expect(TypedDataEncoder.from(typed.types).encodeType("TransferWithAuthorization")).to.equal(
      "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)",
    );
    const receive = transferAuthorizationTypedData({ ...typed.message, ...typed.domain, kind: "receive" });
    expect(Object.keys(receive.types)).to.deep.equal(["ReceiveWithAuthorization"]);
  });

  it("signs an authorization that ethers verifies as the payer's", async function () {
    const authorization = await signed({ nonce, validAfter: 1_999_990_000n });
    expect(authorization).to.deep.include({
      kind: "transfer",
      from: payer.address,
      value: "1250",
      validAfter: "1999990000",
      validBefore: "2000000000",
      nonce,
    });
    const {
      domain: typedDomain,
      types,
      message,
    } = transferAuthorizationTypedData({
      ...authorization,
      verifyingContract: authorization.currency,
      value: 1250n,
      validAfter: 1_999_990_000n,
      validBefore: 2_000_000_000n,
    });
    expect(verifyTypedData(typedDomain, types, message, authorization.signature)).to.equal(payer.address);
    expect(transferAuthorizationSigner(authorization)).to.equal(payer.address);
    // Another kind, currency or amount is another message: the signature no longer recovers the payer.
    for (const forged of [
      { ...authorization, kind: "receive" as const },
      { ...authorization, value: "1251" },
      { ...authorization, currency: shop },
      { ...authorization, version: "2" },
    ]) {
      expect(transferAuthorizationSigner(forged)).to.not.equal(payer.address);
    }
  });

  it("draws a fresh random nonce for each authorization", async function () {
    const [a, b] = await Promise.all([signed(), signed()]);
    expect(a.nonce).to.match(/^0x[0-9a-f]{64}$/);
    expect(a.nonce).to.not.equal(b.nonce);
  });

  it("survives a JSON round trip unchanged, and parsing checksums addresses", async function () {
    const authorization = await signed();
    const text = JSON.stringify(authorization);
    expect(parseSignedTransferAuthorization(text)).to.deep.equal(authorization);
    expect(parseSignedTransferAuthorization(JSON.parse(text))).to.deep.equal(authorization);
    const lower = { ...authorization, to: authorization.to.toLowerCase() };
    expect(parseSignedTransferAuthorization(lower).to).to.equal(authorization.to);
    expect(transferAuthorizationSigner(parseSignedTransferAuthorization(text))).to.equal(payer.address);
  });

  it("signs cancellations that verify and round-trip", async function () {
    const cancel = await signCancelAuthorization(payer, { ...domain, nonce });
    expect(cancelAuthorizationSigner(cancel)).to.equal(payer.address);
    expect(parseSignedCancelAuthorization(JSON.stringify(cancel))).to.deep.equal(cancel);
  });

  it("refuses bad parameters before signing", async function () {
    const cases: Array<[Partial<Parameters<typeof signTransferAuthorization>[1]>, string]> = [
      [{ from: other.address }, "from"],
      [{ to: "0x1234" }, "to"],
      [{ value: 0n }, "value"],
      [{ value: -1n }, "value"],
      [{ value: 2n ** 256n }, "value"],
      [{ validAfter: 100n, validBefore: 101n }, "validBefore"],
      [{ validAfter: 100n, validBefore: 100n + 86_401n }, "validBefore"],
      [{ nonce: "0x1234" }, "nonce"],
      [{ chainId: 0 }, "chainId"],
      [{ name: "" }, "name"],
      [{ version: "" }, "version"],
      [{ version: undefined }, "version"],
      [{ kind: "pay" as never }, "kind"],
    ];
    for (const [overrides, field] of cases) {
      const error = await signed(overrides).then(
        () => expect.fail(`accepted ${JSON.stringify(overrides, (_k, v) => String(v))}`),
        (e: unknown) => e,
      );
      expect(error, field).to.be.instanceOf(InvalidInputError);
      expect(error).to.include({ field });
    }
  });

  it("rejects malformed authorizations with the field at fault", async function () {
    const good: SignedTransferAuthorization = await signed();
    const cases: Array<[unknown, string]> = [
      ["{not json", "authorization"],
      [[good], "authorization"],
      [null, "authorization"],
      [{ ...good, extra: 1 }, "authorization"],
      [{ ...good, signature: undefined }, "authorization"],
      [{ ...good, kind: "pay" }, "authorization.kind"],
      [{ ...good, from: "alice" }, "authorization.from"],
      [{ ...good, to: "0x" + "ab".repeat(19) }, "authorization.to"],
      [{ ...good, value: 1250 }, "authorization.value"],
      [{ ...good, value: "12.50" }, "authorization.value"],
      [{ ...good, value: "0" }, "authorization.value"],
      [{ ...good, value: "-1" }, "authorization.value"],
      [{ ...good, value: "01" }, "authorization.value"],
      [{ ...good, value: (2n ** 256n).toString() }, "authorization.value"],
      [{ ...good, validAfter: "1e3" }, "authorization.validAfter"],
      [{ ...good, validBefore: good.validAfter }, "authorization.validBefore"],
      [{ ...good, nonce: good.nonce.slice(0, 40) }, "authorization.nonce"],
      [{ ...good, signature: good.signature.slice(0, 100) }, "authorization.signature"],
      [{ ...good, signature: "0x" + "00".repeat(65) }, "authorization.signature"],
      [{ ...good, signature: good.signature.slice(0, -2) + "05" }, "authorization.signature"],
      [{ ...good, signature: "0x" + "11".repeat(32) + "ff".repeat(32) + "1b" }, "authorization.signature"],
      [{ ...good, chainId: "46330" }, "authorization.chainId"],
      [{ ...good, chainId: 1.5 }, "authorization.chainId"],
      [{ ...good, currency: 42 }, "authorization.currency"],
      [{ ...good, name: 7 }, "authorization.name"],
      [{ ...good, version: 1 }, "authorization.version"],
      [{ ...good, version: undefined }, "authorization"],
    ];
    for (const [input, field] of cases) {
      const error = thrown(() => parseSignedTransferAuthorization(input));
      expect(error, field).to.be.instanceOf(InvalidInputError);
      expect(error, JSON.stringify(input)).to.include({ field });
    }
    const cancel = await signCancelAuthorization(payer, { ...domain, nonce });
    const error = thrown(() => parseSignedCancelAuthorization({ ...cancel, authorizer: "0x12" }));
    expect(error).to.be.instanceOf(InvalidInputError).and.include({ field: "cancellation.authorizer" });
  });
});
