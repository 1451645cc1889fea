// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IDelegations} from "../interfaces/IDelegations.sol";
import {ILocalCurrency} from "../interfaces/ILocalCurrency.sol";
import {IMutualCredit} from "../interfaces/IMutualCredit.sol";
import {IPaymentRequests} from "../interfaces/IPaymentRequests.sol";

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

    /// @notice What the contracts beside the currency hold for the same accounts, read in the same call.
    struct ExtensionsSnapshot {
        int256[] creditBalances;
        uint256 creditOutstanding;
        IDelegations.Delegation[] delegations;
        uint256 requestCount;
        uint8[] requestStatuses;
    }

    /// @notice The contracts deployed beside the currency.
    struct Extensions {
        IMutualCredit credit;
        IDelegations delegations;
        IPaymentRequests requests;
    }

    function snapshot(ILocalCurrency currency, address[] calldata accounts) public view returns (Snapshot memory s) {
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

    /// @notice The ledger snapshot, every account's credit balance, the grants of the given (owner, delegate)
    /// pairs and the statuses of the given payment requests.
    function snapshotWithExtensions(
        ILocalCurrency currency,
        Extensions calldata extensions,
        address[] calldata accounts,
        address[] calldata owners,
        address[] calldata delegates,
        uint256[] calldata requestIds
    ) external view returns (Snapshot memory s, ExtensionsSnapshot memory e) {
        s = snapshot(currency, accounts);
        e.creditBalances = new int256[](accounts.length);
        for (uint256 i; i < accounts.length; ++i) {
            // Never admitted (the escrow, fresh keys): no credit operation accepts such an account, so its
            // balance is left at 0 unread, which saves a call per step. Credit leaked to one would still show:
            // the balances read would no longer sum to zero.
            if (s.statuses[i] != 0) e.creditBalances[i] = extensions.credit.creditBalanceOf(accounts[i]);
        }
        e.creditOutstanding = extensions.credit.creditOutstanding();
        e.delegations = new IDelegations.Delegation[](owners.length);
        for (uint256 i; i < owners.length; ++i) {
            e.delegations[i] = extensions.delegations.delegationOf(owners[i], delegates[i]);
        }
        e.requestCount = extensions.requests.requestCount();
        e.requestStatuses = new uint8[](requestIds.length);
        for (uint256 i; i < requestIds.length; ++i) {
            e.requestStatuses[i] = uint8(extensions.requests.requestOf(requestIds[i]).status);
        }
    }
}
