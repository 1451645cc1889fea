// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IMembership} from "./IMembership.sol";

/// @title Reconversion of currency into euros
/// @notice A member of an allowed kind (by default, businesses) asks to change currency back into euros: the
/// amount moves into escrow (the balance of the currency contract itself). A treasurer pays the euros out of
/// the fund and settles the request with the payout's bank reference: the amount is burned, except a
/// commission that goes to the association's fee account. Or the treasurer rejects it and the escrow is
/// refunded. Treasurers may also burn currency they hold (paper notes exchanged back, ...).
/// A member cannot cancel a request: the treasurer may already be paying it out.
interface IReconversion {
    enum ReconversionStatus {
        None,
        Pending,
        Settled,
        Rejected
    }

    struct Reconversion {
        address member;
        uint72 amount; // cents in escrow
        ReconversionStatus status;
        uint16 commissionBps; // the rate in force when the request was made
    }

    /// @notice Accounts of this kind may not reconvert.
    error ReconversionNotAllowed(address account, IMembership.AccountKind kind);
    /// @notice The request is not pending (unknown, already settled or rejected).
    error ReconversionNotPending(uint256 id, ReconversionStatus status);
    /// @notice This payout or burn reference was already used.
    error ReferenceAlreadyUsed(bytes32 ref);
    /// @notice A payout or burn reference may not be zero.
    error MissingReference();
    /// @notice A rejection must give a reason.
    error MissingRejectionReason();
    /// @notice A commission is at most 10,000 basis points.
    error CommissionTooHigh(uint16 commissionBps);
    /// @notice Allowed kinds are bits 1 (Person), 2 (Business) and 3 (Association) of the mask.
    error InvalidReconversionKinds(uint8 allowedKinds);

    /// @notice `member` moved `amount` cents into escrow, to be changed into euros.
    event ReconversionRequested(uint256 indexed id, address indexed member, uint256 amount);
    /// @notice The euros were paid out (`payoutRef`): `burned` cents were destroyed, `commission` went to
    /// the fee account.
    event ReconversionSettled(
        uint256 indexed id,
        address indexed treasurer,
        bytes32 indexed payoutRef,
        uint256 burned,
        uint256 commission
    );
    /// @notice The request was refused and its escrow refunded to the member.
    event ReconversionRejected(uint256 indexed id, address indexed treasurer, string reason);
    /// @notice A treasurer destroyed `amount` cents it held, against the reference `burnRef`.
    event Burned(address indexed treasurer, uint256 amount, bytes32 indexed burnRef);
    /// @notice The governor changed who may reconvert, the commission and where it goes.
    event ReconversionPolicySet(address indexed governor, uint8 allowedKinds, uint16 commissionBps, address feeAccount);

    /// @notice Moves `amount` cents of the caller's balance into escrow and opens a request.
    /// @return id the request's number (from 1)
    function requestReconversion(uint256 amount) external returns (uint256 id);

    /// @notice Settles a pending request once its euros were paid out. Treasurer only.
    /// @param payoutRef the bank reference of the euro payout; used once, ever
    function settleReconversion(uint256 id, bytes32 payoutRef) external;

    /// @notice Rejects a pending request and refunds its escrow to the member, or to the last key it migrated to.
    /// The refunded account must be active (a frozen balance changes only by recovery: settle instead).
    /// Treasurer only.
    function rejectReconversion(uint256 id, string calldata reason) external;

    /// @notice Destroys `amount` cents held by the calling treasurer. Treasurer only.
    /// @param burnRef the reference of the operation (e.g. the batch of paper notes); used once, ever
    function burn(uint256 amount, bytes32 burnRef) external;

    /// @notice Sets who may reconvert (bit `1 << kind` per account kind), the commission in basis points
    /// and the fee account (an active member, or the frozen fee account already in place; zero only with a zero
    /// commission and zero payment fees).
    /// Governor only.
    function setReconversionPolicy(uint8 allowedKinds, uint16 commissionBps, address feeAccount) external;

    /// @notice One request.
    function reconversion(uint256 id) external view returns (Reconversion memory);

    /// @notice How many requests were ever made (ids run from 1 to this).
    function reconversionCount() external view returns (uint256);

    /// @notice Total cents in escrow (the balance of the currency contract itself).
    function escrowed() external view returns (uint256);

    /// @notice Who may reconvert, the commission, and the fee account.
    function reconversionPolicy() external view returns (uint8 allowedKinds, uint16 commissionBps, address feeAccount);

    /// @notice True when a payout or burn reference was already used.
    function isReferenceUsed(bytes32 ref) external view returns (bool);
}
