// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IMembership} from "../interfaces/IMembership.sol";
import {IPaymentPolicy} from "../interfaces/IPaymentPolicy.sol";
import {Ledger} from "../ledger/Ledger.sol";
import {PaymentRulesBook} from "./PaymentRulesBook.sol";

/// @title The governor's settings for payments; the ledger's `_pay` applies them (the changes themselves are in
/// the PaymentRulesBook library)
abstract contract PaymentPolicy is Ledger, IPaymentPolicy {
    /// @inheritdoc IPaymentPolicy
    uint16 public constant MAX_FEE_BPS = PaymentRulesBook.MAX_FEE_BPS;

    /// @inheritdoc IPaymentPolicy
    function setPaymentFees(uint16 toPerson, uint16 toBusiness, uint16 toAssociation) external onlyRole(GOVERNOR_ROLE) {
        PaymentRulesBook.setPaymentFees(_ledger(), _feeAccount(), toPerson, toBusiness, toAssociation);
    }

    /// @inheritdoc IPaymentPolicy
    function setTransferRule(
        IMembership.AccountKind fromKind,
        IMembership.AccountKind toKind,
        bool forbidden
    ) external onlyRole(GOVERNOR_ROLE) {
        PaymentRulesBook.setTransferRule(_ledger(), fromKind, toKind, forbidden);
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
}
