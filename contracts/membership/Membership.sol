// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IMembership} from "../interfaces/IMembership.sol";
import {Ledger} from "../ledger/Ledger.sol";
import {MemberMoves} from "./MemberMoves.sol";

/// @title Who may hold the currency, and how a member's money moves to a new key after a public delay
/// @notice The moves themselves (migration, recovery) are in the MemberMoves library; this file checks roles and
/// the pause, and keeps admission and status changes.
abstract contract Membership is Ledger, IMembership {
    /// @inheritdoc IMembership
    function admit(address account, AccountKind kind) external onlyRole(MEMBER_MANAGER_ROLE) {
        _admit(account, kind);
    }

    /// @inheritdoc IMembership
    /// @dev Named for its selector too: as `admitMembers` it sat beside `transfer` in the compiler's dispatch and
    /// cost every payment 22 more gas; this one leaves every measured operation as it was (bench/gas-snapshot.json).
    function admitMembersInBatch(Admission[] calldata admissions) external onlyRole(MEMBER_MANAGER_ROLE) {
        for (uint256 i; i < admissions.length; ++i) _admit(admissions[i].account, admissions[i].kind);
    }

    /// @inheritdoc IMembership
    function freeze(address account) external onlyRole(MEMBER_MANAGER_ROLE) {
        Account storage a = _ledger().accounts[account];
        if (a.status != AccountStatus.Active) revert AccountNotActive(account, a.status);
        a.status = AccountStatus.Frozen;
        // A key frozen for theft must not be able to finish a move it proposed before.
        MemberMoves.clearMigration(account);
        emit MemberFrozen(_msgSender(), account);
    }

    /// @inheritdoc IMembership
    function unfreeze(address account) external onlyRole(MEMBER_MANAGER_ROLE) {
        Account storage a = _ledger().accounts[account];
        if (a.status != AccountStatus.Frozen) revert AccountNotFrozen(account, a.status);
        a.status = AccountStatus.Active;
        emit MemberUnfrozen(_msgSender(), account);
    }

    /// @inheritdoc IMembership
    function close(address account) external onlyRole(MEMBER_MANAGER_ROLE) {
        _requireNotPaused();
        MemberMoves.close(_ledger(), _feeAccount(), account);
    }

    /// @inheritdoc IMembership
    function proposeMigration(address newAccount) external {
        _requireNotPaused();
        MemberMoves.proposeMigration(_ledger(), newAccount);
    }

    /// @inheritdoc IMembership
    function cancelMigration() external {
        MemberMoves.cancelMigration(_msgSender());
    }

    /// @inheritdoc IMembership
    function acceptMigration(address oldAccount) external {
        _requireNotPaused();
        MemberMoves.acceptMigration(_ledger(), _feeAccount(), oldAccount);
    }

    /// @inheritdoc IMembership
    function recover(
        address lostAccount,
        address replacement,
        bytes32 reasonHash
    ) external onlyRole(MEMBER_MANAGER_ROLE) {
        // The pause is the emergency stop against a stolen member manager key too.
        _requireNotPaused();
        MemberMoves.recover(_ledger(), lostAccount, replacement, reasonHash);
    }

    /// @inheritdoc IMembership
    function executeRecovery(address lostAccount) external {
        _requireNotPaused();
        address proposer = MemberMoves.membership().pendingRecoveries[lostAccount].proposer;
        MemberMoves.executeRecovery(_ledger(), lostAccount, hasRole(MEMBER_MANAGER_ROLE, proposer));
    }

    /// @inheritdoc IMembership
    function cancelRecovery(address lostAccount) external {
        address caller = _msgSender();
        if (!hasRole(GOVERNOR_ROLE, caller) && !hasRole(AUDITOR_ROLE, caller)) _checkRole(MEMBER_MANAGER_ROLE, caller);
        MemberMoves.cancelRecovery(lostAccount);
    }

    /// @inheritdoc IMembership
    function setMemberMoveDelay(uint64 delay) external onlyRole(GOVERNOR_ROLE) {
        _setMemberMoveDelay(delay);
    }

    /// @inheritdoc IMembership
    function accountOf(address account) external view returns (AccountInfo memory) {
        Account memory a = _ledger().accounts[account];
        return AccountInfo({balance: a.balance, kind: a.kind, status: a.status});
    }

    /// @inheritdoc IMembership
    function pendingMigration(address oldAccount) external view returns (address newAccount, uint64 executableAt) {
        MemberMoves.MembershipStorage storage $m = MemberMoves.membership();
        return ($m.pendingMigrations[oldAccount], $m.migrationExecutableAt[oldAccount]);
    }

    /// @inheritdoc IMembership
    function pendingRecovery(address lostAccount) external view returns (PendingRecovery memory) {
        return MemberMoves.membership().pendingRecoveries[lostAccount];
    }

    /// @inheritdoc IMembership
    function memberMoveDelay() external view returns (uint64) {
        return MemberMoves.membership().memberMoveDelay;
    }

    /// @inheritdoc IMembership
    function successorOf(address oldAccount) external view returns (address) {
        return _successorOf(oldAccount);
    }

    function _admit(address account, AccountKind kind) internal {
        MemberMoves.admit(_ledger(), _msgSender(), account, kind);
    }

    function _setMemberMoveDelay(uint64 delay) internal {
        MemberMoves.setDelay(delay);
    }

    function _successorOf(address oldAccount) internal view override returns (address) {
        return MemberMoves.membership().successors[oldAccount];
    }
}
