// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ILocalCurrency} from "../interfaces/ILocalCurrency.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {PermitLib} from "../libraries/PermitLib.sol";
import {IPaymentRequests} from "../interfaces/IPaymentRequests.sol";

/// @title Payment requests: a member asks, the payer pays once or rejects, the requester may cancel
/// @notice Holds no money and no role: a payment is the currency's own `transferFrom` from the payer, within
/// the allowance the payer gave this contract, so every rule of the ledger applies to it.
contract PaymentRequests is IPaymentRequests {
    /// @dev A request in two storage words. Word 1: requester (160 bits), expiresAt (64), status (8), the fee in
    /// force for the requester when it was made (16); word 2: payer (160), amount (96). `pay` reads both and writes
    /// only the first (the status). A uint96 of cents is ~7.9e26 euros: no request a real ledger can pay is refused.
    struct Request {
        address requester;
        uint64 expiresAt;
        RequestStatus status;
        uint16 feeBps;
        address payer;
        uint96 amount;
    }

    /// @notice Longest memo, in bytes: a line on a receipt, not a document (the event's data is paid for).
    uint256 public constant MAX_MEMO_LENGTH = 200;

    ILocalCurrency private immutable CURRENCY;

    uint256 private _count;
    mapping(uint256 id => Request) private _requests;
    mapping(address requester => mapping(bytes32 ref => uint256 id)) private _idsByReference;

    constructor(address currency_) {
        if (currency_ == address(0)) revert InvalidCurrency(currency_);
        CURRENCY = ILocalCurrency(currency_);
    }

    /// @inheritdoc IPaymentRequests
    function create(
        address payer,
        uint256 amount,
        uint64 expiresAt,
        string calldata memo
    ) external returns (uint256 id) {
        return _create(payer, amount, expiresAt, memo);
    }

    /// @inheritdoc IPaymentRequests
    function createWithReference(
        address payer,
        uint256 amount,
        uint64 expiresAt,
        string calldata memo,
        bytes32 ref
    ) external returns (uint256 id) {
        uint256 existing = _idsByReference[msg.sender][ref];
        if (existing != 0) revert RequestReferenceUsed(msg.sender, ref, existing);
        id = _create(payer, amount, expiresAt, memo);
        _idsByReference[msg.sender][ref] = id;
        emit PaymentRequestReferenced(id, msg.sender, ref);
    }

    /// @inheritdoc IPaymentRequests
    function requestIdByReference(address requester, bytes32 ref) external view returns (uint256) {
        return _idsByReference[requester][ref];
    }

    function _create(
        address payer,
        uint256 amount,
        uint64 expiresAt,
        string calldata memo
    ) private returns (uint256 id) {
        address requester = msg.sender;
        if (amount == 0) revert ZeroAmount();
        if (amount > type(uint96).max) revert AmountTooLarge(amount);
        if (expiresAt != 0 && expiresAt <= block.timestamp) revert InvalidExpiry(expiresAt, block.timestamp);
        if (bytes(memo).length > MAX_MEMO_LENGTH) revert MemoTooLong(bytes(memo).length, MAX_MEMO_LENGTH);
        if (payer == address(0) || payer == requester) revert InvalidPayer(payer);
        // Checked here for the parties' sake (a request to a closed account would only ever fail); the ledger
        // checks both again when the request is paid.
        uint16 feeBps = _feeOnPaymentsTo(_requireActive(requester));
        _requireActive(payer);

        id = ++_count;
        _requests[id] = Request({
            requester: requester,
            expiresAt: expiresAt,
            status: RequestStatus.Open,
            feeBps: feeBps,
            payer: payer,
            amount: uint96(amount)
        });
        emit PaymentRequested(id, requester, payer, amount, expiresAt, memo);
    }

    /// @inheritdoc IPaymentRequests
    function pay(uint256 id) external {
        (Request storage request, uint256 amount) = _payableRequest(id);
        _settle(id, request, amount);
    }

    /// @inheritdoc IPaymentRequests
    function payWithPermit(uint256 id, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
        (Request storage request, uint256 amount) = _payableRequest(id);
        PermitLib.applyPermit(CURRENCY, msg.sender, amount, deadline, v, r, s);
        _settle(id, request, amount);
    }

    /// @inheritdoc IPaymentRequests
    function reject(uint256 id) external {
        Request storage request = _openRequest(id);
        if (msg.sender != request.payer) revert NotRequestPayer(id, msg.sender);
        request.status = RequestStatus.Rejected;
        emit PaymentRequestRejected(id, msg.sender);
    }

    /// @inheritdoc IPaymentRequests
    function cancel(uint256 id) external {
        Request storage request = _openRequest(id);
        if (msg.sender != request.requester) revert NotRequester(id, msg.sender);
        request.status = RequestStatus.Cancelled;
        emit PaymentRequestCancelled(id, msg.sender);
    }

    /// @inheritdoc IPaymentRequests
    function requestOf(uint256 id) external view returns (PaymentRequest memory) {
        Request memory request = _requests[id];
        return
            PaymentRequest({
                requester: request.requester,
                payer: request.payer,
                amount: request.amount,
                expiresAt: request.expiresAt,
                status: request.status,
                feeBps: request.feeBps
            });
    }

    /// @inheritdoc IPaymentRequests
    function requestCount() external view returns (uint256) {
        return _count;
    }

    /// @inheritdoc IPaymentRequests
    function currency() external view returns (address) {
        return address(CURRENCY);
    }

    /// @dev The open request `id`, whatever its expiry.
    function _openRequest(uint256 id) private view returns (Request storage request) {
        request = _requests[id];
        RequestStatus status = request.status;
        if (status != RequestStatus.Open) revert RequestNotOpen(id, status);
    }

    /// @dev The open, unexpired request `id`, called by its payer, and its amount.
    function _payableRequest(uint256 id) private view returns (Request storage request, uint256 amount) {
        request = _openRequest(id);
        if (msg.sender != request.payer) revert NotRequestPayer(id, msg.sender);
        uint64 expiresAt = request.expiresAt;
        if (expiresAt != 0 && block.timestamp >= expiresAt) revert RequestExpired(id, expiresAt);
        // The fee inside what was requested: a rise scheduled and executed since never reaches this payment.
        uint16 feeBpsNow = _feeOnPaymentsTo(CURRENCY.accountOf(request.requester).kind);
        if (feeBpsNow > request.feeBps) revert FeeRaisedSinceRequest(id, request.feeBps, feeBpsNow);
        amount = request.amount;
    }

    /// @dev Marks the request paid before the money moves (checks-effects-interactions): a reentrant call could
    /// never pay it twice. The ledger's own errors (frozen, paused, insufficient balance or allowance) revert
    /// the whole call, status included.
    function _settle(uint256 id, Request storage request, uint256 amount) private {
        address requester = request.requester;
        request.status = RequestStatus.Paid;
        emit PaymentRequestPaid(id, msg.sender, requester, amount);
        CURRENCY.transferFrom(msg.sender, requester, amount);
    }

    /// @return kind the account's kind
    function _requireActive(address account) private view returns (IMembership.AccountKind kind) {
        IMembership.AccountInfo memory info = CURRENCY.accountOf(account);
        if (info.status != IMembership.AccountStatus.Active) revert IMembership.AccountNotActive(account, info.status);
        return info.kind;
    }

    function _feeOnPaymentsTo(IMembership.AccountKind kind) private view returns (uint16) {
        (uint16 toPerson, uint16 toBusiness, uint16 toAssociation, ) = CURRENCY.paymentPolicy();
        if (kind == IMembership.AccountKind.Person) return toPerson;
        if (kind == IMembership.AccountKind.Business) return toBusiness;
        return kind == IMembership.AccountKind.Association ? toAssociation : 0;
    }
}
