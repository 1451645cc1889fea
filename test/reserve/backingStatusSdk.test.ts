import { expect } from "chai";
import { network } from "hardhat";

import { getBackingStatus } from "../../sdk/actions/reserve/getBackingStatus.js";
import { planMint } from "../../sdk/actions/treasury/planMint.js";
import { deployFundedCurrency, ONE_DAY, type CurrencyFixture } from "../helpers/fixtures.js";
import { sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { networkHelpers } = connection;

async function cappedCurrency(): Promise<CurrencyFixture> {
  return deployFundedCurrency(connection, { reserveCapEnabled: true, maxAttestationAge: 30n * ONE_DAY });
}

async function uncappedCurrency(): Promise<CurrencyFixture> {
  return deployFundedCurrency(connection);
}

describe("SDK backing status: what may still be minted under the reserve", function () {
  it("gives the supply cap and the room left, the same cap a mint's pre-flight checks against", async function () {
    const f = await networkHelpers.loadFixture(cappedCurrency);
    const status = await getBackingStatus(sdkClient(f));
    // 10,000.00 attested, no headroom, 300.00 in circulation.
    expect(status).to.deep.include({ supply: 30_000n, supplyCap: 1_000_000n, mintRoom: 970_000n });
    const plan = await planMint(sdkClient(f, f.treasurer), {
      deposits: [{ to: f.alice.address, amount: 100n, reference: "VIR-CAP" }],
    });
    expect(plan.reserve.cap).to.equal(status.supplyCap);
  });

  it("has no cap and no room to tell while the reserve cap is off", async function () {
    const f = await networkHelpers.loadFixture(uncappedCurrency);
    expect(await getBackingStatus(sdkClient(f))).to.deep.include({ supplyCap: null, mintRoom: null });
  });
});
