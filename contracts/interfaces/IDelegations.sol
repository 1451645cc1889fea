// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title Delegated payments: a member lets another address pay on their behalf
/// @notice The owner (an active member) names a delegate and caps what it may pay: per payment, optionally in
/// total and until a date. The delegate then pays from the owner's balance to any member, through the currency's
/// `transferFrom`, so every payment rule (membership, freeze, pause, fees, transfer rules) is the ledger's. Caps
/// count the amount paid by the owner; with a fee, the recipient receives that amount minus the fee. The owner
/// revokes at any time.
///
/// Allowance: this contract pulls with the owner's ERC-20 allowance to it, one allowance shared by all the
/// owner's delegates. The caps live in the grants, so the owner can approve this contract for an unlimited
/// amount (as with Uniswap's Permit2): the contract has no owner, cannot be upgraded, and pulls from an owner
/// only when a delegate the owner named pays, within that grant's caps, before its expiry and until revoked.
/// An unlimited allowance is also never written by the ledger, which makes each payment cheaper.
interface IDelegations {
    /// @notice A grant as stored: what `delegate` may still pay from `owner`'s balance.
    struct Delegation {
        /// @notice The most one payment may move, in cents; zero when there is no grant.
        uint256 perPaymentCap;
        /// @notice The most all payments under this grant may move together, in cents; zero: no total cap.
        uint256 totalCap;
        /// @notice What the delegate paid under this grant so far (a new grant starts at zero).
        uint256 spent;
        /// @notice Unix time from which the grant no longer works; zero: never expires.
        uint64 expiresAt;
        /// @notice Whether this contract would let the delegate pay now: granted, not expired and, with a total
        /// cap, not used up. The currency's own rules (balances, allowance, freezes, pause) are not included.
        bool usable;
    }

    /// @notice The currency address given at deployment is the zero address.
    error InvalidCurrency(address currency);
    /// @notice A delegate cannot be the zero address or the owner themself.
    error InvalidDelegate(address owner, address delegate);
    /// @notice The per-payment cap must be above zero, and a total cap (when not zero) at least the per-payment cap.
    error InvalidDelegationCaps(uint256 perPaymentCap, uint256 totalCap);
    /// @notice Caps are stored in 64 bits: at most `max` cents (about 1.8e17 euros).
    error DelegationCapTooLarge(uint256 cap, uint256 max);
    /// @notice An expiry (when not zero) must be in the future.
    error InvalidDelegationExpiry(uint64 expiresAt, uint256 currentTime);
    /// @notice `owner` gave `delegate` no grant (never, or it was revoked).
    error DelegationNotFound(address owner, address delegate);
    /// @notice The grant stopped working at `expiresAt`.
    error DelegationExpired(address owner, address delegate, uint64 expiresAt);
    /// @notice One payment may move at most `perPaymentCap` cents.
    error DelegationPaymentCapExceeded(address owner, address delegate, uint256 amount, uint256 perPaymentCap);
    /// @notice `amount` on top of the `spent` cents already paid would pass the grant's total cap.
    error DelegationTotalCapExceeded(address owner, address delegate, uint256 spent, uint256 amount, uint256 totalCap);
    /// @notice An amount must be greater than zero (the same error as the ledger's).
    error ZeroAmount();

    /// @notice `owner` let `delegate` pay on their behalf, replacing any earlier grant (its spent count restarts).
    event DelegationGranted(
        address indexed owner,
        address indexed delegate,
        uint256 perPaymentCap,
        uint256 totalCap,
        uint64 expiresAt
    );
    /// @notice `delegate` paid `amount` cents of `owner`'s balance to `to`; `spent` is the grant's total after it.
    event DelegatedPaymentMade(
        address indexed owner,
        address indexed delegate,
        address indexed to,
        uint256 amount,
        uint256 spent
    );
    /// @notice `owner` withdrew the grant of `delegate`.
    event DelegationRevoked(address indexed owner, address indexed delegate);

    /// @notice Lets `delegate` pay on the caller's behalf, up to `perPaymentCap` cents per payment and, unless zero,
    /// `totalCap` cents in all, until `expiresAt` (zero: no expiry). The caller must be an active member, and the
    /// delegate an active member (so the member manager can freeze a stolen delegate key). Replaces the pair's
    /// earlier grant and restarts its spent count. The caller must also approve this contract (see
    /// `grantWithPermit`).
    function grant(address delegate, uint256 perPaymentCap, uint256 totalCap, uint64 expiresAt) external;

    /// @notice `grant`, plus the caller's EIP-2612 permit letting this contract spend `value` cents, in one
    /// transaction. A permit already used (a front-run) does not block the grant if the allowance is already
    /// at least `value`; otherwise the permit's own error is returned.
    function grantWithPermit(
        address delegate,
        uint256 perPaymentCap,
        uint256 totalCap,
        uint64 expiresAt,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Withdraws the caller's grant to `delegate`. Works whatever the caller's status and during a pause, so
    /// a member can always cut off a delegate. Does not change the caller's allowance to this contract.
    function revoke(address delegate) external;

    /// @notice Called by a delegate: pays `amount` cents from `owner`'s balance to `to`, within the grant's caps and
    /// before its expiry. Only an active member delegate can pay (a frozen key may be stolen), stricter than the
    /// ledger's `transferFrom`; the ledger then applies its own rules to the payment.
    function payFor(address owner, address to, uint256 amount) external;

    /// @notice The grant of `owner` to `delegate` (all zero and not usable when there is none).
    function delegationOf(address owner, address delegate) external view returns (Delegation memory);

    /// @notice The currency this contract pays in.
    function currency() external view returns (address);
}
