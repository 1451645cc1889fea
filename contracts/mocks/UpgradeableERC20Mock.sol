// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

// solhint-disable-next-line max-line-length
import {ERC20PermitUpgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20PermitUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @notice Benchmark reference only: the OpenZeppelin ERC-20 made upgradeable and called through the same
/// kind of proxy as the currency (UUPS behind ERC1967Proxy). Unrestricted minting and upgrades.
contract UpgradeableERC20Mock is ERC20PermitUpgradeable, UUPSUpgradeable {
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    function initialize() external initializer {
        __ERC20_init("Upgradeable", "UPG");
        __ERC20Permit_init("Upgradeable");
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

    // solhint-disable-next-line no-empty-blocks
    function _authorizeUpgrade(address) internal override {}
}
