// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20Permit, ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IGridToken} from "../../interfaces/IGridToken.sol";

/// @title GridToken — GRID, the fixed-supply voting token of GridSet governance
/// @notice See {IGridToken}. Invariant: `totalSupply()` equals the sum of the constructor's
/// `amounts` forever (no mint, no burn after construction).
contract GridToken is ERC20, ERC20Permit, ERC20Votes, IGridToken {
    /// @param name_ Token name, also the EIP-712 domain name of `permit` and `delegateBySig`.
    /// @param symbol_ Token symbol (e.g. "GRID").
    /// @param recipients Initial holders; each receives the matching entry of `amounts`.
    /// @param amounts GRID base units (1e-18 GRID) per recipient; all non-zero.
    constructor(
        string memory name_,
        string memory symbol_,
        address[] memory recipients,
        uint256[] memory amounts
    ) ERC20(name_, symbol_) ERC20Permit(name_) {
        uint256 n = recipients.length;
        if (n != amounts.length) revert GridTokenDistributionLengthMismatch(n, amounts.length);
        if (n == 0) revert GridTokenEmptyDistribution();
        for (uint256 i = 0; i < n; ++i) {
            if (amounts[i] == 0) revert GridTokenZeroAllocation(recipients[i]);
            // Reverts ERC20InvalidReceiver for address(0) and ERC20ExceededSafeSupply past 2^208 - 1.
            _mint(recipients[i], amounts[i]);
        }
    }

    /// @notice The ERC-6372 clock: the current block's Unix time (s).
    function clock() public view override(IERC6372, Votes) returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock description: timepoints are Unix seconds.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override(IERC6372, Votes) returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces, IERC20Permit) returns (uint256) {
        return super.nonces(owner);
    }

    /// @dev Balances and vote checkpoints move together (ERC20Votes' hook).
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
