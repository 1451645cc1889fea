// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IMembership} from "../interfaces/IMembership.sol";
import {IReconversion} from "../interfaces/IReconversion.sol";
import {ReferenceSet} from "../libraries/ReferenceSet.sol";
import {Ledger} from "../ledger/Ledger.sol";

/// @title Reconversion to euros: escrow, then burn on payout or refund on rejection; treasurer burns
abstract contract Reconversion is Ledger, IReconversion {
    using ReferenceSet for ReferenceSet.Set;

    /// @custom:storage-location erc7201:komuno.storage.Reconversion
    struct ReconversionStorage {
        // One word read and written by every request: the counter and the policy it obeys.
        uint64 count;
        uint8 allowedKinds;
        uint16 commissionBps;
        address feeAccount;
        mapping(uint256 id => Reconversion) requests;
        ReferenceSet.Set usedReferences;
    }

    // keccak256(abi.encode(uint256(keccak256("komuno.storage.Reconversion")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant RECONVERSION_STORAGE = 0x52d85e0b0180c61d4242feb0bb139a8b8bebad88b71c2edeeb085cd48d165000;

    uint8 private constant VALID_KINDS_MASK = 0x0e; // Person, Business, Association

    function _reconversion() private pure returns (ReconversionStorage storage $) {
        assembly {
            $.slot := RECONVERSION_STORAGE
        }
    }

    /// @inheritdoc IReconversion
    function requestReconversion(uint256 amount) external returns (uint256 id) {
        _requireNotPaused();
        if (amount == 0) revert ZeroAmount();
        if (amount > type(uint72).max) revert AmountTooLarge(amount);
        address member = _msgSender();
        Account memory account = _ledger().accounts[member];
        if (account.status != IMembership.AccountStatus.Active) {
            revert IMembership.AccountNotActive(member, account.status);
        }
        ReconversionStorage storage $ = _reconversion();
        if ($.allowedKinds & (1 << uint8(account.kind)) == 0) revert ReconversionNotAllowed(member, account.kind);

        id = ++$.count;
        $.requests[id] = Reconversion({
            member: member,
            amount: uint72(amount),
            status: ReconversionStatus.Pending,
            commissionBps: $.commissionBps
        });
        _move(member, address(this), amount);
        emit ReconversionRequested(id, member, amount);
    }

    /// @inheritdoc IReconversion
    function settleReconversion(uint256 id, bytes32 payoutRef) external onlyRole(TREASURER_ROLE) {
        _requireNotPaused();
        ReconversionStorage storage $ = _reconversion();
        Reconversion storage request = _pendingRequest(id);
        _useReference(payoutRef);
        request.status = ReconversionStatus.Settled;

        uint256 amount = request.amount;
        address feeAccount = $.feeAccount;
        // With no fee account configured any more, the commission is waived rather than sent nowhere.
        uint256 commission = feeAccount == address(0) ? 0 : (amount * request.commissionBps) / MAX_BPS;
        uint256 burned = amount - commission;
        // Credited whatever the fee account's status, as payment fees are: freezing the association's account
        // must not stop settlements, and it can never be closed while it is the fee account.
        if (commission != 0) _move(address(this), feeAccount, commission);
        if (burned != 0) _burn(address(this), burned);
        emit ReconversionSettled(id, _msgSender(), payoutRef, burned, commission);
    }

    /// @inheritdoc IReconversion
    function rejectReconversion(uint256 id, string calldata reason) external onlyRole(TREASURER_ROLE) {
        _requireNotPaused();
        if (bytes(reason).length == 0) revert MissingRejectionReason();
        Reconversion storage request = _pendingRequest(id);
        address member = request.member;
        // A frozen or closed balance may change only through recovery; the treasurer settles instead.
        IMembership.AccountStatus memberStatus = _ledger().accounts[member].status;
        if (memberStatus != IMembership.AccountStatus.Active) revert IMembership.AccountNotActive(member, memberStatus);
        request.status = ReconversionStatus.Rejected;
        _move(address(this), member, request.amount);
        emit ReconversionRejected(id, _msgSender(), reason);
    }

    /// @inheritdoc IReconversion
    function burn(uint256 amount, bytes32 burnRef) external onlyRole(TREASURER_ROLE) {
        _requireNotPaused();
        if (amount == 0) revert ZeroAmount();
        address treasurer = _msgSender();
        IMembership.AccountStatus status = _ledger().accounts[treasurer].status;
        if (status != IMembership.AccountStatus.Active) revert IMembership.AccountNotActive(treasurer, status);
        _useReference(burnRef);
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
        return _reconversion().requests[id];
    }

    /// @inheritdoc IReconversion
    function reconversionCount() external view returns (uint256) {
        return _reconversion().count;
    }

    /// @inheritdoc IReconversion
    function escrowed() external view returns (uint256) {
        return balanceOf(address(this));
    }

    /// @inheritdoc IReconversion
    function reconversionPolicy() external view returns (uint8 allowedKinds, uint16 commissionBps, address feeAccount) {
        ReconversionStorage storage $ = _reconversion();
        return ($.allowedKinds, $.commissionBps, $.feeAccount);
    }

    /// @inheritdoc IReconversion
    function isReferenceUsed(bytes32 ref) external view returns (bool) {
        return _reconversion().usedReferences.contains(ref);
    }

    function _setReconversionPolicy(uint8 allowedKinds, uint16 commissionBps, address feeAccount) internal {
        if (allowedKinds & ~VALID_KINDS_MASK != 0) revert InvalidReconversionKinds(allowedKinds);
        if (commissionBps > MAX_BPS) revert CommissionTooHigh(commissionBps);
        if (feeAccount == address(0)) {
            if (commissionBps != 0 || _ledger().rules.feeBpsByRecipientKind != 0) revert FeeAccountRequired();
        } else {
            IMembership.AccountStatus feeStatus = _ledger().accounts[feeAccount].status;
            // The fee account in place may stay while frozen: it still receives fees and commissions.
            bool keptWhileFrozen = feeStatus == IMembership.AccountStatus.Frozen && feeAccount == _feeAccount();
            if (feeStatus != IMembership.AccountStatus.Active && !keptWhileFrozen) {
                revert IMembership.AccountNotActive(feeAccount, feeStatus);
            }
        }
        ReconversionStorage storage $ = _reconversion();
        $.allowedKinds = allowedKinds;
        $.commissionBps = commissionBps;
        $.feeAccount = feeAccount;
        emit ReconversionPolicySet(_msgSender(), allowedKinds, commissionBps, feeAccount);
    }

    function _feeAccount() internal view override returns (address) {
        return _reconversion().feeAccount;
    }

    function _pendingRequest(uint256 id) private view returns (Reconversion storage request) {
        request = _reconversion().requests[id];
        if (request.status != ReconversionStatus.Pending) revert ReconversionNotPending(id, request.status);
    }

    function _useReference(bytes32 ref) private {
        if (ref == 0) revert MissingReference();
        if (!_reconversion().usedReferences.add(ref)) revert ReferenceAlreadyUsed(ref);
    }
}
