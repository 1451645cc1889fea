// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IReserve} from "../interfaces/IReserve.sol";
import {Ledger} from "../ledger/Ledger.sol";

/// @title Reserve attestations and the mint policy that rests on them
abstract contract Reserve is Ledger, IReserve {
    /// @custom:storage-location erc7201:komuno.storage.Reserve
    struct ReserveStorage {
        MintPolicy policy;
        // One word read by every mint, with the policy: two slots in all. Units burned since the attestation
        // mirror euros paid out of the fund since then, so the fund now holds attestedAmount - burnedSince.
        uint96 attestedAmount;
        uint96 burnedSinceAttestation;
        uint64 attestedAsOf;
        bytes32 evidenceHash;
        address auditor;
    }

    // keccak256(abi.encode(uint256(keccak256("komuno.storage.Reserve")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant RESERVE_STORAGE = 0x6ba785463837d0db8b019976a6bd01841dfcd278982cb1c3d447058d8e027f00;

    function _reserve() private pure returns (ReserveStorage storage $) {
        assembly {
            $.slot := RESERVE_STORAGE
        }
    }

    /// @inheritdoc IReserve
    function attestReserve(uint256 amount, uint64 asOf, bytes32 evidenceHash) external onlyRole(AUDITOR_ROLE) {
        ReserveStorage storage $ = _reserve();
        if (asOf > block.timestamp) revert AttestationInFuture(asOf, block.timestamp);
        if (asOf == 0 || asOf < $.attestedAsOf) revert AttestationOutOfOrder(asOf, $.attestedAsOf);
        if (evidenceHash == 0) revert MissingEvidence();
        if (amount > type(uint96).max) revert AmountTooLarge(amount);
        $.attestedAmount = uint96(amount);
        $.burnedSinceAttestation = 0;
        $.attestedAsOf = asOf;
        $.evidenceHash = evidenceHash;
        $.auditor = _msgSender();
        emit ReserveAttested(_msgSender(), amount, asOf, evidenceHash);
    }

    /// @inheritdoc IReserve
    function setMintPolicy(MintPolicy calldata policy) external onlyRole(GOVERNOR_ROLE) {
        _setMintPolicy(policy);
    }

    /// @inheritdoc IReserve
    function lastAttestation() external view returns (Attestation memory) {
        ReserveStorage storage $ = _reserve();
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
        return totalSupply() <= _reserveNow();
    }

    /// @inheritdoc IReserve
    function burnedSinceAttestation() external view returns (uint256) {
        return _reserve().burnedSinceAttestation;
    }

    /// @dev Every burn pays euros out of the fund: the cap on mints goes down with it.
    function _afterBurn(uint256 amount) internal override {
        ReserveStorage storage $ = _reserve();
        uint256 burned = $.burnedSinceAttestation + amount;
        // Saturating: past the attested amount the reserve counts as zero anyway.
        $.burnedSinceAttestation = burned > $.attestedAmount ? $.attestedAmount : uint96(burned);
    }

    /// @dev The euros the fund holds by the last attestation, less what was paid out since.
    function _reserveNow() private view returns (uint256) {
        ReserveStorage storage $ = _reserve();
        return $.attestedAmount - $.burnedSinceAttestation;
    }

    function _setMintPolicy(MintPolicy calldata policy) internal {
        _reserve().policy = policy;
        emit MintPolicySet(_msgSender(), policy.reserveCapEnabled, policy.maxAttestationAge, policy.headroom);
    }

    /// @dev Called after every mint with the supply it leaves.
    function _checkMintPolicy(uint256 supplyAfterMint) internal view {
        ReserveStorage storage $ = _reserve();
        MintPolicy memory policy = $.policy;
        if (!policy.reserveCapEnabled && policy.maxAttestationAge == 0) return;
        uint64 asOf = $.attestedAsOf;
        if (asOf == 0) revert NoAttestation();
        if (policy.maxAttestationAge != 0) {
            uint256 age = block.timestamp - asOf;
            if (age > policy.maxAttestationAge) revert AttestationExpired(asOf, age, policy.maxAttestationAge);
        }
        if (policy.reserveCapEnabled) {
            uint256 reserve = $.attestedAmount - $.burnedSinceAttestation;
            if (supplyAfterMint > reserve + policy.headroom) {
                revert ReserveExceeded(supplyAfterMint, reserve, policy.headroom);
            }
        }
    }
}
