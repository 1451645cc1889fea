// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ERC20} from "solady/src/tokens/ERC20.sol";

/// @notice Benchmark reference only: Solady's gas-optimised ERC-20 with 2 decimals and unrestricted minting.
contract SoladyERC20Mock is ERC20 {
    function name() public pure override returns (string memory) {
        return "Solady";
    }

    function symbol() public pure override returns (string memory) {
        return "SLD";
    }

    function decimals() public pure override returns (uint8) {
        return 2;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function mintBatch(address[] calldata to, uint256[] calldata amounts) external {
        for (uint256 i; i < to.length; ++i) _mint(to[i], amounts[i]);
    }
}
