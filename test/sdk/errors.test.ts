import { expect } from "chai";
import { getAddress, id, Interface, ZeroAddress, ZeroHash, type ParamType } from "ethers";

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
      "Mint refused: supply would reach 400.01, above the reserve 400.00 + headroom 0.00",
    );
  });

  it("states every amount in euros, as the CLI and the audit do", function () {
    const errors = new Interface(komunoErrorsAbi);
    const member = "0x00000000000000000000000000000000000000AA";
    const other = getAddress("0x00000000000000000000000000000000000000bb");
    const cases: [string, unknown[], string][] = [
      ["AccountNotEmpty", [member, 1_250n], `account ${member} still holds 12.50`],
      [
        "MintAllowanceExceeded",
        [member, 100_000_000n, 100_000_001n],
        `treasurer ${member} may mint 1000000.00, not 1000000.01`,
      ],
      ["AmountTooLarge", [5n], "0.05 is more than the ledger can hold"],
      ["ERC20InsufficientBalance", [member, 999n, 1_000n], `${member} holds 9.99, 10.00 needed`],
      ["ERC20InsufficientAllowance", [member, 0n, 1_250n], `${member} may spend 0.00, 12.50 needed`],
      [
        "CreditLimitsTooLarge",
        [2n ** 64n, 100n],
        "credit limits 184467440737095516.16 / 1.00 are above the maximum (184467440737095516.15)",
      ],
      [
        "CreditFloorExceeded",
        [member, -6_000n, 5_000n, 10_000n],
        `${member} has a credit balance of -60.00 and may go down to -100.00: paying 50.00 is too much`,
      ],
      [
        "CreditCeilingExceeded",
        [member, 9_000n, 2_000n, 10_000n],
        `${member} has a credit balance of 90.00 and may go up to 100.00: receiving 20.00 is too much`,
      ],
      [
        "CreditAccountInUse",
        [member, -1n, 500n, 700n],
        `${member} already has a credit account (balance -0.01, limits -5.00 / 7.00)`,
      ],
      ["InvalidDelegationCaps", [0n, 300n], "caps of 0.00 per payment and 3.00 in all are invalid"],
      [
        "DelegationCapTooLarge",
        [10n ** 20n, 10n ** 18n],
        "a cap of 1000000000000000000.00 is above the maximum of 10000000000000000.00",
      ],
      [
        "DelegationPaymentCapExceeded",
        [member, other, 1_001n, 1_000n],
        `${other} may pay at most 10.00 per payment for ${member}, not 10.01`,
      ],
      [
        "DelegationTotalCapExceeded",
        [member, other, 1_000n, 600n, 1_500n],
        `${other} already paid 10.00 of 15.00 for ${member}; 6.00 more is too much`,
      ],
    ];
    for (const [name, args, reason] of cases) {
      const decoded = decodeKomunoError(errors.encodeErrorResult(name, args), "Payment");
      expect(decoded!.shortMessage, name).to.include(`Payment refused: ${reason}`, decoded!.shortMessage);
      expect(decoded!.shortMessage, name).to.not.match(/cents/);
    }
  });

  it("dates the times it names", function () {
    const data = currency.encodeErrorResult("AttestationOutOfOrder", [1_780_000_000n, 1_780_003_600n]);
    expect(decodeKomunoError(data, "Attesting the reserve")!.shortMessage).to.equal(
      "Attesting the reserve refused: the attestation date 2026-05-28T20:26:40.000Z is before the last one (2026-05-28T21:26:40.000Z)",
    );
  });

  it("names the role a caller lacks, never its hash", function () {
    const caller = "0x00000000000000000000000000000000000000AA";
    const roles: [string, string][] = [
      [id("TREASURER_ROLE"), "treasurer"],
      [id("MEMBER_MANAGER_ROLE"), "member manager"],
      [ZeroHash, "governor"],
      [id("PROPOSER_ROLE"), "timelock proposer"],
    ];
    for (const [role, name] of roles) {
      const data = currency.encodeErrorResult("AccessControlUnauthorizedAccount", [caller, role]);
      const error = toKomunoError({ data }, "Minting");
      expect(error.shortMessage).to.equal(`Minting refused: ${caller} does not hold the role this needs: ${name}`);
      expect(error.shortMessage).to.not.include(role);
      // The id stays in the error's arguments, for a program that needs it.
      expect((error as ContractRevertError).args.neededRole).to.equal(role);
    }
    const unknown = id("SOMEONE_ELSES_ROLE");
    const data = currency.encodeErrorResult("AccessControlUnauthorizedAccount", [caller, unknown]);
    expect(toKomunoError({ data }, "Minting").shortMessage).to.include(`the role this needs: ${unknown}`);
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
      expect(decoded!.shortMessage, `${fragment.name}: amounts in euros`).to.not.match(/cents/);
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
