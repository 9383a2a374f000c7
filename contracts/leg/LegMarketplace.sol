// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ILegHubRegistry} from "../../interfaces/ILegHubRegistry.sol";
import {ILegMarketplace} from "../../interfaces/ILegMarketplace.sol";
import {IGridStaking} from "../../interfaces/IGridStaking.sol";
import {PriceLevelBitmap} from "../libraries/PriceLevelBitmap.sol";
import {HeatCredit} from "./HeatCredit.sol";

/// @title LegMarketplace — offers, orders, matching, trade lifecycle, storage billing, disputes
/// @notice See ILegMarketplace. Needs: LegHubRegistry MARKET_ROLE (feedback) with this contract as
/// its outcome source, HeatCredit MINTER_ROLE.
/// Book layout: per (zone, resource, reputation level) a PriceLevelBitmap of occupied price levels,
/// per (zone, resource, level, price level) a FIFO doubly linked queue of offers, and per zone a
/// mask of the (resource, level) pairs holding any offer. Matching reads at most 8 levels x 2 bitmap
/// words, whatever the number of resting offers and zones.
/// Invariants: the payment tokens held equal the open orders' escrow + the live trades' escrow +
/// open dispute bonds + accrued fees + the hubs' credited proceeds; the heat credits held equal the heat offers' available amounts
/// + the amounts of pending/confirmed/disputed heat trades + the unclaimed heatWh of settled heat trades.
contract LegMarketplace is AccessControl, ReentrancyGuardTransient, ILegMarketplace {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using PriceLevelBitmap for PriceLevelBitmap.Bitmap;

    /// @notice Decides escalated disputes (governance).
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER_ROLE");
    /// @notice Storage billing month, seconds (30 days).
    uint256 public constant MONTH = 30 days;

    uint8 private constant _COMPUTE = 0;
    uint8 private constant _STORAGE = 1;
    uint8 private constant _HEAT = 2;
    uint256 private constant _LEVELS = 8;
    uint256 private constant _BPS = 10_000;
    uint256 private constant _MAX_DELISTS = 4; // offers of unlicensed hubs one match call withdraws
    uint8 private constant _HAS_TERMS = 1 << 5; // OrderRecord.meta: _orderTerms holds a hub or a term

    ILegHubRegistry private immutable _registry;
    IERC20 private immutable _payment;
    HeatCredit private immutable _heat;
    IGridStaking private immutable _licensing;
    uint256 private immutable _tickCompute;
    uint256 private immutable _tickStorage;
    uint256 private immutable _tickHeat;

    // The parameters settlement and billing read, and the fee accrual, in one slot: a settlement
    // reads it once and writes it once.
    struct Hot {
        uint16 feeBps;
        uint32 usageTimeout;
        uint32 disputeWindow;
        uint16 noticeMonths;
        uint152 accruedFees; // fees and forfeited bonds for the treasury, base units
    }

    Params private _params;
    Hot private _hot;
    address private _treasury;
    uint256 private _offerCount;
    uint256 private _orderCount;
    uint256 private _tradeCount;
    // Per zone: bit `resource * 8 + level` set iff that (zone, resource, level) holds an offer.
    mapping(uint256 zoneId => uint256) private _levelMasks;

    mapping(uint256 offerId => Offer) private _offers;
    mapping(uint256 orderId => OrderRecord) private _orders;
    mapping(uint256 orderId => OrderTerms) private _orderTerms; // only orders flagged _HAS_TERMS
    mapping(uint256 tradeId => Trade) private _trades;
    mapping(uint256 tradeId => Dispute) private _disputes;
    mapping(uint256 tradeId => bool) private _feedbackGiven;
    mapping(uint256 hubId => uint64[3]) private _offerOf;
    mapping(uint256 hubId => address) private _operatorOf; // cached: registry operators never change
    // A hub's outcomes (the registry's score reads them) beside its credited proceeds: a settlement
    // reads and writes this one slot of the hub (no operator read, no token transfer to the hub).
    mapping(uint256 hubId => Ledger) private _ledgers;
    // Zone checks a buyer running a hub passed (a hub's operator and zone never change, so the
    // result stands): its later orders skip the registry call. Other buyers ask the registry.
    mapping(address buyer => mapping(bytes32 zone => uint32 zoneId)) private _hubBuyerZones;
    // zone << 16 | resource << 8 | level
    mapping(uint256 bookKey => PriceLevelBitmap.Bitmap) private _bitmaps;
    // bookKey << 16 | priceLevel
    mapping(uint256 queueKey => Queue) private _queues;

    // An order as stored: one slot (a resting order costs one fresh storage write), its escrow
    // derived from what remains (_escrowFor). A preferred hub or a storage term adds _orderTerms.
    struct OrderRecord {
        address buyer;
        uint40 remaining; // Wh, GB or Wh thermal not yet matched
        uint32 zoneId;
        uint16 maxPriceLevel; // the buyer's maximum price in ticks
        uint8 meta; // resource | minLevel << 2 | _HAS_TERMS
    }

    struct OrderTerms {
        uint24 preferredHub;
        uint16 months;
    }

    struct Queue {
        uint48 head;
        uint48 tail;
    }

    struct Ledger {
        uint32 completed;
        uint32 late;
        uint32 disputesLost;
        uint160 proceeds; // base units credited, not yet withdrawn
    }

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed to governance at deployment).
    /// @param registry The hub registry (this contract needs its MARKET_ROLE); its `licensing()`
    /// GridStaking gates sellers.
    /// @param paymentToken The ERC-20 trades are paid in (no fee-on-transfer tokens).
    /// @param heatCredit The heat credit token (this contract needs its MINTER_ROLE).
    /// @param treasury Receives fees and forfeited bonds.
    /// @param ticks Price tick per resource (compute, storage, heat), base units per kWh or GB-month.
    /// @param initialParams Governed parameters (validated like `setParams`).
    constructor(
        address admin,
        ILegHubRegistry registry,
        IERC20 paymentToken,
        HeatCredit heatCredit,
        address treasury,
        uint256[3] memory ticks,
        Params memory initialParams
    ) {
        if (
            admin == address(0) || address(registry) == address(0) || address(paymentToken) == address(0)
                || address(heatCredit) == address(0) || treasury == address(0)
        ) revert LegMarketZeroAddress();
        for (uint256 r; r < 3; ++r) {
            if (ticks[r] == 0) revert LegMarketInvalidParameter("tick", r);
        }
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _registry = registry;
        _payment = paymentToken;
        _heat = heatCredit;
        _licensing = IGridStaking(registry.licensing());
        _tickCompute = ticks[0];
        _tickStorage = ticks[1];
        _tickHeat = ticks[2];
        _treasury = treasury;
        _setParams(initialParams);
    }

    // ---------------------------------------------------------------- offers

    /// @inheritdoc ILegMarketplace
    function postOffer(uint8 resource, uint256 amount, uint256 price) external nonReentrant returns (uint256 offerId) {
        _checkResource(resource);
        if (amount == 0) revert LegMarketZeroAmount();
        uint256 hubId = _registry.hubOf(msg.sender);
        if (hubId == 0) revert LegMarketNoHub(msg.sender);
        (address operator, uint64 capacity, uint32 zoneId) = _registry.sellerTerms(hubId, resource);
        if (!_licensing.hasLicence(operator)) revert LegMarketNoLicence(hubId, operator);
        if (amount > capacity) revert LegMarketExceedsCapacity(hubId, resource, capacity, amount);
        uint256 t = tick(resource);
        if (price == 0 || price % t != 0 || price / t > type(uint16).max) revert LegMarketInvalidPrice(price, t);
        // Registry operators never change: cache it for the seller checks (operator == caller).
        if (_operatorOf[hubId] == address(0)) _operatorOf[hubId] = operator;

        uint256 previous = _offerOf[hubId][resource];
        uint256 returned = 0;
        if (previous != 0) returned = _withdrawOffer(previous);
        uint8 lvl = _registry.level(hubId);
        offerId = ++_offerCount;
        _offers[offerId] = Offer({
            hubId: hubId.toUint32(),
            resource: resource,
            level: lvl,
            priceLevel: uint16(price / t),
            available: amount.toUint48(),
            prev: 0,
            next: 0,
            zoneId: zoneId
        });
        _enqueue(offerId);
        _offerOf[hubId][resource] = uint64(offerId);
        emit OfferPosted(offerId, hubId, resource, amount, price, lvl);
        if (resource == _HEAT) {
            // Heat offers are backed by credits held here: pull the difference to the replaced rest.
            if (amount > returned) {
                IERC20(address(_heat)).safeTransferFrom(msg.sender, address(this), amount - returned);
            } else if (returned > amount) {
                _sendHeat(msg.sender, returned - amount);
            }
        }
    }

    /// @inheritdoc ILegMarketplace
    function cancelOffer(uint256 offerId) external nonReentrant {
        Offer storage o = _offers[offerId];
        uint256 hubId = o.hubId;
        if (hubId == 0 || _offerOf[hubId][o.resource] != offerId) revert LegMarketUnknownOffer(offerId);
        if (_operatorOf[hubId] != msg.sender) revert LegMarketNotOfferOwner(offerId, msg.sender);
        uint8 resource = o.resource;
        uint256 returned = _withdrawOffer(offerId);
        if (resource == _HEAT && returned != 0) _sendHeat(msg.sender, returned);
    }

    // ---------------------------------------------------------------- orders and matching

    /// @inheritdoc ILegMarketplace
    function postOrder(
        uint8 resource,
        uint256 amount,
        uint256 maxPrice,
        uint256 months,
        uint256 preferredHub,
        uint8 minLevel,
        bytes32 zone
    ) external nonReentrant returns (uint256 orderId, uint256 tradeId) {
        _checkResource(resource);
        if (amount == 0 || maxPrice == 0) revert LegMarketZeroAmount();
        if (resource == _STORAGE) {
            Params storage p = _params;
            if (months < p.noticeMonths || months > p.maxMonths) {
                revert LegMarketInvalidMonths(months, p.noticeMonths, p.maxMonths);
            }
        } else if (months != 0) {
            revert LegMarketInvalidMonths(months, 0, 0);
        }
        if (minLevel >= _LEVELS) revert LegMarketInvalidLevel(minLevel);
        if (preferredHub != 0 && preferredHub > _registry.hubCount()) revert LegMarketUnknownHub(preferredHub);
        uint32 zoneId = _hubBuyerZones[msg.sender][zone];
        if (zoneId == 0) zoneId = _checkZone(zone);
        OrderTerms memory terms = OrderTerms(preferredHub.toUint24(), uint16(months)); // months <= 120
        uint256 escrow;
        (orderId, escrow) = _storeOrder(resource, amount, maxPrice, terms, minLevel, zoneId);
        (tradeId,) = _matchOnce(orderId, _orders[orderId], terms);
        _payment.safeTransferFrom(msg.sender, address(this), escrow);
    }

    /// @dev Record and announce the caller's order (arguments as `postOrder`, checked but for the
    /// price); returns its id and escrow (base units).
    function _storeOrder(
        uint8 resource,
        uint256 amount,
        uint256 maxPrice,
        OrderTerms memory terms,
        uint8 minLevel,
        uint32 zoneId
    ) private returns (uint256 orderId, uint256 escrow) {
        // The maximum is on the tick grid like the offers' prices, so it is stored in ticks.
        uint256 t = tick(resource);
        if (maxPrice % t != 0 || maxPrice / t > type(uint16).max) revert LegMarketInvalidPrice(maxPrice, t);
        escrow = _escrowFor(resource, amount.toUint40(), maxPrice.toUint96(), terms.months).toUint128();
        uint8 meta = resource | (minLevel << 2);
        orderId = ++_orderCount;
        if (terms.preferredHub != 0 || terms.months != 0) {
            meta |= _HAS_TERMS;
            _orderTerms[orderId] = terms;
        }
        _orders[orderId] = OrderRecord({
            buyer: msg.sender,
            remaining: uint40(amount),
            zoneId: zoneId,
            maxPriceLevel: uint16(maxPrice / t),
            meta: meta
        });
        emit OrderPosted(
            orderId, msg.sender, resource, amount, maxPrice, terms.months, terms.preferredHub, minLevel, escrow, zoneId
        );
    }

    /// @dev Payment-token base units an order holds for `remaining` units at `maxPrice` (base units
    /// per kWh or GB-month): storage prepays the term, remaining GB x price x months; compute and heat
    /// (Wh) pay remaining x price / 1000, rounded up. A fill takes the difference of this before and
    /// after it, so the fills' portions add up to the escrow exactly.
    function _escrowFor(uint256 resource, uint256 remaining, uint256 maxPrice, uint256 months)
        private
        pure
        returns (uint256)
    {
        return resource == _STORAGE ? remaining * maxPrice * months : Math.ceilDiv(remaining * maxPrice, 1000);
    }

    /// @dev Resource, minimum level, maximum price (base units) and terms of order record `r`.
    function _unpack(uint256 orderId, OrderRecord storage r)
        private
        view
        returns (uint256 resource, uint256 minLevel, uint256 maxPrice, OrderTerms memory terms)
    {
        uint8 meta = r.meta;
        resource = meta & 3;
        minLevel = (meta >> 2) & 7;
        maxPrice = uint256(r.maxPriceLevel) * tick(uint8(resource));
        if (meta & _HAS_TERMS != 0) terms = _orderTerms[orderId];
    }

    /// @dev The id of `zone` for an order of the caller; a hub's passed check is kept.
    function _checkZone(bytes32 zone) private returns (uint32 zoneId) {
        uint32 buyerHubZoneId;
        (zoneId, buyerHubZoneId) = _registry.buyerZone(msg.sender, zone);
        if (zoneId == 0) revert LegMarketUnknownZone(zone);
        if (buyerHubZoneId != 0) {
            if (buyerHubZoneId != zoneId) revert LegMarketOutsideZone(msg.sender, zone);
            _hubBuyerZones[msg.sender][zone] = zoneId;
        }
    }

    /// @inheritdoc ILegMarketplace
    function matchOrder(uint256 orderId) external nonReentrant returns (uint256 tradeId) {
        OrderRecord storage ord = _orders[orderId];
        if (ord.remaining == 0) revert LegMarketOrderClosed(orderId);
        (,,, OrderTerms memory terms) = _unpack(orderId, ord);
        bool delisted;
        (tradeId, delisted) = _matchOnce(orderId, ord, terms);
        if (tradeId == 0 && !delisted) revert LegMarketNoEligibleOffer(orderId);
    }

    /// @inheritdoc ILegMarketplace
    function cancelOrder(uint256 orderId) external nonReentrant {
        OrderRecord storage ord = _orders[orderId];
        uint256 remaining = ord.remaining;
        if (remaining == 0) revert LegMarketOrderClosed(orderId);
        if (ord.buyer != msg.sender) revert LegMarketNotBuyer(orderId, msg.sender);
        (uint256 resource,, uint256 maxPrice, OrderTerms memory terms) = _unpack(orderId, ord);
        uint256 refund = _escrowFor(resource, remaining, maxPrice, terms.months);
        ord.remaining = 0;
        emit OrderCancelled(orderId, refund);
        _payment.safeTransfer(msg.sender, refund);
    }

    // ---------------------------------------------------------------- lifecycle

    /// @inheritdoc ILegMarketplace
    function recordUsage(uint256 tradeId, uint256 used, uint256 heatWh) external {
        Trade storage t = _trades[tradeId];
        if (t.status != TradeStatus.Pending || t.usageAt != 0) _wrongStatus(tradeId, t);
        _onlySeller(t, tradeId);
        if (used > t.amount) revert LegMarketUsageExceedsAmount(tradeId, t.amount, used);
        if (heatWh > (t.resource == _COMPUTE ? used : 0)) revert LegMarketHeatExceedsUsage(tradeId, used, heatWh);
        // used <= amount fits uint48; heatWh <= used.
        t.used = uint48(used);
        t.heatWh = uint48(heatWh);
        t.usageAt = uint40(block.timestamp);
        emit UsageRecorded(tradeId, used, heatWh);
    }

    /// @inheritdoc ILegMarketplace
    function confirm(uint256 tradeId) external {
        Trade storage t = _trades[tradeId];
        if (t.status != TradeStatus.Pending || t.usageAt == 0) _wrongStatus(tradeId, t);
        if (msg.sender != t.buyer) {
            uint256 readyAt = uint256(t.usageAt) + _params.confirmTimeout;
            if (block.timestamp < readyAt) revert LegMarketTooEarly(tradeId, readyAt);
        }
        t.status = TradeStatus.Confirmed;
        t.confirmedAt = uint40(block.timestamp);
        emit TradeConfirmed(tradeId, msg.sender);
    }

    /// @inheritdoc ILegMarketplace
    function cancelTrade(uint256 tradeId) external nonReentrant {
        Trade storage t = _trades[tradeId];
        if (t.status != TradeStatus.Pending || t.usageAt != 0) _wrongStatus(tradeId, t);
        address seller = _operatorOf[t.sellerHub];
        if (msg.sender != seller) {
            if (msg.sender != t.buyer) revert LegMarketNotBuyer(tradeId, msg.sender);
            uint256 readyAt = uint256(t.createdAt) + _hot.usageTimeout;
            // A hub whose licence lapsed after the match lets its buyer go at once.
            if (block.timestamp < readyAt && _licensing.hasLicence(seller)) {
                revert LegMarketTooEarly(tradeId, readyAt);
            }
        }
        uint256 refund = t.escrow;
        t.status = TradeStatus.Cancelled;
        t.escrow = 0;
        emit TradeCancelled(tradeId, msg.sender, refund);
        ++_ledgers[t.sellerHub].late;
        _payment.safeTransfer(t.buyer, refund);
        if (t.resource == _HEAT) _sendHeat(seller, t.amount);
    }

    /// @inheritdoc ILegMarketplace
    function settle(uint256 tradeId) external nonReentrant {
        Trade storage t = _tradeIn(tradeId, TradeStatus.Confirmed);
        if (t.resource == _STORAGE) revert LegMarketWrongResource(tradeId, _STORAGE);
        uint256 readyAt = uint256(t.confirmedAt) + _hot.disputeWindow;
        if (block.timestamp < readyAt) revert LegMarketTooEarly(tradeId, readyAt);
        _settle(tradeId, t, 0);
    }

    /// @inheritdoc ILegMarketplace
    function billStorage(uint256 tradeId) external nonReentrant {
        Trade storage t = _tradeIn(tradeId, TradeStatus.Confirmed);
        if (t.resource != _STORAGE) revert LegMarketWrongResource(tradeId, t.resource);
        uint256 term = t.months;
        uint256 upTo = Math.min((block.timestamp - t.confirmedAt) / MONTH, term);
        uint256 billed = t.billedMonths;
        if (upTo <= billed) revert LegMarketNothingDue(tradeId);
        uint256 due = (upTo - billed) * uint256(t.used) * t.price;
        uint256 fee = (due * _hot.feeBps) / _BPS;
        // due <= escrow: escrow covers amount x maxPrice x months >= used x price x months.
        uint256 escrowLeft = t.escrow - due;
        bool last = upTo >= term; // upTo <= term by construction
        t.billedMonths = uint16(upTo);
        t.escrow = last ? 0 : uint128(escrowLeft);
        if (last) t.status = TradeStatus.Settled;
        _hot.accruedFees += uint152(fee); // fee <= due <= escrow < 2**128
        emit StorageBilled(tradeId, upTo - billed, due - fee, fee);
        Ledger storage l = _ledgers[t.sellerHub];
        l.proceeds += uint160(due - fee); // due <= escrow < 2**128; all credits < the token supply
        if (last) {
            emit TradeSettled(tradeId, 0, 0, escrowLeft, 0);
            _countCompleted(l, t.usageAt > uint256(t.createdAt) + _hot.usageTimeout);
            if (escrowLeft != 0) _payment.safeTransfer(t.buyer, escrowLeft);
        }
    }

    /// @inheritdoc ILegMarketplace
    function cancelStorage(uint256 tradeId) external nonReentrant {
        Trade storage t = _tradeIn(tradeId, TradeStatus.Confirmed);
        if (t.resource != _STORAGE) revert LegMarketWrongResource(tradeId, t.resource);
        if (msg.sender != t.buyer && msg.sender != _operatorOf[t.sellerHub]) {
            revert LegMarketNotBuyer(tradeId, msg.sender);
        }
        // At least `noticeMonths` whole months of service from now stay paid: the term ends at the
        // first month boundary at or after now + notice (never later than agreed).
        uint256 noticeEnd = block.timestamp - t.confirmedAt + uint256(_hot.noticeMonths) * MONTH;
        uint256 endMonth = Math.min(Math.ceilDiv(noticeEnd, MONTH), t.months);
        uint256 monthly = uint256(t.used) * t.price;
        uint256 keep = (endMonth - t.billedMonths) * monthly;
        uint256 refund = t.escrow - keep;
        t.months = uint16(endMonth);
        t.escrow = uint128(keep);
        emit StorageNoticeGiven(tradeId, msg.sender, endMonth, refund);
        if (refund != 0) _payment.safeTransfer(t.buyer, refund);
    }

    // ---------------------------------------------------------------- disputes

    /// @inheritdoc ILegMarketplace
    function openDispute(uint256 tradeId) external nonReentrant {
        Trade storage t = _tradeIn(tradeId, TradeStatus.Confirmed);
        if (t.resource == _STORAGE) revert LegMarketWrongResource(tradeId, _STORAGE);
        if (msg.sender != t.buyer) revert LegMarketNotBuyer(tradeId, msg.sender);
        uint256 deadline = uint256(t.confirmedAt) + _hot.disputeWindow;
        if (block.timestamp >= deadline) revert LegMarketTooLate(tradeId, deadline);
        uint96 bond = _params.disputeBond;
        t.status = TradeStatus.Disputed;
        _disputes[tradeId] =
            Dispute({stage: DisputeStage.Open, openedAt: uint40(block.timestamp), escalatedAt: 0, bond: bond});
        emit DisputeOpened(tradeId, bond);
        _payment.safeTransferFrom(msg.sender, address(this), bond);
    }

    /// @inheritdoc ILegMarketplace
    function concedeDispute(uint256 tradeId) external nonReentrant {
        Trade storage t = _tradeIn(tradeId, TradeStatus.Disputed);
        _onlySeller(t, tradeId);
        _buyerWins(tradeId, t, false);
    }

    /// @inheritdoc ILegMarketplace
    function escalateDispute(uint256 tradeId) external nonReentrant {
        Trade storage t = _trades[tradeId];
        Dispute storage d = _disputes[tradeId];
        if (t.status != TradeStatus.Disputed || d.stage != DisputeStage.Open) {
            _wrongStatus(tradeId, t);
        }
        _onlySeller(t, tradeId);
        uint256 deadline = uint256(d.openedAt) + _params.responseWindow;
        if (block.timestamp >= deadline) revert LegMarketTooLate(tradeId, deadline);
        d.stage = DisputeStage.Escalated;
        d.escalatedAt = uint40(block.timestamp);
        emit DisputeEscalated(tradeId, d.bond);
        _payment.safeTransferFrom(msg.sender, address(this), d.bond);
    }

    /// @inheritdoc ILegMarketplace
    function arbitrate(uint256 tradeId, bool buyerWins) external onlyRole(ARBITER_ROLE) nonReentrant {
        Trade storage t = _trades[tradeId];
        if (t.status != TradeStatus.Disputed || _disputes[tradeId].stage != DisputeStage.Escalated) {
            _wrongStatus(tradeId, t);
        }
        if (buyerWins) {
            _buyerWins(tradeId, t, false);
        } else {
            _sellerWins(tradeId, t, false);
        }
    }

    /// @inheritdoc ILegMarketplace
    function resolveDisputeByTimeout(uint256 tradeId) external nonReentrant {
        Trade storage t = _tradeIn(tradeId, TradeStatus.Disputed);
        Dispute storage d = _disputes[tradeId];
        if (d.stage == DisputeStage.Open) {
            uint256 readyAt = uint256(d.openedAt) + _params.responseWindow;
            if (block.timestamp < readyAt) revert LegMarketTooEarly(tradeId, readyAt);
            _buyerWins(tradeId, t, true);
        } else {
            uint256 readyAt = uint256(d.escalatedAt) + _params.arbitrationTimeout;
            if (block.timestamp < readyAt) revert LegMarketTooEarly(tradeId, readyAt);
            _sellerWins(tradeId, t, true);
        }
    }

    // ---------------------------------------------------------------- feedback, fees, governance

    /// @inheritdoc ILegMarketplace
    function giveFeedback(uint256 tradeId, uint8 rating) external {
        Trade storage t = _tradeIn(tradeId, TradeStatus.Settled);
        if (msg.sender != t.buyer) revert LegMarketNotBuyer(tradeId, msg.sender);
        if (_feedbackGiven[tradeId]) revert LegMarketFeedbackGiven(tradeId);
        _feedbackGiven[tradeId] = true;
        emit FeedbackGiven(tradeId, t.sellerHub, rating);
        _registry.recordFeedback(t.sellerHub, rating);
    }

    /// @inheritdoc ILegMarketplace
    function collectFees() external nonReentrant returns (uint256 amount) {
        amount = _hot.accruedFees;
        if (amount == 0) return 0;
        _hot.accruedFees = 0;
        emit FeesCollected(_treasury, amount);
        _payment.safeTransfer(_treasury, amount);
    }

    /// @inheritdoc ILegMarketplace
    function claimHeat(uint256 tradeId) external nonReentrant returns (uint256 amountWh) {
        Trade storage t = _tradeIn(tradeId, TradeStatus.Settled);
        amountWh = t.heatWh;
        if (amountWh == 0) revert LegMarketNothingDue(tradeId);
        t.heatWh = 0;
        bool bought = t.resource == _HEAT;
        address to = bought ? t.buyer : _operatorOf[t.sellerHub];
        emit HeatClaimed(tradeId, to, amountWh);
        if (bought) _sendHeat(to, amountWh);
        else _heat.mint(to, amountWh, tradeId);
    }

    /// @inheritdoc ILegMarketplace
    function withdraw(uint256 hubId) external nonReentrant returns (uint256 amount) {
        Ledger storage l = _ledgers[hubId];
        amount = l.proceeds;
        if (amount == 0) return 0;
        l.proceeds = 0;
        // Credited hubs matched an offer, so their operator is cached.
        address operator = _operatorOf[hubId];
        emit ProceedsWithdrawn(hubId, operator, amount);
        _payment.safeTransfer(operator, amount);
    }

    /// @inheritdoc ILegMarketplace
    function setParams(Params calldata newParams) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setParams(newParams);
    }

    /// @inheritdoc ILegMarketplace
    function setTreasury(address newTreasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newTreasury == address(0)) revert LegMarketZeroAddress();
        _treasury = newTreasury;
        emit TreasuryUpdated(newTreasury);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ILegMarketplace
    function params() external view returns (Params memory) {
        return _params;
    }

    /// @inheritdoc ILegMarketplace
    function offer(uint256 offerId) external view returns (Offer memory) {
        return _offers[offerId];
    }

    /// @inheritdoc ILegMarketplace
    function order(uint256 orderId) external view returns (Order memory) {
        OrderRecord storage r = _orders[orderId];
        (uint256 resource, uint256 minLevel, uint256 maxPrice, OrderTerms memory terms) = _unpack(orderId, r);
        return Order({
            buyer: r.buyer,
            resource: uint8(resource),
            minLevel: uint8(minLevel),
            preferredHub: terms.preferredHub,
            months: terms.months,
            remaining: r.remaining,
            maxPrice: uint96(maxPrice), // checked when posted
            escrow: uint128(_escrowFor(resource, r.remaining, maxPrice, terms.months)), // <= the posted escrow
            zoneId: r.zoneId
        });
    }

    /// @inheritdoc ILegMarketplace
    function trade(uint256 tradeId) external view returns (Trade memory) {
        return _trades[tradeId];
    }

    /// @inheritdoc ILegMarketplace
    function dispute(uint256 tradeId) external view returns (Dispute memory) {
        return _disputes[tradeId];
    }

    /// @inheritdoc ILegMarketplace
    function outcomes(uint256 hubId) external view returns (Outcomes memory) {
        Ledger storage l = _ledgers[hubId];
        return Outcomes(l.completed, l.late, l.disputesLost);
    }

    /// @inheritdoc ILegMarketplace
    function proceeds(uint256 hubId) external view returns (uint256) {
        return _ledgers[hubId].proceeds;
    }

    /// @inheritdoc ILegMarketplace
    function offerOf(uint256 hubId, uint8 resource) external view returns (uint256) {
        _checkResource(resource);
        return _offerOf[hubId][resource];
    }

    /// @inheritdoc ILegMarketplace
    function bestOffer(uint256 orderId) external view returns (uint256) {
        OrderRecord storage ord = _orders[orderId];
        if (ord.remaining == 0) return 0;
        (,,, OrderTerms memory terms) = _unpack(orderId, ord);
        return _bestOffer(ord, terms.preferredHub);
    }

    /// @inheritdoc ILegMarketplace
    function tick(uint8 resource) public view returns (uint256) {
        _checkResource(resource);
        return resource == _COMPUTE ? _tickCompute : resource == _STORAGE ? _tickStorage : _tickHeat;
    }

    /// @inheritdoc ILegMarketplace
    function accruedFees() external view returns (uint256) {
        return _hot.accruedFees;
    }

    /// @inheritdoc ILegMarketplace
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc ILegMarketplace
    function paymentToken() external view returns (address) {
        return address(_payment);
    }

    /// @inheritdoc ILegMarketplace
    function hubRegistry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc ILegMarketplace
    function heatCredit() external view returns (address) {
        return address(_heat);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Trade `tradeId`, which must be in `status` (else LegMarketWrongStatus).
    function _tradeIn(uint256 tradeId, TradeStatus status) private view returns (Trade storage t) {
        t = _trades[tradeId];
        if (t.status != status) _wrongStatus(tradeId, t);
    }

    function _wrongStatus(uint256 tradeId, Trade storage t) private view {
        revert LegMarketWrongStatus(tradeId, uint256(t.status));
    }

    function _sendHeat(address to, uint256 amount) private {
        IERC20(address(_heat)).safeTransfer(to, amount);
    }

    function _checkResource(uint8 resource) private pure {
        if (resource > _HEAT) revert LegMarketInvalidResource(resource);
    }

    function _onlySeller(Trade storage t, uint256 tradeId) private view {
        if (msg.sender != _operatorOf[t.sellerHub]) revert LegMarketNotSeller(tradeId, msg.sender);
    }

    function _countCompleted(Ledger storage l, bool late) private {
        ++l.completed;
        if (late) ++l.late;
    }

    function _setParams(Params memory p) private {
        if (p.feeBps < 200 || p.feeBps > 500) revert LegMarketInvalidParameter("feeBps", p.feeBps);
        _checkDuration("usageTimeout", p.usageTimeout);
        _checkDuration("confirmTimeout", p.confirmTimeout);
        _checkDuration("disputeWindow", p.disputeWindow);
        _checkDuration("responseWindow", p.responseWindow);
        _checkDuration("arbitrationTimeout", p.arbitrationTimeout);
        if (p.noticeMonths == 0 || p.noticeMonths > 12) {
            revert LegMarketInvalidParameter("noticeMonths", p.noticeMonths);
        }
        if (p.maxMonths < p.noticeMonths || p.maxMonths > 120) revert LegMarketInvalidParameter("maxMonths", p.maxMonths);
        _params = p;
        Hot storage hot = _hot;
        hot.feeBps = p.feeBps;
        hot.usageTimeout = p.usageTimeout;
        hot.disputeWindow = p.disputeWindow;
        hot.noticeMonths = p.noticeMonths;
        emit ParamsUpdated(p);
    }

    function _checkDuration(bytes32 name, uint32 value) private pure {
        if (value < 1 minutes || value > 90 days) revert LegMarketInvalidParameter(name, value);
    }

    function _bookKey(uint256 zoneId, uint256 resource, uint256 lvl) private pure returns (uint256) {
        return (zoneId << 16) | (resource << 8) | lvl;
    }

    function _queueKey(uint256 bookKey, uint256 priceLevel) private pure returns (uint256) {
        return (bookKey << 16) | priceLevel;
    }

    /// @dev One fill of order `orderId` with the best eligible offer of a licensed hub. Offers of
    /// hubs whose operator lost the licence are withdrawn on the way (at most MAX_DELISTS), so they
    /// can neither trade nor hide the offers behind them. Returns (0, delisted) when no fill.
    /// At most _MAX_DELISTS (4) per call.
    function _matchOnce(uint256 orderId, OrderRecord storage ord, OrderTerms memory terms)
        private
        returns (uint256 tradeId, bool delisted)
    {
        for (uint256 i; i <= _MAX_DELISTS; ++i) {
            uint256 offerId = _bestOffer(ord, terms.preferredHub);
            if (offerId == 0) return (0, delisted);
            Offer storage o = _offers[offerId];
            uint256 hubId = o.hubId;
            address operator = _operatorOf[hubId];
            if (_licensing.hasLicence(operator)) return (_fill(orderId, offerId, terms.months), delisted);
            if (i == _MAX_DELISTS) break;
            uint8 resource = o.resource;
            emit OfferDelisted(offerId, hubId, operator);
            uint256 returned = _withdrawOffer(offerId);
            delisted = true;
            if (resource == _HEAT && returned != 0) _sendHeat(operator, returned);
        }
    }

    /// @dev Best eligible offer for `ord`, 0 if none (see the matching rule in ILegMarketplace).
    function _bestOffer(OrderRecord storage ord, uint256 preferred) private view returns (uint256) {
        uint8 meta = ord.meta;
        uint256 resource = meta & 3;
        uint256 minLevel = (meta >> 2) & 7;
        uint256 maxPriceLevel = ord.maxPriceLevel;
        uint256 zoneId = ord.zoneId;
        if (preferred != 0) {
            uint256 id = _offerOf[preferred][resource];
            if (id != 0) {
                Offer storage o = _offers[id];
                if (o.priceLevel <= maxPriceLevel && o.level >= minLevel && o.zoneId == zoneId) return id;
            }
        }
        uint256 book = _bookKey(zoneId, resource, 0); // | level
        uint256 mask = (_levelMasks[zoneId] >> (resource * _LEVELS)) & 0xff;
        uint256 bestPrice = type(uint256).max;
        uint256 bestBook = 0;
        for (uint256 lvl = _LEVELS; lvl > minLevel;) {
            unchecked {
                --lvl; // lvl > minLevel >= 0
            }
            if (mask & (1 << lvl) == 0) continue;
            (bool found, uint16 p) = _bitmaps[book | lvl].lowest();
            // Strictly lower only: at equal price the higher level, visited first, keeps priority.
            if (found && p < bestPrice) {
                bestPrice = p;
                bestBook = book | lvl;
            }
        }
        if (bestPrice > maxPriceLevel) return 0;
        return _queues[_queueKey(bestBook, bestPrice)].head;
    }

    function _fill(uint256 orderId, uint256 offerId, uint256 months) private returns (uint256 tradeId) {
        OrderRecord storage ord = _orders[orderId];
        Offer storage o = _offers[offerId];
        uint256 remaining = ord.remaining;
        uint256 available = o.available;
        uint256 amount = Math.min(remaining, available);
        uint8 resource = o.resource; // the order's
        uint256 portion;
        {
            uint256 maxPrice = uint256(ord.maxPriceLevel) * tick(resource);
            // The escrow's share of the filled units (_escrowFor grows with the units, so >= 0).
            portion = _escrowFor(resource, remaining, maxPrice, months)
                - _escrowFor(resource, remaining - amount, maxPrice, months);
        }
        ord.remaining = uint40(remaining - amount); // amount <= remaining
        uint256 hubId = o.hubId;
        uint256 price = uint256(o.priceLevel) * tick(resource);
        if (amount == available) {
            _withdrawOffer(offerId);
        } else {
            o.available = uint48(available - amount);
        }
        tradeId = ++_tradeCount;
        _trades[tradeId] = Trade({
            buyer: ord.buyer,
            resource: resource,
            status: TradeStatus.Pending,
            createdAt: uint40(block.timestamp),
            sellerHub: uint32(hubId),
            amount: uint48(amount),
            used: 0,
            heatWh: 0,
            usageAt: 0,
            confirmedAt: 0,
            months: uint16(months),
            price: uint96(price),
            escrow: uint128(portion),
            billedMonths: 0
        });
        emit TradeMatched(tradeId, orderId, hubId, offerId, ord.buyer, resource, amount, price);
    }

    function _enqueue(uint256 offerId) private {
        Offer storage o = _offers[offerId];
        uint256 resource = o.resource;
        uint256 lvl = o.level;
        uint256 zoneId = o.zoneId;
        uint256 book = _bookKey(zoneId, resource, lvl);
        Queue storage q = _queues[_queueKey(book, o.priceLevel)];
        uint48 tail = q.tail;
        // Offer ids are counted from 1 by one per offer: they fit 48 bits for any feasible book.
        uint48 id = uint48(offerId);
        if (tail == 0) {
            q.head = id;
            _bitmaps[book].set(o.priceLevel);
            _levelMasks[zoneId] |= 1 << (resource * _LEVELS + lvl);
        } else {
            _offers[tail].next = id;
            o.prev = tail;
        }
        q.tail = id;
    }

    /// @dev Unlink offer `offerId` from its queue and the hub's slot; returns its available amount.
    function _withdrawOffer(uint256 offerId) private returns (uint256 available) {
        Offer storage o = _offers[offerId];
        uint256 resource = o.resource;
        uint256 lvl = o.level;
        uint256 zoneId = o.zoneId;
        uint16 priceLevel = o.priceLevel;
        available = o.available;
        uint256 book = _bookKey(zoneId, resource, lvl);
        Queue storage q = _queues[_queueKey(book, priceLevel)];
        uint48 prev = o.prev;
        uint48 next = o.next;
        if (prev == 0) q.head = next;
        else _offers[prev].next = next;
        if (next == 0) q.tail = prev;
        else _offers[next].prev = prev;
        if (q.head == 0) {
            PriceLevelBitmap.Bitmap storage bm = _bitmaps[book];
            bm.clear(priceLevel);
            if (bm.summary == 0) _levelMasks[zoneId] &= ~(1 << (resource * _LEVELS + lvl));
        }
        _offerOf[o.hubId][resource] = 0;
        o.available = 0;
        o.prev = 0;
        o.next = 0;
        emit OfferCancelled(offerId, o.hubId, available);
    }

    /// @dev Settle `t` at its recorded usage; the seller is credited its proceeds plus `credit`
    /// (its returned dispute bond, else 0).
    function _settle(uint256 tradeId, Trade storage t, uint256 credit) private {
        uint256 total = (uint256(t.used) * t.price) / 1000;
        Hot storage hot = _hot;
        uint256 fee = (total * hot.feeBps) / _BPS;
        // total <= amount x price / 1000 <= escrow (price <= the buyer's maximum).
        uint256 refund = t.escrow - total;
        t.status = TradeStatus.Settled;
        t.escrow = 0;
        hot.accruedFees += uint152(fee); // fee <= total <= escrow < 2**128
        uint256 hubId = t.sellerHub;
        uint256 heatWh = t.heatWh;
        emit TradeSettled(tradeId, total - fee, fee, refund, heatWh);
        Ledger storage l = _ledgers[hubId];
        l.proceeds += uint160(total - fee + credit); // checked: all credits < the token supply
        _countCompleted(l, t.usageAt > uint256(t.createdAt) + hot.usageTimeout);
        if (refund != 0) _payment.safeTransfer(t.buyer, refund);
        // Heat credits wait in the trade's heatWh for `claimHeat` (no token call here): a compute
        // job's recorded heat (minted to the hub), or a heat trade's delivered credits (held here).
        if (t.resource == _HEAT) {
            uint256 used = t.used;
            t.heatWh = uint48(used);
            if (t.amount > used) _sendHeat(_operatorOf[hubId], t.amount - used);
        }
    }

    function _buyerWins(uint256 tradeId, Trade storage t, bool byTimeout) private {
        Dispute storage d = _disputes[tradeId];
        uint256 bond = d.bond;
        bool escalated = d.stage == DisputeStage.Escalated;
        uint256 escrow = t.escrow;
        uint256 hubId = t.sellerHub;
        uint8 resource = t.resource;
        t.status = TradeStatus.Cancelled;
        t.escrow = 0;
        d.stage = DisputeStage.None;
        // An escalating seller who loses forfeits its bond; the buyer's returns.
        if (escalated) _hot.accruedFees += uint152(bond);
        emit DisputeResolved(tradeId, true, byTimeout);
        emit TradeCancelled(tradeId, msg.sender, escrow);
        uint256 offerId = _offerOf[hubId][resource];
        uint256 returned = offerId == 0 ? 0 : _withdrawOffer(offerId);
        ++_ledgers[hubId].disputesLost;
        address seller = _operatorOf[hubId];
        _payment.safeTransfer(t.buyer, escrow + bond);
        if (resource == _HEAT) _sendHeat(seller, uint256(t.amount) + returned);
    }

    function _sellerWins(uint256 tradeId, Trade storage t, bool byTimeout) private {
        Dispute storage d = _disputes[tradeId];
        uint256 bond = d.bond;
        d.stage = DisputeStage.None;
        if (!byTimeout) _hot.accruedFees += uint152(bond); // the buyer's bond (< 2**96)
        emit DisputeResolved(tradeId, false, byTimeout);
        // The seller's bond returns with its proceeds (credited by _settle).
        _settle(tradeId, t, bond);
        // The arbiter stayed silent: no one is at fault, both bonds return.
        if (byTimeout) _payment.safeTransfer(t.buyer, bond);
    }
}
