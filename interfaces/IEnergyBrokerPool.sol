// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IEnergyBrokerErrors} from "./IEnergyBrokerErrors.sol";
import {IEnergyBrokerRateProvider} from "./IEnergyBrokerRateProvider.sol";

/// @title IEnergyBrokerPool — one AMM pool of two ERC-20 tokens; the pool is its own LP token
/// @notice Low-level pool in the Uniswap V2 style: the caller (normally the router) first transfers
/// the input tokens into the pool, then calls `mint`, `swapExactIn` or `swapExactOut`; the pool
/// checks what it received against its reserves. `burn` redeems the LP tokens sent to the pool.
/// Amounts are token base units; fees are basis points (1 bps = 0.01 %, so the pallet's runtime
/// LP fee "10 tenths of a percent" is 100 bps and Uniswap V2's 0.3 % is 30 bps).
/// Invariants: reserves equal the pool's token balances after every mint and burn and after every
/// swap for the input token (tokens donated outside these calls are absorbed at the next mint or
/// burn); the LP supply is never zero after the first deposit (`MINIMUM_LIQUIDITY` is locked).
/// Not supported: fee-on-transfer tokens (rejected where the shortfall shows, with
/// `EnergyBrokerInputNotReceived`) and rebasing tokens whose balances shrink.
interface IEnergyBrokerPool is IERC20, IEnergyBrokerErrors {
    /// @notice How a pool prices swaps and deposits.
    /// ConstantProduct: x * y = k with the LP fee kept in the pool (Uniswap V2 semantics).
    /// ConstantSum: both tokens valued at the rate provider's rate, reserves only cap the output
    /// (the pallet's runtime formula); single-sided deposits are allowed.
    enum Formula {
        ConstantProduct,
        ConstantSum
    }

    /// @notice LP tokens minted to `to` for `amount0`/`amount1` received.
    event LiquidityAdded(address indexed sender, address indexed to, uint256 amount0, uint256 amount1, uint256 liquidity);
    /// @notice `liquidity` LP tokens burned; `amount0`/`amount1` paid to `to` (the withdrawal fee's
    /// share of the burned liquidity stayed in the pool).
    event LiquidityRemoved(address indexed sender, address indexed to, uint256 liquidity, uint256 amount0, uint256 amount1);
    /// @notice `amountIn` of the input token swapped for `amountOut` of the other, paid to `to`.
    /// @param zeroForOne True if token0 was the input.
    event SwapExecuted(address indexed sender, address indexed to, bool zeroForOne, uint256 amountIn, uint256 amountOut);
    /// @notice The LP fee and the withdrawal fee changed (basis points).
    event FeesUpdated(uint256 lpFeeBps, uint256 withdrawalFeeBps);
    /// @notice The constant-sum rate provider changed.
    event RateProviderUpdated(address indexed rateProvider);
    /// @notice Swaps and deposits were paused by `account` (a holder of the factory's PAUSER_ROLE).
    event Paused(address account);
    /// @notice Swaps and deposits were resumed by `account` (a factory admin).
    event Unpaused(address account);

    /// @notice LP tokens locked forever at the first deposit (held by 0x…dEaD).
    function MINIMUM_LIQUIDITY() external view returns (uint256);

    /// @notice The factory that deployed this pool and governs its parameters.
    function factory() external view returns (address);

    /// @notice The pair's token with the lower address.
    function token0() external view returns (IERC20);

    /// @notice The pair's token with the higher address.
    function token1() external view returns (IERC20);

    /// @notice The pricing formula, fixed at creation.
    function formula() external view returns (Formula);

    /// @notice The current reserves, token base units.
    function getReserves() external view returns (uint256 reserve0, uint256 reserve1);

    /// @notice The LP fee kept in the pool on every swap, basis points of the input.
    function lpFeeBps() external view returns (uint256);

    /// @notice The share of burned LP tokens whose value stays in the pool, basis points.
    function withdrawalFeeBps() external view returns (uint256);

    /// @notice The rate provider of a constant-sum pool (zero for constant product).
    function rateProvider() external view returns (IEnergyBrokerRateProvider);

    /// @notice True while swaps and deposits are paused.
    function paused() external view returns (bool);

    /// @notice Output of an exact-input swap at the current state, fee included, rounded down.
    /// @param zeroForOne True if token0 is the input.
    /// @param amountIn Input, base units of the input token.
    /// @return amountOut Output, base units of the output token.
    function getAmountOut(bool zeroForOne, uint256 amountIn) external view returns (uint256 amountOut);

    /// @notice Smallest input of a swap that pays `amountOut`, fee included, rounded up.
    /// @param zeroForOne True if token0 is the input.
    /// @param amountOut Wanted output, base units of the output token.
    /// @return amountIn Input needed, base units of the input token.
    function getAmountIn(bool zeroForOne, uint256 amountOut) external view returns (uint256 amountIn);

    /// @notice The equivalent amount of the other token at the current price, no fee, rounded down
    /// (constant product: the reserve ratio; constant sum: the rate).
    /// @param zeroForOne True if `amount` is in token0.
    /// @param amount Base units of the given token.
    /// @return Base units of the other token.
    function quote(bool zeroForOne, uint256 amount) external view returns (uint256);

    /// @notice Mint LP tokens to `to` for the tokens transferred into the pool since the last update.
    /// @param to Receiver of the LP tokens.
    /// @param amount0 token0 base units the caller transferred in (checked: fee-on-transfer guard).
    /// @param amount1 token1 base units the caller transferred in (checked).
    /// @return liquidity LP tokens minted (18 decimals).
    function mint(address to, uint256 amount0, uint256 amount1) external returns (uint256 liquidity);

    /// @notice Burn all LP tokens held by the pool and pay the redeemed share of both reserves to
    /// `to`. Stays open while the pool is paused and even if the rate provider's hook reverts.
    /// @param to Receiver of both tokens.
    /// @return amount0 token0 base units paid.
    /// @return amount1 token1 base units paid.
    function burn(address to) external returns (uint256 amount0, uint256 amount1);

    /// @notice Swap exactly `amountIn`, already transferred into the pool, and pay the output to `to`.
    /// @param zeroForOne True if token0 is the input.
    /// @param amountIn Input base units (the pool must have received at least this much).
    /// @param to Receiver of the output (the next pool of a path, or the trader).
    /// @return amountOut Output base units paid to `to`.
    function swapExactIn(bool zeroForOne, uint256 amountIn, address to) external returns (uint256 amountOut);

    /// @notice Pay exactly `amountOut` to `to` for the input already transferred into the pool;
    /// input beyond what the formula needs stays in the pool.
    /// @param zeroForOne True if token0 is the input.
    /// @param amountOut Output base units paid to `to`.
    /// @param to Receiver of the output (the next pool of a path, or the trader).
    /// @return amountIn Input base units the formula required.
    function swapExactOut(bool zeroForOne, uint256 amountOut, address to) external returns (uint256 amountIn);

    /// @notice Set both fees (factory only; the factory checks the ranges).
    /// @param lpFeeBps_ Swap fee kept by liquidity providers, basis points.
    /// @param withdrawalFeeBps_ Fee on liquidity withdrawals, basis points.
    function setFees(uint256 lpFeeBps_, uint256 withdrawalFeeBps_) external;

    /// @notice Replace the constant-sum rate provider (factory only; the factory checks the pair).
    /// @param rateProvider_ The new rate provider (numeraire per asset base unit, scaled by 1e18).
    function setRateProvider(IEnergyBrokerRateProvider rateProvider_) external;

    /// @notice Pause or resume swaps and deposits (factory only) on behalf of `account`.
    /// @param paused_ True to pause, false to resume.
    /// @param account Who asked the factory (logged in Paused / Unpaused).
    function setPaused(bool paused_, address account) external;
}
