// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IMembership} from "../interfaces/IMembership.sol";
import {IReconversion} from "../interfaces/IReconversion.sol";
import {ReferenceSet} from "../libraries/ReferenceSet.sol";
import {Ledger} from "../ledger/Ledger.sol";
import {ReconversionDesk} from "./ReconversionDesk.sol";

/// @title Reconversion to euros: escrow, then burn on payout or refund on rejection; treasurer burns
/// @notice Roles and the pause are checked here; the requests themselves are in the ReconversionDesk library.
abstract contract Reconversion is Ledger, IReconversion {
    using ReferenceSet for ReferenceSet.Set;

    /// @dev Bounds the walk along successors, so a rejection's gas stays bounded whatever the history.
    uint256 private constant MAX_MIGRATIONS_FOLLOWED = 8;

    /// @inheritdoc IReconversion
    function requestReconversion(uint256 amount) external returns (uint256 id) {
        _requireNotPaused();
        return ReconversionDesk.request(_ledger(), amount);
    }

    /// @inheritdoc IReconversion
    function settleReconversion(uint256 id, bytes32 payoutRef) external onlyRole(TREASURER_ROLE) {
        _requireNotPaused();
        uint256 burned = ReconversionDesk.settle(_ledger(), id, payoutRef);
        if (burned != 0) _afterBurn(burned);
    }

    /// @inheritdoc IReconversion
    function rejectReconversion(uint256 id, string calldata reason) external onlyRole(TREASURER_ROLE) {
        _requireNotPaused();
        // A member who moved keys more than once is refunded at the last key (a few moves at most in practice).
        address refundTo = ReconversionDesk.reconversion().requests[id].member;
        for (uint256 i; i < MAX_MIGRATIONS_FOLLOWED && _successorOf(refundTo) != address(0); ++i) {
            refundTo = _successorOf(refundTo);
        }
        ReconversionDesk.reject(_ledger(), id, reason, refundTo);
    }

    /// @inheritdoc IReconversion
    function burn(uint256 amount, bytes32 burnRef) external onlyRole(TREASURER_ROLE) {
        _requireNotPaused();
        if (amount == 0) revert ZeroAmount();
        address treasurer = _msgSender();
        IMembership.AccountStatus status = _ledger().accounts[treasurer].status;
        if (status != IMembership.AccountStatus.Active) revert IMembership.AccountNotActive(treasurer, status);
        ReconversionDesk.useReference(burnRef);
        _burn(treasurer, amount);
        emit Burned(treasurer, amount, burnRef);
    }

    /// @inheritdoc IReconversion
    function setReconversionPolicy(
        uint8 allowedKinds,
        uint16 commissionBps,
        address feeAccount
    ) external onlyRole(GOVERNOR_ROLE) {
        _setReconversionPolicy(allowedKinds, commissionBps, feeAccount);
    }

    /// @inheritdoc IReconversion
    function reconversion(uint256 id) external view returns (Reconversion memory) {
        return ReconversionDesk.reconversion().requests[id];
    }

    /// @inheritdoc IReconversion
    function reconversionCount() external view returns (uint256) {
        return ReconversionDesk.reconversion().count;
    }

    /// @inheritdoc IReconversion
    function escrowed() external view returns (uint256) {
        return balanceOf(address(this));
    }

    /// @inheritdoc IReconversion
    function reconversionPolicy() external view returns (uint8 allowedKinds, uint16 commissionBps, address feeAccount) {
        ReconversionDesk.ReconversionStorage storage $ = ReconversionDesk.reconversion();
        return ($.allowedKinds, $.commissionBps, $.feeAccount);
    }

    /// @inheritdoc IReconversion
    function isReferenceUsed(bytes32 ref) external view returns (bool) {
        return ReconversionDesk.reconversion().usedReferences.contains(ref);
    }

    function _setReconversionPolicy(uint8 allowedKinds, uint16 commissionBps, address feeAccount) internal {
        ReconversionDesk.setPolicy(_ledger(), allowedKinds, commissionBps, feeAccount, _feeAccount());
    }

    function _feeAccount() internal view override returns (address) {
        return ReconversionDesk.reconversion().feeAccount;
    }
}
