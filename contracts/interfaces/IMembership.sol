// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title Membership of a local currency
/// @notice Only admitted accounts may hold, send or receive the currency. The member manager admits, freezes,
/// unfreezes and closes accounts, and recovers the balance of a member who lost their key.
/// Money never moves to another key at once: a member's own migration and the member manager's recovery of a lost
/// key are pending for the currency's member-move delay (memberMoveDelay, set by the governor), during which
/// they are public (events, views) and can be cancelled: a migration by its old key (and by a freeze), a
/// recovery by the governor, an auditor or the member manager. A stolen key, even the member manager's, thus
/// gives the board that long to notice.
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

    /// @notice A recovery waiting for its delay.
    struct PendingRecovery {
        address replacement;
        uint64 executableAt; // unix time from which anyone may execute it
        bytes32 reasonHash;
        address proposer; // the member manager who proposed it; it must still hold the role at execution
    }

    /// @notice One account to admit, and its kind.
    struct Admission {
        address account;
        AccountKind kind;
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
    /// @notice The lost account already has a pending recovery (to `replacement`): cancel it first.
    error RecoveryAlreadyPending(address lostAccount, address replacement);
    /// @notice The lost account has no pending recovery.
    error RecoveryNotPending(address lostAccount);
    /// @notice The member manager who proposed this recovery no longer holds the role (a stolen key revoked).
    error RecoveryProposerRevoked(address lostAccount, address proposer);
    /// @notice The member-move delay has not passed: the move can execute from `executableAt`.
    error MemberMoveNotYetExecutable(uint64 executableAt, uint256 currentTime);
    /// @notice The member-move delay may not exceed `maxDelay` seconds.
    error MemberMoveDelayTooLong(uint64 delay, uint64 maxDelay);

    /// @notice `account` was admitted as a member of kind `kind`.
    event MemberAdmitted(address indexed manager, address indexed account, AccountKind kind);
    /// @notice `account` can no longer send or receive payments (the fee account still receives its fees and
    /// commissions).
    event MemberFrozen(address indexed manager, address indexed account);
    /// @notice `account` can send and receive again.
    event MemberUnfrozen(address indexed manager, address indexed account);
    /// @notice `account` is closed for good.
    event MemberClosed(address indexed manager, address indexed account);
    /// @notice The key of `oldAccount` asked to move the membership and balance to `newAccount`, which can accept
    /// from `executableAt`.
    event MigrationProposed(address indexed oldAccount, address indexed newAccount, uint64 executableAt);
    /// @notice `canceller` (the old key) cancelled the pending migration of `oldAccount` to `newAccount`.
    event MigrationCancelled(address indexed oldAccount, address indexed newAccount, address canceller);
    /// @notice The membership and `amount` moved from `oldAccount` (now closed) to `newAccount`.
    event AccountMigrated(address indexed oldAccount, address indexed newAccount, uint256 amount);
    /// @notice `manager` proposed to move the whole balance of the frozen `lostAccount` to `replacement`;
    /// anyone may execute it from `executableAt`.
    event RecoveryProposed(
        address indexed manager,
        address indexed lostAccount,
        address indexed replacement,
        bytes32 reasonHash,
        uint64 executableAt
    );
    /// @notice `canceller` cancelled the pending recovery of `lostAccount`.
    event RecoveryCancelled(address indexed lostAccount, address indexed replacement, address canceller);
    /// @notice The governor set the delay of migrations, recoveries and mutual-credit moves, in seconds.
    event MemberMoveDelaySet(address indexed governor, uint64 delay);
    /// @notice `executor` carried out a recovery after its delay: the whole balance of the frozen, lost account
    /// moved to its replacement.
    event AccountRecovered(
        address indexed executor,
        address indexed lostAccount,
        address indexed replacement,
        uint256 amount,
        bytes32 reasonHash
    );

    /// @notice Admits `account` as an active member of kind `kind`. Member manager only.
    function admit(address account, AccountKind kind) external;

    /// @notice Admits every account of `admissions` with its kind, all or nothing, as `admit` would one by one
    /// (a MemberAdmitted event each; the first account that cannot be admitted reverts the whole call with the
    /// error `admit` gives, naming it). Member manager only. An empty list admits nobody.
    function admitMembersInBatch(Admission[] calldata admissions) external;

    /// @notice Freezes an active account: it can neither send nor receive, nor spend allowances, and a move to a
    /// new key it proposed is cancelled. Member manager only.
    function freeze(address account) external;

    /// @notice Makes a frozen account active again. Member manager only.
    function unfreeze(address account) external;

    /// @notice Closes an empty active or frozen account, for good. Member manager only; stopped by the pause.
    function close(address account) external;

    /// @notice Called by an active member's current key: proposes to move everything to `newAccount`,
    /// a key the member controls that was never admitted, after the member-move delay. Replaces an earlier
    /// proposal (and restarts the delay).
    function proposeMigration(address newAccount) external;

    /// @notice Called by the old key: cancels its pending migration.
    function cancelMigration() external;

    /// @notice Called by the new key once the delay has passed: carries out the migration proposed by
    /// `oldAccount` (one proposed before member-move delays existed must be proposed again). Only the new key can,
    /// since it proves someone holds it. The new account takes the old one's
    /// kind and balance; the old one is closed and names it as successor (a pending reconversion of the old
    /// account is refunded there; the mutual-credit account follows it).
    function acceptMigration(address oldAccount) external;

    /// @notice Proposes to move the whole balance of the frozen account `lostAccount` to the member's active
    /// `replacement` account after the member-move delay. Member manager only; stopped by the pause.
    /// @param reasonHash hash of the document that justifies the recovery (never personal data in clear).
    function recover(address lostAccount, address replacement, bytes32 reasonHash) external;

    /// @notice Carries out the pending recovery of `lostAccount` once its delay has passed, if the lost account is
    /// still frozen, the replacement still active and its proposer still a member manager. Anyone may call it;
    /// stopped by the pause. The lost account stays frozen.
    function executeRecovery(address lostAccount) external;

    /// @notice Cancels the pending recovery of `lostAccount`. Governor, auditor or member manager.
    function cancelRecovery(address lostAccount) external;

    /// @notice Sets the delay, in seconds (at most 30 days), of migrations, recoveries and mutual-credit moves
    /// proposed from now on. Governor only.
    function setMemberMoveDelay(uint64 delay) external;

    /// @notice Balance, kind and status of `account`.
    function accountOf(address account) external view returns (AccountInfo memory);

    /// @notice The new key proposed by `oldAccount` (zero if none) and when it may accept.
    function pendingMigration(address oldAccount) external view returns (address newAccount, uint64 executableAt);

    /// @notice The pending recovery of `lostAccount` (replacement zero if none).
    function pendingRecovery(address lostAccount) external view returns (PendingRecovery memory);

    /// @notice The delay, in seconds, of migrations, recoveries and mutual-credit moves.
    function memberMoveDelay() external view returns (uint64);

    /// @notice The account `oldAccount` migrated to, or zero.
    function successorOf(address oldAccount) external view returns (address);
}
