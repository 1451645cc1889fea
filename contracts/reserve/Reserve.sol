// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IReserve} from "../interfaces/IReserve.sol";
import {Ledger} from "../ledger/Ledger.sol";
import {ReserveBook} from "./ReserveBook.sol";

/// @title Reserve attestations and the mint policy that rests on them
/// @notice The books themselves (attestations, burn history) are in the ReserveBook library.
abstract contract Reserve is Ledger, IReserve {
    function _reserve() private pure returns (ReserveBook.ReserveStorage storage $) {
        return ReserveBook.reserve();
    }

    /// @inheritdoc IReserve
    function attestReserve(uint256 amount, uint64 asOf, bytes32 evidenceHash) external onlyRole(AUDITOR_ROLE) {
        ReserveBook.attest(amount, asOf, evidenceHash);
    }

    /// @inheritdoc IReserve
    function setMintPolicy(MintPolicy calldata policy) external onlyRole(GOVERNOR_ROLE) {
        _setMintPolicy(policy);
    }

    /// @inheritdoc IReserve
    function lastAttestation() external view returns (Attestation memory) {
        ReserveBook.ReserveStorage storage $ = _reserve();
        return
            Attestation({
                amount: $.attestedAmount,
                asOf: $.attestedAsOf,
                evidenceHash: $.evidenceHash,
                auditor: $.auditor
            });
    }

    /// @inheritdoc IReserve
    function attestationAge() external view returns (uint256) {
        uint64 asOf = _reserve().attestedAsOf;
        if (asOf == 0) revert NoAttestation();
        return block.timestamp - asOf;
    }

    /// @inheritdoc IReserve
    function mintPolicy() external view returns (MintPolicy memory) {
        return _reserve().policy;
    }

    /// @inheritdoc IReserve
    function isFullyBacked() external view returns (bool) {
        ReserveBook.ReserveStorage storage $ = _reserve();
        uint64 maxAge = $.policy.maxAttestationAge;
        if (maxAge != 0 && ($.attestedAsOf == 0 || block.timestamp - $.attestedAsOf > maxAge)) return false;
        return totalSupply() <= _reserveNow();
    }

    /// @inheritdoc IReserve
    function burnedSinceAttestation() external view returns (uint256) {
        return _reserve().burnedSinceAttestation;
    }

    function _afterBurn(uint256 amount) internal override {
        ReserveBook.recordBurn(amount);
    }

    /// @dev The euros the fund holds by the last attestation, less what was paid out after its as-of time.
    function _reserveNow() private view returns (uint256) {
        ReserveBook.ReserveStorage storage $ = _reserve();
        uint256 attested = $.attestedAmount;
        uint256 burned = $.burnedSinceAttestation;
        return burned >= attested ? 0 : attested - burned;
    }

    function _setMintPolicy(MintPolicy calldata policy) internal {
        _reserve().policy = policy;
        emit MintPolicySet(_msgSender(), policy.reserveCapEnabled, policy.maxAttestationAge, policy.headroom);
    }

    /// @dev Called after every mint with the supply it leaves.
    function _checkMintPolicy(uint256 supplyAfterMint) internal view {
        ReserveBook.ReserveStorage storage $ = _reserve();
        MintPolicy memory policy = $.policy;
        if (!policy.reserveCapEnabled && policy.maxAttestationAge == 0) return;
        uint64 asOf = $.attestedAsOf;
        if (asOf == 0) revert NoAttestation();
        if (policy.maxAttestationAge != 0) {
            uint256 age = block.timestamp - asOf;
            if (age > policy.maxAttestationAge) revert AttestationExpired(asOf, age, policy.maxAttestationAge);
        }
        if (policy.reserveCapEnabled) {
            uint256 reserve = _reserveNow();
            if (supplyAfterMint > reserve + policy.headroom) {
                revert ReserveExceeded(supplyAfterMint, reserve, policy.headroom);
            }
        }
    }
}
