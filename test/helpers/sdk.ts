import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import type { Provider } from "ethers";

import { createKomunoClient } from "../../sdk/client.js";
import type { CurrencyFixture } from "./fixtures.js";

/** What a promise failed with; fails the test when it succeeds. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected a failure"),
    (error: unknown) => error,
  );
}

/**
 * An SDK client on the fixture's in-process chain, signing as `signer` (read-only without), told the addresses
 * of the contracts the fixture deployed beside the currency, or of none (`withExtensions: false`).
 */
export function sdkClient(f: CurrencyFixture, signer?: HardhatEthersSigner, withExtensions = true) {
  return createKomunoClient({
    provider: f.connection.ethers.provider as unknown as Provider,
    signer,
    currency: f.currency.target as string,
    ...(f.timelock === undefined ? {} : { timelock: f.timelock.target as string }),
    extensions: withExtensions
      ? {
          mutualCredit: f.credit.target as string,
          delegations: f.delegations.target as string,
          paymentRequests: f.requests.target as string,
        }
      : {},
  });
}
