import { id, ZeroHash } from "ethers";

/** The ids of the roles the board grants (the governor's own seat apart): the contract's `keccak256` names. */
export const CURRENCY_ROLE_IDS = {
  treasurer: id("TREASURER_ROLE"),
  auditor: id("AUDITOR_ROLE"),
  memberManager: id("MEMBER_MANAGER_ROLE"),
  pauser: id("PAUSER_ROLE"),
} as const;

/** The currency's roles and the timelock's, by their id, as a board member reads them. */
const ROLE_NAMES: Record<string, string> = {
  [ZeroHash]: "governor",
  [CURRENCY_ROLE_IDS.treasurer]: "treasurer",
  [CURRENCY_ROLE_IDS.auditor]: "auditor",
  [CURRENCY_ROLE_IDS.memberManager]: "member manager",
  [CURRENCY_ROLE_IDS.pauser]: "pauser",
  [id("PROPOSER_ROLE")]: "timelock proposer",
  [id("EXECUTOR_ROLE")]: "timelock executor",
  [id("CANCELLER_ROLE")]: "timelock canceller",
};

/**
 * A role's name, or its id when unknown.
 * @example roleName(id("TREASURER_ROLE")) // "treasurer"
 */
export function roleName(role: string): string {
  return ROLE_NAMES[role.toLowerCase()] ?? role;
}
