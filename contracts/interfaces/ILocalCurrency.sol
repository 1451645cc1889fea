// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ILedger} from "./ILedger.sol";
import {IMembership} from "./IMembership.sol";
import {IMinting} from "./IMinting.sol";
import {IPaymentPolicy} from "./IPaymentPolicy.sol";
import {IReconversion} from "./IReconversion.sol";
import {IReserve} from "./IReserve.sol";
import {ITransferAuthorization} from "./ITransferAuthorization.sol";

/// @title A euro-backed local currency
/// @notice One currency: a ledger of members' balances in euro cents, minted against euro deposits in a
/// guarantee fund, burned when reconverted to euros, and checkable from the chain alone: supply never exceeds
/// the attested reserve when the policy says so, and every unit minted names its deposit.
/// Roles (granted and revoked by the governor): GOVERNOR_ROLE (also upgrades), TREASURER_ROLE, AUDITOR_ROLE,
/// MEMBER_MANAGER_ROLE, PAUSER_ROLE. In production the governor is an OpenZeppelin TimelockController: every
/// power over members' money or the rules (upgrades, role grants, mint policy and allowances, fees, transfer
/// rules, the reconversion policy and fee account, the member-move delay, resuming after a pause) is scheduled
/// in public and executes only after the currency's governance delay, while the board can cancel it. What only
/// takes power away is instant: a pauser pauses and revokes any role but the governor's.
interface ILocalCurrency is
    ILedger,
    IMembership,
    IReserve,
    IMinting,
    IReconversion,
    IPaymentPolicy,
    ITransferAuthorization
{
    /// @notice Everything a currency starts with.
    struct InitParams {
        string name;
        string symbol;
        address governor;
        address[] treasurers;
        address[] auditors;
        address[] memberManagers;
        address[] pausers;
        MintPolicy mintPolicy;
        uint64 memberMoveDelay; // seconds that migrations, recoveries and mutual-credit moves wait
        uint8 reconversionKinds; // bit `1 << kind` per account kind allowed to reconvert
        uint16 reconversionCommissionBps;
        address feeAccount; // admitted as an Association account at initialisation, unless zero
    }

    /// @notice Sets up the currency behind its proxy. Callable once.
    function initialize(InitParams calldata params) external;

    /// @notice Completes an upgrade from 0.1.0 in the upgrade's own transaction (`upgradeToAndCall`): sets the
    /// member-move delay, so recoveries and migrations wait from the first block the new code runs, and starts the
    /// burn history with the units burned since the last attestation. Governor only; once.
    function upgradeFrom010(uint64 memberMoveDelay) external;
}
