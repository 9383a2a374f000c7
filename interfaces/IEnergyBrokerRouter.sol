// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IEnergyBrokerErrors} from "./IEnergyBrokerErrors.sol";

/// @title IEnergyBrokerRouter — liquidity and multi-hop swaps over Energy Broker pools
/// @notice Users approve the router for their tokens (and LP tokens for removal); the router moves
/// them straight into the pool and never holds a balance. Pool addresses are derived from the
/// factory and the pair (CREATE2), so no lookup is paid per hop. Amounts are token base units,
/// deadlines Unix seconds (the call reverts if mined after `deadline`). A path lists the tokens
/// swapped through, first the input and last the output; it has 2 to `maxPathLength` tokens
/// and no token twice. Fee-on-transfer tokens are not supported (pools reject the shortfall).
interface IEnergyBrokerRouter is IEnergyBrokerErrors {
    /// @notice The maximum swap path length changed (tokens, including input and output).
    event MaxPathLengthUpdated(uint256 maxPathLength);

    /// @notice The factory whose pools this router trades.
    function factory() external view returns (address);

    /// @notice Hard upper bound of `maxPathLength`.
    function MAX_PATH_LENGTH_LIMIT() external view returns (uint256);

    /// @notice Longest accepted swap path, in tokens (governed, 2..MAX_PATH_LENGTH_LIMIT).
    function maxPathLength() external view returns (uint256);

    /// @notice Set `maxPathLength` (DEFAULT_ADMIN_ROLE).
    /// @param maxPathLength_ Most tokens a swap path may list (input and output included).
    function setMaxPathLength(uint256 maxPathLength_) external;

    /// @notice The pool of a pair (computed, not checked for existence).
    /// @param tokenA One token of the pair.
    /// @param tokenB The other token.
    function poolFor(address tokenA, address tokenB) external view returns (address pool);

    /// @notice Deposit into the pool of `tokenA`/`tokenB` and mint LP tokens to `to`.
    /// Constant product: amounts are matched to the reserve ratio (both desired amounts must be
    /// positive); constant sum: the desired amounts are deposited as given, one may be zero.
    /// @param tokenA One token of the pair.
    /// @param tokenB The other token of the pair.
    /// @param amountADesired Most tokenA to deposit.
    /// @param amountBDesired Most tokenB to deposit.
    /// @param amountAMin Least tokenA to deposit (slippage limit).
    /// @param amountBMin Least tokenB to deposit (slippage limit).
    /// @param to Receiver of the LP tokens.
    /// @param deadline Latest Unix time (s) the call may execute.
    /// @return amountA tokenA deposited.
    /// @return amountB tokenB deposited.
    /// @return liquidity LP tokens minted.
    function addLiquidity(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountA, uint256 amountB, uint256 liquidity);

    /// @notice Burn `liquidity` LP tokens of the caller and send the redeemed tokens to `to`
    /// (less the pool's withdrawal fee, which stays in the pool). Needs LP-token approval.
    /// @param tokenA One token of the pair.
    /// @param tokenB The other token of the pair.
    /// @param liquidity LP tokens to burn (18 decimals).
    /// @param amountAMin Least tokenA to receive.
    /// @param amountBMin Least tokenB to receive.
    /// @param to Receiver of both tokens.
    /// @param deadline Latest Unix time (s) the call may execute.
    /// @return amountA tokenA paid.
    /// @return amountB tokenB paid.
    function removeLiquidity(
        address tokenA,
        address tokenB,
        uint256 liquidity,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountA, uint256 amountB);

    /// @notice Swap exactly `amountIn` of `path[0]` for as much of the last token as possible.
    /// @param amountIn Input, base units of `path[0]`.
    /// @param amountOutMin Least output accepted (slippage limit), base units of the last token.
    /// @param path Tokens swapped through, input first.
    /// @param to Receiver of the output.
    /// @param deadline Latest Unix time (s) the call may execute.
    /// @return amountOut Output paid to `to`.
    function swapExactTokensForTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256 amountOut);

    /// @notice Swap as little of `path[0]` as needed for exactly `amountOut` of the last token.
    /// @param amountOut Output, base units of the last token.
    /// @param amountInMax Most input accepted (slippage limit), base units of `path[0]`.
    /// @param path Tokens swapped through, input first.
    /// @param to Receiver of the output.
    /// @param deadline Latest Unix time (s) the call may execute.
    /// @return amountIn Input taken from the caller.
    function swapTokensForExactTokens(
        uint256 amountOut,
        uint256 amountInMax,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256 amountIn);

    /// @notice Amounts along `path` for an exact input: `amounts[0] == amountIn`, then each hop's
    /// output (fees included, rounded down).
    /// @param amountIn Base units of path[0].
    /// @param path Token addresses, first in, last out.
    function getAmountsOut(uint256 amountIn, address[] calldata path)
        external
        view
        returns (uint256[] memory amounts);

    /// @notice Amounts along `path` for an exact output: the last is `amountOut`, the first the
    /// input needed (fees included, rounded up).
    /// @param amountOut Base units of the last token of `path`.
    /// @param path Token addresses, first in, last out.
    function getAmountsIn(uint256 amountOut, address[] calldata path)
        external
        view
        returns (uint256[] memory amounts);

    /// @notice `amountA` of tokenA expressed in tokenB at the pool's current price, without fee.
    /// @param amountA Base units of tokenA.
    /// @param tokenA The token quoted from.
    /// @param tokenB The token quoted in.
    /// @return amountB Base units of tokenB.
    function quote(uint256 amountA, address tokenA, address tokenB) external view returns (uint256 amountB);

    /// @notice The reserves of the pool of `tokenA`/`tokenB`, in that order.
    /// @param tokenA One token of the pair.
    /// @param tokenB The other token.
    function getReserves(address tokenA, address tokenB)
        external
        view
        returns (uint256 reserveA, uint256 reserveB);
}
