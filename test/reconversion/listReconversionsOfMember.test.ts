import { expect } from "chai";
import { network } from "hardhat";

import { listReconversions } from "../../sdk/actions/treasury/reconversions.js";
import { InvalidAddressError } from "../../sdk/errors.js";
import { deployFundedCurrency, Kind, kindsMask } from "../helpers/fixtures.js";
import { failure, sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { networkHelpers } = connection;

// Two members asking in turns: a wallet lists only its own requests, with their current status.
async function twoRequesters() {
  const f = await deployFundedCurrency(connection, {
    commissionBps: 200,
    reconversionKinds: kindsMask(Kind.Person, Kind.Business),
  });
  await f.currency.connect(f.shop).requestReconversion(1_000n);
  await f.currency.connect(f.alice).requestReconversion(500n);
  await f.currency.connect(f.shop).requestReconversion(2_000n);
  await f.currency.connect(f.treasurer).rejectReconversion(3n, "IBAN does not match");
  return f;
}

describe("SDK listReconversions of one member", function () {
  it("lists only the member's requests, read from its own events, with commission and status", async function () {
    const f = await networkHelpers.loadFixture(twoRequesters);
    const shop = await listReconversions(sdkClient(f), { member: f.shop.address });
    expect(shop.map((r) => [r.id, r.member, r.status, r.commission, r.netPayout])).to.deep.equal([
      [1n, f.shop.address, "pending", 20n, 980n],
      [3n, f.shop.address, "rejected", 0n, 0n],
    ]);
    const alice = await listReconversions(sdkClient(f), { member: f.alice.address, status: "pending" });
    expect(alice.map((r) => r.id)).to.deep.equal([2n]);
    expect(await listReconversions(sdkClient(f), { member: f.bob.address })).to.deep.equal([]);
  });

  it("refuses a member that is not an address before reading anything", async function () {
    const f = await networkHelpers.loadFixture(twoRequesters);
    expect(await failure(listReconversions(sdkClient(f), { member: "0x1234" }))).to.be.instanceOf(InvalidAddressError);
  });
});
