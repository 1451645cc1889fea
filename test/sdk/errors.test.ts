import { expect } from "chai";
import { id, Interface } from "ethers";

import { localCurrencyAbi } from "../../sdk/abi/generated/index.js";
import { ContractRevertError, RpcError, TransactionFailedError } from "../../sdk/errors.js";
import { toKomunoError } from "../../sdk/internal/errors.js";

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
});
