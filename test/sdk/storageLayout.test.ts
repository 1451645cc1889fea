import { expect } from "chai";

import { compareLayouts, readImplementation, type StorageLayout } from "../../sdk/node/storageLayout.js";

describe("Storage layout of upgrades", function () {
  let current: StorageLayout;

  before(async function () {
    current = (await readImplementation("LocalCurrency")).layout;
  });

  it("reads every namespace of the currency from the compiler's AST, packed as solc packs it", function () {
    expect(Object.keys(current).sort()).to.deep.equal([
      "komuno.storage.BurnHistory",
      "komuno.storage.Ledger",
      "komuno.storage.Membership",
      "komuno.storage.Minting",
      "komuno.storage.Reconversion",
      "komuno.storage.Reserve",
      "komuno.storage.TransferAuthorization",
      "openzeppelin.storage.AccessControl",
      "openzeppelin.storage.EIP712",
      "openzeppelin.storage.Initializable",
      "openzeppelin.storage.Nonces",
    ]);
    const ledger = current["komuno.storage.Ledger"].map((f) => [f.label, f.slot, f.offset]);
    expect(ledger).to.deep.equal([
      ["accounts", 0, 0],
      ["allowances", 1, 0],
      ["totalSupply", 2, 0],
      ["rules", 3, 0],
      ["name", 4, 0],
      ["symbol", 5, 0],
      ["governorCount", 6, 0],
      ["proposedGovernor", 7, 0],
    ]);
    expect(current["komuno.storage.Ledger"][0].type).to.equal(
      "mapping(address => struct Ledger.Account{uint128@0:0,enum IMembership.AccountKind@0:16,enum IMembership.AccountStatus@0:17})",
    );
    expect(current["komuno.storage.Ledger"][3].type).to.equal(
      "struct Ledger.PaymentRules{bool@0:0,uint64@0:1,uint16@0:9}",
    );
    const reconversion = current["komuno.storage.Reconversion"].map((f) => [f.label, f.slot, f.offset]);
    expect(reconversion.slice(0, 4)).to.deep.equal([
      ["count", 0, 0],
      ["allowedKinds", 0, 8],
      ["commissionBps", 0, 9],
      ["feeAccount", 0, 11],
    ]);
    expect(current["komuno.storage.Membership"].map((f) => [f.label, f.slot, f.offset])).to.deep.equal([
      ["pendingMigrations", 0, 0],
      ["memberMoveDelay", 1, 0],
      ["pendingRecoveries", 2, 0],
      ["successors", 3, 0],
      ["migrationExecutableAt", 4, 0],
    ]);
    expect(current["komuno.storage.Reserve"].map((f) => [f.label, f.slot, f.offset])).to.deep.equal([
      ["policy", 0, 0],
      ["attestedAmount", 1, 0],
      ["burnedSinceAttestation", 1, 12],
      ["attestedAsOf", 1, 24],
      ["evidenceHash", 2, 0],
      ["auditor", 3, 0],
    ]);
  });

  it("accepts an implementation that only adds a namespace", async function () {
    const v2 = (await readImplementation("LocalCurrencyV2Mock")).layout;
    expect(v2["komuno.storage.V2Mock"]).to.have.length(1);
    expect(compareLayouts(current, v2)).to.deep.equal([]);
  });

  it("accepts fields appended to a namespace", function () {
    const next = structuredClone(current);
    next["komuno.storage.Ledger"].push({ label: "feeRates", type: "uint256", slot: 7, offset: 0 });
    expect(compareLayouts(current, next)).to.deep.equal([]);
  });

  it("accepts the payment rules packed beside the pause flag the first release had alone in its slot", function () {
    const firstRelease = structuredClone(current);
    firstRelease["komuno.storage.Ledger"][3] = { label: "paused", type: "bool", slot: 3, offset: 0 };
    delete firstRelease["komuno.storage.TransferAuthorization"];
    expect(compareLayouts(firstRelease, current)).to.deep.equal([]);
    expect(compareLayouts(current, firstRelease)).to.have.members([
      "komuno.storage.Ledger.rules[1]: removed (was uint64 at slot 3, offset 1)",
      "komuno.storage.Ledger.rules[2]: removed (was uint16 at slot 3, offset 9)",
      "komuno.storage.TransferAuthorization: the namespace is gone",
    ]);
  });

  it("refuses a field moved, retyped or removed, a namespace dropped, and a changed struct under a mapping", function () {
    const next = structuredClone(current);
    const ledger = next["komuno.storage.Ledger"];
    ledger[2] = { ...ledger[2], slot: 8 };
    next["komuno.storage.Reserve"][1].type = "uint256";
    next["komuno.storage.Reconversion"].pop();
    delete next["komuno.storage.Membership"];
    next["komuno.storage.Ledger"][0].type = next["komuno.storage.Ledger"][0].type.replace("uint128@0:0", "uint96@0:0");
    const problems = compareLayouts(current, next);
    expect(problems).to.have.length(5);
    expect(problems.join("\n"))
      .to.include("komuno.storage.Ledger.totalSupply: removed (was uint256 at slot 2, offset 0)")
      .and.to.include("komuno.storage.Reserve.attestedAmount")
      .and.to.include("komuno.storage.Reconversion.usedReferences[0]: removed")
      .and.to.include("komuno.storage.Membership: the namespace is gone")
      .and.to.include("komuno.storage.Ledger.accounts");
  });
});
