// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IMembership} from "../interfaces/IMembership.sol";
import {Ledger, moveBalance} from "../ledger/Ledger.sol";

/// @title Moves of a member's money to another key, each after a public delay: the member's own migration and
/// the member manager's recovery of a lost key; closing an account and the delay itself
/// @notice An external library: the currency runs it through DELEGATECALL, in its own storage and with its own
/// events, so that these rarely used paths take no room in the currency's 24 KB (EIP-170). The currency checks
/// roles and the pause before calling; everything else about a move is decided here.
library MemberMoves {
    /// @custom:storage-location erc7201:komuno.storage.Membership
    struct MembershipStorage {
        mapping(address oldAccount => address newAccount) pendingMigrations;
        // Appended rather than packed with the new key, so the layout of 0.1.0 stays as it was: a migration
        // proposed then has no time here and can be accepted at once, as it could.
        uint64 memberMoveDelay;
        mapping(address lostAccount => IMembership.PendingRecovery) pendingRecoveries;
        mapping(address oldAccount => address newAccount) successors;
        mapping(address oldAccount => uint64) migrationExecutableAt;
    }

    // keccak256(abi.encode(uint256(keccak256("komuno.storage.Membership")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant MEMBERSHIP_STORAGE = 0x2cb629a344aa7fd7081cf350c07614cadfc3759e7ce2951c18cf1e9df8b21300;

    /// @dev Longer would let a governor freeze recoveries for good; a month covers any board's reaction time.
    uint64 internal constant MAX_MEMBER_MOVE_DELAY = 30 days;

    function membership() internal pure returns (MembershipStorage storage $) {
        assembly {
            $.slot := MEMBERSHIP_STORAGE
        }
    }

    function proposeMigration(Ledger.LedgerStorage storage $, address newAccount) public {
        address oldAccount = msg.sender;
        IMembership.AccountStatus oldStatus = $.accounts[oldAccount].status;
        if (oldStatus != IMembership.AccountStatus.Active) revert IMembership.AccountNotActive(oldAccount, oldStatus);
        requireNeverAdmitted($, newAccount);
        uint64 executableAt = _executableAt();
        membership().pendingMigrations[oldAccount] = newAccount;
        membership().migrationExecutableAt[oldAccount] = executableAt;
        emit IMembership.MigrationProposed(oldAccount, newAccount, executableAt);
    }

    /// @dev By the old key (the currency passes the caller).
    function cancelMigration(address oldAccount) public {
        address newAccount = membership().pendingMigrations[oldAccount];
        if (newAccount == address(0)) revert IMembership.MigrationNotProposed(oldAccount, address(0));
        clearMigration(oldAccount);
        emit IMembership.MigrationCancelled(oldAccount, newAccount, msg.sender);
    }

    function acceptMigration(Ledger.LedgerStorage storage $, address feeAccount, address oldAccount) public {
        address newAccount = msg.sender;
        MembershipStorage storage $m = membership();
        uint64 executableAt = $m.migrationExecutableAt[oldAccount];
        // A migration proposed under 0.1.0 has no time: it must be proposed again, with its delay.
        if ($m.pendingMigrations[oldAccount] != newAccount || newAccount == address(0) || executableAt == 0) {
            revert IMembership.MigrationNotProposed(oldAccount, newAccount);
        }
        _requireDelayPassed(executableAt);
        Ledger.Account storage old = $.accounts[oldAccount];
        if (old.status != IMembership.AccountStatus.Active) revert IMembership.AccountNotActive(oldAccount, old.status);
        requireNeverAdmitted($, newAccount);
        if (oldAccount == feeAccount) revert IMembership.FeeAccountMustStayOpen(oldAccount);
        clearMigration(oldAccount);
        $m.successors[oldAccount] = newAccount;

        uint256 amount = old.balance;
        $.accounts[newAccount] = Ledger.Account({balance: 0, kind: old.kind, status: IMembership.AccountStatus.Active});
        moveBalance($, oldAccount, newAccount, amount);
        old.status = IMembership.AccountStatus.Closed;
        emit IMembership.AccountMigrated(oldAccount, newAccount, amount);
    }

    function recover(
        Ledger.LedgerStorage storage $,
        address lostAccount,
        address replacement,
        bytes32 reasonHash
    ) public {
        _requireRecoverable($, lostAccount, replacement);
        if (reasonHash == 0) revert IMembership.MissingReason();
        IMembership.PendingRecovery storage pending = membership().pendingRecoveries[lostAccount];
        if (pending.replacement != address(0)) {
            revert IMembership.RecoveryAlreadyPending(lostAccount, pending.replacement);
        }
        uint64 executableAt = _executableAt();
        pending.replacement = replacement;
        pending.executableAt = executableAt;
        pending.reasonHash = reasonHash;
        pending.proposer = msg.sender;
        emit IMembership.RecoveryProposed(msg.sender, lostAccount, replacement, reasonHash, executableAt);
    }

    /// @param proposerStillManages whether the recovery's proposer still holds the member manager role (the
    /// currency checks its roles; the library cannot)
    function executeRecovery(Ledger.LedgerStorage storage $, address lostAccount, bool proposerStillManages) public {
        MembershipStorage storage $m = membership();
        IMembership.PendingRecovery memory pending = $m.pendingRecoveries[lostAccount];
        if (pending.replacement == address(0)) revert IMembership.RecoveryNotPending(lostAccount);
        _requireDelayPassed(pending.executableAt);
        // Revoking a stolen member manager key voids every recovery it proposed.
        if (!proposerStillManages) revert IMembership.RecoveryProposerRevoked(lostAccount, pending.proposer);
        // Checked again: the member manager may have unfrozen the lost key, or frozen the replacement, since.
        _requireRecoverable($, lostAccount, pending.replacement);
        delete $m.pendingRecoveries[lostAccount];
        uint256 amount = $.accounts[lostAccount].balance;
        moveBalance($, lostAccount, pending.replacement, amount);
        emit IMembership.AccountRecovered(msg.sender, lostAccount, pending.replacement, amount, pending.reasonHash);
    }

    function cancelRecovery(address lostAccount) public {
        MembershipStorage storage $m = membership();
        address replacement = $m.pendingRecoveries[lostAccount].replacement;
        if (replacement == address(0)) revert IMembership.RecoveryNotPending(lostAccount);
        delete $m.pendingRecoveries[lostAccount];
        emit IMembership.RecoveryCancelled(lostAccount, replacement, msg.sender);
    }

    function clearMigration(address oldAccount) internal {
        MembershipStorage storage $m = membership();
        delete $m.pendingMigrations[oldAccount];
        delete $m.migrationExecutableAt[oldAccount];
    }

    function close(Ledger.LedgerStorage storage $, address feeAccount, address account) public {
        Ledger.Account storage a = $.accounts[account];
        IMembership.AccountStatus status = a.status;
        if (status != IMembership.AccountStatus.Active && status != IMembership.AccountStatus.Frozen) {
            revert IMembership.AccountNotActive(account, status);
        }
        if (a.balance != 0) revert IMembership.AccountNotEmpty(account, a.balance);
        if (account == feeAccount) revert IMembership.FeeAccountMustStayOpen(account);
        a.status = IMembership.AccountStatus.Closed;
        emit IMembership.MemberClosed(msg.sender, account);
    }

    function setDelay(uint64 delay) public {
        if (delay > MAX_MEMBER_MOVE_DELAY) revert IMembership.MemberMoveDelayTooLong(delay, MAX_MEMBER_MOVE_DELAY);
        membership().memberMoveDelay = delay;
        emit IMembership.MemberMoveDelaySet(msg.sender, delay);
    }

    function _executableAt() private view returns (uint64) {
        return uint64(block.timestamp) + membership().memberMoveDelay;
    }

    function _requireDelayPassed(uint64 executableAt) private view {
        if (block.timestamp < executableAt) {
            revert IMembership.MemberMoveNotYetExecutable(executableAt, block.timestamp);
        }
    }

    function _requireRecoverable(
        Ledger.LedgerStorage storage $,
        address lostAccount,
        address replacement
    ) private view {
        IMembership.AccountStatus lostStatus = $.accounts[lostAccount].status;
        if (lostStatus != IMembership.AccountStatus.Frozen)
            revert IMembership.AccountNotFrozen(lostAccount, lostStatus);
        IMembership.AccountStatus replacementStatus = $.accounts[replacement].status;
        if (replacementStatus != IMembership.AccountStatus.Active) {
            revert IMembership.AccountNotActive(replacement, replacementStatus);
        }
    }

    /// @notice Admits an account: for the member manager's `admit`, its batch and the fee account at
    /// initialisation. Run here rather than inlined in each, to keep the currency's bytes under EIP-170 with room.
    function admit(
        Ledger.LedgerStorage storage $,
        address manager,
        address account,
        IMembership.AccountKind kind
    ) public {
        requireNeverAdmitted($, account);
        if (kind == IMembership.AccountKind.None) revert IMembership.InvalidAccountKind(kind);
        $.accounts[account] = Ledger.Account({balance: 0, kind: kind, status: IMembership.AccountStatus.Active});
        emit IMembership.MemberAdmitted(manager, account, kind);
    }

    function requireNeverAdmitted(Ledger.LedgerStorage storage $, address account) internal view {
        if (account == address(0) || account == address(this)) revert IMembership.InvalidAccount(account);
        IMembership.AccountStatus status = $.accounts[account].status;
        if (status != IMembership.AccountStatus.None) revert IMembership.AccountAlreadyAdmitted(account, status);
    }
}
