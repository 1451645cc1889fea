// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IMembership} from "./IMembership.sol";

/// @title Mutual credit beside a local currency
/// @notice Members (typically businesses) pay each other on credit lines instead of euro-backed units: a payment
/// lowers the payer's credit balance and raises the payee's by the same amount, so the sum of all credit balances
/// is always exactly zero. Each account's balance stays within its own limits, set by the currency's member
/// manager: it may go down to `-floor` and up to `ceiling` (both 0 until set, so an account takes part only once
/// it was given limits). Amounts are euro cents, like the currency's, but credit never becomes currency: the
/// euro-backed supply and its reserve are untouched.
/// Roles, membership and the pause switch are the currency's: payments need both parties to be active members
/// and the currency not to be paused (`ILedger.EnforcedPause`), limits need the currency's MEMBER_MANAGER_ROLE
/// and upgrades its GOVERNOR_ROLE (`IAccessControl.AccessControlUnauthorizedAccount` otherwise). An inactive
/// member is refused with `IMembership.AccountNotActive`, an amount of zero with `ILedger.ZeroAmount`, an amount
/// above 2^128 - 1 cents with `ILedger.AmountTooLarge`.
interface IMutualCredit {
    /// @notice The currency address given at initialisation was zero.
    error InvalidCurrency(address localCurrency);
    /// @notice A limit above 2^64 - 1 cents (the width its storage has).
    error CreditLimitsTooLarge(uint256 floor, uint256 ceiling);
    /// @notice A member cannot pay themselves: it would change nothing but the event history.
    error CreditToSelf(address account);
    /// @notice Paying `amount` would take `account`'s balance below `-floor`.
    error CreditFloorExceeded(address account, int256 balance, uint256 amount, uint256 floor);
    /// @notice Receiving `amount` would take `account`'s balance above `ceiling`.
    error CreditCeilingExceeded(address account, int256 balance, uint256 amount, uint256 ceiling);

    /// @notice Only the credit account of a frozen or closed member can be moved (an active one pays itself).
    error CreditAccountNotMovable(address account, IMembership.AccountStatus status);
    /// @notice The replacement account already has a credit balance or limits: moving onto it would merge two.
    error CreditAccountInUse(address account, int256 balance, uint256 floor, uint256 ceiling);
    /// @notice The member manager did not propose to move `from`'s credit account to `to`.
    error CreditMoveNotProposed(address from, address to);
    /// @notice A move of a credit account needs the hash of its reason (a ticket, a recovery).
    error MissingMoveReason();
    /// @notice `oldAccount` did not migrate to a new key in the currency.
    error AccountNotMigrated(address oldAccount);
    /// @notice No raise of `account`'s floor is waiting.
    error CreditFloorRaiseNotPending(address account);

    /// @notice `account`'s limits in force are now `-floor` and `ceiling`: set by the member manager, or by whoever
    /// carried out a raise of the floor after its delay.
    event CreditLimitsSet(address indexed manager, address indexed account, uint256 floor, uint256 ceiling);
    /// @notice The member manager proposed to raise `account`'s floor to `floor`; anyone may apply it from
    /// `executableAt`.
    event CreditFloorRaiseProposed(
        address indexed manager,
        address indexed account,
        uint256 floor,
        uint64 executableAt
    );
    /// @notice `canceller` cancelled the pending raise of `account`'s floor to `floor`.
    event CreditFloorRaiseCancelled(address indexed account, uint256 floor, address canceller);
    /// @notice `from` paid `amount` cents of credit to `to`; their balances are now `fromBalance` and `toBalance`
    /// (so a wallet shows a running balance, and an auditor checks each step, without replaying from the start).
    event CreditPaid(address indexed from, address indexed to, uint256 amount, int256 fromBalance, int256 toBalance);

    /// @notice The member manager proposed to move `from`'s credit account to `to`, for the reason hashed; `to`
    /// can accept from `executableAt` (the currency's member-move delay).
    event CreditMoveProposed(
        address indexed manager,
        address indexed from,
        address indexed to,
        bytes32 reasonHash,
        uint64 executableAt
    );
    /// @notice `canceller` cancelled the pending move of `from`'s credit account to `to`.
    event CreditMoveCancelled(address indexed from, address indexed to, address canceller);
    /// @notice `from`'s credit account (balance `balance` and its limits) moved to `to`: accepted by `to` after a
    /// proposal, or following `from`'s migration in the currency.
    event CreditAccountMoved(address indexed from, address indexed to, int256 balance);

    /// @notice Binds this ledger to `currency` for good (its roles, members and pause switch). Callable once.
    function initialize(address localCurrency) external;

    /// @notice Sets how far below zero `account`'s balance may go (`floor`, a magnitude) and how far above
    /// (`ceiling`). Member manager only. The account must have been admitted and not be closed; a frozen member
    /// may get limits (a manager cuts a suspect line to zero before unfreezing). Limits may be set below the
    /// current balance: the balance stays, and only payments that move it further out of the limits fail.
    /// Allowed while the currency is paused: it moves no money, and cutting lines may be part of the incident.
    /// A lower floor and any ceiling apply at once; a higher floor (more credit to spend, which dilutes every
    /// creditor's claim) waits the currency's member-move delay, public and cancellable, as recoveries do, and is
    /// then applied by anyone (applyCreditFloorRaise). A new setting replaces a raise still waiting.
    function setCreditLimits(address account, uint256 floor, uint256 ceiling) external;

    /// @notice Applies a pending raise of `account`'s floor once the delay has passed. Anyone may call it.
    function applyCreditFloorRaise(address account) external;

    /// @notice Cancels a pending raise of `account`'s floor. Governor, auditor or member manager.
    function cancelCreditFloorRaise(address account) external;

    /// @notice The floor `account`'s pending raise would set, and from when (both zero if none).
    function pendingCreditFloorRaise(address account) external view returns (uint256 floor, uint64 executableAt);

    /// @notice Pays `amount` cents of credit from the caller to `to`. Both must be active members, the currency
    /// not paused, the caller's balance after the payment at least `-floor` and `to`'s at most `ceiling`.
    function pay(address to, uint256 amount) external;

    /// @notice First step of moving the credit account of a frozen or closed member (a lost key recovered, a key
    /// migrated, an account closed) to `to`, an active member, so that no debt or claim is stranded: the member
    /// manager proposes, with the hash of the reason. A debt is never put on anybody without their consent: the
    /// move happens only when `to` accepts, and not before the currency's member-move delay has passed (a stolen
    /// member manager key gives the board that long to cancel). A new proposal for `from` replaces the previous
    /// one and restarts the delay. Member manager only; not while the currency is paused, like recoveries.
    function proposeCreditMove(address from, address to, bytes32 reasonHash) external;

    /// @notice Cancels the pending move of `from`'s credit account. Governor, auditor or member manager.
    function cancelCreditMove(address from) external;

    /// @notice Second step, once the delay has passed: `to` (the caller), still active and with no credit balance
    /// nor limits, takes over `from`'s balance and limits. The sum of balances and the outstanding credit are
    /// unchanged.
    function acceptCreditMove(address from) external;

    /// @notice Moves the credit account of `oldAccount`, which migrated to a new key in the currency, to that key
    /// (the member moved it themselves, so no other consent is needed). Anyone may call it; the new key must have
    /// no credit balance nor limits yet.
    function followMigration(address oldAccount) external;

    /// @notice The account a move of `from`'s credit account was proposed to (zero when none) and when it may
    /// accept.
    function pendingCreditMove(address from) external view returns (address to, uint64 executableAt);

    /// @notice The credit balance of `account` in cents: negative when it owes the network.
    function creditBalanceOf(address account) external view returns (int256);

    /// @notice The limits of `account`: its balance may go down to `-floor` and up to `ceiling`.
    function creditLimitsOf(address account) external view returns (uint256 floor, uint256 ceiling);

    /// @notice Credit in circulation: the sum of all positive balances, which always equals the sum of all
    /// negative balances' magnitudes.
    function creditOutstanding() external view returns (uint256);

    /// @notice The currency this ledger is bound to.
    function currency() external view returns (address);
}
