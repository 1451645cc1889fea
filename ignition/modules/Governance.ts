import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Deploys the currency's governor: a TimelockController (contracts/governance/GovernanceTimelock.sol) whose
 * proposers are the board, whose cancellers are the board and the auditors, and which anyone may execute once an
 * operation's delay has passed. Parameters: `minDelay` (seconds), `proposers`, `cancellers`.
 */
export default buildModule("Governance", (m) => {
  const timelock = m.contract("GovernanceTimelock", [
    m.getParameter("minDelay"),
    m.getParameter("proposers"),
    m.getParameter("cancellers"),
  ]);
  return { timelock };
});
