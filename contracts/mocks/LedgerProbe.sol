// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ILocalCurrency} from "../interfaces/ILocalCurrency.sol";

/// @notice Test-only reader: the whole observable ledger in one call, so the stateful tests can check the
/// invariants after every one of thousands of steps.
contract LedgerProbe {
    struct Snapshot {
        uint256 supply;
        uint256 attestedReserve;
        uint256 burnedSinceAttestation;
        bool paused;
        uint256[] balances;
        uint8[] statuses;
    }

    function snapshot(ILocalCurrency currency, address[] calldata accounts) external view returns (Snapshot memory s) {
        s.supply = currency.totalSupply();
        s.attestedReserve = currency.lastAttestation().amount;
        s.burnedSinceAttestation = currency.burnedSinceAttestation();
        s.paused = currency.paused();
        s.balances = new uint256[](accounts.length);
        s.statuses = new uint8[](accounts.length);
        for (uint256 i; i < accounts.length; ++i) {
            ILocalCurrency.AccountInfo memory info = currency.accountOf(accounts[i]);
            s.balances[i] = info.balance;
            s.statuses[i] = uint8(info.status);
        }
    }
}
