// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ILedger} from "../interfaces/ILedger.sol";
import {ILocalCurrency} from "../interfaces/ILocalCurrency.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {IMutualCredit} from "../interfaces/IMutualCredit.sol";

/// @title Mutual credit beside a local currency, behind a UUPS proxy
/// @notice See IMutualCredit. A separate contract because the currency is near the 24 KB limit, and because
/// credit must never mix with the euro-backed supply: nothing here can mint, burn or move the currency's units.
contract MutualCredit is Initializable, UUPSUpgradeable, IMutualCredit {
    /// @dev The currency's roles (constants there: reading them would cost a call per operation).
    bytes32 private constant GOVERNOR_ROLE = 0x00;
    bytes32 private constant MEMBER_MANAGER_ROLE = keccak256("MEMBER_MANAGER_ROLE");
    bytes32 private constant AUDITOR_ROLE = keccak256("AUDITOR_ROLE");

    /// @dev Limits are stored on 64 bits: 2^64 - 1 cents is 1.8e17 euros, far beyond any credit line.
    uint256 private constant MAX_LIMIT = type(uint64).max;

    /// @dev Balance and both limits share one storage word, so a payment reads and writes exactly one slot per
    /// party. The balance never leaves [-2^64, 2^64] (it moves only within limits of 64 bits), so 128 bits are
    /// ample and keep the word full: 128 + 64 + 64 = 256.
    struct CreditAccount {
        int128 balance;
        uint64 floor;
        uint64 ceiling;
    }

    /// @custom:storage-location erc7201:komuno.storage.MutualCredit
    struct MutualCreditStorage {
        // The currency and the outstanding total share one word: every payment reads the first and writes the
        // second, so this costs one cold read instead of two. 96 bits hold 2^32 accounts at the largest ceiling.
        ILocalCurrency currency;
        uint96 outstanding;
        mapping(address account => CreditAccount) accounts;
        mapping(address from => address to) pendingMoves;
        // Appended, so the first release's layout stays: a move proposed then can be accepted at once, as it could.
        mapping(address from => uint64) moveExecutableAt;
        mapping(address account => PendingFloor) pendingFloors;
    }

    /// @dev A raised floor (more credit to spend) waiting for the member-move delay: one word per account.
    struct PendingFloor {
        uint64 floor;
        uint64 executableAt;
    }

    // keccak256(abi.encode(uint256(keccak256("komuno.storage.MutualCredit")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant MUTUAL_CREDIT_STORAGE = 0xb366f3c0bdd2034650ec8075747666de893e5fa1cd3d4926c6d0c0ae73e41800;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IMutualCredit
    function initialize(address localCurrency) external initializer {
        if (localCurrency == address(0)) revert InvalidCurrency(localCurrency);
        _storage().currency = ILocalCurrency(localCurrency);
    }

    // ---------------------------------------------------------------- limits

    /// @inheritdoc IMutualCredit
    function setCreditLimits(address account, uint256 floor, uint256 ceiling) external {
        MutualCreditStorage storage $ = _storage();
        ILocalCurrency currency_ = $.currency;
        _checkRole(currency_, MEMBER_MANAGER_ROLE);
        if (floor > MAX_LIMIT || ceiling > MAX_LIMIT) revert CreditLimitsTooLarge(floor, ceiling);
        IMembership.AccountStatus status = currency_.accountOf(account).status;
        if (status == IMembership.AccountStatus.None || status == IMembership.AccountStatus.Closed) {
            revert IMembership.AccountNotActive(account, status);
        }
        CreditAccount storage credit = $.accounts[account];
        // Both limits fit 64 bits (checked above). A new setting replaces a raise still waiting.
        delete $.pendingFloors[account];
        credit.ceiling = uint64(ceiling);
        uint64 delay = currency_.memberMoveDelay();
        if (floor > credit.floor && delay != 0) {
            // Spending power is money to the payees: a raise waits, public and cancellable, as a recovery does.
            uint64 executableAt = uint64(block.timestamp) + delay;
            $.pendingFloors[account] = PendingFloor(uint64(floor), executableAt);
            emit CreditFloorRaiseProposed(msg.sender, account, floor, executableAt);
        } else {
            credit.floor = uint64(floor);
        }
        emit CreditLimitsSet(msg.sender, account, credit.floor, ceiling);
    }

    /// @inheritdoc IMutualCredit
    function applyCreditFloorRaise(address account) external {
        MutualCreditStorage storage $ = _storage();
        PendingFloor memory pending = $.pendingFloors[account];
        if (pending.executableAt == 0) revert CreditFloorRaiseNotPending(account);
        if (block.timestamp < pending.executableAt) {
            revert IMembership.MemberMoveNotYetExecutable(pending.executableAt, block.timestamp);
        }
        IMembership.AccountStatus status = $.currency.accountOf(account).status;
        if (status == IMembership.AccountStatus.None || status == IMembership.AccountStatus.Closed) {
            revert IMembership.AccountNotActive(account, status);
        }
        delete $.pendingFloors[account];
        CreditAccount storage credit = $.accounts[account];
        credit.floor = pending.floor;
        emit CreditLimitsSet(msg.sender, account, pending.floor, credit.ceiling);
    }

    /// @inheritdoc IMutualCredit
    function cancelCreditFloorRaise(address account) external {
        MutualCreditStorage storage $ = _storage();
        _checkVetoRole($.currency);
        uint64 floor = $.pendingFloors[account].floor;
        if ($.pendingFloors[account].executableAt == 0) revert CreditFloorRaiseNotPending(account);
        delete $.pendingFloors[account];
        emit CreditFloorRaiseCancelled(account, floor, msg.sender);
    }

    /// @inheritdoc IMutualCredit
    function pendingCreditFloorRaise(address account) external view returns (uint256 floor, uint64 executableAt) {
        PendingFloor memory pending = _storage().pendingFloors[account];
        return (pending.floor, pending.executableAt);
    }

    /// @inheritdoc IMutualCredit
    function proposeCreditMove(address from, address to, bytes32 reasonHash) external {
        MutualCreditStorage storage $ = _storage();
        ILocalCurrency currency_ = $.currency;
        _checkRole(currency_, MEMBER_MANAGER_ROLE);
        if (currency_.paused()) revert ILedger.EnforcedPause();
        if (reasonHash == 0) revert MissingMoveReason();
        _requireMovable(currency_, from);
        _requireActive(currency_, to);
        // The currency's member-move delay: a debt or a claim moves no faster than a balance does.
        uint64 executableAt = uint64(block.timestamp) + currency_.memberMoveDelay();
        $.pendingMoves[from] = to;
        $.moveExecutableAt[from] = executableAt;
        emit CreditMoveProposed(msg.sender, from, to, reasonHash, executableAt);
    }

    /// @inheritdoc IMutualCredit
    function cancelCreditMove(address from) external {
        MutualCreditStorage storage $ = _storage();
        _checkVetoRole($.currency);
        address to = $.pendingMoves[from];
        if (to == address(0)) revert CreditMoveNotProposed(from, address(0));
        _clearMove($, from);
        emit CreditMoveCancelled(from, to, msg.sender);
    }

    /// @inheritdoc IMutualCredit
    function acceptCreditMove(address from) external {
        address to = msg.sender;
        MutualCreditStorage storage $ = _storage();
        ILocalCurrency currency_ = $.currency;
        if (currency_.paused()) revert ILedger.EnforcedPause();
        uint64 executableAt = $.moveExecutableAt[from];
        // A move proposed before delays existed has no time: it must be proposed again, with its delay.
        if ($.pendingMoves[from] != to || to == address(0) || executableAt == 0) revert CreditMoveNotProposed(from, to);
        if (block.timestamp < executableAt)
            revert IMembership.MemberMoveNotYetExecutable(executableAt, block.timestamp);
        // Checked again: the member manager may have unfrozen `from`, or frozen `to`, since the proposal.
        _requireMovable(currency_, from);
        _requireActive(currency_, to);
        _clearMove($, from);
        _moveAccount($, from, to);
    }

    /// @inheritdoc IMutualCredit
    function followMigration(address oldAccount) external {
        MutualCreditStorage storage $ = _storage();
        if ($.currency.paused()) revert ILedger.EnforcedPause();
        address newAccount = $.currency.successorOf(oldAccount);
        if (newAccount == address(0)) revert AccountNotMigrated(oldAccount);
        _moveAccount($, oldAccount, newAccount);
    }

    /// @inheritdoc IMutualCredit
    function pendingCreditMove(address from) external view returns (address to, uint64 executableAt) {
        MutualCreditStorage storage $ = _storage();
        return ($.pendingMoves[from], $.moveExecutableAt[from]);
    }

    function _clearMove(MutualCreditStorage storage $, address from) private {
        delete $.pendingMoves[from];
        delete $.moveExecutableAt[from];
    }

    function _moveAccount(MutualCreditStorage storage $, address from, address to) private {
        CreditAccount memory target = $.accounts[to];
        if (target.balance != 0 || target.floor != 0 || target.ceiling != 0) {
            revert CreditAccountInUse(to, target.balance, target.floor, target.ceiling);
        }
        CreditAccount memory moved = $.accounts[from];
        $.accounts[to] = moved;
        delete $.accounts[from];
        emit CreditAccountMoved(from, to, moved.balance);
    }

    // ---------------------------------------------------------------- payments

    /// @inheritdoc IMutualCredit
    function pay(address to, uint256 amount) external {
        address from = msg.sender;
        MutualCreditStorage storage $ = _storage();
        ILocalCurrency currency_ = $.currency;
        if (currency_.paused()) revert ILedger.EnforcedPause();
        if (amount == 0) revert ILedger.ZeroAmount();
        if (amount > type(uint128).max) revert ILedger.AmountTooLarge(amount);
        // Rejected rather than allowed as in the euro ledger: a self-payment changes no balance, only pollutes
        // the history, and the two parties' words below must be distinct slots.
        if (to == from) revert CreditToSelf(from);
        _requireActive(currency_, from);
        _requireActive(currency_, to);

        CreditAccount memory sender = $.accounts[from];
        CreditAccount memory recipient = $.accounts[to];
        // amount < 2^128 and every balance and limit is within 2^64 in magnitude: no int256 overflow.
        int256 fromBalance = int256(sender.balance) - int256(amount);
        if (fromBalance < -int256(uint256(sender.floor))) {
            revert CreditFloorExceeded(from, sender.balance, amount, sender.floor);
        }
        int256 toBalance = int256(recipient.balance) + int256(amount);
        if (toBalance > int256(uint256(recipient.ceiling))) {
            revert CreditCeilingExceeded(to, recipient.balance, amount, recipient.ceiling);
        }
        // Both new balances are within their limits, hence within 2^64 in magnitude: the casts cannot truncate.
        $.accounts[from].balance = int128(fromBalance);
        $.accounts[to].balance = int128(toBalance);
        // The sum of positive balances moves by what each party's positive part moved. The total covers both
        // parties' old positive parts, so subtracting them last cannot underflow.
        $.outstanding = SafeCast.toUint96(
            $.outstanding +
                _positivePart(fromBalance) +
                _positivePart(toBalance) -
                _positivePart(sender.balance) -
                _positivePart(recipient.balance)
        );
        emit CreditPaid(from, to, amount, fromBalance, toBalance);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IMutualCredit
    function creditBalanceOf(address account) external view returns (int256) {
        return _storage().accounts[account].balance;
    }

    /// @inheritdoc IMutualCredit
    function creditLimitsOf(address account) external view returns (uint256 floor, uint256 ceiling) {
        CreditAccount storage credit = _storage().accounts[account];
        return (credit.floor, credit.ceiling);
    }

    /// @inheritdoc IMutualCredit
    function creditOutstanding() external view returns (uint256) {
        return _storage().outstanding;
    }

    /// @inheritdoc IMutualCredit
    function currency() external view returns (address) {
        return address(_storage().currency);
    }

    // ---------------------------------------------------------------- internal

    /// @dev Only a governor of the currency upgrades: the board that governs the currency governs its credit.
    function _authorizeUpgrade(address) internal view override {
        _checkRole(_storage().currency, GOVERNOR_ROLE);
    }

    /// @dev The currency's own error, so the SDK explains a missing role here as it does there.
    function _checkRole(ILocalCurrency currency_, bytes32 role) private view {
        if (!IAccessControl(address(currency_)).hasRole(role, msg.sender)) {
            revert IAccessControl.AccessControlUnauthorizedAccount(msg.sender, role);
        }
    }

    /// @dev Who may stop a pending move or raise: the governor, an auditor or a member manager.
    function _checkVetoRole(ILocalCurrency currency_) private view {
        IAccessControl roles = IAccessControl(address(currency_));
        if (!roles.hasRole(GOVERNOR_ROLE, msg.sender) && !roles.hasRole(AUDITOR_ROLE, msg.sender)) {
            _checkRole(currency_, MEMBER_MANAGER_ROLE);
        }
    }

    function _requireActive(ILocalCurrency currency_, address account) private view {
        IMembership.AccountStatus status = currency_.accountOf(account).status;
        if (status != IMembership.AccountStatus.Active) revert IMembership.AccountNotActive(account, status);
    }

    /// @dev An active member pays with its own key; only a frozen or closed member's credit account moves.
    function _requireMovable(ILocalCurrency currency_, address account) private view {
        IMembership.AccountStatus status = currency_.accountOf(account).status;
        if (status != IMembership.AccountStatus.Frozen && status != IMembership.AccountStatus.Closed) {
            revert CreditAccountNotMovable(account, status);
        }
    }

    function _positivePart(int256 balance) private pure returns (uint256) {
        return balance > 0 ? uint256(balance) : 0;
    }

    function _storage() private pure returns (MutualCreditStorage storage $) {
        assembly {
            $.slot := MUTUAL_CREDIT_STORAGE
        }
    }
}
