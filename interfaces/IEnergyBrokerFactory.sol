// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IEnergyBrokerErrors} from "./IEnergyBrokerErrors.sol";
import {IEnergyBrokerPool} from "./IEnergyBrokerPool.sol";
import {IEnergyBrokerRateProvider} from "./IEnergyBrokerRateProvider.sol";

/// @title IEnergyBrokerFactory — creates and governs Energy Broker pools
/// @notice One pool per sorted token pair, deployed with CREATE2 (salt = the sorted pair, init code
/// without constructor arguments) so the router derives pool addresses without storage reads.
/// Roles (OpenZeppelin AccessControl): POOL_CREATOR_ROLE creates pools and pays the setup fee;
/// PAUSER_ROLE (guardian) pauses a pool; DEFAULT_ADMIN_ROLE (governance) sets every parameter
/// and unpauses. Fees are basis points, at most `MAX_FEE_BPS`.
interface IEnergyBrokerFactory is IEnergyBrokerErrors {
    /// @notice The arguments of the pool being deployed, read by its constructor.
    struct PoolParameters {
        address token0;
        address token1;
        IEnergyBrokerPool.Formula formula;
        IEnergyBrokerRateProvider rateProvider;
        uint16 lpFeeBps;
        uint16 withdrawalFeeBps;
    }

    /// @notice A pool was created; `poolCount` is the number of pools after this one.
    event PoolCreated(
        address indexed token0,
        address indexed token1,
        address pool,
        IEnergyBrokerPool.Formula formula,
        IEnergyBrokerRateProvider rateProvider,
        uint256 poolCount
    );
    /// @notice The pool setup fee changed (setup-fee token base units).
    event PoolSetupFeeUpdated(uint256 fee);
    /// @notice The treasury that receives setup fees changed.
    event TreasuryUpdated(address treasury);
    /// @notice The fees given to new pools changed (basis points).
    event DefaultFeesUpdated(uint256 lpFeeBps, uint256 withdrawalFeeBps);

    /// @notice Role allowed to create pools.
    function POOL_CREATOR_ROLE() external view returns (bytes32);

    /// @notice Role allowed to pause pools (unpausing needs DEFAULT_ADMIN_ROLE).
    function PAUSER_ROLE() external view returns (bytes32);

    /// @notice Upper bound of the LP fee and of the withdrawal fee, basis points (10 %).
    function MAX_FEE_BPS() external view returns (uint256);

    /// @notice keccak256 of the pool's creation code, for CREATE2 address derivation.
    function poolInitCodeHash() external view returns (bytes32);

    /// @notice The token the pool setup fee is paid in (the payment token).
    function setupFeeToken() external view returns (IERC20);

    /// @notice Receiver of pool setup fees.
    function treasury() external view returns (address);

    /// @notice Fee paid by the creator of each pool, setup-fee token base units.
    function poolSetupFee() external view returns (uint256);

    /// @notice Fees given to new pools, basis points.
    function defaultFees() external view returns (uint256 lpFeeBps, uint256 withdrawalFeeBps);

    /// @notice The pool of a pair in either order, or the zero address.
    /// @param tokenA One token of the pair.
    /// @param tokenB The other token.
    function getPool(address tokenA, address tokenB) external view returns (address pool);

    /// @notice The `index`-th pool created (0-based).
    /// @param index 0 .. number of pools - 1.
    function allPools(uint256 index) external view returns (address pool);

    /// @notice Number of pools created.
    function allPoolsLength() external view returns (uint256);

    /// @notice Parameters of the pool under construction (valid only during `createPool`).
    function poolParameters() external view returns (PoolParameters memory);

    /// @notice Create the pool of `tokenA` and `tokenB` (POOL_CREATOR_ROLE). The caller pays
    /// `poolSetupFee` of the setup-fee token to the treasury (ERC-20 approval needed).
    /// @param tokenA One token of the pair (either order).
    /// @param tokenB The other token of the pair.
    /// @param formula ConstantProduct or ConstantSum.
    /// @param rateProvider For ConstantSum: a provider pricing exactly this pair; for
    /// ConstantProduct: the zero address.
    /// @return pool The new pool (also its LP token).
    function createPool(
        address tokenA,
        address tokenB,
        IEnergyBrokerPool.Formula formula,
        IEnergyBrokerRateProvider rateProvider
    ) external returns (address pool);

    /// @notice Set the pool setup fee, setup-fee token base units (DEFAULT_ADMIN_ROLE; any value,
    /// 0 = free).
    /// @param fee Setup-fee token base units.
    function setPoolSetupFee(uint256 fee) external;

    /// @notice Set the treasury (DEFAULT_ADMIN_ROLE; non-zero).
    /// @param treasury_ Receiver of setup fees (not the zero address).
    function setTreasury(address treasury_) external;

    /// @notice Set the fees of pools created from now on, basis points (DEFAULT_ADMIN_ROLE).
    /// @param lpFeeBps Swap fee kept by liquidity providers, basis points.
    /// @param withdrawalFeeBps Fee on liquidity withdrawals, basis points.
    function setDefaultFees(uint256 lpFeeBps, uint256 withdrawalFeeBps) external;

    /// @notice Set the fees of an existing pool, basis points (DEFAULT_ADMIN_ROLE).
    /// @param tokenA One token of the pool's pair.
    /// @param tokenB The other token.
    /// @param lpFeeBps LP fee, 0..MAX_FEE_BPS.
    /// @param withdrawalFeeBps Withdrawal fee, 0..MAX_FEE_BPS.
    function setPoolFees(address tokenA, address tokenB, uint256 lpFeeBps, uint256 withdrawalFeeBps)
        external;

    /// @notice Replace the rate provider of a constant-sum pool (DEFAULT_ADMIN_ROLE).
    /// @param tokenA One token of the pool's pair.
    /// @param tokenB The other token.
    /// @param rateProvider A provider pricing exactly this pair.
    function setPoolRateProvider(address tokenA, address tokenB, IEnergyBrokerRateProvider rateProvider)
        external;

    /// @notice Pause swaps and deposits of a pool (PAUSER_ROLE). Withdrawals stay open.
    /// @param tokenA One token of the pair.
    /// @param tokenB The other token.
    function pausePool(address tokenA, address tokenB) external;

    /// @notice Resume swaps and deposits of a pool (DEFAULT_ADMIN_ROLE).
    /// @param tokenA One token of the pair.
    /// @param tokenB The other token.
    function unpausePool(address tokenA, address tokenB) external;
}
