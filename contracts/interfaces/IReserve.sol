// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title The euro reserve behind a local currency
/// @notice Auditors attest, on chain, the euro balance of the guarantee fund. The governor sets a policy that
/// mints must respect: supply after a mint may not exceed the last attested reserve plus a headroom, and the
/// last attestation may not be older than a maximum age. Each rule can be disabled.
/// The reserve as the chain knows it is the last attested amount less every unit burned after that
/// attestation's as-of time (each burn mirrors euros paid out of the fund; one in the statement's very second is
/// taken as on the statement), whatever order statements and burns arrive in: an attestation dated before
/// payouts that settled ahead of it still counts them, and sending the same statement again changes nothing.
interface IReserve {
    /// @notice The latest statement of the guarantee fund.
    struct Attestation {
        uint256 amount; // euro cents in the fund
        uint64 asOf; // unix time of the bank balance (not of the transaction)
        bytes32 evidenceHash; // hash of the bank statement or audit document
        address auditor;
    }

    /// @notice The rules mints must respect.
    struct MintPolicy {
        bool reserveCapEnabled; // supply after a mint <= attested reserve + headroom
        uint64 maxAttestationAge; // seconds; 0 disables the age rule
        uint128 headroom; // cents that may be minted above the attested reserve
    }

    /// @notice An attestation may not be dated in the future.
    error AttestationInFuture(uint64 asOf, uint256 currentTime);
    /// @notice Attestations go forward in time: one may not be older than the last one.
    error AttestationOutOfOrder(uint64 asOf, uint64 lastAsOf);
    /// @notice An attestation must name the document it rests on.
    error MissingEvidence();
    /// @notice The mint would take supply above the reserve (attested, less burns since) plus the headroom.
    error ReserveExceeded(uint256 supplyAfterMint, uint256 attestedReserve, uint256 headroom);
    /// @notice The last attestation is older than the policy allows (or there is none).
    error AttestationExpired(uint64 asOf, uint256 age, uint64 maxAge);
    /// @notice The reserve cap is on but no reserve was ever attested.
    error NoAttestation();

    /// @notice `auditor` attested that the fund held `amount` cents at time `asOf`.
    event ReserveAttested(address indexed auditor, uint256 amount, uint64 asOf, bytes32 evidenceHash);
    /// @notice The governor changed the mint policy.
    event MintPolicySet(address indexed governor, bool reserveCapEnabled, uint64 maxAttestationAge, uint128 headroom);

    /// @notice Records the euro balance of the guarantee fund. Auditor only; allowed while paused.
    /// @param amount euro cents held by the fund at `asOf`
    /// @param asOf time of the balance; not in the future and not before the last attestation
    /// @param evidenceHash hash of the bank statement or audit report; not zero
    function attestReserve(uint256 amount, uint64 asOf, bytes32 evidenceHash) external;

    /// @notice Sets the rules that mints must respect. Governor only.
    function setMintPolicy(MintPolicy calldata policy) external;

    /// @notice The last attestation (all zero if none).
    function lastAttestation() external view returns (Attestation memory);

    /// @notice Seconds since the as-of time of the last attestation; reverts with NoAttestation if none.
    function attestationAge() external view returns (uint256);

    /// @notice The current mint policy.
    function mintPolicy() external view returns (MintPolicy memory);

    /// @notice True when supply is at most the last attested reserve less the units burned after its
    /// as-of time, and (when the policy sets a maximum age) that attestation exists and is not older than it.
    function isFullyBacked() external view returns (bool);

    /// @notice Units burned (reconversions settled, treasurer burns) after the last attestation's as-of
    /// time: the mint cap is the attested reserve less these, plus the headroom.
    function burnedSinceAttestation() external view returns (uint256);
}
