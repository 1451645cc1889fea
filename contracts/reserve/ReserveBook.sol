// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

import {ILedger} from "../interfaces/ILedger.sol";
import {IReserve} from "../interfaces/IReserve.sol";

/// @title The reserve's books: attestations, and the cumulative total of units burned checkpointed by block time
/// @notice An attestation of a past bank statement needs the units burned after its as-of time (each burn
/// mirrors euros paid out of the fund), whatever order statements and burns arrive in. An external library run
/// by the currency through DELEGATECALL, in the currency's storage, so its binary search takes no room in the
/// currency (EIP-170); the mint path reads the same storage directly (`reserve()` is internal).
library ReserveBook {
    using Checkpoints for Checkpoints.Trace208;

    /// @custom:storage-location erc7201:komuno.storage.Reserve
    struct ReserveStorage {
        IReserve.MintPolicy policy;
        // One word read by every mint, with the policy: two slots in all. Units burned after the
        // attestation's as-of time mirror euros paid out of the fund since its statement, so the fund now holds
        // attestedAmount - burnedSinceAttestation. The attestation sets this figure from the burn history (burns
        // may have happened between its as-of time and its arrival); each later burn adds to it.
        uint96 attestedAmount;
        uint96 burnedSinceAttestation;
        uint64 attestedAsOf;
        bytes32 evidenceHash;
        address auditor;
    }

    /// @custom:storage-location erc7201:komuno.storage.BurnHistory
    struct BurnHistoryStorage {
        Checkpoints.Trace208 totals;
    }

    // keccak256(abi.encode(uint256(keccak256("komuno.storage.Reserve")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant RESERVE_STORAGE = 0x6ba785463837d0db8b019976a6bd01841dfcd278982cb1c3d447058d8e027f00;
    // keccak256(abi.encode(uint256(keccak256("komuno.storage.BurnHistory")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant BURN_HISTORY_STORAGE = 0x22269131301321beed434390d433b4312eebb37f8bb1d14e2f30f69560178600;

    function reserve() internal pure returns (ReserveStorage storage $) {
        assembly {
            $.slot := RESERVE_STORAGE
        }
    }

    function _burnHistory() private pure returns (BurnHistoryStorage storage $) {
        assembly {
            $.slot := BURN_HISTORY_STORAGE
        }
    }

    function attest(uint256 amount, uint64 asOf, bytes32 evidenceHash) public {
        ReserveStorage storage $ = reserve();
        if (asOf > block.timestamp) revert IReserve.AttestationInFuture(asOf, block.timestamp);
        if (asOf == 0 || asOf < $.attestedAsOf) revert IReserve.AttestationOutOfOrder(asOf, $.attestedAsOf);
        if (evidenceHash == 0) revert IReserve.MissingEvidence();
        if (amount > type(uint96).max) revert ILedger.AmountTooLarge(amount);
        Checkpoints.Trace208 storage totals = _burnHistory().totals;
        $.attestedAmount = uint96(amount);
        // Burns after the statement's time: one in its own second is taken as on the statement, as the auditor
        // attesting "now" after a payout sees it there (counted twice, it would report a false shortfall).
        $.burnedSinceAttestation = _toUint96Saturating(totals.latest() - totals.upperLookupRecent(uint48(asOf)));
        $.attestedAsOf = asOf;
        $.evidenceHash = evidenceHash;
        $.auditor = msg.sender;
        emit IReserve.ReserveAttested(msg.sender, amount, asOf, evidenceHash);
    }

    /// @notice Every burn pays euros out of the fund: the cap on mints goes down with it, and the history keeps
    /// it for attestations of earlier statements that arrive later. Supply fits 128 bits, so the cumulative total
    /// fits 208.
    function recordBurn(uint256 amount) public {
        Checkpoints.Trace208 storage totals = _burnHistory().totals;
        totals.push(uint48(block.timestamp), uint208(totals.latest() + amount));
        ReserveStorage storage $ = reserve();
        // The same rule as an attestation's: only burns after the statement's time lower its reserve.
        if (block.timestamp > $.attestedAsOf) {
            $.burnedSinceAttestation = _toUint96Saturating($.burnedSinceAttestation + amount);
        }
    }

    /// @notice Starts the burn history of a currency upgraded from 0.1.0, which counted only the units burned
    /// since its last attestation: those are recorded as burned now, so a statement dated before the upgrade and
    /// attested after it still counts them (when in doubt, the reserve is the lower). Does nothing once the history
    /// has begun.
    function seedHistory() public {
        Checkpoints.Trace208 storage totals = _burnHistory().totals;
        if (totals.length() != 0) return;
        totals.push(uint48(block.timestamp), reserve().burnedSinceAttestation);
    }

    /// @dev An attested amount fits 96 bits: burns beyond it leave a reserve of zero whatever their exact total.
    function _toUint96Saturating(uint256 value) private pure returns (uint96) {
        return value > type(uint96).max ? type(uint96).max : uint96(value);
    }
}
