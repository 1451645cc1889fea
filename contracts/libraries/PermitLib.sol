// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title Applying a member's EIP-2612 permit for the calling contract, front-running tolerated
library PermitLib {
    /// @dev Anyone who sees a permit in the mempool can submit it first: the allowance is then already there and
    /// the call must go on (OpenZeppelin's IERC20Permit advice). Any other failure (expired, wrong signature) is
    /// the owner's to see, with the token's own error.
    function applyPermit(
        IERC20Permit token,
        address owner,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) internal {
        // solhint-disable-next-line no-empty-blocks
        try token.permit(owner, address(this), value, deadline, v, r, s) {} catch (bytes memory reason) {
            if (IERC20(address(token)).allowance(owner, address(this)) < value) {
                assembly ("memory-safe") {
                    revert(add(reason, 0x20), mload(reason))
                }
            }
        }
    }
}
