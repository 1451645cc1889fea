// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title The ledger of a local currency: an ERC-20 token with 2 decimals (euro cents)
/// @notice Payments move between active members only. The pauser can stop every movement of money (payments,
/// mints, reconversions, burns, migrations); only the governor resumes. Approvals can be signed off-chain
/// (EIP-2612 `permit`), so a relayer can pay the gas; every payment rule still applies to the payment itself.
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
}
