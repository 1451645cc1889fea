import {
  ACCOUNT_KIND_NAMES,
  CURRENCY_ROLES,
  governanceTimelockAbi,
  localCurrencyAbi,
  type GovernanceOperation,
  type KomunoClient,
} from "komuno";
import { id, Interface, ZeroHash } from "ethers";

import { localeTag, t, type MessageKey } from "../../i18n/index.js";
import { formatEuros } from "../../shared/format.js";

const currencyInterface = new Interface(localCurrencyAbi);
const timelockInterface = new Interface(governanceTimelockAbi);

const ROLE_KEYS: Record<string, MessageKey> = {
  [ZeroHash]: "gov.role.governor",
  [CURRENCY_ROLES.treasurer]: "gov.role.treasurer",
  [CURRENCY_ROLES.auditor]: "gov.role.auditor",
  [CURRENCY_ROLES.memberManager]: "gov.role.manager",
  [CURRENCY_ROLES.pauser]: "gov.role.pauser",
  [id("PROPOSER_ROLE")]: "gov.role.proposer",
  [id("CANCELLER_ROLE")]: "gov.role.canceller",
  [id("EXECUTOR_ROLE")]: "gov.role.executor",
};

const KIND_KEYS: Record<string, MessageKey> = {
  person: "gov.kind.person",
  business: "gov.kind.business",
  association: "gov.kind.association",
};

/** A fee in basis points as a percentage: 150 is "1,50 %". */
export function formatBps(bps: bigint | number): string {
  return new Intl.NumberFormat(localeTag(), { style: "percent", minimumFractionDigits: 2 }).format(
    Number(bps) / 10_000,
  );
}

const roleText = (role: string) => (ROLE_KEYS[role.toLowerCase()] ? t(ROLE_KEYS[role.toLowerCase()]) : role);
const kindText = (kind: bigint) => {
  const name = ACCOUNT_KIND_NAMES[Number(kind)];
  return name !== undefined && KIND_KEYS[name] ? t(KIND_KEYS[name]) : String(kind);
};

/**
 * What an operation will do, in the screen's language, for the calls a board schedules; any other call keeps the
 * SDK's own description (describeGovernanceCall, in English) rather than a guess.
 */
export function operationText(
  client: KomunoClient,
  operation: Pick<GovernanceOperation, "target" | "data" | "description">,
): string {
  const target = operation.target.toLowerCase();
  const onCurrency = target === client.address.toLowerCase();
  const onTimelock = client.timelock !== undefined && target === client.timelock.toLowerCase();
  const parsed = onCurrency
    ? currencyInterface.parseTransaction({ data: operation.data })
    : onTimelock
      ? timelockInterface.parseTransaction({ data: operation.data })
      : null;
  if (parsed == null) return operation.description;
  const args = parsed.args;
  switch (onCurrency ? parsed.name : `timelock.${parsed.name}`) {
    case "increaseMintAllowance":
      return t("gov.call.increaseMintAllowance", { treasurer: args[0], amount: formatEuros(args[1]) });
    case "decreaseMintAllowance":
      return t("gov.call.decreaseMintAllowance", { treasurer: args[0], amount: formatEuros(args[1]) });
    case "setPaymentFees":
      return t("gov.call.setPaymentFees", {
        person: formatBps(args[0]),
        business: formatBps(args[1]),
        association: formatBps(args[2]),
      });
    case "setTransferRule":
      return t(args[2] ? "gov.call.forbidTransfers" : "gov.call.allowTransfers", {
        from: kindText(args[0]),
        to: kindText(args[1]),
      });
    case "grantRole":
      return t("gov.call.grantRole", { role: roleText(args[0]), account: args[1] });
    case "revokeRole":
      return t("gov.call.revokeRole", { role: roleText(args[0]), account: args[1] });
    case "unpause":
      return t("gov.call.unpause");
    case "setMemberMoveDelay":
      return t("gov.call.setMemberMoveDelay", { delay: durationText(Number(args[0])) });
    case "timelock.updateDelay":
      return t("gov.call.updateDelay", { delay: durationText(Number(args[0])) });
    case "timelock.grantRole":
      return t("gov.call.grantTimelockRole", { role: roleText(args[0]), account: args[1] });
    case "timelock.revokeRole":
      return t("gov.call.revokeTimelockRole", { role: roleText(args[0]), account: args[1] });
    default:
      return operation.description;
  }
}

/** "1 h", "1 h 30 min", "2 j 3 h": a public delay or what remains of it. */
export function durationText(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const rest = seconds % 60;
  const parts = [
    days > 0 ? t("gov.duration.days", { count: days }) : "",
    hours > 0 || (days > 0 && minutes > 0) ? t("gov.duration.hours", { count: hours }) : "",
    minutes > 0 ? t("gov.duration.minutes", { count: minutes }) : "",
    rest > 0 && days === 0 && hours === 0 ? t("gov.duration.seconds", { count: rest }) : "",
  ].filter((part) => part !== "");
  return parts.length === 0 ? t("gov.duration.none") : parts.join(" ");
}
