// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title Membership of a local currency
/// @notice Only admitted accounts may hold, send or receive the currency. The member manager admits, freezes,
/// unfreezes and closes accounts, and recovers the balance of a member who lost their key.
interface IMembership {
    /// @notice What an account is; reconversion and (later) fees depend on it.
    enum AccountKind {
        None,
        Person,
        Business,
        Association
    }

    /// @notice Where an account is in its life. `None`: never admitted. `Closed` is final.
    enum AccountStatus {
        None,
        Active,
        Frozen,
        Closed
    }

    /// @notice An account as the ledger sees it.
    struct AccountInfo {
        uint256 balance;
        AccountKind kind;
        AccountStatus status;
    }

    /// @notice The account must be active (admitted, neither frozen nor closed) for this operation.
    error AccountNotActive(address account, AccountStatus status);
    /// @notice Only an account that was never admitted can be admitted (closed accounts stay closed).
    error AccountAlreadyAdmitted(address account, AccountStatus status);
    /// @notice An account kind must be Person, Business or Association.
    error InvalidAccountKind(AccountKind kind);
    /// @notice The zero address and the currency contract itself can never be members.
    error InvalidAccount(address account);
    /// @notice The fee account cannot be closed nor migrated away (fees credited to it would be stuck): the
    /// governor first names another fee account.
    error FeeAccountMustStayOpen(address account);
    /// @notice The account must be frozen for this operation.
    error AccountNotFrozen(address account, AccountStatus status);
    /// @notice Only an empty account can be closed: recover or spend its balance first.
    error AccountNotEmpty(address account, uint256 balance);
    /// @notice The new key did not match the migration the old key proposed.
    error MigrationNotProposed(address oldAccount, address newAccount);
    /// @notice A recovery must say why (hash of the signed request, ticket, ...).
    error MissingReason();

    /// @notice `account` was admitted as a member of kind `kind`.
    event MemberAdmitted(address indexed manager, address indexed account, AccountKind kind);
    /// @notice `account` can no longer send or receive payments (the fee account still receives its fees and
    /// commissions).
    event MemberFrozen(address indexed manager, address indexed account);
    /// @notice `account` can send and receive again.
    event MemberUnfrozen(address indexed manager, address indexed account);
    /// @notice `account` is closed for good.
    event MemberClosed(address indexed manager, address indexed account);
    /// @notice The key of `oldAccount` asked to move the membership and balance to `newAccount`.
    event MigrationProposed(address indexed oldAccount, address indexed newAccount);
    /// @notice The membership and `amount` moved from `oldAccount` (now closed) to `newAccount`.
    event AccountMigrated(address indexed oldAccount, address indexed newAccount, uint256 amount);
    /// @notice The member manager moved the whole balance of a frozen, lost account to its replacement.
    event AccountRecovered(
        address indexed manager,
        address indexed lostAccount,
        address indexed replacement,
        uint256 amount,
        bytes32 reasonHash
    );

    /// @notice Admits `account` as an active member of kind `kind`. Member manager only.
    function admit(address account, AccountKind kind) external;

    /// @notice Freezes an active account: it can neither send nor receive, nor spend allowances, and a move to a
    /// new key it proposed is cancelled. Member manager only.
    function freeze(address account) external;

    /// @notice Makes a frozen account active again. Member manager only.
    function unfreeze(address account) external;

    /// @notice Closes an empty active or frozen account, for good. Member manager only.
    function close(address account) external;

    /// @notice Called by an active member's current key: proposes to move everything to `newAccount`,
    /// a key the member controls that was never admitted. Replaces an earlier proposal.
    function proposeMigration(address newAccount) external;

    /// @notice Called by the new key: accepts the migration proposed by `oldAccount`. The new account takes
    /// the old one's kind and balance; the old one is closed.
    function acceptMigration(address oldAccount) external;

    /// @notice Moves the whole balance of the frozen account `lostAccount` to the member's active
    /// `replacement` account. The lost account stays frozen. Member manager only; stopped by the pause.
    /// @param reasonHash hash of the document that justifies the recovery (never personal data in clear).
    function recover(address lostAccount, address replacement, bytes32 reasonHash) external;

    /// @notice Balance, kind and status of `account`.
    function accountOf(address account) external view returns (AccountInfo memory);

    /// @notice The new key proposed by `oldAccount`, or zero.
    function pendingMigration(address oldAccount) external view returns (address);
}
