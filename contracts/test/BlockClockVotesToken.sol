// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title BlockClockVotesToken — test-only ERC20Votes on OpenZeppelin's default block-number clock
/// @notice Lets tests show that GovernanceDAO refuses a voting token whose timepoints are blocks.
contract BlockClockVotesToken is ERC20, ERC20Permit, ERC20Votes {
    /// @param holder Receives the whole supply.
    /// @param supply Token base units.
    constructor(address holder, uint256 supply) ERC20("Block clock", "BLK") ERC20Permit("Block clock") {
        _mint(holder, supply);
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
