// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title The currency's governor: OpenZeppelin's TimelockController, set up in one transaction
/// @notice Holds the currency's governor role. The board (its multisig) schedules every power over members' money
/// or the rules: upgrades, role grants, mint policy and allowances, fees, transfer rules, the reconversion policy,
/// the member-move delay, resuming after a pause. Each executes only after `minDelay`, by anyone; during the delay
/// the board and the other cancellers (auditors, board members' own keys) can cancel it. The timelock administers
/// itself: changing its delay or its proposers is an operation like any other.
/// @dev Only the constructor is ours: OpenZeppelin's admin-less setup leaves no window in which a deployer key
/// could still grant roles, and cancellers other than the proposers need granting at construction.
contract GovernanceTimelock is TimelockController {
    /// @param minDelay seconds every operation waits (48 h in production; 0 only on a development chain)
    /// @param proposers who schedules (the board's multisig); each may also cancel
    /// @param cancellers who else may cancel during the delay (auditors, board members)
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory cancellers
    ) TimelockController(minDelay, proposers, _anyone(), address(0)) {
        for (uint256 i; i < cancellers.length; ++i) {
            _grantRole(CANCELLER_ROLE, cancellers[i]);
        }
    }

    /// @dev The zero address as executor lets anyone execute a ready operation: nobody can hold one back.
    function _anyone() private pure returns (address[] memory executors) {
        executors = new address[](1);
    }
}
