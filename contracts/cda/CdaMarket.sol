// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICdaMarket} from "../../interfaces/ICdaMarket.sol";
import {InternalBalances} from "../libraries/InternalBalances.sol";
import {IGridStaking} from "../../interfaces/IGridStaking.sol";
import {IEnergyMarket} from "../../interfaces/IEnergyMarket.sol";
import {IStakingVault} from "../../interfaces/IStakingVault.sol";

/// @title CdaMarket — continuous double auction per delivery slot with grid-aware fees
/// @notice See ICdaMarket for the rules. Needs the StakingVault's ENCUMBRANCER_ROLE. Pausing
/// (PAUSER_ROLE) stops new orders only; cancel, claim, withdraw and fee withdrawal keep working.
/// Invariants (tests check them): per queue `taken + live + unpassed holes == queued`; the
/// contract's payment-token balance equals resting bid escrow + unclaimed ask proceeds + unpaid
/// bid fees' escrow + accrued zone fees + internal balances; a maker's fill is the overlap of its interval
/// [start, start + quantity) with [0, taken) of its queue.
contract CdaMarket is AccessControl, Pausable, ReentrancyGuardTransient, InternalBalances, ICdaMarket {
    using SafeERC20 for IERC20;

    bytes32 public constant ZONE_REGISTRAR_ROLE = keccak256("ZONE_REGISTRAR_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice Settles CDA sales after delivery (the SettlementEngine).
    bytes32 public constant SETTLEMENT_ROLE = keccak256("SETTLEMENT_ROLE");

    uint256 public constant MAX_TICK = 255;
    uint256 public constant MAX_ZONES = 16;
    uint256 public constant MAX_ZONE_FEE_BPS = 2000;
    uint256 public constant MAX_BATCH_SIZE = 100;
    uint256 public constant MAX_ORDER_WH = type(uint32).max;

    uint256 private constant _QUEUE_LIMIT = type(uint40).max;
    uint256 private constant _INDEX_MASK = (1 << 40) - 1;
    uint8 private constant _ACTIVE = 1;
    uint8 private constant _HOLE = 2;
    uint8 private constant _SALE_SETTLED = 1;
    uint8 private constant _PURCHASE_SETTLED = 2;
    string private constant _SHORTFALL = "shortfall";

    // The slot's book, fixed when it opens (one storage slot, read once per call). Prices are
    // kept per Wh (the governed per-kWh figures are multiples of 1000); open iff gateClosure != 0.
    struct Header {
        uint56 floorPerWh; // base units per Wh
        uint48 tickPerWh; // base units per Wh
        uint56 collateralPerWh; // stake base units per Wh
        uint40 gateClosure; // Unix s
        uint24 minOrderWh; // Wh
        uint32 volumeWh; // Wh traded in the slot (each trade once)
    }

    // FIFO queue of one (slot, side, tick, zone), cumulative Wh (one storage slot). The queue of
    // zone 0 of a level also holds the level's zone bitmap, so a level costs one storage slot.
    struct Queue {
        uint40 queued; // Wh ever enqueued (tail position)
        uint40 taken; // head position: Wh before it are filled or holes
        uint40 live; // Wh resting and unfilled
        uint32 count; // orders enqueued
        uint32 cursor; // holes with a lower index have been passed
        uint32 holes; // cancelled intervals not yet passed
        uint16 zones; // zone-0 queue only: zones with live orders at this level
    }

    // One storage slot per order; slot, side, tick, zone and queue index are in its id.
    struct StoredOrder {
        address trader;
        uint32 quantity; // Wh not yet claimed (hole length once cancelled)
        uint40 start; // queue position of the unclaimed part (hole start once cancelled)
        uint16 feeBps; // own-zone fee rate when placed (bids)
        uint8 flags; // _ACTIVE | _HOLE
    }

    struct StoredPosition {
        uint64 bought; // Wh
        uint64 sold; // Wh
        uint32 openOrders;
        int88 payment; // base units received (sales) minus paid (purchases and grid fees)
        uint8 settled; // _SALE_SETTLED | _PURCHASE_SETTLED
    }

    // The slot's CDA settlement (one storage slot): Wh sold by the sellers settled, Wh bought by the
    // buyers settled, delivered Wh and pooled penalty (stake base units) not yet handed to buyers.
    struct Pool {
        uint48 soldWh;
        uint48 boughtWh;
        uint48 deliveredWh;
        uint112 penalty;
    }

    struct Params {
        uint72 priceFloor;
        uint72 tickSize;
        uint64 collateralPerKWh;
        uint24 cdaGateLead; // s
        uint24 minOrderWh;
    }

    // Running totals of one take (memory only).
    struct Take {
        uint256 remaining; // Wh still wanted
        uint256 filled; // Wh
        uint256 value; // base units at the resting prices
        uint256 fees; // grid fee the taker pays (buyer) or has deducted (seller)
        uint256 takerZoneCredit; // fee credited to the taker's zone
        uint256 row; // the taker's fee row (16 x 16 bits), read at the first trade
        uint256 ownRates; // every zone's own rate (16 x 16 bits), read at an ask taker's first trade
        uint256 discountBps; // the taker's staking-tier discount on the fee it pays
        bool ratesRead; // row, ownRates (ask taker) and discountBps are loaded
    }

    IERC20 private immutable _paymentToken;
    IERC20 private immutable _energyToken;
    IERC20 private immutable _stakeToken;
    IStakingVault private immutable _vault;
    IEnergyMarket private immutable _market;
    uint256 private immutable _slotLength;

    Params private _params;
    mapping(uint256 slot => Header) private _headers;
    mapping(uint256 slot => uint256 bits) private _bidTicks;
    mapping(uint256 slot => uint256 bits) private _askTicks;
    mapping(uint256 queueKey => Queue) private _queues;
    mapping(uint256 queueKey => mapping(uint256 word => uint256 bits)) private _holeBits;
    mapping(uint256 orderId => StoredOrder) private _orders;
    mapping(uint256 slot => mapping(address trader => StoredPosition)) private _positions;
    mapping(address trader => uint256 zone) private _zones;
    mapping(uint256 zone => uint256 row) private _feeRows;
    uint256 private _ownRates;
    mapping(uint256 zone => address operator) private _operators;
    mapping(uint256 zone => uint256 amount) private _zoneFees;
    IGridStaking private _staking;
    mapping(uint256 slot => Pool) private _pools;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (governance).
    /// @param market_ The day-ahead EnergyMarket: its payment token, vault and slot length are used
    /// and a slot's CDA opens only after that auction's gate closure (and clearing, if it had orders).
    /// @param energyToken_ The energy credits (Wh) the SettlementEngine mints for delivered CDA sales.
    /// @param priceFloor Base units per kWh, multiple of 1000.
    /// @param tickSize Base units per kWh, multiple of 1000, > 0.
    /// @param collateralPerKWh Stake base units encumbered per kWh offered, multiple of 1000.
    /// @param cdaGateLead Seconds before a slot's start at which its CDA closes (0 .. 1 day).
    /// @param minOrderWh Smallest order, Wh (1 .. 1,000,000).
    constructor(
        address admin,
        address market_,
        address energyToken_,
        uint256 priceFloor,
        uint256 tickSize,
        uint256 collateralPerKWh,
        uint256 cdaGateLead,
        uint256 minOrderWh
    ) {
        if (market_ == address(0)) revert CdaMarketInvalidParameter("market", 0);
        if (energyToken_ == address(0)) revert CdaMarketInvalidParameter("energyToken", 0);
        _market = IEnergyMarket(market_);
        _energyToken = IERC20(energyToken_);
        _paymentToken = IERC20(_market.paymentToken());
        _vault = IStakingVault(_market.stakingVault());
        _stakeToken = IERC20(_vault.stakeToken());
        _slotLength = _market.slotLength();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setParameters(priceFloor, tickSize, collateralPerKWh, cdaGateLead, minOrderWh);
    }

    // ---------------------------------------------------------------- trading

    /// @inheritdoc ICdaMarket
    function placeOrder(uint256 slot, bool isBid, uint256 price, uint256 quantity, bool immediateOrCancel)
        external
        whenNotPaused
        nonReentrant
        returns (uint256 orderId, uint256 filled)
    {
        Header memory header = _openBook(slot);
        uint256 tick = _tickOf(header, price);
        if (quantity < header.minOrderWh || quantity > MAX_ORDER_WH) {
            revert CdaMarketQuantityOutOfRange(quantity, header.minOrderWh, MAX_ORDER_WH);
        }
        uint256 zone = _zones[msg.sender];
        // Rates and discount are read at the first trade (_readRates).
        Take memory take = Take({
            remaining: quantity,
            filled: 0,
            value: 0,
            fees: 0,
            takerZoneCredit: 0,
            row: 0,
            ownRates: 0,
            discountBps: 0,
            ratesRead: false
        });
        _match(slot, header, isBid, tick, zone, take);
        filled = take.filled;
        if (filled != 0) {
            // Checked: a trade taking a slot's volume beyond 2^32 - 1 Wh (4.29 GWh) reverts.
            header.volumeWh += uint32(filled); // Fits: filled <= quantity < 2^32.
            _headers[slot] = header;
        }
        if (take.takerZoneCredit != 0) _zoneFees[zone] += take.takerZoneCredit;
        uint256 resting = immediateOrCancel ? 0 : take.remaining;
        if (resting != 0) {
            // Only a resting bid needs its own-zone rate (its escrow).
            if (isBid && !take.ratesRead) take.row = _feeRows[zone];
            orderId = _rest(slot, isBid, tick, zone, resting, _rate(take.row, zone));
            emit OrderPlaced(orderId, slot, msg.sender, isBid, price, resting);
        }
        _settleTaker(slot, header, isBid, price / 1000, _rate(take.row, zone), resting, take);
    }

    /// @inheritdoc ICdaMarket
    function cancelOrder(uint256 orderId) external nonReentrant {
        StoredOrder memory order = _requireOrder(orderId);
        if (order.trader != msg.sender) revert CdaMarketNotOrderOwner(orderId, msg.sender);
        if (order.flags & _ACTIVE == 0) revert CdaMarketOrderNotActive(orderId);
        uint256 slot = orderId >> 64;
        Header memory header = _headers[slot];
        if (block.timestamp >= header.gateClosure) {
            revert CdaMarketGateClosed(slot, header.gateClosure, block.timestamp);
        }
        uint256 queueKey = orderId >> 40;
        Queue memory queue = _queues[queueKey];
        uint256 fill = _fillOf(queue.taken, order);
        uint256 rest = order.quantity - fill;
        if (rest == 0) revert CdaMarketOrderFilled(orderId);

        uint256 end = uint256(order.start) + order.quantity;
        if (end == queue.queued) {
            // The tail: shrink the queue, no hole.
            queue.queued = uint40(end - rest);
            order.flags = 0;
        } else {
            // Fits: start + fill <= end <= queued, a uint40.
            order.start = uint40(order.start + fill);
            order.flags = _HOLE;
            uint256 index = orderId & _INDEX_MASK;
            _holeBits[queueKey][index >> 8] |= 1 << (index & 255);
            ++queue.holes;
        }
        order.quantity = uint32(rest); // Fits: rest <= quantity.
        queue.live -= uint40(rest); // Cannot underflow: the unfilled rest is live.
        _queues[queueKey] = queue;
        if (queue.live == 0) _removeZone(slot, queueKey);
        _orders[orderId] = order;
        emit OrderCancelled(orderId, msg.sender, rest);
        _settleMaker(orderId, order, slot, header, fill, rest);
    }

    /// @inheritdoc ICdaMarket
    function claim(uint256 orderId) external nonReentrant {
        _claim(orderId, true, false);
    }

    /// @inheritdoc ICdaMarket
    function claimMany(uint256[] calldata orderIds) external nonReentrant {
        uint256 n = orderIds.length;
        if (n == 0 || n > MAX_BATCH_SIZE) revert CdaMarketInvalidBatchSize(n, MAX_BATCH_SIZE);
        // Read once: an unlicensed caller reverts at its first order of another account.
        bool licensed = _isLicensed(msg.sender);
        for (uint256 i; i < n; ++i) {
            _claim(orderIds[i], false, licensed);
        }
    }

    /// @inheritdoc ICdaMarket
    function withdrawGridFees(uint256 zone) external nonReentrant returns (uint256 amount) {
        address operator = _operators[zone];
        if (operator == address(0) || operator != msg.sender) revert CdaMarketNotZoneOperator(zone, msg.sender);
        amount = _zoneFees[zone];
        if (amount == 0) revert CdaMarketNoFees(zone);
        _zoneFees[zone] = 0;
        emit GridFeesWithdrawn(zone, operator, amount);
        _paymentToken.safeTransfer(operator, amount);
    }

    // ---------------------------------------------------------------- settlement

    /// @inheritdoc ICdaMarket
    function settleSale(uint256 slot, address seller, uint256 availableWh, bool penalise, uint256 penaltyPricePerKWh)
        external
        onlyRole(SETTLEMENT_ROLE)
        nonReentrant
        returns (uint256 openOrders, uint256 sold, uint256 delivered)
    {
        uint256 penalty;
        uint256 collateral;
        (openOrders, sold, delivered, penalty, collateral) =
            _saleTerms(slot, seller, availableWh, penalise, penaltyPricePerKWh);
        if (sold == 0) return (openOrders, 0, 0);
        _positions[slot][seller].settled |= _SALE_SETTLED;
        _pool(slot, sold, delivered, penalty);
        emit SaleSettled(slot, seller, sold, delivered, penalty, collateral - penalty);
        // Slashes never touch encumbered stake: the whole collateral is there, the penalty taken whole.
        if (penalty != 0) _vault.applyPenalty(seller, penalty, _SHORTFALL);
        if (collateral != penalty) _vault.release(seller, collateral - penalty, slot);
    }

    /// @inheritdoc ICdaMarket
    function previewSale(uint256 slot, address seller, uint256 availableWh, bool penalise, uint256 penaltyPricePerKWh)
        external
        view
        returns (uint256 openOrders, uint256 sold, uint256 delivered, uint256 penalty)
    {
        (openOrders, sold, delivered, penalty,) = _saleTerms(slot, seller, availableWh, penalise, penaltyPricePerKWh);
    }

    /// @dev What settleSale settles (see ICdaMarket.settleSale): open orders (nothing settled when
    /// nonzero), Wh sold and delivered, the penalty and the collateral of the sold Wh (stake base
    /// units); sold 0 when there is no sale or it is settled already.
    function _saleTerms(uint256 slot, address seller, uint256 availableWh, bool penalise, uint256 penaltyPricePerKWh)
        private
        view
        returns (uint256 openOrders, uint256 sold, uint256 delivered, uint256 penalty, uint256 collateral)
    {
        StoredPosition memory position = _positions[slot][seller];
        if (position.openOrders != 0) return (position.openOrders, 0, 0, 0, 0);
        if (position.sold == 0 || position.settled & _SALE_SETTLED != 0) return (0, 0, 0, 0, 0);
        sold = position.sold;
        delivered = Math.min(sold, availableWh);
        // What the CDA encumbered for the sold Wh (the unsold part was released at the claims).
        collateral = sold * _headers[slot].collateralPerWh;
        if (penalise) penalty = _shortfallPenalty(sold, delivered, position.payment, penaltyPricePerKWh, collateral);
    }

    /// @dev The shortfall `sold - delivered` (Wh) at the higher of the penalty price (base units per
    /// kWh) and the seller's proceeds per Wh sold (`payment`, when positive), rounded up, capped at
    /// `collateral`.
    function _shortfallPenalty(uint256 sold, uint256 delivered, int256 payment, uint256 penaltyPricePerKWh, uint256 collateral)
        private
        pure
        returns (uint256)
    {
        uint256 shortfall = sold - delivered;
        uint256 proceeds = payment > 0 ? uint256(payment) : 0;
        uint256 penalty = Math.max(
            Math.mulDiv(shortfall, penaltyPricePerKWh, 1000, Math.Rounding.Ceil),
            Math.mulDiv(shortfall, proceeds, sold, Math.Rounding.Ceil)
        );
        return Math.min(penalty, collateral);
    }

    /// @dev Adds a settled sale to the slot's pool.
    function _pool(uint256 slot, uint256 sold, uint256 delivered, uint256 penalty) private {
        Pool memory pool = _pools[slot];
        // Fits: the pool's sums are bounded by the slot's volume (< 2^32 Wh) and its collateral.
        pool.soldWh += uint48(sold);
        pool.deliveredWh += uint48(delivered);
        pool.penalty += SafeCast.toUint112(penalty);
        _pools[slot] = pool;
    }

    /// @inheritdoc ICdaMarket
    function settlePurchase(uint256 slot, address buyer) external nonReentrant returns (uint256 received, uint256 penalty) {
        StoredPosition memory position = _positions[slot][buyer];
        if (position.openOrders != 0) revert CdaMarketOrdersOpen(slot, buyer, position.openOrders);
        if (position.bought == 0 || position.settled & _PURCHASE_SETTLED != 0) {
            revert CdaMarketNothingToSettle(slot, buyer);
        }
        Pool memory pool = _pools[slot];
        uint256 volume = _headers[slot].volumeWh;
        if (pool.soldWh != volume) revert CdaMarketSellersPending(slot, pool.soldWh, volume);
        _positions[slot][buyer].settled = position.settled | _PURCHASE_SETTLED;
        uint256 bought = position.bought;
        // Sequential pro rata over the buyers not settled yet: the last one (bought == left) takes
        // what is left. delivered <= bought left holds at every step (delivered <= volume).
        uint256 boughtLeft = volume - pool.boughtWh;
        received = bought == boughtLeft ? pool.deliveredWh : bought * pool.deliveredWh / boughtLeft;
        uint256 shortfallLeft = boughtLeft - pool.deliveredWh;
        uint256 shortfall = bought - received;
        if (shortfall != 0) {
            penalty = shortfall == shortfallLeft ? pool.penalty : shortfall * pool.penalty / shortfallLeft;
        }
        // Fits / cannot underflow: shares of the pool's own figures.
        pool.boughtWh += uint48(bought);
        pool.deliveredWh -= uint48(received);
        pool.penalty -= uint112(penalty);
        _pools[slot] = pool;
        emit PurchaseSettled(slot, buyer, bought, received, penalty);
        if (received != 0) _energyToken.safeTransfer(buyer, received);
        if (penalty != 0) _stakeToken.safeTransfer(buyer, penalty);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc ICdaMarket
    function setZone(address trader, uint256 zone) external onlyRole(ZONE_REGISTRAR_ROLE) {
        if (zone >= MAX_ZONES) revert CdaMarketInvalidZone(zone, MAX_ZONES - 1);
        if (trader == address(0)) revert CdaMarketInvalidParameter("trader", 0);
        _zones[trader] = zone;
        emit ZoneAssigned(trader, zone);
    }

    /// @inheritdoc ICdaMarket
    function setZoneOperator(uint256 zone, address operator) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (zone >= MAX_ZONES) revert CdaMarketInvalidZone(zone, MAX_ZONES - 1);
        if (operator == address(0)) revert CdaMarketInvalidParameter("operator", 0);
        _operators[zone] = operator;
        emit ZoneOperatorUpdated(zone, operator);
    }

    /// @inheritdoc ICdaMarket
    function setZoneFee(uint256 zoneA, uint256 zoneB, uint256 feeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        uint256 top = MAX_ZONES - 1;
        if (zoneA > top) revert CdaMarketInvalidZone(zoneA, top);
        if (zoneB > top) revert CdaMarketInvalidZone(zoneB, top);
        if (feeBps > MAX_ZONE_FEE_BPS) revert CdaMarketInvalidParameter("feeBps", feeBps);
        uint256 own = _ownRates;
        if (zoneA == zoneB) {
            // A pair set below a later own rate counts as the own rate (see _chargeGridFee).
            _ownRates = _withRate(own, zoneA, feeBps);
            _feeRows[zoneA] = _withRate(_feeRows[zoneA], zoneA, feeBps);
        } else {
            uint256 minimum = Math.max(_rate(own, zoneA), _rate(own, zoneB));
            if (feeBps < minimum) revert CdaMarketFeeOrder(zoneA, zoneB, feeBps, minimum);
            _feeRows[zoneA] = _withRate(_feeRows[zoneA], zoneB, feeBps);
            _feeRows[zoneB] = _withRate(_feeRows[zoneB], zoneA, feeBps);
        }
        emit ZoneFeeUpdated(zoneA, zoneB, feeBps);
    }

    /// @inheritdoc ICdaMarket
    function setGridStaking(address staking) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _staking = IGridStaking(staking);
        emit GridStakingUpdated(staking);
    }

    /// @inheritdoc ICdaMarket
    function setParameters(
        uint256 priceFloor,
        uint256 tickSize,
        uint256 collateralPerKWh,
        uint256 cdaGateLead,
        uint256 minOrderWh
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setParameters(priceFloor, tickSize, collateralPerKWh, cdaGateLead, minOrderWh);
    }

    /// @inheritdoc ICdaMarket
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc ICdaMarket
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICdaMarket
    function getOrder(uint256 orderId) external view returns (Order memory) {
        StoredOrder memory order = _requireOrder(orderId);
        uint256 slot = orderId >> 64;
        bool active = order.flags & _ACTIVE != 0;
        return Order({
            orderId: orderId,
            trader: order.trader,
            slot: slot,
            isBid: (orderId >> 56) & 1 == 1,
            price: _priceOf(_headers[slot], (orderId >> 48) & 0xff),
            zone: (orderId >> 40) & 0xff,
            quantity: active ? order.quantity : 0,
            filled: active ? _fillOf(_queues[orderId >> 40].taken, order) : 0,
            isActive: active
        });
    }

    /// @inheritdoc ICdaMarket
    function getPosition(uint256 slot, address trader) external view returns (Position memory) {
        StoredPosition memory position = _positions[slot][trader];
        return Position({
            bought: position.bought,
            sold: position.sold,
            openOrders: position.openOrders,
            payment: position.payment
        });
    }

    /// @inheritdoc ICdaMarket
    function volumeOf(uint256 slot) external view returns (uint256) {
        return _headers[slot].volumeWh;
    }

    /// @inheritdoc ICdaMarket
    function settlementOf(uint256 slot)
        external
        view
        returns (uint256 soldSettledWh, uint256 boughtSettledWh, uint256 deliveredLeftWh, uint256 penaltyLeft)
    {
        Pool memory pool = _pools[slot];
        return (pool.soldWh, pool.boughtWh, pool.deliveredWh, pool.penalty);
    }

    /// @inheritdoc ICdaMarket
    function getBook(uint256 slot, bool isBid) external view returns (Level[] memory levels) {
        Header memory header = _headers[slot];
        uint256 bits = isBid ? _bidTicks[slot] : _askTicks[slot];
        if (block.timestamp >= header.gateClosure) bits = 0;
        levels = new Level[](_popcount(bits));
        for (uint256 i; bits != 0; ++i) {
            uint256 tick = isBid ? Math.log2(bits) : Math.log2(bits & (~bits + 1));
            bits &= ~(1 << tick);
            uint256 levelKey = _levelKey(slot, isBid, tick);
            uint256 zones = _queues[levelKey << 8].zones;
            uint256 quantity = 0;
            for (uint256 z; zones != 0; ++z) {
                if (zones & (1 << z) != 0) {
                    quantity += _queues[(levelKey << 8) | z].live;
                    zones &= ~(1 << z);
                }
            }
            levels[i] = Level({price: _priceOf(header, tick), quantity: quantity});
        }
    }

    /// @inheritdoc ICdaMarket
    function bestBid(uint256 slot) external view returns (uint256) {
        uint256 bits = block.timestamp < _headers[slot].gateClosure ? _bidTicks[slot] : 0;
        return bits == 0 ? 0 : _priceOf(_headers[slot], Math.log2(bits));
    }

    /// @inheritdoc ICdaMarket
    function bestAsk(uint256 slot) external view returns (uint256) {
        uint256 bits = block.timestamp < _headers[slot].gateClosure ? _askTicks[slot] : 0;
        return bits == 0 ? 0 : _priceOf(_headers[slot], Math.log2(bits & (~bits + 1)));
    }

    /// @inheritdoc ICdaMarket
    function zoneOf(address trader) external view returns (uint256) {
        return _zones[trader];
    }

    /// @inheritdoc ICdaMarket
    function zoneFee(uint256 zoneA, uint256 zoneB) external view returns (uint256) {
        if (zoneA >= MAX_ZONES || zoneB >= MAX_ZONES) return 0;
        return _rate(_feeRows[zoneA], zoneB);
    }

    /// @inheritdoc ICdaMarket
    function zoneOperator(uint256 zone) external view returns (address) {
        return _operators[zone];
    }

    /// @inheritdoc ICdaMarket
    function gridFeesOf(uint256 zone) external view returns (uint256) {
        return _zoneFees[zone];
    }

    /// @inheritdoc ICdaMarket
    function bookOf(uint256 slot)
        external
        view
        returns (uint256 priceFloor, uint256 tickSize, uint256 collateralPerKWh, uint256 gateClosure)
    {
        Header memory header = _headers[slot];
        return (
            uint256(header.floorPerWh) * 1000,
            uint256(header.tickPerWh) * 1000,
            uint256(header.collateralPerWh) * 1000,
            header.gateClosure
        );
    }

    /// @inheritdoc ICdaMarket
    function tradingWindow(uint256 slot) public view returns (uint256 opensAt, uint256 gateClosure) {
        uint256 auctionLead = _market.gateClosureLead();
        opensAt = slot > auctionLead ? slot - auctionLead : 0;
        Header memory header = _headers[slot];
        if (header.gateClosure != 0) {
            gateClosure = header.gateClosure;
        } else {
            uint256 lead = _params.cdaGateLead;
            gateClosure = slot > lead ? slot - lead : 0;
        }
    }

    /// @inheritdoc ICdaMarket
    function parameters()
        external
        view
        returns (uint256 priceFloor, uint256 tickSize, uint256 collateralPerKWh, uint256 cdaGateLead, uint256 minOrderWh)
    {
        Params memory params = _params;
        return (params.priceFloor, params.tickSize, params.collateralPerKWh, params.cdaGateLead, params.minOrderWh);
    }

    /// @inheritdoc ICdaMarket
    function paymentToken() external view returns (address) {
        return address(_paymentToken);
    }

    /// @inheritdoc ICdaMarket
    function stakingVault() external view returns (address) {
        return address(_vault);
    }

    /// @inheritdoc ICdaMarket
    function energyMarket() external view returns (address) {
        return address(_market);
    }

    /// @inheritdoc ICdaMarket
    function gridStaking() external view returns (address) {
        return address(_staking);
    }

    // ---------------------------------------------------------------- matching

    /// @dev Consumes resting orders of the other side up to the limit tick, best price first.
    function _match(uint256 slot, Header memory header, bool takerIsBid, uint256 limitTick, uint256 zone, Take memory take)
        private
    {
        uint256 bits = takerIsBid ? _askTicks[slot] : _bidTicks[slot];
        uint256 startBits = bits;
        while (take.remaining != 0 && bits != 0) {
            uint256 tick = takerIsBid ? Math.log2(bits & (~bits + 1)) : Math.log2(bits);
            if (takerIsBid ? tick > limitTick : tick < limitTick) break;
            _readRates(zone, !takerIsBid, take);
            uint256 levelKey = _levelKey(slot, !takerIsBid, tick);
            uint256 zones = _queues[levelKey << 8].zones;
            uint256 startZones = zones;
            uint256 price = _priceOf(header, tick);
            while (take.remaining != 0 && zones != 0) {
                uint256 makerZone = _cheapestZone(take.row, zones);
                if (_takeQueue(slot, (levelKey << 8) | makerZone, price, takerIsBid, zone, take)) {
                    zones &= ~(1 << makerZone);
                }
            }
            // Zone 0's own bit was written with its queue (_takeQueue).
            if ((zones | 1) != (startZones | 1)) _queues[levelKey << 8].zones = uint16(zones);
            if (zones == 0) bits &= ~(1 << tick);
            else break; // the taker is satisfied within this level
        }
        if (bits != startBits) {
            if (takerIsBid) _askTicks[slot] = bits;
            else _bidTicks[slot] = bits;
        }
    }

    /// @dev Takes up to `take.remaining` Wh from one queue; returns whether the queue emptied.
    function _takeQueue(uint256 slot, uint256 queueKey, uint256 price, bool takerIsBid, uint256 takerZone, Take memory take)
        private
        returns (bool emptied)
    {
        Queue memory queue = _queues[queueKey];
        uint256 x = Math.min(take.remaining, queue.live);
        _advance(queueKey, queue, x);
        // Cannot underflow: x <= live.
        queue.live -= uint40(x);
        emptied = queue.live == 0;
        // Zone 0's queue holds the level's zone bitmap: its own bit goes in the same write.
        if (emptied && queueKey & 0xff == 0) queue.zones &= 0xfffe;
        _queues[queueKey] = queue;
        uint256 makerZone = queueKey & 0xff;
        uint256 value = x * (price / 1000);
        uint256 gridFee = _chargeGridFee(takerIsBid, takerZone, makerZone, x, price / 1000, take);
        take.remaining -= x;
        take.filled += x;
        take.value += value;
        take.fees += gridFee;
        emit Traded(slot, msg.sender, takerIsBid, price, makerZone, takerZone, x, value, gridFee);
    }

    /// @dev The grid fee charged at a take of `x` Wh at `unit` base units per Wh, credited to the
    /// zones: the buyer's zone gets the own-zone part (a resting bid pays it when claimed) and the
    /// rest of the cross-zone surcharge, the seller's zone half the surcharge.
    function _chargeGridFee(
        bool takerIsBid,
        uint256 takerZone,
        uint256 makerZone,
        uint256 x,
        uint256 unit,
        Take memory take
    ) private returns (uint256 gridFee) {
        // The buyer's own rate: the diagonal of the taker's row, or the maker's from every own rate.
        uint256 ownRate = takerIsBid ? _rate(take.row, takerZone) : _rate(take.ownRates, makerZone);
        uint256 ownPerWh = unit * ownRate / 10_000;
        // A pair never costs less than the buyer's own zone (an unset pair counts as the own rate).
        uint256 pairPerWh = Math.max(unit * _rate(take.row, makerZone) / 10_000, ownPerWh);
        uint256 surcharge = x * (pairPerWh - ownPerWh);
        uint256 sellerShare = surcharge / 2;
        uint256 buyerShare = (takerIsBid ? x * pairPerWh : surcharge) - sellerShare;
        uint256 discount = take.discountBps;
        if (discount != 0) {
            // The taker's tier discount scales both zones' shares of what it pays.
            buyerShare -= buyerShare * discount / 10_000;
            sellerShare -= sellerShare * discount / 10_000;
        }
        gridFee = buyerShare + sellerShare;
        if (takerIsBid) {
            take.takerZoneCredit += buyerShare;
            if (sellerShare != 0) _zoneFees[makerZone] += sellerShare;
        } else {
            take.takerZoneCredit += sellerShare;
            if (buyerShare != 0) _zoneFees[makerZone] += buyerShare;
        }
    }

    /// @dev Moves the queue head by `x` Wh of live orders, stepping over cancelled holes.
    function _advance(uint256 queueKey, Queue memory queue, uint256 x) private view {
        uint256 head = queue.taken;
        while (queue.holes != 0) {
            uint256 index = _nextHole(queueKey, queue.cursor);
            StoredOrder memory hole = _orders[(queueKey << 40) | index];
            // Holes never start before the head (they are cut at the head when made).
            if (hole.start >= head + x) break;
            x -= hole.start - head;
            head = uint256(hole.start) + hole.quantity;
            queue.cursor = uint32(index + 1); // Fits: index < count, a uint32.
            --queue.holes;
        }
        queue.taken = uint40(head + x); // Fits: head + x <= queued, a uint40.
    }

    /// @dev The lowest hole index at or above `from` (one exists: the queue counts its holes).
    function _nextHole(uint256 queueKey, uint256 from) private view returns (uint256) {
        uint256 word = from >> 8;
        uint256 bits = _holeBits[queueKey][word] >> (from & 255) << (from & 255);
        while (bits == 0) {
            bits = _holeBits[queueKey][++word];
        }
        return (word << 8) | Math.log2(bits & (~bits + 1));
    }

    /// @dev The zone among `zones` with the lowest fee in `row` (ties: lowest zone id).
    function _cheapestZone(uint256 row, uint256 zones) private pure returns (uint256 best) {
        if (zones & (zones - 1) == 0) return Math.log2(zones);
        uint256 bestRate = type(uint256).max;
        for (uint256 z; zones >> z != 0; ++z) {
            if (zones & (1 << z) != 0) {
                uint256 rate = _rate(row, z);
                if (rate < bestRate) (best, bestRate) = (z, rate);
            }
        }
    }

    /// @dev Enqueues a resting order at the tail of its (tick, zone) queue.
    function _rest(uint256 slot, bool isBid, uint256 tick, uint256 zone, uint256 quantity, uint256 ownFee)
        private
        returns (uint256 orderId)
    {
        uint256 levelKey = _levelKey(slot, isBid, tick);
        uint256 queueKey = (levelKey << 8) | zone;
        Queue memory queue = _queues[queueKey];
        uint256 start = queue.queued;
        if (start + quantity > _QUEUE_LIMIT) revert CdaMarketQuantityOutOfRange(quantity, 1, _QUEUE_LIMIT - start);
        orderId = (queueKey << 40) | queue.count;
        // Fits: checked against the queue limit; count grows by one per order.
        queue.queued = uint40(start + quantity);
        ++queue.count;
        bool wasEmpty = queue.live == 0;
        queue.live += uint40(quantity);
        if (wasEmpty && zone == 0) {
            // Zone 0's queue holds the level's zone bitmap: one write for both.
            if (queue.zones == 0) _addLevel(levelKey);
            queue.zones |= 1;
        }
        _queues[queueKey] = queue;
        _orders[orderId] = StoredOrder({
            trader: msg.sender,
            quantity: uint32(quantity), // Fits: <= MAX_ORDER_WH.
            start: uint40(start),
            feeBps: uint16(ownFee), // Fits: <= MAX_ZONE_FEE_BPS.
            flags: _ACTIVE
        });
        if (wasEmpty && zone != 0) _addZone(levelKey, zone);
    }

    /// @dev Adds `zone` (not 0) to its level's zone bitmap (in zone 0's queue), and the level to
    /// its side's tick bitmap if it was empty.
    function _addZone(uint256 levelKey, uint256 zone) private {
        Queue storage head = _queues[levelKey << 8];
        uint256 zones = head.zones;
        if (zones == 0) _addLevel(levelKey);
        head.zones = uint16(zones | (1 << zone));
    }

    /// @dev Adds the level to its side's tick bitmap.
    function _addLevel(uint256 levelKey) private {
        uint256 slot = levelKey >> 16;
        uint256 tick = levelKey & 0xff;
        if ((levelKey >> 8) & 1 == 1) _bidTicks[slot] |= 1 << tick;
        else _askTicks[slot] |= 1 << tick;
    }

    /// @dev Books the taker's fills and open order, then moves its money and stake.
    function _settleTaker(
        uint256 slot,
        Header memory header,
        bool isBid,
        uint256 unit,
        uint256 ownFee,
        uint256 resting,
        Take memory take
    ) private {
        uint256 filled = take.filled;
        StoredPosition storage position = _positions[slot][msg.sender];
        // Fits: fills of orders below 2^32 Wh; a position would need 2^32 orders to overflow.
        if (isBid) position.bought += uint64(filled);
        else position.sold += uint64(filled);
        if (resting != 0) ++position.openOrders;
        // Checked: a position's money beyond 2^87 base units reverts.
        if (isBid) {
            position.payment -= SafeCast.toInt88(int256(take.value + take.fees));
            uint256 owed = take.value + take.fees + resting * (unit + unit * ownFee / 10_000);
            // The internal balance pays first, a transfer from the trader the rest.
            uint256 pulled = owed - _debitUpTo(msg.sender, owed);
            if (pulled != 0) _paymentToken.safeTransferFrom(msg.sender, address(this), pulled);
        } else {
            uint256 proceeds = take.value - take.fees;
            position.payment += SafeCast.toInt88(int256(proceeds));
            uint256 collateral = (filled + resting) * header.collateralPerWh;
            if (collateral != 0) _vault.encumber(msg.sender, collateral, slot);
            _credit(msg.sender, proceeds);
        }
    }

    /// @dev Drops an emptied queue's zone from its level, and the level from the side's bitmap.
    function _removeZone(uint256 slot, uint256 queueKey) private {
        uint256 levelKey = queueKey >> 8;
        Queue storage head = _queues[levelKey << 8];
        uint256 zones = head.zones & ~(1 << (queueKey & 0xff));
        head.zones = uint16(zones);
        if (zones == 0) {
            uint256 tick = levelKey & 0xff;
            if ((levelKey >> 8) & 1 == 1) _bidTicks[slot] &= ~(1 << tick);
            else _askTicks[slot] &= ~(1 << tick);
        }
    }

    // ---------------------------------------------------------------- makers

    /// @dev `licensed`: the caller is known to hold the licence (else it is checked when the order
    /// is another account's).
    function _claim(uint256 orderId, bool strict, bool licensed) private {
        StoredOrder memory order = _requireOrder(orderId);
        if (order.trader != msg.sender && !licensed && !_isLicensed(msg.sender)) {
            revert CdaMarketNotLicensed(msg.sender);
        }
        if (order.flags & _ACTIVE == 0) {
            if (strict) revert CdaMarketOrderNotActive(orderId);
            return;
        }
        uint256 slot = orderId >> 64;
        Header memory header = _headers[slot];
        uint256 fill = _fillOf(_queues[orderId >> 40].taken, order);
        bool closing = block.timestamp >= header.gateClosure;
        if (fill == 0 && !closing) {
            if (strict) revert CdaMarketNothingToClaim(orderId);
            return;
        }
        uint256 rest = 0;
        if (closing) {
            // No take happens after gate closure: the queue needs no upkeep.
            rest = order.quantity - fill;
            order.flags = 0;
            order.quantity = 0;
        } else {
            // Fits: the claimed part lies inside the queue.
            order.start = uint40(order.start + fill);
            order.quantity = uint32(order.quantity - fill);
        }
        _orders[orderId] = order;
        _settleMaker(orderId, order, slot, header, fill, rest);
    }

    /// @dev Books a maker's `fill` and pays it; with `closed` the order left the book and its
    /// unfilled `rest` is refunded (bids) or released (asks).
    function _settleMaker(
        uint256 orderId,
        StoredOrder memory order,
        uint256 slot,
        Header memory header,
        uint256 fill,
        uint256 rest
    ) private {
        bool isBid = (orderId >> 56) & 1 == 1;
        StoredPosition storage position = _positions[slot][order.trader];
        if (order.flags & _ACTIVE == 0) --position.openOrders;
        uint256 unit = _priceOf(header, (orderId >> 48) & 0xff) / 1000;
        uint256 payout;
        // Checked: a position's money beyond 2^87 base units reverts.
        if (isBid) {
            uint256 cost;
            (cost, payout) = _bidMakerTerms(orderId, order, unit, fill, rest);
            position.bought += uint64(fill);
            position.payment -= SafeCast.toInt88(int256(cost));
        } else {
            payout = fill * unit;
            position.sold += uint64(fill);
            position.payment += SafeCast.toInt88(int256(payout));
            uint256 released = rest * header.collateralPerWh;
            // Slashes never touch encumbered stake, so the whole encumbrance behind `rest` is there.
            // The obligation is the delivery slot, as for the auction's asks.
            if (released != 0) _vault.release(order.trader, released, slot);
            emit OrderClaimed(orderId, order.trader, fill, payout, released);
        }
        _credit(order.trader, payout);
    }

    /// @dev A bid maker's `fill` at `unit` base units per Wh plus its own-zone fee (credited to its
    /// zone) is its `cost`; the escrow of `rest` and the fee its tier waives are its `refund`.
    function _bidMakerTerms(uint256 orderId, StoredOrder memory order, uint256 unit, uint256 fill, uint256 rest)
        private
        returns (uint256 cost, uint256 refund)
    {
        uint256 feePerWh = unit * order.feeBps / 10_000;
        uint256 fee = fill * feePerWh;
        // The escrow holds the full own-zone fee; the maker's tier at the claim waives part of it.
        uint256 waived = fee == 0 ? 0 : fee * _discountOf(order.trader) / 10_000;
        fee -= waived;
        if (fee != 0) _zoneFees[(orderId >> 40) & 0xff] += fee;
        cost = fill * unit + fee;
        refund = rest * (unit + feePerWh) + waived;
        emit OrderClaimed(orderId, order.trader, fill, fee, refund);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Internal balances are held in the payment token (WATT).
    function _internalBalanceToken() internal view override returns (IERC20) {
        return _paymentToken;
    }

    /// @dev The slot's header, opening its book at the first order; reverts outside the window.
    function _openBook(uint256 slot) private returns (Header memory header) {
        header = _headers[slot];
        if (header.gateClosure != 0) {
            if (block.timestamp >= header.gateClosure) {
                revert CdaMarketGateClosed(slot, header.gateClosure, block.timestamp);
            }
            return header;
        }
        if (slot % _slotLength != 0) revert CdaMarketSlotMisaligned(slot, _slotLength);
        (uint256 opensAt, uint256 gateClosure) = tradingWindow(slot);
        if (block.timestamp >= gateClosure) revert CdaMarketGateClosed(slot, gateClosure, block.timestamp);
        if (block.timestamp < opensAt) revert CdaMarketNotOpen(slot, opensAt, block.timestamp);
        IEnergyMarket.Clearing memory clearing = _market.getClearing(slot);
        if (clearing.isStarted && !clearing.isCleared) revert CdaMarketAuctionNotCleared(slot);
        Params memory params = _params;
        // Fits: the per-kWh figures are multiples of 1000 within the header's bounds (setParameters).
        header = Header({
            floorPerWh: uint56(params.priceFloor / 1000),
            tickPerWh: uint48(params.tickSize / 1000),
            collateralPerWh: uint56(params.collateralPerKWh / 1000),
            gateClosure: uint40(gateClosure), // Fits until the year 36812; > 0 (checked above).
            minOrderWh: params.minOrderWh,
            volumeWh: 0
        });
        _headers[slot] = header;
        emit BookOpened(slot, params.priceFloor, params.tickSize, gateClosure);
    }

    /// @dev Wh of `order` filled and not yet claimed: its interval's overlap with the taken prefix
    /// `[0, taken)` of its queue.
    function _fillOf(uint256 taken, StoredOrder memory order) private pure returns (uint256) {
        if (order.flags != _ACTIVE || taken <= order.start) return 0;
        return Math.min(taken - order.start, order.quantity);
    }

    function _requireOrder(uint256 orderId) private view returns (StoredOrder memory order) {
        order = _orders[orderId];
        if (order.trader == address(0)) revert CdaMarketUnknownOrder(orderId);
    }

    function _levelKey(uint256 slot, bool isBid, uint256 tick) private pure returns (uint256) {
        return (slot << 16) | (isBid ? 1 << 8 : 0) | tick;
    }

    /// @dev Price of `tick`, base units per kWh.
    function _priceOf(Header memory header, uint256 tick) private pure returns (uint256) {
        return (uint256(header.floorPerWh) + tick * header.tickPerWh) * 1000;
    }

    function _tickOf(Header memory header, uint256 price) private pure returns (uint256 tick) {
        uint256 floor = uint256(header.floorPerWh) * 1000;
        uint256 size = uint256(header.tickPerWh) * 1000;
        if (price < floor || (price - floor) % size != 0) revert CdaMarketPriceOffGrid(price, floor, size);
        tick = (price - floor) / size;
        if (tick > MAX_TICK) revert CdaMarketPriceOffGrid(price, floor, size);
    }

    /// @dev Loads the taker's fee row, every zone's own rate when `withOwnRates` (an ask taker's
    /// buyers are the makers) and the taker's discount, once, at its first trade: orders that only
    /// rest skip the reads.
    function _readRates(uint256 zone, bool withOwnRates, Take memory take) private view {
        if (take.ratesRead) return;
        take.ratesRead = true;
        take.row = _feeRows[zone];
        if (withOwnRates) take.ownRates = _ownRates;
        // A discount matters only where a fee can be charged.
        if (take.row != 0 || take.ownRates != 0) take.discountBps = _discountOf(msg.sender);
    }

    /// @dev Whether `caller` may act for others: it holds the staking licence, or none is required.
    function _isLicensed(address caller) private view returns (bool) {
        IGridStaking staking = _staking;
        return address(staking) == address(0) || staking.hasLicence(caller);
    }

    /// @dev `account`'s staking-tier discount on the grid fee it pays, bps (0 without a GridStaking).
    function _discountOf(address account) private view returns (uint256) {
        IGridStaking staking = _staking;
        return address(staking) == address(0) ? 0 : staking.feeDiscountBps(account);
    }

    function _rate(uint256 row, uint256 zone) private pure returns (uint256) {
        return (row >> (zone * 16)) & 0xffff;
    }

    function _withRate(uint256 row, uint256 zone, uint256 feeBps) private pure returns (uint256) {
        return (row & ~(uint256(0xffff) << (zone * 16))) | (feeBps << (zone * 16));
    }

    function _popcount(uint256 bits) private pure returns (uint256 n) {
        for (; bits != 0; ++n) {
            bits &= bits - 1;
        }
    }

    function _setParameters(
        uint256 priceFloor,
        uint256 tickSize,
        uint256 collateralPerKWh,
        uint256 cdaGateLead,
        uint256 minOrderWh
    ) private {
        if (tickSize == 0 || tickSize % 1000 != 0) revert CdaMarketInvalidParameter("tickSize", tickSize);
        if (priceFloor % 1000 != 0) revert CdaMarketInvalidParameter("priceFloor", priceFloor);
        // Per Wh, the book's header keeps the floor in 56 bits (72 tokens of 18 decimals per kWh),
        // the tick in 48 bits (0.28 per kWh) and the collateral in 56 bits.
        if (priceFloor + MAX_TICK * tickSize > uint256(type(uint56).max) * 1000) {
            revert CdaMarketInvalidParameter("priceCeiling", priceFloor + MAX_TICK * tickSize);
        }
        if (tickSize > uint256(type(uint48).max) * 1000) revert CdaMarketInvalidParameter("tickSize", tickSize);
        if (collateralPerKWh % 1000 != 0 || collateralPerKWh > uint256(type(uint56).max) * 1000) {
            revert CdaMarketInvalidParameter("collateralPerKWh", collateralPerKWh);
        }
        if (cdaGateLead > 1 days) revert CdaMarketInvalidParameter("cdaGateLead", cdaGateLead);
        if (minOrderWh == 0 || minOrderWh > 1_000_000) revert CdaMarketInvalidParameter("minOrderWh", minOrderWh);
        _params = Params({
            priceFloor: uint72(priceFloor),
            tickSize: uint72(tickSize),
            collateralPerKWh: uint64(collateralPerKWh),
            cdaGateLead: uint24(cdaGateLead),
            minOrderWh: uint24(minOrderWh)
        });
        emit ParametersUpdated(priceFloor, tickSize, collateralPerKWh, cdaGateLead, minOrderWh);
    }
}
