// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {LocalCurrency} from "../LocalCurrency.sol";

/// @notice Test-only second implementation: adds state in a namespace of its own, as a real upgrade would.
contract LocalCurrencyV2Mock is LocalCurrency {
    /// @custom:storage-location erc7201:komuno.storage.V2Mock
    struct V2Storage {
        uint256 marker;
    }

    // keccak256(abi.encode(uint256(keccak256("komuno.storage.V2Mock")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant V2_STORAGE = 0xe047dd60ae9dbfaabb054b3c3dc0c8771fec74b9523e33e023a5801ca3c9b200;

    function setMarker(uint256 newMarker) external onlyRole(GOVERNOR_ROLE) {
        _v2().marker = newMarker;
    }

    function marker() external view returns (uint256) {
        return _v2().marker;
    }

    function version() external pure returns (uint256) {
        return 2;
    }

    function _v2() private pure returns (V2Storage storage $) {
        assembly {
            $.slot := V2_STORAGE
        }
    }
}
