// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IMembership} from "./IMembership.sol";

/// @title What every payment obeys: fees per recipient kind and the kinds that may pay each other
/// @notice Set by the governor, applied by the ledger to every payment (`transfer`, `transferFrom`, signed
/// transfer authorizations, and so delegated payments and payment requests), never to mints, burns,
/// reconversions, recoveries or migrations, nor to mutual credit (a ledger of its own). Fees are rounded down:
/// a payment below `10_000 / feeBps` cents carries none (splitting a payment can avoid a fee; it costs the
/// association its revenue, never a member its money). Fees are zero and every kind
/// may pay every kind until the governor says otherwise. Fees go to the fee account of the reconversion policy.
/// A fee is at most MAX_FEE_BPS (5 %). A change does not reach payments already signed or requested: a signed
/// transfer authorization is valid for at most a day after its `validAfter` (less than the governance delay),
/// and a payment request refuses to be paid once the fee on its requester has risen since it was made. Standing
/// permissions (allowances, delegations) pay under the fee in force at each payment, which the timelock announces
/// a delay ahead.
interface IPaymentPolicy {
    /// @notice A fee is at most MAX_FEE_BPS basis points.
    error FeeTooHigh(IMembership.AccountKind recipientKind, uint256 feeBps);

    /// @notice The governor set the fees on payments to each kind of account, in basis points.
    event PaymentFeesSet(address indexed governor, uint16 toPerson, uint16 toBusiness, uint16 toAssociation);
    /// @notice The governor forbade (or allowed again) payments from `fromKind` accounts to `toKind` accounts.
    event TransferRuleSet(
        address indexed governor,
        IMembership.AccountKind fromKind,
        IMembership.AccountKind toKind,
        bool forbidden
    );

    /// @notice The highest fee, in basis points, that the governor can set on any kind: 500 (5 %).
    // solhint-disable-next-line func-name-mixedcase
    function MAX_FEE_BPS() external view returns (uint16);

    /// @notice Sets the fee, in basis points of the amount paid, on payments to each kind of account. Non-zero
    /// fees need a fee account (see setReconversionPolicy). Governor only.
    function setPaymentFees(uint16 toPerson, uint16 toBusiness, uint16 toAssociation) external;

    /// @notice Forbids (or allows again) payments from accounts of `fromKind` to accounts of `toKind`. Governor
    /// only.
    function setTransferRule(IMembership.AccountKind fromKind, IMembership.AccountKind toKind, bool forbidden) external;

    /// @notice The fees, in basis points, on payments to each kind of account, and the forbidden kind pairs:
    /// bit `4 * fromKind + toKind` of `forbiddenKindPairs` is set when such payments are refused. A payment of
    /// `amount` to an account of kind K carries a fee of `amount * feeBps(K) / 10_000`, rounded down.
    function paymentPolicy()
        external
        view
        returns (uint16 feeToPerson, uint16 feeToBusiness, uint16 feeToAssociation, uint16 forbiddenKindPairs);
}
