// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title Minting against euro deposits
/// @notice Each unit minted mirrors a euro deposited in the guarantee fund. A mint names the bank deposit it
/// mirrors (`depositRef`) and a reference can be minted only once, ever, so a retried or duplicated mint can
/// never credit a deposit twice. Each treasurer mints within an allowance that the governor raises or lowers by
/// an amount (never replaces, so a change cannot be raced by the treasurer's own mints); it is cleared when the
/// treasurer loses the role.
interface IMinting {
    /// @notice One euro deposit to credit.
    struct Deposit {
        address to;
        uint256 amount; // cents
        bytes32 depositRef; // identifies the bank transfer
    }

    /// @notice This deposit reference was already minted.
    error DepositAlreadyMinted(bytes32 depositRef);
    /// @notice A deposit reference may not be zero.
    error MissingDepositRef();
    /// @notice The mint exceeds what the treasurer may still mint.
    error MintAllowanceExceeded(address treasurer, uint256 allowance, uint256 amount);
    /// @notice A batch must contain at least one deposit.
    error EmptyBatch();

    /// @notice `treasurer` minted `amount` cents to `to` against the bank deposit `depositRef`.
    event Minted(address indexed treasurer, address indexed to, uint256 amount, bytes32 indexed depositRef);
    /// @notice What `treasurer` may still mint is now `allowance` (raised or lowered by the governor, or cleared
    /// when the treasurer role was revoked or renounced: then `governor` is whoever revoked it).
    event MintAllowanceSet(address indexed governor, address indexed treasurer, uint256 allowance);

    /// @notice Credits `amount` cents to the active member `to` against the deposit `depositRef`.
    /// Treasurer only; consumes the treasurer's allowance; obeys the mint policy.
    function mint(address to, uint256 amount, bytes32 depositRef) external;

    /// @notice Credits every deposit of `deposits` in one transaction, all or nothing.
    function mintBatch(Deposit[] calldata deposits) external;

    /// @notice Adds `amount` to what `treasurer`, a holder of the treasurer role, may still mint. Governor only.
    function increaseMintAllowance(address treasurer, uint256 amount) external;

    /// @notice Takes `amount` off what `treasurer` may still mint, down to zero at most. Governor only.
    function decreaseMintAllowance(address treasurer, uint256 amount) external;

    /// @notice What `treasurer` may still mint.
    function mintAllowance(address treasurer) external view returns (uint256);

    /// @notice True when `depositRef` was already minted.
    function isDepositMinted(bytes32 depositRef) external view returns (bool);
}
