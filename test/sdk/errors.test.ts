import { expect } from "chai";
import { id, Interface, ZeroAddress, type ParamType } from "ethers";

import { komunoErrorsAbi, localCurrencyAbi } from "../../sdk/abi/generated/index.js";
import { ContractRevertError, RpcError, TransactionFailedError } from "../../sdk/errors.js";
import { decodeKomunoError, toKomunoError } from "../../sdk/internal/errors.js";

const currency = new Interface(localCurrencyAbi);

describe("SDK errors: decoding what ethers throws", function () {
  it("decodes a revert into the contract's custom error with named arguments and a plain explanation", function () {
    const ref = id("VIR-1");
    const data = currency.encodeErrorResult("DepositAlreadyMinted", [ref]);
    // ethers nests the revert data differently depending on where the call failed.
    for (const thrown of [{ data }, { info: { error: { data } } }, { error: { data: { data } } }]) {
      const error = toKomunoError(thrown, "Mint");
      expect(error).to.be.instanceOf(ContractRevertError);
      expect(error).to.include({ name: "ContractRevertError", errorName: "DepositAlreadyMinted" });
      expect((error as ContractRevertError).args).to.deep.equal({ depositRef: ref });
      expect(error.shortMessage).to.equal(`Mint refused: deposit ${ref} was already minted`);
      expect(error.shortMessage).to.not.include(data.slice(0, 10));
    }
  });

  it("explains errors with several arguments", function () {
    const data = currency.encodeErrorResult("ReserveExceeded", [40_001n, 40_000n, 0n]);
    expect(toKomunoError({ data }, "Mint").shortMessage).to.equal(
      "Mint refused: supply would reach 40001 cents, above the reserve 40000 + headroom 0",
    );
  });

  it("types a dead node as an RPC error, naming the node", function () {
    const error = toKomunoError(new Error("connect ECONNREFUSED 127.0.0.1:8545"), "Payment", "http://127.0.0.1:8545");
    expect(error).to.be.instanceOf(RpcError);
    expect(error.shortMessage).to.equal("Payment failed: the node at http://127.0.0.1:8545 did not answer.");
    expect(toKomunoError({ code: "TIMEOUT" }, "Payment")).to.be.instanceOf(RpcError);
  });

  it("types anything else as a failed transaction, never as raw hex", function () {
    const error = toKomunoError({ data: "0xdeadbeef00" }, "Payment");
    expect(error).to.be.instanceOf(TransactionFailedError);
    expect(error.shortMessage).to.equal("Payment failed on chain without a decodable reason.");
  });

  it("decodes every custom error of every contract and library, each with a reason in plain words", function () {
    const errors = new Interface(komunoErrorsAbi);
    const sample = (input: ParamType): unknown =>
      input.baseType === "address"
        ? ZeroAddress
        : /^bytes\d+$/.test(input.baseType)
          ? "0x" + "00".repeat(Number(input.baseType.slice(5)))
          : 7;
    const unexplained: string[] = [];
    errors.forEachError((fragment) => {
      const data = errors.encodeErrorResult(fragment, fragment.inputs.map(sample));
      const decoded = decodeKomunoError(data, "Payment");
      expect(decoded, fragment.name).to.be.instanceOf(ContractRevertError);
      expect(decoded!.errorName).to.equal(fragment.name);
      if (decoded!.shortMessage === `Payment refused: ${fragment.name}`) unexplained.push(fragment.format("sighash"));
    });
    expect(komunoErrorsAbi.length).to.be.greaterThan(100);
    expect(unexplained, "errors without a plain-language reason").to.deep.equal([]);
  });

  it("decodes revert data a third party holds (viem, ethers) and ignores what is not ours", function () {
    const data = currency.encodeErrorResult("AccountNotActive", ["0x00000000000000000000000000000000000000AA", 2]);
    const decoded = decodeKomunoError(data);
    expect(decoded).to.include({ errorName: "AccountNotActive" });
    expect(decoded!.shortMessage).to.equal(
      "The transaction refused: account 0x00000000000000000000000000000000000000AA is frozen",
    );
    expect(decodeKomunoError("0x08c379a0" + "00".repeat(64))).to.equal(undefined); // Error(string): not ours
    expect(decodeKomunoError("0x")).to.equal(undefined);
    expect(decodeKomunoError("not hex")).to.equal(undefined);
  });
});
