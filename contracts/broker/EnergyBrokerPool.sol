// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IEnergyBrokerFactory} from "../../interfaces/IEnergyBrokerFactory.sol";
import {IEnergyBrokerPool} from "../../interfaces/IEnergyBrokerPool.sol";
import {IEnergyBrokerRateProvider} from "../../interfaces/IEnergyBrokerRateProvider.sol";
import {ConstantProduct} from "../libraries/ConstantProduct.sol";
import {ConstantSum} from "../libraries/ConstantSum.sol";

/// @title EnergyBrokerPool — an AMM pool of two ERC-20 tokens and its LP token
/// @notice Deployed only by the EnergyBrokerFactory (CREATE2, parameters read back from the
/// factory), traded through the EnergyBrokerRouter. Every entry point has the same shape: read
/// the state slot, validate, compute, write the reserves, emit, then transfer tokens out.
/// Invariant callers must not break: a token's balance never falls below its reserve except by
/// the pool's own transfers (so no rebasing-down or fee-on-transfer tokens).
contract EnergyBrokerPool is IEnergyBrokerPool, ERC20, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Holder of the locked minimum liquidity (ERC20 cannot mint to the zero address).
    address private constant LOCKED_LIQUIDITY_HOLDER = 0x000000000000000000000000000000000000dEaD;
    uint256 private constant BPS = 10_000;

    /// @inheritdoc IEnergyBrokerPool
    uint256 public constant MINIMUM_LIQUIDITY = 1000;

    /// @inheritdoc IEnergyBrokerPool
    address public immutable factory;
    /// @inheritdoc IEnergyBrokerPool
    IERC20 public immutable token0;
    /// @inheritdoc IEnergyBrokerPool
    IERC20 public immutable token1;
    /// @inheritdoc IEnergyBrokerPool
    Formula public immutable formula;
    /// @dev Constant sum only: true if token0 is the rate provider's asset (the rate prices it).
    bool private immutable _assetIsToken0;

    /// @dev Everything a swap needs from storage: uses a single slot (112 + 112 + 16 + 8 bits).
    struct Slot0 {
        uint112 reserve0;
        uint112 reserve1;
        uint16 lpFeeBps;
        bool paused;
    }

    Slot0 private _slot0;
    // Read by constant-sum swaps and by burns only, so kept out of the swap slot.
    IEnergyBrokerRateProvider private _rateProvider;
    uint16 private _withdrawalFeeBps;

    modifier onlyFactory() {
        if (msg.sender != factory) revert EnergyBrokerUnauthorized(msg.sender);
        _;
    }

    constructor() ERC20("GridSet Energy Broker LP", "GEB-LP") {
        IEnergyBrokerFactory.PoolParameters memory p = IEnergyBrokerFactory(msg.sender).poolParameters();
        factory = msg.sender;
        token0 = IERC20(p.token0);
        token1 = IERC20(p.token1);
        formula = p.formula;
        _assetIsToken0 = p.formula == Formula.ConstantSum && p.rateProvider.asset() == p.token0;
        _rateProvider = p.rateProvider;
        _withdrawalFeeBps = p.withdrawalFeeBps;
        _slot0.lpFeeBps = p.lpFeeBps;
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IEnergyBrokerPool
    function getReserves() external view returns (uint256 reserve0, uint256 reserve1) {
        Slot0 memory s = _slot0;
        return (s.reserve0, s.reserve1);
    }

    /// @inheritdoc IEnergyBrokerPool
    function lpFeeBps() external view returns (uint256) {
        return _slot0.lpFeeBps;
    }

    /// @inheritdoc IEnergyBrokerPool
    function withdrawalFeeBps() external view returns (uint256) {
        return _withdrawalFeeBps;
    }

    /// @inheritdoc IEnergyBrokerPool
    function rateProvider() external view returns (IEnergyBrokerRateProvider) {
        return _rateProvider;
    }

    /// @inheritdoc IEnergyBrokerPool
    function paused() external view returns (bool) {
        return _slot0.paused;
    }

    /// @inheritdoc IEnergyBrokerPool
    function getAmountOut(bool zeroForOne, uint256 amountIn) external view returns (uint256) {
        return _amountOut(_slot0, zeroForOne, amountIn);
    }

    /// @inheritdoc IEnergyBrokerPool
    function getAmountIn(bool zeroForOne, uint256 amountOut) external view returns (uint256) {
        return _amountIn(_slot0, zeroForOne, amountOut);
    }

    /// @inheritdoc IEnergyBrokerPool
    function quote(bool zeroForOne, uint256 amount) external view returns (uint256) {
        if (formula == Formula.ConstantSum) {
            return ConstantSum.quote(amount, zeroForOne == _assetIsToken0, _rateProvider.rate());
        }
        Slot0 memory s = _slot0;
        (uint256 reserveFrom, uint256 reserveTo) = zeroForOne ? (s.reserve0, s.reserve1) : (s.reserve1, s.reserve0);
        if (reserveFrom == 0) revert EnergyBrokerZeroLiquidity(address(this));
        return ConstantProduct.quote(amount, reserveFrom, reserveTo);
    }

    // ---------------------------------------------------------------- liquidity

    /// @inheritdoc IEnergyBrokerPool
    function mint(address to, uint256 amount0, uint256 amount1) external nonReentrant returns (uint256 liquidity) {
        Slot0 memory s = _unpausedSlot0();
        uint256 balance0 = token0.balanceOf(address(this));
        uint256 balance1 = token1.balanceOf(address(this));
        uint256 received0 = balance0 - s.reserve0;
        uint256 received1 = balance1 - s.reserve1;
        if (received0 < amount0) revert EnergyBrokerInputNotReceived(address(token0), received0, amount0);
        if (received1 < amount1) revert EnergyBrokerInputNotReceived(address(token1), received1, amount1);

        uint256 supply = totalSupply();
        if (formula == Formula.ConstantProduct) {
            liquidity = supply == 0
                ? Math.sqrt(received0 * received1)
                : Math.min((received0 * supply) / s.reserve0, (received1 * supply) / s.reserve1);
        } else {
            uint256 rate = _rateProvider.rate();
            liquidity = _value(received0, received1, rate);
            if (supply != 0) {
                uint256 reservesValue = _value(s.reserve0, s.reserve1, rate);
                if (reservesValue == 0) revert EnergyBrokerZeroLiquidity(address(this));
                liquidity = Math.mulDiv(liquidity, supply, reservesValue);
            }
        }
        if (supply == 0) {
            // The pallet's rule: the provider's share must exceed the locked minimum.
            uint256 minimum = 2 * MINIMUM_LIQUIDITY + 1;
            if (liquidity < minimum) revert EnergyBrokerInsufficientLiquidityMinted(liquidity, minimum);
            _mint(LOCKED_LIQUIDITY_HOLDER, MINIMUM_LIQUIDITY);
            // Cannot underflow: liquidity >= minimum > MINIMUM_LIQUIDITY, checked above.
            unchecked {
                liquidity -= MINIMUM_LIQUIDITY;
            }
        } else if (liquidity == 0) {
            revert EnergyBrokerInsufficientLiquidityMinted(0, 1);
        }
        _mint(to, liquidity);
        _writeReserves(s, balance0, balance1);
        emit LiquidityAdded(msg.sender, to, received0, received1, liquidity);
        _notifyRateProvider(balance0, balance1, 0);
    }

    /// @inheritdoc IEnergyBrokerPool
    function burn(address to) external nonReentrant returns (uint256 amount0, uint256 amount1) {
        // Not paused-gated on purpose: liquidity providers can always exit at the pro-rata share.
        Slot0 memory s = _slot0;
        uint256 liquidity = balanceOf(address(this));
        if (liquidity == 0) revert EnergyBrokerZeroLiquidity(address(this));
        uint256 balance0 = token0.balanceOf(address(this));
        uint256 balance1 = token1.balanceOf(address(this));
        uint256 supply = totalSupply();
        // The withdrawal fee's share (rounded up) is burned without payout: it stays with the other LPs.
        uint256 redeemed = liquidity - Math.mulDiv(liquidity, _withdrawalFeeBps, BPS, Math.Rounding.Ceil);
        amount0 = Math.mulDiv(redeemed, balance0, supply);
        amount1 = Math.mulDiv(redeemed, balance1, supply);
        if (amount0 == 0 && amount1 == 0) revert EnergyBrokerZeroAmount();

        _burn(address(this), liquidity);
        // Cannot underflow: amountX <= redeemed * balanceX / supply <= balanceX, as redeemed <= supply.
        unchecked {
            balance0 -= amount0;
            balance1 -= amount1;
        }
        _writeReserves(s, balance0, balance1);
        emit LiquidityRemoved(msg.sender, to, liquidity, amount0, amount1);
        if (amount0 != 0) token0.safeTransfer(to, amount0);
        if (amount1 != 0) token1.safeTransfer(to, amount1);
        if (formula == Formula.ConstantSum) {
            // Exits must not depend on the rate provider: if its hook fails it only misses this update.
            try _rateProvider.onPoolUpdate(_assetIsToken0 ? balance0 : balance1, 0) {} catch {}
        }
    }

    // ---------------------------------------------------------------- swaps

    /// @inheritdoc IEnergyBrokerPool
    function swapExactIn(bool zeroForOne, uint256 amountIn, address to)
        external
        nonReentrant
        returns (uint256 amountOut)
    {
        Slot0 memory s = _unpausedSlot0();
        amountOut = _amountOut(s, zeroForOne, amountIn);
        _settleSwap(s, zeroForOne, amountIn, amountOut, to);
    }

    /// @inheritdoc IEnergyBrokerPool
    function swapExactOut(bool zeroForOne, uint256 amountOut, address to)
        external
        nonReentrant
        returns (uint256 amountIn)
    {
        Slot0 memory s = _unpausedSlot0();
        amountIn = _amountIn(s, zeroForOne, amountOut);
        _settleSwap(s, zeroForOne, amountIn, amountOut, to);
    }

    // ---------------------------------------------------------------- governance (via factory)

    /// @inheritdoc IEnergyBrokerPool
    function setFees(uint256 lpFeeBps_, uint256 withdrawalFeeBps_) external onlyFactory {
        _slot0.lpFeeBps = SafeCast.toUint16(lpFeeBps_);
        _withdrawalFeeBps = SafeCast.toUint16(withdrawalFeeBps_);
        emit FeesUpdated(lpFeeBps_, withdrawalFeeBps_);
    }

    /// @inheritdoc IEnergyBrokerPool
    function setRateProvider(IEnergyBrokerRateProvider rateProvider_) external onlyFactory {
        _rateProvider = rateProvider_;
        emit RateProviderUpdated(address(rateProvider_));
    }

    /// @inheritdoc IEnergyBrokerPool
    function setPaused(bool paused_, address account) external onlyFactory {
        _slot0.paused = paused_;
        if (paused_) emit Paused(account);
        else emit Unpaused(account);
    }

    // ---------------------------------------------------------------- internals

    /// @dev The state slot, for swaps and deposits (which pausing stops).
    function _unpausedSlot0() private view returns (Slot0 memory s) {
        s = _slot0;
        if (s.paused) revert EnergyBrokerPoolPaused(address(this));
    }

    /// @dev Output of an exact-input swap; reverts where the swap itself would.
    function _amountOut(Slot0 memory s, bool zeroForOne, uint256 amountIn) private view returns (uint256 amountOut) {
        if (amountIn == 0) revert EnergyBrokerZeroAmount();
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne ? (s.reserve0, s.reserve1) : (s.reserve1, s.reserve0);
        if (formula == Formula.ConstantProduct) {
            if (reserveIn == 0 || reserveOut == 0) revert EnergyBrokerZeroLiquidity(address(this));
            amountOut = ConstantProduct.getAmountOut(amountIn, reserveIn, reserveOut, s.lpFeeBps);
        } else {
            amountOut = ConstantSum.getAmountOut(amountIn, zeroForOne == _assetIsToken0, _rateProvider.rate(), s.lpFeeBps);
            if (amountOut > reserveOut) revert EnergyBrokerInsufficientLiquidity(reserveOut, amountOut);
        }
        if (amountOut == 0) revert EnergyBrokerZeroAmount();
    }

    /// @dev Input of an exact-output swap; reverts where the swap itself would.
    function _amountIn(Slot0 memory s, bool zeroForOne, uint256 amountOut) private view returns (uint256) {
        if (amountOut == 0) revert EnergyBrokerZeroAmount();
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne ? (s.reserve0, s.reserve1) : (s.reserve1, s.reserve0);
        if (formula == Formula.ConstantProduct) {
            // x * y = k cannot pay out a whole reserve.
            if (amountOut >= reserveOut) revert EnergyBrokerAmountOutTooHigh(amountOut, reserveOut);
            if (reserveIn == 0) revert EnergyBrokerZeroLiquidity(address(this));
            return ConstantProduct.getAmountIn(amountOut, reserveIn, reserveOut, s.lpFeeBps);
        }
        if (amountOut > reserveOut) revert EnergyBrokerAmountOutTooHigh(amountOut, reserveOut);
        return ConstantSum.getAmountIn(amountOut, zeroForOne == _assetIsToken0, _rateProvider.rate(), s.lpFeeBps);
    }

    /// @dev Checks the input arrived, writes the reserves, emits, pays out. Only the input token's
    /// balance is read: the output reserve falls by exactly what this call transfers.
    function _settleSwap(Slot0 memory s, bool zeroForOne, uint256 amountIn, uint256 amountOut, address to) private {
        (IERC20 tokenIn, IERC20 tokenOut) = zeroForOne ? (token0, token1) : (token1, token0);
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne ? (s.reserve0, s.reserve1) : (s.reserve1, s.reserve0);
        uint256 balanceIn = tokenIn.balanceOf(address(this));
        uint256 received = balanceIn - reserveIn;
        if (received < amountIn) revert EnergyBrokerInputNotReceived(address(tokenIn), received, amountIn);
        // Cannot underflow: both formulas bound amountOut by reserveOut (checked in _amountOut/_amountIn).
        unchecked {
            reserveOut -= amountOut;
        }
        (uint256 reserve0, uint256 reserve1) = zeroForOne ? (balanceIn, reserveOut) : (reserveOut, balanceIn);
        _writeReserves(s, reserve0, reserve1);
        emit SwapExecuted(msg.sender, to, zeroForOne, amountIn, amountOut);
        tokenOut.safeTransfer(to, amountOut);
        _notifyRateProvider(reserve0, reserve1, zeroForOne == _assetIsToken0 ? amountIn : 0);
    }

    /// @dev One SSTORE: reserves plus the unchanged fee and pause flag.
    function _writeReserves(Slot0 memory s, uint256 reserve0, uint256 reserve1) private {
        _slot0 = Slot0({
            reserve0: SafeCast.toUint112(reserve0),
            reserve1: SafeCast.toUint112(reserve1),
            lpFeeBps: s.lpFeeBps,
            paused: s.paused
        });
    }

    /// @dev Constant sum: tell the rate provider the new asset reserve and the asset sold to the pool.
    function _notifyRateProvider(uint256 reserve0, uint256 reserve1, uint256 assetSold) private {
        if (formula == Formula.ConstantSum) {
            _rateProvider.onPoolUpdate(_assetIsToken0 ? reserve0 : reserve1, assetSold);
        }
    }

    /// @dev Constant sum: value of token0/token1 amounts in numeraire base units at `rate`.
    function _value(uint256 amount0, uint256 amount1, uint256 rate) private view returns (uint256) {
        return _assetIsToken0 ? ConstantSum.value(amount1, amount0, rate) : ConstantSum.value(amount0, amount1, rate);
    }
}
