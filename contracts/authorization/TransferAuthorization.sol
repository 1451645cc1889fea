// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import {ITransferAuthorization} from "../interfaces/ITransferAuthorization.sol";
import {Ledger} from "../ledger/Ledger.sol";

/// @title EIP-3009 payments: signed by the payer, submitted by a relayer, paid through the ledger's `_pay`
abstract contract TransferAuthorization is Ledger, ITransferAuthorization {
    /// @custom:storage-location erc7201:komuno.storage.TransferAuthorization
    struct TransferAuthorizationStorage {
        mapping(address authorizer => mapping(bytes32 nonce => bool)) used;
    }

    // keccak256(abi.encode(uint256(keccak256("komuno.storage.TransferAuthorization")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant TRANSFER_AUTHORIZATION_STORAGE =
        0xd9417261fe7c90f0bedfd44179cb2a6bb01fded0c907ef357a22b34c396ce000;

    // The EIP-3009 types, as wallets sign them (sdk/transferAuthorization.ts builds the same).
    // solhint-disable max-line-length
    bytes32 private constant TRANSFER_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    bytes32 private constant RECEIVE_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    // solhint-enable max-line-length
    bytes32 private constant CANCEL_AUTHORIZATION_TYPEHASH = keccak256(
        "CancelAuthorization(address authorizer,bytes32 nonce)"
    );

    /// @inheritdoc ITransferAuthorization
    uint256 public constant MAX_AUTHORIZATION_VALIDITY = 1 days;

    function _transferAuthorization() private pure returns (TransferAuthorizationStorage storage $) {
        assembly {
            $.slot := TRANSFER_AUTHORIZATION_STORAGE
        }
    }

    /// @inheritdoc ITransferAuthorization
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
    ) external {
        bytes32 structHash = keccak256(
            abi.encode(TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce)
        );
        _useAuthorization(from, nonce, validAfter, validBefore, structHash, v, r, s);
        _pay(from, to, value);
    }

    /// @inheritdoc ITransferAuthorization
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
    ) external {
        if (_msgSender() != to) revert CallerNotPayee(_msgSender(), to);
        bytes32 structHash = keccak256(
            abi.encode(RECEIVE_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce)
        );
        _useAuthorization(from, nonce, validAfter, validBefore, structHash, v, r, s);
        _pay(from, to, value);
    }

    /// @inheritdoc ITransferAuthorization
    function cancelAuthorization(address authorizer, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) external {
        _checkSigner(authorizer, keccak256(abi.encode(CANCEL_AUTHORIZATION_TYPEHASH, authorizer, nonce)), v, r, s);
        _markUsed(authorizer, nonce);
        emit AuthorizationCanceled(authorizer, nonce);
    }

    /// @inheritdoc ITransferAuthorization
    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool) {
        return _transferAuthorization().used[authorizer][nonce];
    }

    function _useAuthorization(
        address from,
        bytes32 nonce,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 structHash,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) private {
        // A window no longer than a day, shorter than any production governance delay: an authorization signed
        // before a fee rise was scheduled is used or expired before the rise can execute.
        if (validBefore > validAfter && validBefore - validAfter > MAX_AUTHORIZATION_VALIDITY) {
            revert AuthorizationValidityTooLong(validAfter, validBefore, MAX_AUTHORIZATION_VALIDITY);
        }
        if (block.timestamp <= validAfter) revert AuthorizationNotYetValid(validAfter);
        if (block.timestamp >= validBefore) revert AuthorizationExpired(validBefore);
        _checkSigner(from, structHash, v, r, s);
        _markUsed(from, nonce);
        emit AuthorizationUsed(from, nonce);
    }

    function _checkSigner(address authorizer, bytes32 structHash, uint8 v, bytes32 r, bytes32 s) private view {
        address signer = ECDSA.recover(_hashTypedDataV4(structHash), v, r, s);
        if (signer != authorizer) revert InvalidAuthorizationSigner(signer, authorizer);
    }

    function _markUsed(address authorizer, bytes32 nonce) private {
        mapping(bytes32 => bool) storage used = _transferAuthorization().used[authorizer];
        if (used[nonce]) revert AuthorizationAlreadyUsed(authorizer, nonce);
        used[nonce] = true;
    }
}
