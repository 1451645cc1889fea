import { getAddress, toBeHex } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import type { MutualCredit } from "../../types/ethers-contracts/index.js";
import { deployFundedCurrency, type CurrencyFixture } from "../helpers/fixtures.js";
import { IMPLEMENTATION_SLOT } from "../helpers/storage.js";

export interface CreditFixture extends CurrencyFixture {
  implementation: MutualCredit;
}

/**
 * A funded currency with its mutual-credit ledger behind a UUPS proxy, and credit lines for the three members:
 * alice -100.00 / +200.00, bob -50.00 / +50.00, shop -500.00 / +500.00.
 */
export async function deployCurrencyWithCredit(connection: NetworkConnection): Promise<CreditFixture> {
  const { ethers } = connection;
  const f = await deployFundedCurrency(connection);
  const { credit } = f;
  const implementationAddress = getAddress(
    toBeHex(await ethers.provider.getStorage(await credit.getAddress(), IMPLEMENTATION_SLOT), 20),
  );
  const implementation = (await ethers.getContractAt("MutualCredit", implementationAddress)) as unknown as MutualCredit;
  await credit.connect(f.manager).setCreditLimits(f.alice.address, 10_000n, 20_000n);
  await credit.connect(f.manager).setCreditLimits(f.bob.address, 5_000n, 5_000n);
  await credit.connect(f.manager).setCreditLimits(f.shop.address, 50_000n, 50_000n);
  return { ...f, implementation };
}
