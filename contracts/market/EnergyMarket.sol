// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IEnergyMarket} from "../../interfaces/IEnergyMarket.sol";
import {IStakingVault} from "../../interfaces/IStakingVault.sol";
import {InternalBalances} from "../libraries/InternalBalances.sol";
import {Money} from "../libraries/Money.sol";
import {UniformPriceAuction} from "../libraries/UniformPriceAuction.sol";

/// @title EnergyMarket — batch auction per time slot with a uniform clearing price
/// @notice See IEnergyMarket for the trading rules. Pausing (PAUSER_ROLE) stops new orders only;
/// cancelling, clearing, claiming and settlement keep working so no escrow can get stuck.
/// The payment token must be a standard ERC-20 without transfer fees (chosen at deployment).
/// Internal balances (InternalBalances, in the payment token) hold what the settlement engine's batch
/// path books instead of transferring: claim refunds and escrow paid out; owners `withdraw` them.
contract EnergyMarket is AccessControl, Pausable, ReentrancyGuard, InternalBalances, IEnergyMarket {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using UniformPriceAuction for mapping(uint256 => UniformPriceAuction.Level);

    bytes32 public constant SETTLEMENT_ROLE = keccak256("SETTLEMENT_ROLE");
    bytes32 public constant AUCTIONEER_ROLE = keccak256("AUCTIONEER_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice Held by the OrderRelay: places orders signed by their traders (`placeOrderFor`).
    bytes32 public constant RELAYER_ROLE = keccak256("RELAYER_ROLE");

    uint256 public constant MAX_TICK = 255;
    uint256 public constant MAX_ORDER_WH = type(uint40).max;
    uint256 public constant MAX_BATCH_SIZE = 200;
    /// @notice Highest slot id (Unix s) any entry point accepts; every slot is also bounded by
    /// `block.timestamp + maxLeadTime`, far below it.
    uint256 public constant MAX_SLOT = type(uint40).max;
    // Order id = slot << 32 | sequence: sequences are uint24 and slots <= MAX_SLOT, so the map
    // from (slot, sequence) to id is injective (ids < 2**72, above JavaScript's 2**53).
    uint256 private constant _ID_SHIFT = 32;
    uint256 private constant _INLINE_SEQS = 3;
    uint256 private constant _SEQS_PER_WORD = 10;

    uint8 private constant _BID = 1;
    uint8 private constant _ACTIVE = 2;
    uint8 private constant _CLAIMED = 4;
    uint8 private constant _STARTED = 1;
    uint8 private constant _CLEARED = 2;

    // One storage slot per order.
    struct StoredOrder {
        address trader;
        uint40 quantity; // Wh
        uint40 filled; // Wh, set when claimed
        uint8 tick;
        uint8 flags; // _BID | _ACTIVE | _CLAIMED; cancelled = neither active nor claimed
    }

    // One storage slot per auction.
    struct Header {
        uint40 startTime;
        uint40 gateClosure;
        uint24 orderCount;
        uint24 openAsks;
        uint24 sellers;
        uint8 clearingTick;
        uint8 marginalBidTick;
        uint8 marginalAskTick;
        uint8 flags; // _STARTED | _CLEARED
        uint64 volume; // Wh
    }

    // Live totals and escrow of one auction, one storage slot.
    struct Book {
        uint64 bidQty; // Wh
        uint64 askQty; // Wh
        uint128 escrow; // payment-token base units held for the slot
    }

    // Price grid and collateral requirement (base units per kWh): the governed one for auctions
    // opened from now on, and each slot's copy fixed when its auction opens.
    struct Grid {
        uint80 priceFloor;
        uint80 tickSize;
        uint80 collateralPerKWh;
    }

    // What the marginal orders of each side still have to share, Wh.
    struct Margin {
        uint64 bidFillLeft;
        uint64 bidQtyLeft;
        uint64 askFillLeft;
        uint64 askQtyLeft;
    }

    // A trader's fills in one slot and the sequences of its orders: the first three inline (one
    // storage slot for a typical household), the rest ten per word in `_moreSeqs`.
    struct StoredPosition {
        uint64 bought; // Wh
        uint64 sold; // Wh
        uint24 openOrders;
        uint24 orderCount;
        uint72 firstSeqs; // 3 x uint24
    }

    struct Timing {
        uint32 gateClosureLead; // s
        uint32 maxLeadTime; // s
        uint64 minOrderWh;
    }

    IERC20 private immutable _paymentToken;
    IStakingVault private immutable _vault;
    uint256 private immutable _slotLength;

    Grid private _nextGrid;
    Timing private _timing;
    mapping(uint256 slot => Header) private _headers;
    mapping(uint256 slot => Book) private _books;
    mapping(uint256 slot => Grid) private _grids;
    mapping(uint256 slot => Margin) private _margins;
    mapping(uint256 slot => uint256 bits) private _bidTicks;
    mapping(uint256 slot => uint256 bits) private _askTicks;
    mapping(uint256 slot => mapping(uint256 tick => UniformPriceAuction.Level)) private _levels;
    mapping(uint256 orderId => StoredOrder) private _orders;
    mapping(uint256 slot => mapping(address trader => StoredPosition)) private _positions;
    mapping(uint256 slot => mapping(address trader => mapping(uint256 word => uint256 seqs))) private _moreSeqs;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed to governance at deployment).
    /// @param paymentToken_ ERC-20 in which bids are escrowed and paid.
    /// @param vault_ StakingVault whose stake backs asks (this market needs its ENCUMBRANCER_ROLE).
    /// @param slotLength_ Time-slot length, s (the oracle's); divides one day.
    /// @param params Governed parameters (see `Parameters`), each checked as by its setter.
    /// Error: EnergyMarketInvalidParameter naming the first invalid field.
    constructor(address admin, address paymentToken_, address vault_, uint256 slotLength_, Parameters memory params) {
        if (paymentToken_ == address(0)) revert EnergyMarketInvalidParameter("paymentToken", 0);
        if (vault_ == address(0)) revert EnergyMarketInvalidParameter("vault", 0);
        if (slotLength_ == 0 || 86_400 % slotLength_ != 0) revert EnergyMarketInvalidParameter("slotLength", slotLength_);
        _paymentToken = IERC20(paymentToken_);
        _vault = IStakingVault(vault_);
        _slotLength = slotLength_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setPriceGrid(params.priceFloor, params.tickSize);
        _setCollateralRequirement(params.collateralPerKWh);
        _setGateClosureLead(params.gateClosureLead);
        _setMaxLeadTime(params.maxLeadTime);
        _setMinOrderQuantity(params.minOrderWh);
    }

    // ---------------------------------------------------------------- trading

    /// @inheritdoc IEnergyMarket
    function placeBid(uint256 slot, uint256 price, uint256 quantity)
        external
        whenNotPaused
        nonReentrant
        returns (uint256 orderId)
    {
        uint256 escrow;
        (orderId, escrow) = _place(msg.sender, slot, price, quantity, true);
        _paymentToken.safeTransferFrom(msg.sender, address(this), escrow);
    }

    /// @inheritdoc IEnergyMarket
    function placeBidWithPermit(
        uint256 slot,
        uint256 price,
        uint256 quantity,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external whenNotPaused nonReentrant returns (uint256 orderId) {
        uint256 escrow;
        (orderId, escrow) = _place(msg.sender, slot, price, quantity, true);
        // A permit already used (e.g. front-run from the mempool) reverts; the bid goes ahead if the
        // allowance suffices anyway, otherwise the transfer below reverts.
        try IERC20Permit(address(_paymentToken)).permit(msg.sender, address(this), escrow, deadline, v, r, s) {}
        catch {}
        _paymentToken.safeTransferFrom(msg.sender, address(this), escrow);
    }

    /// @inheritdoc IEnergyMarket
    function placeAsk(uint256 slot, uint256 price, uint256 quantity)
        external
        whenNotPaused
        nonReentrant
        returns (uint256 orderId)
    {
        uint256 collateral;
        (orderId, collateral) = _place(msg.sender, slot, price, quantity, false);
        if (collateral != 0) _vault.encumber(msg.sender, collateral, slot);
    }

    /// @inheritdoc IEnergyMarket
    function placeOrderFor(address trader, uint256 slot, bool isBid, uint256 price, uint256 quantity, uint256 index)
        external
        onlyRole(RELAYER_ROLE)
        whenNotPaused
        nonReentrant
        returns (uint256 orderId)
    {
        // The trader's signed index is its replay guard: read once here, booked by _place.
        uint256 expected = _positions[slot][trader].orderCount;
        if (index != expected) revert EnergyMarketUnexpectedOrderIndex(trader, slot, index, expected);
        uint256 amount;
        (orderId, amount) = _place(trader, slot, price, quantity, isBid);
        if (isBid) {
            // The internal balance (settlement refunds and proceeds) pays first, the allowance the rest.
            uint256 pulled = amount - _debitUpTo(trader, amount);
            if (pulled != 0) _paymentToken.safeTransferFrom(trader, address(this), pulled);
        } else if (amount != 0) {
            _vault.encumber(trader, amount, slot);
        }
    }

    /// @inheritdoc IEnergyMarket
    function cancelOrder(uint256 orderId) external nonReentrant {
        StoredOrder memory order = _requireOrder(orderId);
        if (order.trader != msg.sender) revert EnergyMarketNotOrderOwner(orderId, msg.sender);
        if (order.flags & _ACTIVE == 0) revert EnergyMarketOrderNotActive(orderId);
        uint256 slot = orderId >> _ID_SHIFT;
        Header memory header = _headers[slot];
        if (block.timestamp >= header.gateClosure) {
            revert EnergyMarketGateClosed(slot, header.gateClosure, block.timestamp);
        }
        bool isBid = order.flags & _BID != 0;
        _orders[orderId].flags = order.flags & ~_ACTIVE;
        _removeFromBook(slot, order.tick, order.quantity, isBid);
        --_positions[slot][msg.sender].openOrders;
        Grid memory grid = _grids[slot];
        emit OrderCancelled(orderId, slot, msg.sender);
        if (isBid) {
            uint256 escrow = Money.paymentUp(order.quantity, _priceOf(grid, order.tick));
            _books[slot].escrow -= uint128(escrow); // Fits: escrow was added at placement.
            _paymentToken.safeTransfer(msg.sender, escrow);
        } else {
            --_headers[slot].openAsks;
            uint256 collateral = Money.paymentUp(order.quantity, grid.collateralPerKWh);
            if (collateral != 0) _vault.release(msg.sender, collateral, slot);
        }
    }

    /// @inheritdoc IEnergyMarket
    function startAuction(uint256 slot, uint256 duration) external onlyRole(AUCTIONEER_ROLE) {
        _requireAligned(slot);
        // The same bound as for orders: keeps ids collision-free and the timetable in range.
        uint256 latest = block.timestamp + _timing.maxLeadTime;
        if (slot > latest) revert EnergyMarketSlotTooFarAhead(slot, latest);
        if (_headers[slot].flags & _STARTED != 0) revert EnergyMarketAuctionExists(slot);
        uint256 defaultClose = _defaultGateClosure(slot);
        uint256 maxDuration = defaultClose > block.timestamp ? defaultClose - block.timestamp : 0;
        if (duration == 0 || duration > maxDuration) revert EnergyMarketInvalidDuration(duration, maxDuration);
        _openAuction(slot, block.timestamp + duration);
    }

    /// @inheritdoc IEnergyMarket
    function clearAuction(uint256 slot) external returns (uint256 clearingPrice) {
        Header memory header = _headers[slot];
        if (header.flags & _STARTED == 0) revert EnergyMarketNoAuction(slot);
        if (header.flags & _CLEARED != 0) revert EnergyMarketAuctionCleared(slot);
        if (block.timestamp < header.gateClosure) {
            revert EnergyMarketAuctionOpen(slot, header.gateClosure, block.timestamp);
        }
        UniformPriceAuction.Result memory result =
            _levels[slot].clear(_bidTicks[slot], _askTicks[slot], _books[slot].bidQty);
        header.flags |= _CLEARED;
        if (result.volume != 0) {
            // Ticks fit in uint8 (<= 255); volume <= total bid quantity, a uint64.
            header.volume = uint64(result.volume);
            header.clearingTick = uint8(result.clearingTick);
            header.marginalBidTick = uint8(result.marginalBidTick);
            header.marginalAskTick = uint8(result.marginalAskTick);
            _margins[slot] = Margin({
                bidFillLeft: uint64(result.marginalBidFill),
                bidQtyLeft: uint64(_levels[slot][result.marginalBidTick].bidQty),
                askFillLeft: uint64(result.marginalAskFill),
                askQtyLeft: uint64(_levels[slot][result.marginalAskTick].askQty)
            });
            clearingPrice = _priceOf(_grids[slot], result.clearingTick);
        }
        _headers[slot] = header;
        emit AuctionCleared(slot, clearingPrice, result.volume);
    }

    /// @inheritdoc IEnergyMarket
    function claimOrder(uint256 orderId) external nonReentrant {
        _claim(orderId, true, false);
    }

    /// @inheritdoc IEnergyMarket
    function claimOrders(uint256[] calldata orderIds) external nonReentrant {
        uint256 n = orderIds.length;
        if (n == 0 || n > MAX_BATCH_SIZE) revert EnergyMarketInvalidBatchSize(n, MAX_BATCH_SIZE);
        for (uint256 i; i < n; ++i) {
            _claim(orderIds[i], false, false);
        }
    }

    /// @inheritdoc IEnergyMarket
    function claimAll(uint256 slot, address trader) external nonReentrant returns (Position memory) {
        return _claimAll(slot, trader, false);
    }

    /// @inheritdoc IEnergyMarket
    function claimAllToBalance(uint256 slot, address trader)
        external
        onlyRole(SETTLEMENT_ROLE)
        nonReentrant
        returns (Position memory)
    {
        return _claimAll(slot, trader, true);
    }

    /// @inheritdoc IEnergyMarket
    function releaseEscrow(uint256 slot, address to, uint256 amount) external onlyRole(SETTLEMENT_ROLE) nonReentrant {
        _takeEscrow(slot, amount);
        emit EscrowReleased(slot, to, amount);
        _paymentToken.safeTransfer(to, amount);
    }

    /// @inheritdoc IEnergyMarket
    function creditEscrow(uint256 slot, address to, uint256 amount) external onlyRole(SETTLEMENT_ROLE) {
        _takeEscrow(slot, amount);
        _credit(to, amount);
    }

    // ---------------------------------------------------------------- governance

    /// @notice Price grid for auctions opened from now on: floor and tick in base units per kWh,
    /// both multiples of 1000, tick > 0 (DEFAULT_ADMIN_ROLE).
    function setPriceGrid(uint256 priceFloor, uint256 tickSize) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPriceGrid(priceFloor, tickSize);
    }

    /// @notice Stake encumbered per kWh offered, stake-token base units, a multiple of 1000
    /// (DEFAULT_ADMIN_ROLE). It caps the shortfall penalty: keep it at or above the penalty price.
    function setCollateralRequirement(uint256 collateralPerKWh) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setCollateralRequirement(collateralPerKWh);
    }

    /// @notice Seconds before a slot's start at which its gate closes, 0 .. 2 days (DEFAULT_ADMIN_ROLE).
    function setGateClosureLead(uint256 lead) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setGateClosureLead(lead);
    }

    /// @notice How far ahead (s) of its start a slot accepts orders, 1 hour .. 30 days (DEFAULT_ADMIN_ROLE).
    function setMaxLeadTime(uint256 maxLeadTime) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMaxLeadTime(maxLeadTime);
    }

    /// @notice Smallest order in Wh, 1 .. 1,000,000 (DEFAULT_ADMIN_ROLE): bounds book spam.
    function setMinOrderQuantity(uint256 minOrderWh) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMinOrderQuantity(minOrderWh);
    }

    /// @notice Stop new orders (PAUSER_ROLE, the guardian). Everything else keeps working.
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @notice Accept orders again (DEFAULT_ADMIN_ROLE: governance).
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IEnergyMarket
    function getOrder(uint256 orderId) external view returns (Order memory) {
        StoredOrder memory order = _requireOrder(orderId);
        uint256 slot = orderId >> _ID_SHIFT;
        return Order({
            orderId: orderId,
            trader: order.trader,
            isBid: order.flags & _BID != 0,
            price: _priceOf(_grids[slot], order.tick),
            quantity: order.quantity,
            filledQuantity: order.filled,
            timeSlot: slot,
            isActive: order.flags & _ACTIVE != 0
        });
    }

    /// @inheritdoc IEnergyMarket
    function getAuction(uint256 slot) external view returns (Auction memory) {
        Header memory header = _headers[slot];
        Book memory book = _books[slot];
        return Auction({
            timeSlot: slot,
            startTime: header.startTime,
            endTime: header.gateClosure,
            clearingPrice: _clearingPrice(slot, header),
            totalBidQuantity: book.bidQty,
            totalAskQuantity: book.askQty,
            isCleared: header.flags & _CLEARED != 0
        });
    }

    /// @inheritdoc IEnergyMarket
    function previewOrder(uint256 orderId) external view returns (OrderPreview memory preview) {
        StoredOrder memory order = _requireOrder(orderId);
        uint256 slot = orderId >> _ID_SHIFT;
        Header memory header = _headers[slot];
        Margin memory margin = _margins[slot];
        return _preview(slot, header, margin, order);
    }

    /// @inheritdoc IEnergyMarket
    function previewPosition(uint256 slot, address trader) external view returns (Position memory) {
        StoredPosition memory position = _positions[slot][trader];
        Position memory result =
            Position({bought: position.bought, sold: position.sold, openOrders: position.openOrders});
        Header memory header = _headers[slot];
        if (position.openOrders == 0 || header.flags & _CLEARED == 0) return result;
        Margin memory margin = _margins[slot];
        for (uint256 i; i < position.orderCount; ++i) {
            StoredOrder memory order = _orders[(slot << _ID_SHIFT) | _seqAt(slot, trader, position.firstSeqs, i)];
            if (order.flags & _ACTIVE == 0) continue;
            // Claims in sequence: `_preview` advances the marginal shares in memory as `_claim` would.
            OrderPreview memory preview = _preview(slot, header, margin, order);
            if (order.flags & _BID != 0) result.bought += preview.filled;
            else result.sold += preview.filled;
        }
        return result;
    }

    /// @inheritdoc IEnergyMarket
    function getPosition(uint256 slot, address trader) external view returns (Position memory) {
        StoredPosition memory position = _positions[slot][trader];
        return Position({bought: position.bought, sold: position.sold, openOrders: position.openOrders});
    }

    /// @inheritdoc IEnergyMarket
    function getClearing(uint256 slot) external view returns (Clearing memory) {
        Header memory header = _headers[slot];
        return Clearing({
            isStarted: header.flags & _STARTED != 0,
            isCleared: header.flags & _CLEARED != 0,
            clearingPrice: _clearingPrice(slot, header),
            volume: header.volume,
            openAsks: header.openAsks,
            sellers: header.sellers,
            collateralPerKWh: _grids[slot].collateralPerKWh,
            orderCount: header.orderCount,
            gateClosure: header.gateClosure
        });
    }

    /// @notice The governed price grid and collateral requirement for auctions opened from now on.
    function marketParameters()
        external
        view
        returns (uint256 priceFloor, uint256 tickSize, uint256 collateralPerKWh, uint256 minOrderWh, uint256 maxLeadTime)
    {
        Grid memory params = _nextGrid;
        Timing memory timing = _timing;
        return (params.priceFloor, params.tickSize, params.collateralPerKWh, timing.minOrderWh, timing.maxLeadTime);
    }

    /// @inheritdoc IEnergyMarket
    function extsload(bytes32[] calldata slots) external view returns (bytes32[] memory values) {
        values = new bytes32[](slots.length);
        for (uint256 i; i < slots.length; ++i) {
            bytes32 key = slots[i];
            bytes32 value;
            assembly ("memory-safe") {
                value := sload(key)
            }
            values[i] = value;
        }
    }

    /// @inheritdoc IEnergyMarket
    function escrowOf(uint256 slot) external view returns (uint256) {
        return _books[slot].escrow;
    }

    /// @inheritdoc IEnergyMarket
    function paymentToken() external view returns (address) {
        return address(_paymentToken);
    }

    /// @inheritdoc IEnergyMarket
    function stakingVault() external view returns (address) {
        return address(_vault);
    }

    /// @inheritdoc IEnergyMarket
    function slotLength() external view returns (uint256) {
        return _slotLength;
    }

    /// @inheritdoc IEnergyMarket
    function gateClosureLead() external view returns (uint256) {
        return _timing.gateClosureLead;
    }

    // ---------------------------------------------------------------- internals

    /// @dev An unclaimed order's outcome if claimed now (a claimed order's recorded outcome);
    /// advances `margin` in memory for marginal orders.
    function _preview(uint256 slot, Header memory header, Margin memory margin, StoredOrder memory order)
        private
        view
        returns (OrderPreview memory preview)
    {
        bool isBid = order.flags & _BID != 0;
        preview.claimed = order.flags & _CLAIMED != 0;
        preview.cleared = header.flags & _CLEARED != 0;
        if (!preview.cleared || (order.flags & (_ACTIVE | _CLAIMED)) == 0) return preview;
        uint256 fill = preview.claimed ? order.filled : _fillIn(header, margin, order, isBid);
        uint256 clearingPrice = _clearingPrice(slot, header);
        Grid memory grid = _grids[slot];
        preview.filled = fill;
        preview.cost = Money.paymentUp(fill, clearingPrice);
        preview.refund = isBid
            ? Money.paymentUp(order.quantity, _priceOf(grid, order.tick)) - preview.cost
            : Money.paymentDown(order.quantity - fill, grid.collateralPerKWh);
    }

    /// @dev Claims every active order of `trader` in `slot` (bid refunds to its internal balance if
    /// `toBalance`, else transferred); returns the position after the claims.
    function _claimAll(uint256 slot, address trader, bool toBalance) private returns (Position memory) {
        StoredPosition memory position = _positions[slot][trader];
        if (position.openOrders != 0) {
            uint256 n = position.orderCount;
            for (uint256 i; i < n; ++i) {
                _claim((slot << _ID_SHIFT) | _seqAt(slot, trader, position.firstSeqs, i), false, toBalance);
            }
            position = _positions[slot][trader];
        }
        return Position({bought: position.bought, sold: position.sold, openOrders: position.openOrders});
    }

    /// @dev Takes `amount` out of the slot's escrow; EnergyMarketEscrowExceeded above what it holds.
    function _takeEscrow(uint256 slot, uint256 amount) private {
        uint256 held = _books[slot].escrow;
        if (amount > held) revert EnergyMarketEscrowExceeded(slot, held, amount);
        _books[slot].escrow = uint128(held - amount); // Fits: below `held`, a uint128.
    }

    /// @dev Internal balances are held in the payment token.
    function _internalBalanceToken() internal view override returns (IERC20) {
        return _paymentToken;
    }

    /// @dev The order's sequence number at index `i` of the trader's orders in `slot`.
    function _seqAt(uint256 slot, address trader, uint256 firstSeqs, uint256 i) private view returns (uint256) {
        if (i < _INLINE_SEQS) return (firstSeqs >> (24 * i)) & type(uint24).max;
        i -= _INLINE_SEQS;
        return (_moreSeqs[slot][trader][i / _SEQS_PER_WORD] >> (24 * (i % _SEQS_PER_WORD))) & type(uint24).max;
    }

    /// @dev Validates and books `trader`'s order; returns its id and the escrow (bids) or
    /// collateral (asks).
    function _place(address trader, uint256 slot, uint256 price, uint256 quantity, bool isBid)
        private
        returns (uint256 orderId, uint256 amount)
    {
        (Header memory header, Grid memory grid) = _openOrJoinAuction(slot);
        uint256 tick = _tickOf(grid, price);
        Timing memory timing = _timing;
        if (quantity < timing.minOrderWh || quantity > MAX_ORDER_WH) {
            revert EnergyMarketQuantityOutOfRange(quantity, timing.minOrderWh, MAX_ORDER_WH);
        }
        orderId = (slot << _ID_SHIFT) | header.orderCount;
        _recordOrder(slot, trader, header.orderCount);
        ++header.orderCount;
        _orders[orderId] = StoredOrder({
            trader: trader,
            quantity: uint40(quantity), // Fits: checked against MAX_ORDER_WH.
            filled: 0,
            tick: uint8(tick), // Fits: _tickOf returns <= MAX_TICK.
            flags: isBid ? _BID | _ACTIVE : _ACTIVE
        });
        UniformPriceAuction.Level storage level = _levels[slot][tick];
        Book memory book = _books[slot];
        if (isBid) {
            amount = Money.paymentUp(quantity, price);
            if (level.bidQty == 0) _bidTicks[slot] |= 1 << tick;
            level.bidQty += uint128(quantity);
            book.bidQty += uint64(quantity);
            book.escrow += amount.toUint128();
        } else {
            amount = Money.paymentUp(quantity, grid.collateralPerKWh);
            if (level.askQty == 0) _askTicks[slot] |= 1 << tick;
            level.askQty += uint128(quantity);
            book.askQty += uint64(quantity);
            ++header.openAsks;
        }
        _books[slot] = book;
        _headers[slot] = header;
        emit OrderPlaced(orderId, slot, trader, isBid, price, quantity);
    }

    /// @dev Adds order `seq` to `trader`'s orders in `slot`.
    function _recordOrder(uint256 slot, address trader, uint256 seq) private {
        StoredPosition memory position = _positions[slot][trader];
        ++position.openOrders;
        uint256 index = position.orderCount++;
        if (index < _INLINE_SEQS) {
            position.firstSeqs |= uint72(seq << (24 * index)); // Fits: seq < 2**24.
        } else {
            index -= _INLINE_SEQS;
            _moreSeqs[slot][trader][index / _SEQS_PER_WORD] |= seq << (24 * (index % _SEQS_PER_WORD));
        }
        _positions[slot][trader] = position;
    }

    /// @dev Opens the slot's auction at its first order (emits AuctionStarted) or joins the open one;
    ///      returns the slot's header and grid. Reverts after gate closure.
    function _openOrJoinAuction(uint256 slot) private returns (Header memory header, Grid memory grid) {
        header = _headers[slot];
        if (header.flags & _STARTED == 0) {
            _requireAligned(slot);
            uint256 latest = block.timestamp + _timing.maxLeadTime;
            if (slot > latest) revert EnergyMarketSlotTooFarAhead(slot, latest);
            uint256 gate = _defaultGateClosure(slot);
            if (block.timestamp >= gate) revert EnergyMarketGateClosed(slot, gate, block.timestamp);
            (header, grid) = _openAuction(slot, gate);
        } else {
            if (block.timestamp >= header.gateClosure) {
                revert EnergyMarketGateClosed(slot, header.gateClosure, block.timestamp);
            }
            grid = _grids[slot];
        }
    }

    function _openAuction(uint256 slot, uint256 gateClosure) private returns (Header memory header, Grid memory grid) {
        Grid memory params = _nextGrid;
        grid = Grid({priceFloor: params.priceFloor, tickSize: params.tickSize, collateralPerKWh: params.collateralPerKWh});
        _grids[slot] = grid;
        header.startTime = uint40(block.timestamp); // Fits until the year 36812.
        header.gateClosure = gateClosure.toUint40();
        header.flags = _STARTED;
        _headers[slot] = header;
        emit AuctionStarted(slot, block.timestamp, gateClosure);
    }

    function _removeFromBook(uint256 slot, uint256 tick, uint256 quantity, bool isBid) private {
        UniformPriceAuction.Level storage level = _levels[slot][tick];
        Book storage book = _books[slot];
        // Cannot underflow: the order's quantity was added to the level and the book at placement.
        if (isBid) {
            level.bidQty -= uint128(quantity);
            book.bidQty -= uint64(quantity);
            if (level.bidQty == 0) _bidTicks[slot] &= ~(1 << tick);
        } else {
            level.askQty -= uint128(quantity);
            book.askQty -= uint64(quantity);
            if (level.askQty == 0) _askTicks[slot] &= ~(1 << tick);
        }
    }

    /// @dev Fills an order after clearing and returns what it does not need any more (a bid's refund
    /// to the trader's internal balance if `toBalance`, else transferred).
    function _claim(uint256 orderId, bool strict, bool toBalance) private {
        StoredOrder memory order = _requireOrder(orderId);
        if (order.flags & _ACTIVE == 0) {
            if (strict) revert EnergyMarketOrderNotActive(orderId);
            return;
        }
        uint256 slot = orderId >> _ID_SHIFT;
        Header memory header = _headers[slot];
        if (header.flags & _CLEARED == 0) revert EnergyMarketAuctionNotCleared(slot);
        bool isBid = order.flags & _BID != 0;
        uint256 fill = _fillOf(slot, header, order, isBid);

        order.filled = uint40(fill); // Fits: fill <= quantity.
        order.flags = (order.flags & ~_ACTIVE) | _CLAIMED;
        _orders[orderId] = order;
        StoredPosition memory position = _positions[slot][order.trader];
        --position.openOrders;
        if (isBid) {
            position.bought += uint64(fill);
        } else {
            if (fill != 0 && position.sold == 0) ++header.sellers;
            position.sold += uint64(fill);
            --header.openAsks;
            _headers[slot] = header;
        }
        _positions[slot][order.trader] = position;

        Grid memory grid = _grids[slot];
        uint256 clearingPrice = _clearingPrice(slot, header);
        if (isBid) {
            // Limit escrow minus what the fill costs at the clearing price (<= limit for any fill).
            uint256 refund =
                Money.paymentUp(order.quantity, _priceOf(grid, order.tick)) - Money.paymentUp(fill, clearingPrice);
            emit OrderFilled(orderId, slot, order.trader, fill, clearingPrice, refund);
            if (refund != 0) {
                _books[slot].escrow -= uint128(refund); // Fits: part of the escrow added at placement.
                if (toBalance) _credit(order.trader, refund);
                else _paymentToken.safeTransfer(order.trader, refund);
            }
        } else {
            uint256 released = Money.paymentDown(order.quantity - fill, grid.collateralPerKWh);
            // Slashes never touch encumbered stake: exactly this ask's unfilled collateral is there.
            if (released != 0) _vault.release(order.trader, released, slot);
            emit OrderFilled(orderId, slot, order.trader, fill, clearingPrice, released);
        }
    }

    /// @dev Price priority: whole fills beyond the marginal tick, sequential pro-rata at it.
    function _fillOf(uint256 slot, Header memory header, StoredOrder memory order, bool isBid)
        private
        returns (uint256 fill)
    {
        if (header.volume == 0) return 0;
        uint256 marginal = isBid ? header.marginalBidTick : header.marginalAskTick;
        if (order.tick != marginal) {
            bool inTheMoney = isBid ? order.tick > marginal : order.tick < marginal;
            return inTheMoney ? order.quantity : 0;
        }
        Margin memory margin = _margins[slot];
        fill = _fillIn(header, margin, order, isBid);
        _margins[slot] = margin;
    }

    /// @dev The fill rule on a margin held in memory (advanced for marginal orders).
    function _fillIn(Header memory header, Margin memory margin, StoredOrder memory order, bool isBid)
        private
        pure
        returns (uint256 fill)
    {
        if (header.volume == 0) return 0;
        uint256 marginal = isBid ? header.marginalBidTick : header.marginalAskTick;
        if (order.tick != marginal) {
            bool inTheMoney = isBid ? order.tick > marginal : order.tick < marginal;
            return inTheMoney ? order.quantity : 0;
        }
        (uint256 fillLeft, uint256 qtyLeft) =
            isBid ? (margin.bidFillLeft, margin.bidQtyLeft) : (margin.askFillLeft, margin.askQtyLeft);
        // The last order of the level takes what is left, so the level's fills sum exactly.
        fill = order.quantity == qtyLeft ? fillLeft : order.quantity * fillLeft / qtyLeft;
        // Cannot underflow: fill <= fillLeft and quantity <= qtyLeft.
        if (isBid) {
            margin.bidFillLeft = uint64(fillLeft - fill);
            margin.bidQtyLeft = uint64(qtyLeft - order.quantity);
        } else {
            margin.askFillLeft = uint64(fillLeft - fill);
            margin.askQtyLeft = uint64(qtyLeft - order.quantity);
        }
    }

    function _requireOrder(uint256 orderId) private view returns (StoredOrder memory order) {
        order = _orders[orderId];
        if (order.trader == address(0)) revert EnergyMarketUnknownOrder(orderId);
    }

    function _clearingPrice(uint256 slot, Header memory header) private view returns (uint256) {
        return header.volume == 0 ? 0 : _priceOf(_grids[slot], header.clearingTick);
    }

    function _priceOf(Grid memory grid, uint256 tick) private pure returns (uint256) {
        return uint256(grid.priceFloor) + tick * grid.tickSize;
    }

    function _tickOf(Grid memory grid, uint256 price) private pure returns (uint256 tick) {
        if (price < grid.priceFloor || (price - grid.priceFloor) % grid.tickSize != 0) {
            revert EnergyMarketPriceOffGrid(price, grid.priceFloor, grid.tickSize);
        }
        tick = (price - grid.priceFloor) / grid.tickSize;
        if (tick > MAX_TICK) revert EnergyMarketPriceOffGrid(price, grid.priceFloor, grid.tickSize);
    }

    function _defaultGateClosure(uint256 slot) private view returns (uint256) {
        uint256 lead = _timing.gateClosureLead;
        return slot > lead ? slot - lead : 0;
    }

    function _requireAligned(uint256 slot) private view {
        if (slot % _slotLength != 0) revert EnergyMarketSlotMisaligned(slot, _slotLength);
    }

    function _setPriceGrid(uint256 priceFloor, uint256 tickSize) private {
        if (tickSize == 0 || tickSize % 1000 != 0) revert EnergyMarketInvalidParameter("tickSize", tickSize);
        if (priceFloor % 1000 != 0) revert EnergyMarketInvalidParameter("priceFloor", priceFloor);
        // The top tick's price must fit the 80-bit grid fields.
        if (priceFloor + MAX_TICK * tickSize > type(uint80).max) {
            revert EnergyMarketInvalidParameter("priceCeiling", priceFloor + MAX_TICK * tickSize);
        }
        _nextGrid.priceFloor = uint80(priceFloor);
        _nextGrid.tickSize = uint80(tickSize);
        emit PriceGridUpdated(priceFloor, tickSize);
    }

    function _setCollateralRequirement(uint256 collateralPerKWh) private {
        if (collateralPerKWh % 1000 != 0 || collateralPerKWh > type(uint80).max) {
            revert EnergyMarketInvalidParameter("collateralPerKWh", collateralPerKWh);
        }
        _nextGrid.collateralPerKWh = uint80(collateralPerKWh);
        emit CollateralRequirementUpdated(collateralPerKWh);
    }

    function _setGateClosureLead(uint256 lead) private {
        if (lead > 2 days) revert EnergyMarketInvalidParameter("gateClosureLead", lead);
        _timing.gateClosureLead = uint32(lead);
        emit GateClosureLeadUpdated(lead);
    }

    function _setMaxLeadTime(uint256 maxLeadTime) private {
        if (maxLeadTime < 1 hours || maxLeadTime > 30 days) revert EnergyMarketInvalidParameter("maxLeadTime", maxLeadTime);
        _timing.maxLeadTime = uint32(maxLeadTime);
        emit MaxLeadTimeUpdated(maxLeadTime);
    }

    function _setMinOrderQuantity(uint256 minOrderWh) private {
        if (minOrderWh == 0 || minOrderWh > 1_000_000) revert EnergyMarketInvalidParameter("minOrderWh", minOrderWh);
        _timing.minOrderWh = uint64(minOrderWh);
        emit MinOrderQuantityUpdated(minOrderWh);
    }
}
