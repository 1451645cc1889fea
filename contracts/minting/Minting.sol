// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IMembership} from "../interfaces/IMembership.sol";
import {IMinting} from "../interfaces/IMinting.sol";
import {ReferenceSet} from "../libraries/ReferenceSet.sol";
import {Reserve} from "../reserve/Reserve.sol";

/// @title Minting against euro deposits, each deposit reference once, ever
abstract contract Minting is Reserve, IMinting {
    using ReferenceSet for ReferenceSet.Set;

    /// @custom:storage-location erc7201:komuno.storage.Minting
    struct MintingStorage {
        mapping(address treasurer => uint256) allowances;
        ReferenceSet.Set mintedDeposits;
    }

    // keccak256(abi.encode(uint256(keccak256("komuno.storage.Minting")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant MINTING_STORAGE = 0x5d5df74b9958bc6f4d12c0745fdff785a5caae0b98deadef71ae787fc8562600;

    function _minting() private pure returns (MintingStorage storage $) {
        assembly {
            $.slot := MINTING_STORAGE
        }
    }

    /// @inheritdoc IMinting
    function mint(address to, uint256 amount, bytes32 depositRef) external onlyRole(TREASURER_ROLE) {
        _requireNotPaused();
        _creditDeposit(to, amount, depositRef);
        _completeMint(amount);
    }

    /// @inheritdoc IMinting
    function mintBatch(Deposit[] calldata deposits) external onlyRole(TREASURER_ROLE) {
        _requireNotPaused();
        uint256 count = deposits.length;
        if (count == 0) revert EmptyBatch();
        uint256 total;
        for (uint256 i; i < count; ++i) {
            Deposit calldata deposit = deposits[i];
            _creditDeposit(deposit.to, deposit.amount, deposit.depositRef);
            total += deposit.amount;
        }
        _completeMint(total);
    }

    /// @inheritdoc IMinting
    function increaseMintAllowance(address treasurer, uint256 amount) external onlyRole(GOVERNOR_ROLE) {
        if (!hasRole(TREASURER_ROLE, treasurer)) revert AccessControlUnauthorizedAccount(treasurer, TREASURER_ROLE);
        mapping(address => uint256) storage allowances = _minting().allowances;
        uint256 allowance = allowances[treasurer] + amount;
        allowances[treasurer] = allowance;
        emit MintAllowanceSet(_msgSender(), treasurer, allowance);
    }

    /// @inheritdoc IMinting
    function decreaseMintAllowance(address treasurer, uint256 amount) external onlyRole(GOVERNOR_ROLE) {
        mapping(address => uint256) storage allowances = _minting().allowances;
        uint256 current = allowances[treasurer];
        // Saturating: mints made while the decrease waited in the timelock must not make it fail.
        uint256 allowance = current > amount ? current - amount : 0;
        allowances[treasurer] = allowance;
        emit MintAllowanceSet(_msgSender(), treasurer, allowance);
    }

    /// @inheritdoc IMinting
    function mintAllowance(address treasurer) external view returns (uint256) {
        return _minting().allowances[treasurer];
    }

    /// @inheritdoc IMinting
    function isDepositMinted(bytes32 depositRef) external view returns (bool) {
        return _minting().mintedDeposits.contains(depositRef);
    }

    /// @dev A treasurer who loses the role (revoked or renounced) loses what it could still mint: a later grant
    /// starts from zero.
    function _clearMintAllowance(address treasurer) internal override {
        if (_minting().allowances[treasurer] == 0) return;
        delete _minting().allowances[treasurer];
        emit MintAllowanceSet(_msgSender(), treasurer, 0);
    }

    /// @dev Per-deposit part of a mint: the cost that a batch pays once per deposit.
    function _creditDeposit(address to, uint256 amount, bytes32 depositRef) private {
        if (amount == 0) revert ZeroAmount();
        if (depositRef == 0) revert MissingDepositRef();
        if (!_minting().mintedDeposits.add(depositRef)) revert DepositAlreadyMinted(depositRef);
        Account storage account = _ledger().accounts[to];
        IMembership.AccountStatus status = account.status;
        if (status != IMembership.AccountStatus.Active) revert IMembership.AccountNotActive(to, status);
        unchecked {
            // A truncated or overflowing amount cannot survive: _completeMint then reverts the whole call,
            // since the total it adds to the supply is at least this amount and the supply fits 128 bits.
            account.balance += uint128(amount);
        }
        emit Transfer(address(0), to, amount);
        emit Minted(_msgSender(), to, amount, depositRef);
    }

    /// @dev Per-call part of a mint: allowance, supply and policy, once for a whole batch.
    function _completeMint(uint256 total) private {
        address treasurer = _msgSender();
        MintingStorage storage $ = _minting();
        uint256 allowance = $.allowances[treasurer];
        if (allowance < total) revert MintAllowanceExceeded(treasurer, allowance, total);
        unchecked {
            $.allowances[treasurer] = allowance - total;
        }
        _checkMintPolicy(_increaseSupply(total));
    }
}
