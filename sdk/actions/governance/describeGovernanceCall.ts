import { Interface } from "ethers";

import { ACCOUNT_KIND_NAMES } from "../../accounts.js";
import {
  governanceTimelockSignatures,
  localCurrencySignatures,
  mutualCreditSignatures,
} from "../../abi/generated/signatures.js";
import { formatAmount } from "../../amounts.js";
import { roleName } from "../../internal/roles.js";

const currencyInterface = new Interface(localCurrencySignatures);
const timelockInterface = new Interface(governanceTimelockSignatures);
const creditInterface = new Interface(mutualCreditSignatures);

// Error messages name roles too (sdk/internal/errors.ts): one table, which the package exports from here.
export { roleName };

const percent = (bps: bigint) => `${formatAmount(bps)} %`;
const kindsOf = (mask: bigint) =>
  ACCOUNT_KIND_NAMES.filter((_, kind) => kind > 0 && ((mask >> BigInt(kind)) & 1n) === 1n).join(", ") || "nobody";
const hours = (seconds: bigint) => (seconds % 3_600n === 0n ? `${seconds / 3_600n} h` : `${seconds} s`);
const kind = (value: bigint) => ACCOUNT_KIND_NAMES[Number(value)] ?? `kind ${value}`;

type Describe = (args: readonly unknown[]) => string;

const CURRENCY_CALLS: Record<string, Describe> = {
  setPaymentFees: ([p, b, a]) =>
    `set the payment fees to ${percent(p as bigint)} on payments to persons, ${percent(b as bigint)} to businesses, ${percent(a as bigint)} to associations`,
  setTransferRule: ([from, to, forbidden]) =>
    `${forbidden ? "forbid" : "allow"} payments from ${kind(from as bigint)} accounts to ${kind(to as bigint)} accounts`,
  increaseMintAllowance: ([treasurer, amount]) =>
    `raise the mint allowance of treasurer ${treasurer} by ${formatAmount(amount as bigint)}`,
  decreaseMintAllowance: ([treasurer, amount]) =>
    `lower the mint allowance of treasurer ${treasurer} by ${formatAmount(amount as bigint)}`,
  setMintPolicy: ([policy]) => {
    const [capOn, maxAge, headroom] = policy as [boolean, bigint, bigint];
    return (
      `set the mint policy: reserve cap ${capOn ? "on" : "off"}, headroom ${formatAmount(headroom)}, ` +
      `attestations valid ${maxAge === 0n ? "forever" : `${maxAge / 86_400n} days`}`
    );
  },
  setReconversionPolicy: ([kinds, bps, feeAccount]) =>
    `set the reconversion policy: ${kindsOf(kinds as bigint)} may reconvert, commission ${percent(bps as bigint)}, fee account ${feeAccount}`,
  setMemberMoveDelay: ([delay]) =>
    `set the delay of recoveries, key migrations and credit moves to ${hours(delay as bigint)}`,
  grantRole: ([role, account]) => `grant the ${roleName(role as string)} role to ${account}`,
  revokeRole: ([role, account]) => `revoke the ${roleName(role as string)} role from ${account}`,
  proposeGovernor: ([account]) => `propose ${account} as the currency's governor (it must then accept)`,
  upgradeToAndCall: ([implementation]) => `upgrade the currency to the implementation at ${implementation}`,
  unpause: () => "resume the currency (unpause)",
};

const TIMELOCK_CALLS: Record<string, Describe> = {
  updateDelay: ([delay]) => `change the governance delay to ${hours(delay as bigint)}`,
  grantRole: ([role, account]) => `grant the ${roleName(role as string)} role of the timelock to ${account}`,
  revokeRole: ([role, account]) => `revoke the ${roleName(role as string)} role of the timelock from ${account}`,
};

const CREDIT_CALLS: Record<string, Describe> = {
  upgradeToAndCall: ([implementation]) => `upgrade mutual credit to the implementation at ${implementation}`,
};

/**
 * Says in plain words what a governance operation will do, from its target and calldata: what a board member
 * reads before the delay runs out.
 * @example describeGovernanceCall(currency, timelock, currency, data) // "set the payment fees to 0.00 % …"
 */
export function describeGovernanceCall(
  addresses: { currency: string; timelock?: string; mutualCredit?: string },
  target: string,
  data: string,
): string {
  const same = (a?: string) => a !== undefined && a.toLowerCase() === target.toLowerCase();
  const [iface, calls, where] = same(addresses.currency)
    ? [currencyInterface, CURRENCY_CALLS, "the currency"]
    : same(addresses.timelock)
      ? [timelockInterface, TIMELOCK_CALLS, "the timelock"]
      : same(addresses.mutualCredit)
        ? [creditInterface, CREDIT_CALLS, "mutual credit"]
        : [undefined, {} as Record<string, Describe>, target];
  const parsed = iface?.parseTransaction({ data });
  if (parsed == null) return `call ${data.slice(0, 10)} on ${where}`;
  const describe = calls[parsed.name];
  return describe ? describe(parsed.args) : `call ${parsed.signature} on ${where}`;
}
