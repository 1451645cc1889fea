// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

import {IMembership} from "./IMembership.sol";

/// @title The ledger of a local currency: an ERC-20 token with 2 decimals (euro cents)
/// @notice Payments move between active members only. The pauser can stop every movement of money (payments,
/// mints, reconversions, burns, migrations); only the governor resumes. Approvals can be signed off-chain
/// (EIP-2612 `permit`), so a relayer can pay the gas; every payment rule still applies to the payment itself.
/// A payment may carry a fee (set per recipient kind, see IPaymentPolicy): the payer pays the amount, the
/// payee receives the amount minus the fee, and the fee goes to the association's fee account.
interface ILedger is IERC20Metadata, IERC20Permit {
    /// @notice Money cannot move while the currency is paused.
    error EnforcedPause();
    /// @notice The currency is not paused.
    error ExpectedPause();
    /// @notice An amount must be greater than zero.
    error ZeroAmount();
    /// @notice The amount does not fit the ledger (more than 2^128 - 1 cents of supply).
    error AmountTooLarge(uint256 amount);
    /// @notice The last governor cannot leave: nobody could grant roles or upgrade any more.
    error LastGovernor(address governor);
    /// @notice The permit's deadline has passed.
    error ERC2612ExpiredSignature(uint256 deadline);
    /// @notice The permit was not signed by the owner (or was already used: its nonce moved on).
    error ERC2612InvalidSigner(address signer, address owner);

    /// @notice The governor role changes hands in two steps: proposeGovernor, then acceptGovernor by the new one.
    error GovernorHandoverIsTwoStep();
    /// @notice Only the address a governor proposed can accept the governor role.
    error GovernorNotProposed(address account);
    /// @notice A commission or a payment fee needs an admitted fee account to go to.
    error FeeAccountRequired();
    /// @notice The governor forbade payments from accounts of `fromKind` to accounts of `toKind`.
    error PaymentBetweenKindsForbidden(IMembership.AccountKind fromKind, IMembership.AccountKind toKind);

    /// @notice A payment of `amount` cents from `from` to `to` carried `fee` cents, credited to `feeAccount`:
    /// `to` received `amount - fee`. Emitted after the payment's two Transfer events (to the payee and to the
    /// fee account), only when the fee is not zero.
    event PaymentFeeCharged(
        address indexed from,
        address indexed to,
        address indexed feeAccount,
        uint256 amount,
        uint256 fee
    );
    /// @notice `governor` proposed `newGovernor` as a governor; it becomes one when it accepts (RoleGranted).
    event GovernorProposed(address indexed governor, address indexed newGovernor);
    /// @notice `account` (the pauser) stopped every movement of money.
    event Paused(address indexed account);
    /// @notice `account` (the governor) resumed.
    event Unpaused(address indexed account);

    /// @notice Stops payments, mints, reconversions, burns and migrations. Pauser only.
    function pause() external;

    /// @notice Resumes. Governor only.
    function unpause() external;

    /// @notice True while paused.
    function paused() external view returns (bool);

    /// @notice Names `newGovernor` (in production a timelock) as a future governor; replaces an earlier
    /// proposal, and zero withdraws it. Revoking or renouncing any governor withdraws it too. Governor only.
    function proposeGovernor(address newGovernor) external;

    /// @notice Called by the proposed governor: takes the governor role. The previous governor keeps it until it
    /// renounces (the last governor never can).
    function acceptGovernor() external;

    /// @notice The address proposed as governor and not yet accepted, or zero.
    function proposedGovernor() external view returns (address);
}
