// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IEnergyBrokerFactory} from "../../interfaces/IEnergyBrokerFactory.sol";
import {IEnergyBrokerPool} from "../../interfaces/IEnergyBrokerPool.sol";
import {IEnergyBrokerRateProvider} from "../../interfaces/IEnergyBrokerRateProvider.sol";
import {PoolAddress} from "../libraries/PoolAddress.sol";
import {EnergyBrokerPool} from "./EnergyBrokerPool.sol";

/// @title EnergyBrokerFactory — creates Energy Broker pools and holds their governance
/// @notice Pools are created by POOL_CREATOR_ROLE for a setup fee paid to the treasury, one per
/// sorted pair, at a CREATE2 address that depends on the pair only. Pool parameters (fees, rate
/// provider, pause) are changed here and pushed to the pool, so a swap never reads the factory.
contract EnergyBrokerFactory is IEnergyBrokerFactory, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IEnergyBrokerFactory
    bytes32 public constant POOL_CREATOR_ROLE = keccak256("POOL_CREATOR_ROLE");
    /// @inheritdoc IEnergyBrokerFactory
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @inheritdoc IEnergyBrokerFactory
    uint256 public constant MAX_FEE_BPS = 1000;

    /// @inheritdoc IEnergyBrokerFactory
    bytes32 public immutable poolInitCodeHash = keccak256(type(EnergyBrokerPool).creationCode);
    /// @inheritdoc IEnergyBrokerFactory
    IERC20 public immutable setupFeeToken;

    address private _treasury;
    uint256 private _poolSetupFee;
    uint16 private _defaultLpFeeBps;
    uint16 private _defaultWithdrawalFeeBps;
    mapping(address token0 => mapping(address token1 => address pool)) private _pools;
    address[] private _allPools;

    // Arguments of the pool under construction; its constructor reads them back (no constructor
    // arguments keep the init code, and so the pool address, independent of them).
    address private transient _paramToken0;
    address private transient _paramToken1;
    IEnergyBrokerPool.Formula private transient _paramFormula;
    IEnergyBrokerRateProvider private transient _paramRateProvider;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (hand it to the governance timelock).
    /// @param setupFeeToken_ Token of the pool setup fee (the payment token).
    /// @param treasury_ Receiver of setup fees.
    /// @param poolSetupFee_ Setup fee, setup-fee token base units.
    /// @param lpFeeBps LP fee of new pools, basis points.
    /// @param withdrawalFeeBps Withdrawal fee of new pools, basis points.
    constructor(
        address admin,
        IERC20 setupFeeToken_,
        address treasury_,
        uint256 poolSetupFee_,
        uint256 lpFeeBps,
        uint256 withdrawalFeeBps
    ) {
        if (admin == address(0) || address(setupFeeToken_) == address(0)) revert EnergyBrokerZeroAddress();
        setupFeeToken = setupFeeToken_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setTreasury(treasury_);
        _setPoolSetupFee(poolSetupFee_);
        _setDefaultFees(lpFeeBps, withdrawalFeeBps);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IEnergyBrokerFactory
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc IEnergyBrokerFactory
    function poolSetupFee() external view returns (uint256) {
        return _poolSetupFee;
    }

    /// @inheritdoc IEnergyBrokerFactory
    function defaultFees() external view returns (uint256 lpFeeBps, uint256 withdrawalFeeBps) {
        return (_defaultLpFeeBps, _defaultWithdrawalFeeBps);
    }

    /// @inheritdoc IEnergyBrokerFactory
    function getPool(address tokenA, address tokenB) external view returns (address) {
        (address token0, address token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
        return _pools[token0][token1];
    }

    /// @inheritdoc IEnergyBrokerFactory
    function allPools(uint256 index) external view returns (address) {
        return _allPools[index];
    }

    /// @inheritdoc IEnergyBrokerFactory
    function allPoolsLength() external view returns (uint256) {
        return _allPools.length;
    }

    /// @inheritdoc IEnergyBrokerFactory
    function poolParameters() external view returns (PoolParameters memory) {
        return PoolParameters({
            token0: _paramToken0,
            token1: _paramToken1,
            formula: _paramFormula,
            rateProvider: _paramRateProvider,
            lpFeeBps: _defaultLpFeeBps,
            withdrawalFeeBps: _defaultWithdrawalFeeBps
        });
    }

    // ---------------------------------------------------------------- pools

    /// @inheritdoc IEnergyBrokerFactory
    function createPool(
        address tokenA,
        address tokenB,
        IEnergyBrokerPool.Formula formula,
        IEnergyBrokerRateProvider rateProvider
    ) external onlyRole(POOL_CREATOR_ROLE) nonReentrant returns (address pool) {
        (address token0, address token1) = PoolAddress.sortTokens(tokenA, tokenB);
        if (token0 == address(0)) revert EnergyBrokerZeroAddress();
        address existing = _pools[token0][token1];
        if (existing != address(0)) revert EnergyBrokerPoolExists(token0, token1, existing);
        _checkRateProvider(formula, rateProvider, token0, token1);

        _paramToken0 = token0;
        _paramToken1 = token1;
        _paramFormula = formula;
        _paramRateProvider = rateProvider;
        pool = address(new EnergyBrokerPool{salt: PoolAddress.salt(token0, token1)}());
        _pools[token0][token1] = pool;
        _allPools.push(pool);
        emit PoolCreated(token0, token1, pool, formula, rateProvider, _allPools.length);

        uint256 fee = _poolSetupFee;
        if (fee != 0) setupFeeToken.safeTransferFrom(msg.sender, _treasury, fee);
    }

    /// @inheritdoc IEnergyBrokerFactory
    function setPoolFees(address tokenA, address tokenB, uint256 lpFeeBps, uint256 withdrawalFeeBps)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        _checkFees(lpFeeBps, withdrawalFeeBps);
        _existingPool(tokenA, tokenB).setFees(lpFeeBps, withdrawalFeeBps);
    }

    /// @inheritdoc IEnergyBrokerFactory
    function setPoolRateProvider(address tokenA, address tokenB, IEnergyBrokerRateProvider rateProvider)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        IEnergyBrokerPool pool = _existingPool(tokenA, tokenB);
        _checkRateProvider(pool.formula(), rateProvider, address(pool.token0()), address(pool.token1()));
        pool.setRateProvider(rateProvider);
    }

    /// @inheritdoc IEnergyBrokerFactory
    function pausePool(address tokenA, address tokenB) external onlyRole(PAUSER_ROLE) {
        _existingPool(tokenA, tokenB).setPaused(true, msg.sender);
    }

    /// @inheritdoc IEnergyBrokerFactory
    function unpausePool(address tokenA, address tokenB) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _existingPool(tokenA, tokenB).setPaused(false, msg.sender);
    }

    // ---------------------------------------------------------------- parameters

    /// @inheritdoc IEnergyBrokerFactory
    function setPoolSetupFee(uint256 fee) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPoolSetupFee(fee);
    }

    /// @inheritdoc IEnergyBrokerFactory
    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTreasury(treasury_);
    }

    /// @inheritdoc IEnergyBrokerFactory
    function setDefaultFees(uint256 lpFeeBps, uint256 withdrawalFeeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setDefaultFees(lpFeeBps, withdrawalFeeBps);
    }

    // ---------------------------------------------------------------- internals

    function _existingPool(address tokenA, address tokenB) private view returns (IEnergyBrokerPool) {
        (address token0, address token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
        address pool = _pools[token0][token1];
        if (pool == address(0)) revert EnergyBrokerPoolNotFound(tokenA, tokenB);
        return IEnergyBrokerPool(pool);
    }

    /// @dev Constant sum needs a provider pricing exactly this pair; constant product takes none.
    function _checkRateProvider(
        IEnergyBrokerPool.Formula formula,
        IEnergyBrokerRateProvider rateProvider,
        address token0,
        address token1
    ) private view {
        if (formula == IEnergyBrokerPool.Formula.ConstantProduct) {
            if (address(rateProvider) != address(0)) {
                revert EnergyBrokerRateProviderMismatch(address(rateProvider), token0, token1);
            }
            return;
        }
        if (address(rateProvider) == address(0)) revert EnergyBrokerZeroAddress();
        address asset = rateProvider.asset();
        address numeraire = rateProvider.numeraire();
        bool matches = (asset == token0 && numeraire == token1) || (asset == token1 && numeraire == token0);
        if (!matches) revert EnergyBrokerRateProviderMismatch(address(rateProvider), token0, token1);
    }

    function _checkFees(uint256 lpFeeBps, uint256 withdrawalFeeBps) private pure {
        if (lpFeeBps > MAX_FEE_BPS) revert EnergyBrokerInvalidParameter("lpFeeBps", lpFeeBps);
        if (withdrawalFeeBps > MAX_FEE_BPS) revert EnergyBrokerInvalidParameter("withdrawalFeeBps", withdrawalFeeBps);
    }

    function _setDefaultFees(uint256 lpFeeBps, uint256 withdrawalFeeBps) private {
        _checkFees(lpFeeBps, withdrawalFeeBps);
        _defaultLpFeeBps = SafeCast.toUint16(lpFeeBps);
        _defaultWithdrawalFeeBps = SafeCast.toUint16(withdrawalFeeBps);
        emit DefaultFeesUpdated(lpFeeBps, withdrawalFeeBps);
    }

    function _setTreasury(address treasury_) private {
        if (treasury_ == address(0)) revert EnergyBrokerZeroAddress();
        _treasury = treasury_;
        emit TreasuryUpdated(treasury_);
    }

    function _setPoolSetupFee(uint256 fee) private {
        _poolSetupFee = fee;
        emit PoolSetupFeeUpdated(fee);
    }
}
