// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IMembership} from "../interfaces/IMembership.sol";
import {IReconversion} from "../interfaces/IReconversion.sol";
import {ILedger} from "../interfaces/ILedger.sol";
import {ReferenceSet} from "../libraries/ReferenceSet.sol";
import {Ledger, burnBalance, moveBalance} from "../ledger/Ledger.sol";

/// @title Reconversion requests, settlements, rejections and policy
/// @notice An external library: the currency runs it through DELEGATECALL, in its own storage and with its own
/// events, so these paths take no room in the currency (EIP-170). The currency checks roles and the pause first.
library ReconversionDesk {
    using ReferenceSet for ReferenceSet.Set;

    /// @custom:storage-location erc7201:komuno.storage.Reconversion
    struct ReconversionStorage {
        // One word read and written by every request: the counter and the policy it obeys.
        uint64 count;
        uint8 allowedKinds;
        uint16 commissionBps;
        address feeAccount;
        mapping(uint256 id => IReconversion.Reconversion) requests;
        ReferenceSet.Set usedReferences;
    }

    // keccak256(abi.encode(uint256(keccak256("komuno.storage.Reconversion")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant RECONVERSION_STORAGE = 0x52d85e0b0180c61d4242feb0bb139a8b8bebad88b71c2edeeb085cd48d165000;

    uint8 private constant VALID_KINDS_MASK = 0x0e; // Person, Business, Association
    uint256 private constant MAX_BPS = 10_000;

    function reconversion() internal pure returns (ReconversionStorage storage $) {
        assembly {
            $.slot := RECONVERSION_STORAGE
        }
    }

    function request(Ledger.LedgerStorage storage $l, uint256 amount) public returns (uint256 id) {
        if (amount == 0) revert ILedger.ZeroAmount();
        if (amount > type(uint72).max) revert ILedger.AmountTooLarge(amount);
        address member = msg.sender;
        Ledger.Account memory account = $l.accounts[member];
        if (account.status != IMembership.AccountStatus.Active) {
            revert IMembership.AccountNotActive(member, account.status);
        }
        ReconversionStorage storage $ = reconversion();
        if ($.allowedKinds & (1 << uint8(account.kind)) == 0) {
            revert IReconversion.ReconversionNotAllowed(member, account.kind);
        }
        id = ++$.count;
        $.requests[id] = IReconversion.Reconversion({
            member: member,
            amount: uint72(amount),
            status: IReconversion.ReconversionStatus.Pending,
            commissionBps: $.commissionBps
        });
        moveBalance($l, member, address(this), amount);
        emit IReconversion.ReconversionRequested(id, member, amount);
    }

    /// @return burned the units destroyed, which the currency reports to the reserve
    function settle(Ledger.LedgerStorage storage $l, uint256 id, bytes32 payoutRef) public returns (uint256 burned) {
        ReconversionStorage storage $ = reconversion();
        IReconversion.Reconversion storage pending = _pendingRequest(id);
        useReference(payoutRef);
        pending.status = IReconversion.ReconversionStatus.Settled;

        uint256 amount = pending.amount;
        address feeAccount = $.feeAccount;
        // With no fee account configured any more, the commission is waived rather than sent nowhere.
        uint256 commission = feeAccount == address(0) ? 0 : (amount * pending.commissionBps) / MAX_BPS;
        burned = amount - commission;
        // Credited whatever the fee account's status, as payment fees are: freezing the association's account
        // must not stop settlements, and it can never be closed while it is the fee account.
        if (commission != 0) moveBalance($l, address(this), feeAccount, commission);
        if (burned != 0) burnBalance($l, address(this), burned);
        emit IReconversion.ReconversionSettled(id, msg.sender, payoutRef, burned, commission);
    }

    /// @param successor the last key the member migrated to (itself if it never migrated)
    function reject(Ledger.LedgerStorage storage $l, uint256 id, string calldata reason, address successor) public {
        if (bytes(reason).length == 0) revert IReconversion.MissingRejectionReason();
        IReconversion.Reconversion storage pending = _pendingRequest(id);
        address member = pending.member;
        IMembership.AccountStatus memberStatus = $l.accounts[member].status;
        // A member who moved to a new key is refunded there.
        if (memberStatus == IMembership.AccountStatus.Closed && successor != member) {
            member = successor;
            memberStatus = $l.accounts[member].status;
        }
        // A frozen or closed balance may change only through recovery; the treasurer settles instead.
        if (memberStatus != IMembership.AccountStatus.Active) revert IMembership.AccountNotActive(member, memberStatus);
        pending.status = IReconversion.ReconversionStatus.Rejected;
        moveBalance($l, address(this), member, pending.amount);
        emit IReconversion.ReconversionRejected(id, msg.sender, reason);
    }

    /// @param feeAccountInPlace the current fee account, which may stay while frozen
    function setPolicy(
        Ledger.LedgerStorage storage $l,
        uint8 allowedKinds,
        uint16 commissionBps,
        address feeAccount,
        address feeAccountInPlace
    ) public {
        if (allowedKinds & ~VALID_KINDS_MASK != 0) revert IReconversion.InvalidReconversionKinds(allowedKinds);
        if (commissionBps > MAX_BPS) revert IReconversion.CommissionTooHigh(commissionBps);
        if (feeAccount == address(0)) {
            if (commissionBps != 0 || $l.rules.feeBpsByRecipientKind != 0) revert ILedger.FeeAccountRequired();
        } else {
            IMembership.AccountStatus feeStatus = $l.accounts[feeAccount].status;
            // The fee account in place may stay while frozen: it still receives fees and commissions.
            bool keptWhileFrozen = feeStatus == IMembership.AccountStatus.Frozen && feeAccount == feeAccountInPlace;
            if (feeStatus != IMembership.AccountStatus.Active && !keptWhileFrozen) {
                revert IMembership.AccountNotActive(feeAccount, feeStatus);
            }
        }
        ReconversionStorage storage $ = reconversion();
        $.allowedKinds = allowedKinds;
        $.commissionBps = commissionBps;
        $.feeAccount = feeAccount;
        emit IReconversion.ReconversionPolicySet(msg.sender, allowedKinds, commissionBps, feeAccount);
    }

    function useReference(bytes32 ref) internal {
        if (ref == 0) revert IReconversion.MissingReference();
        if (!reconversion().usedReferences.add(ref)) revert IReconversion.ReferenceAlreadyUsed(ref);
    }

    function _pendingRequest(uint256 id) private view returns (IReconversion.Reconversion storage pending) {
        pending = reconversion().requests[id];
        if (pending.status != IReconversion.ReconversionStatus.Pending) {
            revert IReconversion.ReconversionNotPending(id, pending.status);
        }
    }
}
