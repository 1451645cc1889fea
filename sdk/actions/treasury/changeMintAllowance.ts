import type { KomunoClient } from "../../client.js";
import { InvalidInputError } from "../../errors.js";
import { currencyCall, sendAsGovernor, type GovernedResult } from "../../internal/governance.js";
import { requireAddress } from "../../internal/validate.js";

export interface ChangeMintAllowanceParams {
  treasurer: string;
  /** Raise or lower: the contract never replaces an allowance, so a change cannot be raced by the treasurer's mints. */
  direction: "increase" | "decrease";
  /** Cents to add or take off (a decrease stops at zero). */
  amount: bigint;
}

/**
 * Raises or lowers what a treasurer may still mint (governor only; the treasurer must hold its role to be raised).
 * Scheduled in the governance timelock when the governor is one.
 * @example await changeMintAllowance(client, { treasurer: "0x…", direction: "increase", amount: parseAmount("50000.00") })
 */
export async function changeMintAllowance(
  client: KomunoClient,
  { treasurer, direction, amount }: ChangeMintAllowanceParams,
): Promise<GovernedResult> {
  const address = requireAddress(treasurer);
  if (typeof amount !== "bigint" || amount <= 0n) throw new InvalidInputError("amount", "an amount more than zero");
  if (direction !== "increase" && direction !== "decrease") {
    throw new InvalidInputError("direction", 'either "increase" or "decrease"');
  }
  const name = direction === "increase" ? "increaseMintAllowance" : "decreaseMintAllowance";
  return sendAsGovernor(
    client,
    "Mint allowance",
    (c) => c[name](address, amount),
    currencyCall(client, name, [address, amount]),
  );
}
