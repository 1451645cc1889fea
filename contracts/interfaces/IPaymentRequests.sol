// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title Payment requests between members of one currency
/// @notice A member (typically a shop) asks another member to pay an amount, with a memo. The payer pays it
/// (exactly that amount, at most once) or rejects it; the requester may cancel it while it is open; a request
/// may expire. Paying moves the money through the currency's `transferFrom`: the payer approved this contract
/// (or hands an EIP-2612 permit in the same call), and every payment rule of the currency (membership, freeze,
/// pause, fees) applies to the payment itself. Creating, rejecting and cancelling move no money, so they are
/// allowed while the currency is paused.
interface IPaymentRequests {
    /// @notice Where a request is in its life. `None`: never created. `Paid`, `Rejected`, `Cancelled` are final.
    /// An open request past its expiry stays `Open` on chain but can no longer be paid.
    enum RequestStatus {
        None,
        Open,
        Paid,
        Rejected,
        Cancelled
    }

    /// @notice A request as `requestOf` returns it.
    struct PaymentRequest {
        address requester;
        address payer;
        uint256 amount; // cents
        uint64 expiresAt; // unix seconds; 0 = never
        RequestStatus status;
        uint16 feeBps; // the fee on payments to the requester when the request was made
    }

    /// @notice The request is not open (unknown, or already paid, rejected or cancelled).
    error RequestNotOpen(uint256 id, RequestStatus status);
    /// @notice Only the request's payer may pay or reject it.
    error NotRequestPayer(uint256 id, address caller);
    /// @notice Only the request's requester may cancel it.
    error NotRequester(uint256 id, address caller);
    /// @notice The request expired at `expiresAt` and can no longer be paid.
    error RequestExpired(uint256 id, uint64 expiresAt);
    /// @notice The fee on payments to the requester rose since the request was made: the requester would receive
    /// less than it asked for, so the request must be made again.
    error FeeRaisedSinceRequest(uint256 id, uint256 feeBpsAtRequest, uint256 feeBpsNow);
    /// @notice An expiry must be zero (never) or in the future.
    error InvalidExpiry(uint64 expiresAt, uint256 currentTime);
    /// @notice A memo is at most `max` bytes of UTF-8.
    error MemoTooLong(uint256 length, uint256 max);
    /// @notice The payer may not be the zero address nor the requester.
    error InvalidPayer(address payer);
    /// @notice The currency address given at construction is zero.
    error InvalidCurrency(address currency);
    /// @notice `requester` already made request `id` under this reference: a retry must not ask twice.
    error RequestReferenceUsed(address requester, bytes32 ref, uint256 id);
    /// @notice An amount must be greater than zero (same error as the currency's).
    error ZeroAmount();
    /// @notice The amount does not fit a request (same error as the currency's).
    error AmountTooLarge(uint256 amount);

    /// @notice `requester` asked `payer` for `amount` cents, payable until `expiresAt` (0 = no expiry).
    event PaymentRequested(
        uint256 indexed id,
        address indexed requester,
        address indexed payer,
        uint256 amount,
        uint64 expiresAt,
        string memo
    );
    /// @notice `payer` paid the request: `amount` cents left its balance for `requester`.
    event PaymentRequestPaid(uint256 indexed id, address indexed payer, address indexed requester, uint256 amount);
    /// @notice `payer` refused the request.
    event PaymentRequestRejected(uint256 indexed id, address indexed payer);
    /// @notice `requester` withdrew the request.
    event PaymentRequestCancelled(uint256 indexed id, address indexed requester);
    /// @notice Request `id` was made under the requester's own `ref` (an invoice number, hashed).
    event PaymentRequestReferenced(uint256 indexed id, address indexed requester, bytes32 indexed ref);

    /// @notice Called by an active member: asks the active member `payer` for `amount` cents.
    /// @param expiresAt unix time from which the request can no longer be paid; 0 = never
    /// @param memo what the payment is for; only in the event, never stored
    /// @return id the request's number (from 1)
    function create(
        address payer,
        uint256 amount,
        uint64 expiresAt,
        string calldata memo
    ) external returns (uint256 id);

    /// @notice Like `create`, under a reference of the requester's own (an invoice number, hashed) that it can use
    /// once: sent again after a lost answer or a double click, the same request is refused rather than made
    /// twice, so a payer is never asked twice for one invoice.
    function createWithReference(
        address payer,
        uint256 amount,
        uint64 expiresAt,
        string calldata memo,
        bytes32 ref
    ) external returns (uint256 id);

    /// @notice The request `requester` made under `ref`, or 0.
    function requestIdByReference(address requester, bytes32 ref) external view returns (uint256);

    /// @notice Called by the payer: pays an open, unexpired request with the allowance given to this contract.
    /// Refused if the fee on payments to the requester rose since the request was made (a governance change):
    /// nobody pays or receives under a fee they did not see.
    function pay(uint256 id) external;

    /// @notice Like `pay`, first applying the payer's EIP-2612 permit for this contract and exactly the request's
    /// amount. A permit that fails (already used by someone who saw it first, ...) is ignored when the allowance
    /// already covers the amount, so a front-run permit cannot block the payment. As any EIP-2612 permit, it
    /// replaces the allowance given to this contract (it does not add to it): after the payment it is zero.
    function payWithPermit(uint256 id, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;

    /// @notice Called by the payer: refuses an open request (expired or not).
    function reject(uint256 id) external;

    /// @notice Called by the requester: withdraws an open request (expired or not).
    function cancel(uint256 id) external;

    /// @notice One request; status `None` for an unknown id.
    function requestOf(uint256 id) external view returns (PaymentRequest memory);

    /// @notice How many requests were ever created (ids run from 1 to this).
    function requestCount() external view returns (uint256);

    /// @notice The currency this contract serves.
    function currency() external view returns (address);
}
