// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IEnergyBrokerFactory} from "../../interfaces/IEnergyBrokerFactory.sol";
import {IEnergyBrokerPool} from "../../interfaces/IEnergyBrokerPool.sol";
import {IEnergyBrokerRouter} from "../../interfaces/IEnergyBrokerRouter.sol";
import {ConstantProduct} from "../libraries/ConstantProduct.sol";
import {PoolAddress} from "../libraries/PoolAddress.sol";

/// @title EnergyBrokerRouter — add/remove liquidity and multi-hop swaps with slippage limits
/// @notice Stateless apart from the governed `maxPathLength`: tokens go from the caller straight
/// into the first pool, each pool pays the next one directly, the last pays the recipient.
/// Exact-input swaps need no quote up front (each pool prices its own hop); exact-output swaps
/// quote the path backwards first, then each pool pays exactly the next hop's input.
contract EnergyBrokerRouter is IEnergyBrokerRouter, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IEnergyBrokerRouter
    uint256 public constant MAX_PATH_LENGTH_LIMIT = 8;

    /// @inheritdoc IEnergyBrokerRouter
    address public immutable factory;
    bytes32 private immutable _poolInitCodeHash;

    uint256 private _maxPathLength;

    modifier ensure(uint256 deadline) {
        if (block.timestamp > deadline) revert EnergyBrokerExpired(deadline, block.timestamp);
        _;
    }

    /// @param admin Receives DEFAULT_ADMIN_ROLE (hand it to the governance timelock).
    /// @param factory_ The EnergyBrokerFactory whose pools are traded.
    /// @param maxPathLength_ Longest swap path in tokens (2..MAX_PATH_LENGTH_LIMIT).
    constructor(address admin, address factory_, uint256 maxPathLength_) {
        if (admin == address(0) || factory_ == address(0)) revert EnergyBrokerZeroAddress();
        factory = factory_;
        _poolInitCodeHash = IEnergyBrokerFactory(factory_).poolInitCodeHash();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setMaxPathLength(maxPathLength_);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IEnergyBrokerRouter
    function maxPathLength() external view returns (uint256) {
        return _maxPathLength;
    }

    /// @inheritdoc IEnergyBrokerRouter
    function setMaxPathLength(uint256 maxPathLength_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMaxPathLength(maxPathLength_);
    }

    // ---------------------------------------------------------------- liquidity

    /// @inheritdoc IEnergyBrokerRouter
    function addLiquidity(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external nonReentrant ensure(deadline) returns (uint256 amountA, uint256 amountB, uint256 liquidity) {
        IEnergyBrokerPool pool;
        (pool, amountA, amountB) = _deposit(tokenA, tokenB, amountADesired, amountBDesired, amountAMin, amountBMin);
        liquidity = tokenA < tokenB ? pool.mint(to, amountA, amountB) : pool.mint(to, amountB, amountA);
    }

    /// @inheritdoc IEnergyBrokerRouter
    function removeLiquidity(
        address tokenA,
        address tokenB,
        uint256 liquidity,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external nonReentrant ensure(deadline) returns (uint256 amountA, uint256 amountB) {
        (IEnergyBrokerPool pool, bool aIsToken0) = _existingPool(tokenA, tokenB);
        IERC20(address(pool)).safeTransferFrom(msg.sender, address(pool), liquidity);
        (uint256 amount0, uint256 amount1) = pool.burn(to);
        (amountA, amountB) = aIsToken0 ? (amount0, amount1) : (amount1, amount0);
        if (amountA < amountAMin) revert EnergyBrokerWithdrawalDidNotMeetMinimum(tokenA, amountA, amountAMin);
        if (amountB < amountBMin) revert EnergyBrokerWithdrawalDidNotMeetMinimum(tokenB, amountB, amountBMin);
    }

    // ---------------------------------------------------------------- swaps

    /// @inheritdoc IEnergyBrokerRouter
    function swapExactTokensForTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external nonReentrant ensure(deadline) returns (uint256 amountOut) {
        _checkPath(path);
        (IEnergyBrokerPool pool,) = _existingPool(path[0], path[1]);
        IERC20(path[0]).safeTransferFrom(msg.sender, address(pool), amountIn);
        amountOut = amountIn;
        uint256 last = path.length - 1;
        for (uint256 i; i < last; ++i) {
            address recipient = to;
            if (i + 1 < last) {
                (IEnergyBrokerPool next,) = _existingPool(path[i + 1], path[i + 2]);
                recipient = address(next);
            }
            amountOut = pool.swapExactIn(path[i] < path[i + 1], amountOut, recipient);
            pool = IEnergyBrokerPool(recipient);
        }
        if (amountOut < amountOutMin) revert EnergyBrokerProvidedMinimumNotSufficientForSwap(amountOut, amountOutMin);
    }

    /// @inheritdoc IEnergyBrokerRouter
    function swapTokensForExactTokens(
        uint256 amountOut,
        uint256 amountInMax,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external nonReentrant ensure(deadline) returns (uint256 amountIn) {
        _checkPath(path);
        uint256[] memory amounts = _getAmountsIn(amountOut, path);
        amountIn = amounts[0];
        if (amountIn > amountInMax) revert EnergyBrokerProvidedMaximumNotSufficientForSwap(amountIn, amountInMax);
        // Every pool on the path exists: _getAmountsIn checked them.
        address pool = _poolAddress(path[0], path[1]);
        IERC20(path[0]).safeTransferFrom(msg.sender, pool, amountIn);
        uint256 last = path.length - 1;
        for (uint256 i; i < last; ++i) {
            address recipient = i + 1 < last ? _poolAddress(path[i + 1], path[i + 2]) : to;
            IEnergyBrokerPool(pool).swapExactOut(path[i] < path[i + 1], amounts[i + 1], recipient);
            pool = recipient;
        }
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IEnergyBrokerRouter
    function poolFor(address tokenA, address tokenB) external view returns (address) {
        return _poolAddress(tokenA, tokenB);
    }

    /// @inheritdoc IEnergyBrokerRouter
    function getAmountsOut(uint256 amountIn, address[] calldata path) external view returns (uint256[] memory amounts) {
        _checkPath(path);
        amounts = new uint256[](path.length);
        amounts[0] = amountIn;
        for (uint256 i = 1; i < path.length; ++i) {
            (IEnergyBrokerPool pool, bool zeroForOne) = _existingPool(path[i - 1], path[i]);
            amounts[i] = pool.getAmountOut(zeroForOne, amounts[i - 1]);
        }
    }

    /// @inheritdoc IEnergyBrokerRouter
    function getAmountsIn(uint256 amountOut, address[] calldata path) external view returns (uint256[] memory) {
        _checkPath(path);
        return _getAmountsIn(amountOut, path);
    }

    /// @inheritdoc IEnergyBrokerRouter
    function quote(uint256 amountA, address tokenA, address tokenB) external view returns (uint256) {
        (IEnergyBrokerPool pool, bool aIsToken0) = _existingPool(tokenA, tokenB);
        return pool.quote(aIsToken0, amountA);
    }

    /// @inheritdoc IEnergyBrokerRouter
    function getReserves(address tokenA, address tokenB) external view returns (uint256, uint256) {
        (IEnergyBrokerPool pool, bool aIsToken0) = _existingPool(tokenA, tokenB);
        (uint256 reserve0, uint256 reserve1) = pool.getReserves();
        return aIsToken0 ? (reserve0, reserve1) : (reserve1, reserve0);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Inputs of every hop for an exact final output, computed backwards (path already checked).
    function _getAmountsIn(uint256 amountOut, address[] calldata path) private view returns (uint256[] memory amounts) {
        amounts = new uint256[](path.length);
        amounts[path.length - 1] = amountOut;
        for (uint256 i = path.length - 1; i > 0; --i) {
            (IEnergyBrokerPool pool, bool zeroForOne) = _existingPool(path[i - 1], path[i]);
            amounts[i - 1] = pool.getAmountIn(zeroForOne, amounts[i]);
        }
    }

    /// @dev Works out the deposit, checks the minimums and moves the tokens into the pool.
    function _deposit(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin
    ) private returns (IEnergyBrokerPool pool, uint256 amountA, uint256 amountB) {
        bool aIsToken0;
        (pool, aIsToken0) = _existingPool(tokenA, tokenB);
        (amountA, amountB) = _depositAmounts(pool, aIsToken0, amountADesired, amountBDesired);
        if (amountA < amountAMin) revert EnergyBrokerDepositDidNotMeetMinimum(tokenA, amountA, amountAMin);
        if (amountB < amountBMin) revert EnergyBrokerDepositDidNotMeetMinimum(tokenB, amountB, amountBMin);
        // A constant-sum deposit may be single-sided.
        if (amountA != 0) IERC20(tokenA).safeTransferFrom(msg.sender, address(pool), amountA);
        if (amountB != 0) IERC20(tokenB).safeTransferFrom(msg.sender, address(pool), amountB);
    }

    /// @dev Constant product: the desired amounts matched to the reserve ratio (Uniswap V2's rule);
    /// constant sum: the desired amounts as given (single-sided allowed).
    function _depositAmounts(IEnergyBrokerPool pool, bool aIsToken0, uint256 amountADesired, uint256 amountBDesired)
        private
        view
        returns (uint256, uint256)
    {
        if (pool.formula() == IEnergyBrokerPool.Formula.ConstantSum) {
            if (amountADesired == 0 && amountBDesired == 0) {
                revert EnergyBrokerWrongDesiredAmount(amountADesired, amountBDesired);
            }
            return (amountADesired, amountBDesired);
        }
        if (amountADesired == 0 || amountBDesired == 0) {
            revert EnergyBrokerWrongDesiredAmount(amountADesired, amountBDesired);
        }
        (uint256 reserve0, uint256 reserve1) = pool.getReserves();
        (uint256 reserveA, uint256 reserveB) = aIsToken0 ? (reserve0, reserve1) : (reserve1, reserve0);
        // A constant-product pool has both reserves positive or both zero (empty).
        if (reserveA == 0) return (amountADesired, amountBDesired);
        uint256 amountBOptimal = ConstantProduct.quote(amountADesired, reserveA, reserveB);
        if (amountBOptimal <= amountBDesired) return (amountADesired, amountBOptimal);
        // At most amountADesired, since amountBDesired < amountBOptimal.
        return (ConstantProduct.quote(amountBDesired, reserveB, reserveA), amountBDesired);
    }

    /// @dev 2..maxPathLength tokens, none twice.
    function _checkPath(address[] calldata path) private view {
        uint256 length = path.length;
        // A 2-token path is always allowed (maxPathLength >= 2), so it skips the storage read.
        if (length != 2) {
            uint256 maxLength = _maxPathLength;
            if (length < 2 || length > maxLength) revert EnergyBrokerInvalidPath(length, maxLength);
        }
        for (uint256 i = 1; i < length; ++i) {
            for (uint256 j; j < i; ++j) {
                if (path[i] == path[j]) revert EnergyBrokerNonUniquePath(path[i]);
            }
        }
    }

    /// @dev The deployed pool of a pair and whether tokenA is its token0.
    function _existingPool(address tokenA, address tokenB) private view returns (IEnergyBrokerPool, bool) {
        address pool = _poolAddress(tokenA, tokenB);
        if (pool.code.length == 0) revert EnergyBrokerPoolNotFound(tokenA, tokenB);
        return (IEnergyBrokerPool(pool), tokenA < tokenB);
    }

    function _poolAddress(address tokenA, address tokenB) private view returns (address) {
        (address token0, address token1) = PoolAddress.sortTokens(tokenA, tokenB);
        return PoolAddress.compute(factory, _poolInitCodeHash, token0, token1);
    }

    function _setMaxPathLength(uint256 maxPathLength_) private {
        if (maxPathLength_ < 2 || maxPathLength_ > MAX_PATH_LENGTH_LIMIT) {
            revert EnergyBrokerInvalidParameter("maxPathLength", maxPathLength_);
        }
        _maxPathLength = maxPathLength_;
        emit MaxPathLengthUpdated(maxPathLength_);
    }
}
