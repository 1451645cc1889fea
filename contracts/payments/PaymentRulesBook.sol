// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ILedger} from "../interfaces/ILedger.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {IPaymentPolicy} from "../interfaces/IPaymentPolicy.sol";
import {Ledger} from "../ledger/Ledger.sol";

/// @title The governor's changes to the rules every payment obeys (fees per recipient kind, forbidden kind pairs)
/// @notice An external library run by the currency through DELEGATECALL, in its storage, so these rare governor
/// paths take no room in the currency (EIP-170). The currency checks the role first; the ledger's `_pay` reads
/// the same word directly.
library PaymentRulesBook {
    /// @dev "A few percent": the hard ceiling whatever the governor schedules.
    uint16 internal constant MAX_FEE_BPS = 500;

    function setPaymentFees(
        Ledger.LedgerStorage storage $l,
        address feeAccount,
        uint16 toPerson,
        uint16 toBusiness,
        uint16 toAssociation
    ) public {
        if (toPerson > MAX_FEE_BPS) revert IPaymentPolicy.FeeTooHigh(IMembership.AccountKind.Person, toPerson);
        if (toBusiness > MAX_FEE_BPS) revert IPaymentPolicy.FeeTooHigh(IMembership.AccountKind.Business, toBusiness);
        if (toAssociation > MAX_FEE_BPS) {
            revert IPaymentPolicy.FeeTooHigh(IMembership.AccountKind.Association, toAssociation);
        }
        uint64 fees =
            (uint64(toPerson) << (16 * uint8(IMembership.AccountKind.Person))) |
                (uint64(toBusiness) << (16 * uint8(IMembership.AccountKind.Business))) |
                (uint64(toAssociation) << (16 * uint8(IMembership.AccountKind.Association)));
        if (fees != 0) {
            if (feeAccount == address(0)) revert ILedger.FeeAccountRequired();
            // A fee account closed before it had to stay open (an upgraded currency) would swallow every fee.
            IMembership.AccountStatus status = $l.accounts[feeAccount].status;
            if (status == IMembership.AccountStatus.Closed) revert IMembership.AccountNotActive(feeAccount, status);
        }
        $l.rules.feeBpsByRecipientKind = fees;
        emit IPaymentPolicy.PaymentFeesSet(msg.sender, toPerson, toBusiness, toAssociation);
    }

    function setTransferRule(
        Ledger.LedgerStorage storage $l,
        IMembership.AccountKind fromKind,
        IMembership.AccountKind toKind,
        bool forbidden
    ) public {
        _requireKind(fromKind);
        _requireKind(toKind);
        Ledger.PaymentRules storage rules = $l.rules;
        uint16 bit = uint16(1) << (4 * uint8(fromKind) + uint8(toKind));
        rules.forbiddenKindPairs = forbidden ? rules.forbiddenKindPairs | bit : rules.forbiddenKindPairs & ~bit;
        emit IPaymentPolicy.TransferRuleSet(msg.sender, fromKind, toKind, forbidden);
    }

    function _requireKind(IMembership.AccountKind kind) private pure {
        if (kind == IMembership.AccountKind.None) revert IMembership.InvalidAccountKind(kind);
    }
}
