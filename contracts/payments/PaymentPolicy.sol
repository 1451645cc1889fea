// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IMembership} from "../interfaces/IMembership.sol";
import {IPaymentPolicy} from "../interfaces/IPaymentPolicy.sol";
import {Ledger} from "../ledger/Ledger.sol";

/// @title The governor's settings for payments; the ledger's `_pay` applies them
abstract contract PaymentPolicy is Ledger, IPaymentPolicy {
    /// @inheritdoc IPaymentPolicy
    function setPaymentFees(uint16 toPerson, uint16 toBusiness, uint16 toAssociation) external onlyRole(GOVERNOR_ROLE) {
        if (toPerson > MAX_BPS) revert FeeTooHigh(IMembership.AccountKind.Person, toPerson);
        if (toBusiness > MAX_BPS) revert FeeTooHigh(IMembership.AccountKind.Business, toBusiness);
        if (toAssociation > MAX_BPS) revert FeeTooHigh(IMembership.AccountKind.Association, toAssociation);
        uint64 fees =
            (uint64(toPerson) << (16 * uint8(IMembership.AccountKind.Person))) |
                (uint64(toBusiness) << (16 * uint8(IMembership.AccountKind.Business))) |
                (uint64(toAssociation) << (16 * uint8(IMembership.AccountKind.Association)));
        if (fees != 0) {
            address feeAccount = _feeAccount();
            if (feeAccount == address(0)) revert FeeAccountRequired();
            // A fee account closed before it had to stay open (an upgraded currency) would swallow every fee.
            IMembership.AccountStatus status = _ledger().accounts[feeAccount].status;
            if (status == IMembership.AccountStatus.Closed) revert IMembership.AccountNotActive(feeAccount, status);
        }
        _ledger().rules.feeBpsByRecipientKind = fees;
        emit PaymentFeesSet(_msgSender(), toPerson, toBusiness, toAssociation);
    }

    /// @inheritdoc IPaymentPolicy
    function setTransferRule(
        IMembership.AccountKind fromKind,
        IMembership.AccountKind toKind,
        bool forbidden
    ) external onlyRole(GOVERNOR_ROLE) {
        _requireKind(fromKind);
        _requireKind(toKind);
        PaymentRules storage rules = _ledger().rules;
        uint16 bit = uint16(1) << (4 * uint8(fromKind) + uint8(toKind));
        rules.forbiddenKindPairs = forbidden ? rules.forbiddenKindPairs | bit : rules.forbiddenKindPairs & ~bit;
        emit TransferRuleSet(_msgSender(), fromKind, toKind, forbidden);
    }

    /// @inheritdoc IPaymentPolicy
    function paymentPolicy()
        external
        view
        returns (uint16 feeToPerson, uint16 feeToBusiness, uint16 feeToAssociation, uint16 forbiddenKindPairs)
    {
        PaymentRules memory rules = _ledger().rules;
        uint64 fees = rules.feeBpsByRecipientKind;
        return (
            uint16(fees >> (16 * uint8(IMembership.AccountKind.Person))),
            uint16(fees >> (16 * uint8(IMembership.AccountKind.Business))),
            uint16(fees >> (16 * uint8(IMembership.AccountKind.Association))),
            rules.forbiddenKindPairs
        );
    }

    function _requireKind(IMembership.AccountKind kind) private pure {
        if (kind == IMembership.AccountKind.None) revert IMembership.InvalidAccountKind(kind);
    }
}
