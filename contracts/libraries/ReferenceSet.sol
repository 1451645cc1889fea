// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title A set of used bytes32 references (bank deposits, payouts), one bit per reference
/// @notice Reference `r` is bit `r & 0xff` of word `r >> 8`: a one-to-one map, so membership is exact for
/// every possible reference. References that are hashes (the usual case) each land in a fresh word (about
/// 22,100 gas to record); references numbered in sequence share words and cost about 100 gas amortized.
library ReferenceSet {
    struct Set {
        mapping(uint256 word => uint256 bits) words;
    }

    /// @notice Records `ref`; returns false (and changes nothing) if it was already there.
    function add(Set storage set, bytes32 ref) internal returns (bool) {
        (uint256 key, uint256 bit) = _position(ref);
        uint256 word = set.words[key];
        if (word & bit != 0) return false;
        set.words[key] = word | bit;
        return true;
    }

    /// @notice True when `ref` was recorded.
    function contains(Set storage set, bytes32 ref) internal view returns (bool) {
        (uint256 key, uint256 bit) = _position(ref);
        return set.words[key] & bit != 0;
    }

    function _position(bytes32 ref) private pure returns (uint256 key, uint256 bit) {
        key = uint256(ref) >> 8;
        bit = 1 << (uint256(ref) & 0xff);
    }
}
