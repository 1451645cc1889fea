// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title Payments signed off-chain and submitted by anyone (EIP-3009)
/// @notice A member signs an authorization (EIP-712, the currency's domain) to pay `value` cents to `to`
/// between `validAfter` and `validBefore`; a relayer submits it and pays the gas. Each authorization has a
/// random 32-byte nonce, usable once, in any order. The payment is an ordinary one: membership, freeze, pause,
/// fees and transfer rules all apply. With a fee, the payee receives `value` minus the fee: a contract receiving
/// such payments must count the balance it gained, not `value`. Signatures are ECDSA (no ERC-1271 wallets).
/// `validBefore` is at most MAX_AUTHORIZATION_VALIDITY (one day) after `validAfter`: set `validAfter` to the
/// signing time (an authorization with `validAfter` 0 is refused). A fee change waits in the governance timelock
/// longer than that, so an authorization signed before the change was scheduled, and not post-dated by its
/// signer, is used or expired before the change can execute.
interface ITransferAuthorization {
    /// @notice The authorization is valid only after `validAfter` (not at that second itself).
    error AuthorizationNotYetValid(uint256 validAfter);
    /// @notice The authorization's window, from `validAfter` to `validBefore`, is longer than `maxValidity`.
    error AuthorizationValidityTooLong(uint256 validAfter, uint256 validBefore, uint256 maxValidity);
    /// @notice The authorization expired at `validBefore`.
    error AuthorizationExpired(uint256 validBefore);
    /// @notice `authorizer` already used or cancelled the authorization with this nonce.
    error AuthorizationAlreadyUsed(address authorizer, bytes32 nonce);
    /// @notice The signature is not `authorizer`'s (recovered `signer`).
    error InvalidAuthorizationSigner(address signer, address authorizer);
    /// @notice A receive authorization can only be submitted by its payee (nobody can front-run it).
    error CallerNotPayee(address caller, address payee);

    /// @notice The authorization with `nonce` was used for a payment.
    event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce);
    /// @notice The authorization with `nonce` was cancelled before use.
    event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce);

    /// @notice The longest window an authorization may have, in seconds: one day.
    // solhint-disable-next-line func-name-mixedcase
    function MAX_AUTHORIZATION_VALIDITY() external view returns (uint256);

    /// @notice Pays with `from`'s signed TransferWithAuthorization. Anyone may submit it.
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Pays with `from`'s signed ReceiveWithAuthorization. Only the payee `to` may submit it, so a
    /// contract receiving it cannot be front-run.
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Cancels an unused authorization with `authorizer`'s signed CancelAuthorization.
    function cancelAuthorization(address authorizer, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) external;

    /// @notice True once the authorization with `nonce` was used or cancelled.
    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool);
}
