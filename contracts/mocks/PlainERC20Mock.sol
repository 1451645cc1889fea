// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @notice Benchmark reference only: a plain OpenZeppelin ERC-20 with 2 decimals and unrestricted minting.
contract PlainERC20Mock is ERC20Permit {
    constructor() ERC20("Plain", "PLN") ERC20Permit("Plain") {}

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
