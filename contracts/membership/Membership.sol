// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IMembership} from "../interfaces/IMembership.sol";
import {Ledger} from "../ledger/Ledger.sol";

/// @title Who may hold the currency, and how a member gets their money back after losing a key
abstract contract Membership is Ledger, IMembership {
    /// @custom:storage-location erc7201:komuno.storage.Membership
    struct MembershipStorage {
        mapping(address oldAccount => address newAccount) pendingMigrations;
    }

    // keccak256(abi.encode(uint256(keccak256("komuno.storage.Membership")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant MEMBERSHIP_STORAGE = 0x2cb629a344aa7fd7081cf350c07614cadfc3759e7ce2951c18cf1e9df8b21300;

    function _membership() private pure returns (MembershipStorage storage $) {
        assembly {
            $.slot := MEMBERSHIP_STORAGE
        }
    }

    /// @inheritdoc IMembership
    function admit(address account, AccountKind kind) external onlyRole(MEMBER_MANAGER_ROLE) {
        _admit(account, kind);
    }

    /// @inheritdoc IMembership
    function freeze(address account) external onlyRole(MEMBER_MANAGER_ROLE) {
        Account storage a = _ledger().accounts[account];
        if (a.status != AccountStatus.Active) revert AccountNotActive(account, a.status);
        a.status = AccountStatus.Frozen;
        // A key frozen for theft must not be able to finish a move it proposed before.
        delete _membership().pendingMigrations[account];
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
        Account storage a = _ledger().accounts[account];
        AccountStatus status = a.status;
        if (status != AccountStatus.Active && status != AccountStatus.Frozen) {
            revert AccountNotActive(account, status);
        }
        if (a.balance != 0) revert AccountNotEmpty(account, a.balance);
        if (account == _feeAccount()) revert FeeAccountMustStayOpen(account);
        a.status = AccountStatus.Closed;
        emit MemberClosed(_msgSender(), account);
    }

    /// @inheritdoc IMembership
    function proposeMigration(address newAccount) external {
        _requireNotPaused();
        address oldAccount = _msgSender();
        AccountStatus oldStatus = _ledger().accounts[oldAccount].status;
        if (oldStatus != AccountStatus.Active) revert AccountNotActive(oldAccount, oldStatus);
        _requireNeverAdmitted(newAccount);
        _membership().pendingMigrations[oldAccount] = newAccount;
        emit MigrationProposed(oldAccount, newAccount);
    }

    /// @inheritdoc IMembership
    function acceptMigration(address oldAccount) external {
        _requireNotPaused();
        address newAccount = _msgSender();
        MembershipStorage storage $m = _membership();
        if ($m.pendingMigrations[oldAccount] != newAccount || newAccount == address(0)) {
            revert MigrationNotProposed(oldAccount, newAccount);
        }
        Account storage old = _ledger().accounts[oldAccount];
        if (old.status != AccountStatus.Active) revert AccountNotActive(oldAccount, old.status);
        _requireNeverAdmitted(newAccount);
        if (oldAccount == _feeAccount()) revert FeeAccountMustStayOpen(oldAccount);
        delete $m.pendingMigrations[oldAccount];

        uint256 amount = old.balance;
        _ledger().accounts[newAccount] = Account({balance: 0, kind: old.kind, status: AccountStatus.Active});
        _move(oldAccount, newAccount, amount);
        old.status = AccountStatus.Closed;
        emit AccountMigrated(oldAccount, newAccount, amount);
    }

    /// @inheritdoc IMembership
    function recover(
        address lostAccount,
        address replacement,
        bytes32 reasonHash
    ) external onlyRole(MEMBER_MANAGER_ROLE) {
        // The pause is the emergency stop against a stolen member manager key too.
        _requireNotPaused();
        LedgerStorage storage $ = _ledger();
        AccountStatus lostStatus = $.accounts[lostAccount].status;
        if (lostStatus != AccountStatus.Frozen) revert AccountNotFrozen(lostAccount, lostStatus);
        AccountStatus replacementStatus = $.accounts[replacement].status;
        if (replacementStatus != AccountStatus.Active) revert AccountNotActive(replacement, replacementStatus);
        if (reasonHash == 0) revert MissingReason();

        uint256 amount = $.accounts[lostAccount].balance;
        _move(lostAccount, replacement, amount);
        emit AccountRecovered(_msgSender(), lostAccount, replacement, amount, reasonHash);
    }

    /// @inheritdoc IMembership
    function accountOf(address account) external view returns (AccountInfo memory) {
        Account memory a = _ledger().accounts[account];
        return AccountInfo({balance: a.balance, kind: a.kind, status: a.status});
    }

    /// @inheritdoc IMembership
    function pendingMigration(address oldAccount) external view returns (address) {
        return _membership().pendingMigrations[oldAccount];
    }

    function _admit(address account, AccountKind kind) internal {
        _requireNeverAdmitted(account);
        if (kind == AccountKind.None) revert InvalidAccountKind(kind);
        _ledger().accounts[account] = Account({balance: 0, kind: kind, status: AccountStatus.Active});
        emit MemberAdmitted(_msgSender(), account, kind);
    }

    function _requireNeverAdmitted(address account) private view {
        if (account == address(0) || account == address(this)) revert InvalidAccount(account);
        AccountStatus status = _ledger().accounts[account].status;
        if (status != AccountStatus.None) revert AccountAlreadyAdmitted(account, status);
    }
}
