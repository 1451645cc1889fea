// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @notice Test-only contract that is not a UUPS implementation: an upgrade to it must be refused.
contract NotUpgradeableMock {
    function version() external pure returns (uint256) {
        return 0;
    }
}
