// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

import {ILocalCurrency} from "./interfaces/ILocalCurrency.sol";
import {Membership} from "./membership/Membership.sol";
import {Ledger} from "./ledger/Ledger.sol";
import {Minting} from "./minting/Minting.sol";
import {PaymentPolicy} from "./payments/PaymentPolicy.sol";
import {TransferAuthorization} from "./authorization/TransferAuthorization.sol";
import {Reconversion} from "./reconversion/Reconversion.sol";
import {ReserveBook} from "./reserve/ReserveBook.sol";

/// @title A euro-backed local currency, behind a UUPS proxy
/// @notice See ILocalCurrency. Each concern lives in its own file: ledger/, membership/, reserve/, minting/,
/// reconversion/, payments/, authorization/.
contract LocalCurrency is
    Membership,
    Minting,
    Reconversion,
    PaymentPolicy,
    TransferAuthorization,
    UUPSUpgradeable,
    ILocalCurrency
{
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc ILocalCurrency
    function initialize(InitParams calldata params) external initializer {
        __AccessControl_init();
        __Ledger_init(params.name, params.symbol);

        if (params.governor == address(0)) revert InvalidAccount(address(0));
        _grantRole(GOVERNOR_ROLE, params.governor);
        _grantAll(TREASURER_ROLE, params.treasurers);
        _grantAll(AUDITOR_ROLE, params.auditors);
        _grantAll(MEMBER_MANAGER_ROLE, params.memberManagers);
        _grantAll(PAUSER_ROLE, params.pausers);

        _setMintPolicy(params.mintPolicy);
        _setMemberMoveDelay(params.memberMoveDelay);
        if (params.feeAccount != address(0)) _admit(params.feeAccount, AccountKind.Association);
        _setReconversionPolicy(params.reconversionKinds, params.reconversionCommissionBps, params.feeAccount);
    }

    /// @inheritdoc ILocalCurrency
    function upgradeFrom010(uint64 memberMoveDelay) external reinitializer(2) onlyRole(GOVERNOR_ROLE) {
        _setMemberMoveDelay(memberMoveDelay);
        ReserveBook.seedHistory();
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) public view override(Ledger, IERC20Permit) returns (uint256) {
        return super.nonces(owner);
    }

    function _grantAll(bytes32 role, address[] calldata accounts) private {
        for (uint256 i; i < accounts.length; ++i) {
            if (accounts[i] == address(0)) revert InvalidAccount(address(0));
            _grantRole(role, accounts[i]);
        }
    }

    /// @dev Only the governor upgrades (in production a timelock: upgrades wait its public delay).
    // solhint-disable-next-line no-empty-blocks
    function _authorizeUpgrade(address) internal override onlyRole(GOVERNOR_ROLE) {}
}
