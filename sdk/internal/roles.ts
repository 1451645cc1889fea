import { id, ZeroHash } from "ethers";

/** The currency's roles and the timelock's, by their id, as a board member reads them. */
const ROLE_NAMES: Record<string, string> = {
  [ZeroHash]: "governor",
  [id("TREASURER_ROLE")]: "treasurer",
  [id("AUDITOR_ROLE")]: "auditor",
  [id("MEMBER_MANAGER_ROLE")]: "member manager",
  [id("PAUSER_ROLE")]: "pauser",
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
