// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IStakingVault} from "../../interfaces/IStakingVault.sol";

/// @title StakingVaultProbe — TEST ONLY: reads a vault's whole state in one call
/// @notice Lets the property tests check every invariant after each step with a single
/// `eth_call` instead of one call per staker and bucket.
contract StakingVaultProbe {
    /// @notice Per-staker buckets (stake-token base units) and times (Unix s) of one vault.
    struct StakerState {
        uint256 free;
        uint256 encumbered;
        uint256 unbonding;
        uint256 releaseAt;
        uint256 lockUntil;
    }

    /// @notice The vault's token balance, its `getTotalStaked()`, and each staker's state.
    function read(IStakingVault vault, address[] calldata stakers)
        external
        view
        returns (uint256 balance, uint256 totalStaked, StakerState[] memory states)
    {
        balance = IERC20(vault.stakeToken()).balanceOf(address(vault));
        totalStaked = vault.getTotalStaked();
        states = new StakerState[](stakers.length);
        for (uint256 i = 0; i < stakers.length; ++i) {
            address staker = stakers[i];
            (uint256 unbonding, uint256 releaseAt) = vault.unbondingOf(staker);
            states[i] = StakerState({
                free: vault.freeStake(staker),
                encumbered: vault.encumberedStake(staker),
                unbonding: unbonding,
                releaseAt: releaseAt,
                lockUntil: vault.getStakeInfo(staker).lockUntil
            });
        }
    }
}
