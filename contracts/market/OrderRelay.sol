// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IEnergyMarket} from "../../interfaces/IEnergyMarket.sol";
import {IGridStaking} from "../../interfaces/IGridStaking.sol";
import {IOrderRelay} from "../../interfaces/IOrderRelay.sol";

/// @title OrderRelay — signed EnergyMarket orders placed in batches by a licensed relayer
/// @notice See IOrderRelay. Holds no funds and no per-order state: replay protection is the
/// market's per-slot order index, escrow moves from the trader to the market directly. Needs the
/// market's RELAYER_ROLE. Invariant: an entry is placed only with its trader's valid signature,
/// before its deadline, at the trader's next order index in the slot (so at most once).
contract OrderRelay is AccessControl, EIP712, ReentrancyGuard, IOrderRelay {
    /// @notice EIP-712 type hash of the signed order (the struct IOrderRelay documents).
    bytes32 public constant ORDER_TYPEHASH = keccak256(
        "Order(address trader,uint256 slot,bool isBid,uint256 price,uint256 quantity,uint256 index,uint256 deadline)"
    );
    /// @notice Most entries per batch (the market's own batch bound).
    uint256 public constant MAX_BATCH_SIZE = 200;

    IEnergyMarket private immutable _market;
    IERC20Permit private immutable _paymentToken;
    IGridStaking private _staking;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed to governance at deployment).
    /// @param market_ The EnergyMarket (grants this relay its RELAYER_ROLE).
    /// @param staking GridStaking whose Application Host licence relayers need; 0: anyone.
    /// Error: OrderRelayInvalidParameter("market") for a zero market.
    constructor(address admin, address market_, address staking) EIP712("GridSet OrderRelay", "1") {
        if (market_ == address(0)) revert OrderRelayInvalidParameter("market");
        _market = IEnergyMarket(market_);
        _paymentToken = IERC20Permit(IEnergyMarket(market_).paymentToken());
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setGridStaking(staking);
    }

    /// @inheritdoc IOrderRelay
    function placeOrders(SignedOrder[] calldata orders) external nonReentrant returns (uint256 placed) {
        IGridStaking staking = _staking;
        if (address(staking) != address(0) && !staking.hasLicence(msg.sender)) {
            revert OrderRelayNotLicensed(msg.sender);
        }
        uint256 n = orders.length;
        if (n == 0 || n > MAX_BATCH_SIZE) revert OrderRelayInvalidBatchSize(n, MAX_BATCH_SIZE);
        for (uint256 i; i < n; ++i) {
            SignedOrder calldata order = orders[i];
            bytes4 reason = _placeOne(order);
            if (reason == bytes4(0)) {
                ++placed;
            } else {
                emit OrderSkipped(order.trader, order.slot, order.index, reason);
            }
        }
    }

    /// @inheritdoc IOrderRelay
    function setGridStaking(address staking) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setGridStaking(staking);
    }

    /// @inheritdoc IOrderRelay
    function orderDigest(SignedOrder calldata order) external view returns (bytes32) {
        return _digest(order);
    }

    /// @inheritdoc IOrderRelay
    function market() external view returns (address) {
        return address(_market);
    }

    /// @inheritdoc IOrderRelay
    function gridStaking() external view returns (address) {
        return address(_staking);
    }

    /// @dev Places one entry; returns 0, or the selector of the error that made it skip.
    function _placeOne(SignedOrder calldata order) private returns (bytes4) {
        if (block.timestamp > order.deadline) return OrderRelayOrderExpired.selector;
        if (!_signedBy(order.trader, _digest(order), order.signature)) return OrderRelayInvalidSignature.selector;
        if (order.permit.value != 0 && !_permit(order.trader, order.permit)) return OrderRelayPermitFailed.selector;
        try _market.placeOrderFor(order.trader, order.slot, order.isBid, order.price, order.quantity, order.index) {
            return bytes4(0);
        } catch (bytes memory data) {
            // Only running out of gas reverts without an error (the market, its token and vault
            // name every error): that is the relayer's gas, not the entry's fault, so the batch
            // fails instead of skipping an entry it could have placed.
            if (data.length < 4) revert OrderRelayPlacementFailed(order.trader);
            return bytes4(data);
        }
    }

    /// @dev Executes the trader's permit; a failed one (e.g. submitted by someone else first)
    /// still counts when the market's allowance already reaches its value.
    function _permit(address trader, Permit calldata permit) private returns (bool) {
        try _paymentToken.permit(trader, address(_market), permit.value, permit.deadline, permit.v, permit.r, permit.s)
        {
            return true;
        } catch {
            return IERC20(address(_paymentToken)).allowance(trader, address(_market)) >= permit.value;
        }
    }

    /// @dev Whether `signature` is `trader`'s over `digest`: an ECDSA signature of the trader's key,
    /// else the trader's ERC-1271 answer. ECDSA first (OpenZeppelin SignatureChecker before 5.1):
    /// an EOA's signature is accepted without reading its code, a cold account access (2,600 gas).
    function _signedBy(address trader, bytes32 digest, bytes calldata signature) private view returns (bool) {
        (address signer, ECDSA.RecoverError error,) = ECDSA.tryRecover(digest, signature);
        return (error == ECDSA.RecoverError.NoError && signer == trader)
            || SignatureChecker.isValidERC1271SignatureNow(trader, digest, signature);
    }

    /// @dev EIP-712 hash of the order's signed fields (ORDER_TYPEHASH).
    function _digest(SignedOrder calldata order) private view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    ORDER_TYPEHASH,
                    order.trader,
                    order.slot,
                    order.isBid,
                    order.price,
                    order.quantity,
                    order.index,
                    order.deadline
                )
            )
        );
    }

    function _setGridStaking(address staking) private {
        _staking = IGridStaking(staking);
        emit GridStakingUpdated(staking);
    }
}
