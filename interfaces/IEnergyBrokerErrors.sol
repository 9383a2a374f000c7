// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IEnergyBrokerErrors — every custom error of the Energy Broker
/// @notice The factory, pools, router and rate providers all inherit this list, so an error raised
/// in a pool is decodable from the ABI of the router that called it. Names follow the Substrate
/// energy-broker pallet's errors; amounts are in base units of the token named or implied.
interface IEnergyBrokerErrors {
    /// @notice A pool of a token with itself was requested.
    error EnergyBrokerEqualAssets(address token);
    /// @notice The pool of this pair already exists.
    error EnergyBrokerPoolExists(address token0, address token1, address pool);
    /// @notice No pool exists for this pair.
    error EnergyBrokerPoolNotFound(address tokenA, address tokenB);
    /// @notice Desired deposit amounts that the pool's formula cannot accept (both zero, or one
    /// zero for a constant-product pool).
    error EnergyBrokerWrongDesiredAmount(uint256 amountADesired, uint256 amountBDesired);
    /// @notice A swap or withdrawal of nothing: zero input, or an output that rounds to zero.
    error EnergyBrokerZeroAmount();
    /// @notice The pool has no liquidity for the operation (empty reserves, zero LP burned, or
    /// reserves worth nothing at the current rate).
    error EnergyBrokerZeroLiquidity(address pool);
    /// @notice An exact-input swap would pay out more than the pool holds.
    error EnergyBrokerInsufficientLiquidity(uint256 reserve, uint256 needed);
    /// @notice A deposit would mint too few LP tokens (`minimum` is inclusive).
    error EnergyBrokerInsufficientLiquidityMinted(uint256 liquidity, uint256 minimum);
    /// @notice An exact-output swap asks for the whole reserve or more.
    error EnergyBrokerAmountOutTooHigh(uint256 amountOut, uint256 reserveOut);
    /// @notice The swap output is below the caller's minimum (slippage limit).
    error EnergyBrokerProvidedMinimumNotSufficientForSwap(uint256 amountOut, uint256 amountOutMin);
    /// @notice The swap input exceeds the caller's maximum (slippage limit).
    error EnergyBrokerProvidedMaximumNotSufficientForSwap(uint256 amountIn, uint256 amountInMax);
    /// @notice A swap path shorter than 2 tokens or longer than the governed maximum.
    error EnergyBrokerInvalidPath(uint256 length, uint256 maxLength);
    /// @notice A swap path that visits a token twice.
    error EnergyBrokerNonUniquePath(address token);
    /// @notice The deposit of `token` is below the caller's minimum.
    error EnergyBrokerDepositDidNotMeetMinimum(address token, uint256 amount, uint256 minimum);
    /// @notice The withdrawal of `token` is below the caller's minimum.
    error EnergyBrokerWithdrawalDidNotMeetMinimum(address token, uint256 amount, uint256 minimum);
    /// @notice The transaction was mined after its deadline (Unix seconds).
    error EnergyBrokerExpired(uint256 deadline, uint256 timestamp);
    /// @notice The pool received less of `token` than the operation needs: the caller did not pay,
    /// or the token takes a fee on transfer (fee-on-transfer tokens are not supported).
    error EnergyBrokerInputNotReceived(address token, uint256 received, uint256 needed);
    /// @notice Swaps and deposits are paused on this pool (withdrawals stay open).
    error EnergyBrokerPoolPaused(address pool);
    /// @notice A governed parameter outside its allowed range.
    error EnergyBrokerInvalidParameter(bytes32 name, uint256 value);
    /// @notice The zero address where an account or token is required.
    error EnergyBrokerZeroAddress();
    /// @notice The caller may not use this function (only the factory, or only the priced pool).
    error EnergyBrokerUnauthorized(address caller);
    /// @notice A rate provider that does not price exactly this pool's pair.
    error EnergyBrokerRateProviderMismatch(address rateProvider, address token0, address token1);
}
