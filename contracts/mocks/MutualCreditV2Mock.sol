// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {MutualCredit} from "../credit/MutualCredit.sol";

/// @notice Test-only second implementation of the mutual-credit ledger: the upgrade tests check that balances
/// and limits survive and that the new code runs.
contract MutualCreditV2Mock is MutualCredit {
    function version() external pure returns (uint256) {
        return 2;
    }
}
