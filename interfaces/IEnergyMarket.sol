// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IEnergyMarket — one sealed batch auction per time slot, uniform clearing price
/// @notice Traders bid for and offer energy (Wh) delivered in a future time slot (slot id = slot
/// start, Unix s). Prices are in payment-token base units per kWh on a tick grid fixed per slot when
/// its auction opens: price = priceFloor + i * tickSize, i = 0..255 (floor, tick and the collateral
/// requirement are multiples of 1000, so every amount `Wh * price / 1000` is exact).
/// A bid escrows `quantity * price / 1000` payment tokens; an ask encumbers
/// `quantity * collateralPerKWh / 1000` of the seller's StakingVault stake. Orders are accepted
/// until gate closure (`gateClosureLead` seconds before the slot starts); after it anyone clears the
/// auction once. Clearing reads only the aggregated price levels (at most 256), never the orders:
/// its gas does not grow with the number of orders.
///
/// Clearing rule (pay-as-clear): with D(p) = bids priced >= p and S(p) = asks priced <= p, the
/// clearing price p* maximises the matched volume V = min(D, S); among those prices it minimises the
/// imbalance |D - S|; among those it is the middle tick (rounded down). Bids above p* and asks below
/// p* fill completely; at p* only the longer side is rationed, pro rata to quantity: each claim at
/// the marginal level takes floor(quantity * fillLeft / quantityLeft) and the last one takes the
/// rest, so the marginal fills sum exactly to the matched volume. A fill is computed when its order is
/// claimed (anyone may claim; settling a trader claims all its orders): the bidder is refunded the
/// difference to the limit price and the unfilled part at once; the seller's unfilled encumbrance is
/// released at once. What was filled stays escrowed/encumbered until the SettlementEngine settles
/// delivery. Order ids are `slot << 32 | sequence` with slots bounded by `maxLeadTime` (unique; above
/// 2**53, so JavaScript clients must handle them as BigInt).
interface IEnergyMarket {
    /// @notice Reference-compatible order view. `price` in payment-token base units per kWh,
    /// `quantity` and `filledQuantity` in Wh (`filledQuantity` is 0 until claimed).
    struct Order {
        uint256 orderId;
        address trader;
        bool isBid;
        uint256 price;
        uint256 quantity;
        uint256 filledQuantity;
        uint256 timeSlot;
        bool isActive;
    }

    /// @notice Reference-compatible auction view. Times in Unix s, quantities in Wh (live orders).
    struct Auction {
        uint256 timeSlot;
        uint256 startTime;
        uint256 endTime;
        uint256 clearingPrice;
        uint256 totalBidQuantity;
        uint256 totalAskQuantity;
        bool isCleared;
    }

    /// @notice A trader's claimed fills in one slot (Wh) and orders not yet claimed or cancelled.
    struct Position {
        uint256 bought;
        uint256 sold;
        uint256 openOrders;
    }

    /// @notice Clearing outcome of one slot for the SettlementEngine (`isStarted`: an order was placed).
    /// @param clearingPrice p*, payment-token base units per kWh (0 if nothing matched).
    /// @param volume Matched volume V, Wh.
    /// @param openAsks Asks neither claimed nor cancelled.
    /// @param sellers Traders whose claimed asks filled > 0.
    /// @param collateralPerKWh The slot's collateral requirement, stake-token base units per kWh.
    /// @param orderCount Orders ever placed in the slot (their ids are `slot << 32 | 0 .. orderCount - 1`).
    /// @param gateClosure Unix s after which no order is accepted (0 before the auction opens).
    struct Clearing {
        bool isStarted;
        bool isCleared;
        uint256 clearingPrice;
        uint256 volume;
        uint256 openAsks;
        uint256 sellers;
        uint256 collateralPerKWh;
        uint256 orderCount;
        uint256 gateClosure;
    }

    /// @notice Constructor parameters, each validated as by its setter. Prices and rates in base
    /// units per kWh, multiples of 1000.
    /// @param priceFloor Lowest price of the tick grid (payment token).
    /// @param tickSize Price step, > 0; the top price is priceFloor + MAX_TICK * tickSize.
    /// @param collateralPerKWh Seller stake encumbered per kWh offered (stake token).
    /// @param gateClosureLead Seconds before a slot's start at which its gate closes, 0 .. 2 days.
    /// @param maxLeadTime How far ahead of its start a slot accepts orders, s, 1 hour .. 30 days.
    /// @param minOrderWh Smallest order, Wh, 1 .. 1,000,000.
    struct Parameters {
        uint256 priceFloor;
        uint256 tickSize;
        uint256 collateralPerKWh;
        uint256 gateClosureLead;
        uint256 maxLeadTime;
        uint256 minOrderWh;
    }

    /// @notice An order's outcome before (or after) it is claimed: `filled` Wh, `cost` payment-token
    /// base units at the clearing price, `refund` the escrow returned (bids) or the stake released
    /// (asks), base units. All zero before clearing. A marginal order's figures are those of a claim
    /// made now (each marginal claim takes its pro-rata share of what the level still has).
    struct OrderPreview {
        bool cleared;
        bool claimed;
        uint256 filled;
        uint256 cost;
        uint256 refund;
    }

    /// @notice `slot` is not a multiple of the slot length (s).
    error EnergyMarketSlotMisaligned(uint256 slot, uint256 slotLength);
    /// @notice Orders for this slot are no longer accepted (gate closure passed) or not yet (too far ahead).
    error EnergyMarketGateClosed(uint256 slot, uint256 gateClosure, uint256 nowTime);
    /// @notice `slot` starts more than `maxLeadTime` s from now; `latestSlot` is the latest accepted start, Unix s.
    error EnergyMarketSlotTooFarAhead(uint256 slot, uint256 latestSlot);
    /// @notice The price is not on the slot's tick grid or outside [floor, floor + 255 * tick].
    error EnergyMarketPriceOffGrid(uint256 price, uint256 priceFloor, uint256 tickSize);
    /// @notice An order quantity (Wh) outside minOrderWh .. MAX_ORDER_WH.
    error EnergyMarketQuantityOutOfRange(uint256 quantity, uint256 minQuantity, uint256 maxQuantity);
    /// @notice No order was ever placed with this id.
    error EnergyMarketUnknownOrder(uint256 orderId);
    /// @notice Only the order's trader may cancel it.
    error EnergyMarketNotOrderOwner(uint256 orderId, address caller);
    /// @notice The order was already claimed or cancelled.
    error EnergyMarketOrderNotActive(uint256 orderId);
    /// @notice Clearing before gate closure.
    error EnergyMarketAuctionOpen(uint256 slot, uint256 gateClosure, uint256 nowTime);
    /// @notice The slot was already cleared.
    error EnergyMarketAuctionCleared(uint256 slot);
    /// @notice The slot is not cleared yet (claims wait for clearing).
    error EnergyMarketAuctionNotCleared(uint256 slot);
    /// @notice No order was ever placed for the slot (nothing to clear).
    error EnergyMarketNoAuction(uint256 slot);
    /// @notice The slot's auction is already open (`startAuction` only opens a new one).
    error EnergyMarketAuctionExists(uint256 slot);
    /// @notice `startAuction` would close later than the default gate closure or is already closed.
    error EnergyMarketInvalidDuration(uint256 duration, uint256 maxDuration);
    /// @notice The settlement engine asked for more escrow than the slot holds.
    error EnergyMarketEscrowExceeded(uint256 slot, uint256 held, uint256 requested);
    /// @notice Empty batch or one above MAX_BATCH_SIZE.
    error EnergyMarketInvalidBatchSize(uint256 size, uint256 maxSize);
    /// @notice A parameter out of its allowed range (`name` says which; see `Parameters`).
    error EnergyMarketInvalidParameter(bytes32 name, uint256 value);
    /// @notice A relayed order of `trader` in `slot` signed as its `index`-th there, while its
    /// next index is `expected` (a replayed, reordered or superseded signature).
    error EnergyMarketUnexpectedOrderIndex(address trader, uint256 slot, uint256 index, uint256 expected);

    /// @notice An order was placed (its escrow or encumbrance taken).
    /// @param orderId `slot << 32 | sequence`.
    /// @param timeSlot Slot start, Unix s.
    /// @param trader The order's owner.
    /// @param isBid True for a bid, false for an ask.
    /// @param price Limit price, payment-token base units per kWh.
    /// @param quantity Wh.
    event OrderPlaced(
        uint256 indexed orderId, uint256 indexed timeSlot, address indexed trader, bool isBid, uint256 price, uint256 quantity
    );
    /// @notice An order was cancelled before gate closure; its escrow/encumbrance was released in full.
    /// @param orderId The order.
    /// @param timeSlot Slot start, Unix s.
    /// @param trader The order's owner.
    event OrderCancelled(uint256 indexed orderId, uint256 indexed timeSlot, address indexed trader);
    /// @notice An order was claimed: `filledQuantity` Wh at `clearingPrice`; `refunded` is the payment
    /// tokens returned (bids) or the stake released (asks), base units.
    /// @param orderId The order.
    /// @param timeSlot Slot start, Unix s.
    /// @param trader The order's owner.
    /// @param filledQuantity Wh filled (0 if the order did not match).
    /// @param clearingPrice p*, payment-token base units per kWh.
    /// @param refunded Payment-token base units returned (bids) or stake-token base units released (asks).
    event OrderFilled(
        uint256 indexed orderId,
        uint256 indexed timeSlot,
        address indexed trader,
        uint256 filledQuantity,
        uint256 clearingPrice,
        uint256 refunded
    );
    /// @notice A slot's auction opened (its first order, or `startAuction`); its price grid is fixed from now.
    /// @param timeSlot Slot start, Unix s.
    /// @param startTime Opening time, Unix s.
    /// @param endTime Gate closure, Unix s (orders accepted while block.timestamp < endTime).
    event AuctionStarted(uint256 indexed timeSlot, uint256 startTime, uint256 endTime);
    /// @notice A slot was cleared.
    /// @param timeSlot Slot start, Unix s.
    /// @param clearingPrice p*, payment-token base units per kWh (0 if nothing matched).
    /// @param totalQuantity Matched volume V, Wh.
    event AuctionCleared(uint256 indexed timeSlot, uint256 clearingPrice, uint256 totalQuantity);
    /// @notice The settlement engine paid part of a slot's escrow.
    /// @param timeSlot Slot start, Unix s.
    /// @param to Recipient.
    /// @param amount Payment-token base units.
    event EscrowReleased(uint256 indexed timeSlot, address indexed to, uint256 amount);
    /// @notice Price grid for auctions opened from now on.
    /// @param priceFloor Payment-token base units per kWh.
    /// @param tickSize Payment-token base units per kWh.
    event PriceGridUpdated(uint256 priceFloor, uint256 tickSize);
    /// @notice Seller collateral for auctions opened from now on.
    /// @param collateralPerKWh Stake-token base units per kWh.
    event CollateralRequirementUpdated(uint256 collateralPerKWh);
    /// @notice Default gate closure lead for auctions opened from now on.
    /// @param gateClosureLead Seconds before the slot's start.
    event GateClosureLeadUpdated(uint256 gateClosureLead);
    /// @notice How far ahead of its start a slot accepts orders.
    /// @param maxLeadTime Seconds.
    event MaxLeadTimeUpdated(uint256 maxLeadTime);
    /// @notice Smallest order accepted from now on.
    /// @param minOrderWh Wh.
    event MinOrderQuantityUpdated(uint256 minOrderWh);

    /// @notice Bid for `quantity` Wh in slot `slot` at limit `price`; escrows
    /// `quantity * price / 1000` payment tokens (ERC-20 approval needed). The slot's first order
    /// opens its auction (AuctionStarted).
    /// @param slot Slot start, Unix s, a multiple of `slotLength`, at most `maxLeadTime` s ahead.
    /// @param price Limit price, payment-token base units per kWh, on the slot's tick grid.
    /// @param quantity Wh, minOrderWh .. MAX_ORDER_WH.
    /// @return orderId The order id (`slot << 32 | sequence`, unique; above 2**53: use BigInt in JS).
    /// @dev Reverts EnforcedPause, EnergyMarketSlotMisaligned, EnergyMarketSlotTooFarAhead,
    /// EnergyMarketGateClosed, EnergyMarketPriceOffGrid, EnergyMarketQuantityOutOfRange (and the
    /// token's transfer errors).
    function placeBid(uint256 slot, uint256 price, uint256 quantity) external returns (uint256 orderId);

    /// @notice `placeBid` with an EIP-2612 permit for the escrow (`quantity * price / 1000` base
    /// units, spender this market) signed by the caller: no separate approval transaction. If the
    /// permit fails (already used, e.g. front-run) the bid still goes ahead when the allowance
    /// suffices.
    /// @param slot Slot start, Unix s (as `placeBid`).
    /// @param price Limit price, payment-token base units per kWh.
    /// @param quantity Wh.
    /// @param deadline Permit deadline, Unix s.
    /// @param v Permit signature, recovery id.
    /// @param r Permit signature, r.
    /// @param s Permit signature, s.
    /// @return orderId The order id.
    /// @dev Reverts as `placeBid` (a failed permit reverts only through the missing allowance).
    function placeBidWithPermit(
        uint256 slot,
        uint256 price,
        uint256 quantity,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 orderId);

    /// @notice Offer `quantity` Wh in slot `slot` at limit `price`; encumbers
    /// `quantity * collateralPerKWh / 1000` of the caller's free stake in the StakingVault.
    /// @param slot Slot start, Unix s (as `placeBid`).
    /// @param price Limit price, payment-token base units per kWh, on the slot's tick grid.
    /// @param quantity Wh, minOrderWh .. MAX_ORDER_WH.
    /// @return orderId The order id.
    /// @dev Reverts as `placeBid`, and the StakingVault's error when the free stake is short.
    function placeAsk(uint256 slot, uint256 price, uint256 quantity) external returns (uint256 orderId);

    /// @notice Place `trader`'s order as its `index`-th order in the slot (RELAYER_ROLE: the
    /// OrderRelay, which has checked the trader's signature). A bid's escrow
    /// (`Money.paymentUp(quantity, price)` base units) comes from the trader's internal balance
    /// first (InternalBalanceDebited, as much as it holds) and the rest from its allowance to this
    /// market (one transferFrom, none when the balance covers it); an ask encumbers the trader's
    /// free stake.
    /// @param trader The order's owner.
    /// @param slot Slot start, Unix s (as `placeBid`).
    /// @param isBid True for a bid, false for an ask.
    /// @param price Limit price, payment-token base units per kWh, on the slot's tick grid.
    /// @param quantity Wh, minOrderWh .. MAX_ORDER_WH.
    /// @param index The trader's count of orders in the slot before this one (its replay guard).
    /// @return orderId The order id.
    /// @dev Reverts AccessControlUnauthorizedAccount, EnergyMarketUnexpectedOrderIndex, and as
    /// `placeBid` / `placeAsk` (a bid's allowance or token balance short of the part its internal
    /// balance does not cover: the token's error, the internal balance left unchanged).
    function placeOrderFor(address trader, uint256 slot, bool isBid, uint256 price, uint256 quantity, uint256 index)
        external
        returns (uint256 orderId);

    /// @notice Cancel an active order before gate closure (its trader): releases escrow/encumbrance at once.
    /// @param orderId The order.
    /// @dev Reverts EnergyMarketUnknownOrder, EnergyMarketNotOrderOwner, EnergyMarketOrderNotActive,
    /// EnergyMarketGateClosed.
    function cancelOrder(uint256 orderId) external;

    /// @notice Open slot `slot`'s auction now with gate closure at `block.timestamp + duration`,
    /// not later than the default gate closure (AUCTIONEER_ROLE). Without it, the first order opens
    /// the auction with the default gate closure.
    /// @param slot Slot start, Unix s.
    /// @param duration Seconds from now to gate closure, 1 .. (default gate closure - now).
    /// @dev Reverts AccessControlUnauthorizedAccount, EnergyMarketSlotMisaligned,
    /// EnergyMarketSlotTooFarAhead, EnergyMarketAuctionExists, EnergyMarketInvalidDuration.
    function startAuction(uint256 slot, uint256 duration) external;

    /// @notice Clear slot `slot` once its gate has closed (anyone, once).
    /// @param slot Slot start, Unix s.
    /// @return clearingPrice p*, payment-token base units per kWh (0 if nothing matched).
    /// @dev Reverts EnergyMarketNoAuction, EnergyMarketAuctionCleared, EnergyMarketAuctionOpen.
    function clearAuction(uint256 slot) external returns (uint256 clearingPrice);

    /// @notice Compute an order's fill after clearing, refund/release the unfilled part (anyone).
    /// @param orderId The order.
    /// @dev Reverts EnergyMarketUnknownOrder, EnergyMarketOrderNotActive (claimed or cancelled),
    /// EnergyMarketAuctionNotCleared.
    function claimOrder(uint256 orderId) external;

    /// @notice `claimOrder` for up to MAX_BATCH_SIZE orders; already claimed ones are skipped.
    /// @param orderIds 1..MAX_BATCH_SIZE order ids.
    /// @dev Reverts EnergyMarketInvalidBatchSize, EnergyMarketUnknownOrder, EnergyMarketAuctionNotCleared.
    function claimOrders(uint256[] calldata orderIds) external;

    /// @notice Claim every unclaimed order of `trader` in `slot` (anyone; the settlement engine does
    /// it when it settles the trader).
    /// @param slot Slot start, Unix s.
    /// @param trader The trader whose orders are claimed.
    /// @return The trader's position after the claims (bought and sold Wh, open orders 0).
    /// @dev Reverts EnergyMarketAuctionNotCleared if the trader has open orders and the slot is not cleared.
    function claimAll(uint256 slot, address trader) external returns (Position memory);

    /// @notice Pay `amount` of slot `slot`'s escrow to `to` (SETTLEMENT_ROLE), never more than it holds.
    /// @param slot Slot start, Unix s.
    /// @param to Recipient.
    /// @param amount Payment-token base units.
    /// @dev Reverts AccessControlUnauthorizedAccount, EnergyMarketEscrowExceeded.
    function releaseEscrow(uint256 slot, address to, uint256 amount) external;

    /// @notice `claimAll` for the settlement engine's batch path (SETTLEMENT_ROLE): bid refunds are
    /// credited to the trader's internal balance (`internalBalanceOf`, withdrawn with `withdraw`)
    /// instead of transferred; ask collateral is released in the vault as by `claimAll`.
    /// @param slot Slot start, Unix s.
    /// @param trader The trader whose orders are claimed.
    /// @return The trader's position after the claims (bought and sold Wh, open orders 0).
    /// @dev Reverts AccessControlUnauthorizedAccount, EnergyMarketAuctionNotCleared (as `claimAll`).
    function claimAllToBalance(uint256 slot, address trader) external returns (Position memory);

    /// @notice Book `amount` of slot `slot`'s escrow to `to`'s internal balance (SETTLEMENT_ROLE), never
    /// more than the slot holds; `to` withdraws it with `withdraw`. Emits InternalBalanceCredited
    /// (nothing for 0).
    /// @param slot Slot start, Unix s.
    /// @param to Account credited.
    /// @param amount Payment-token base units.
    /// @dev Reverts AccessControlUnauthorizedAccount, EnergyMarketEscrowExceeded.
    function creditEscrow(uint256 slot, address to, uint256 amount) external;

    /// @notice Reference-compatible view of one order (see `Order`).
    /// @param orderId The order.
    /// @return The order; `filledQuantity` 0 until claimed.
    /// @dev Reverts EnergyMarketUnknownOrder.
    function getOrder(uint256 orderId) external view returns (Order memory);

    /// @notice Reference-compatible view of one slot's auction (see `Auction`).
    /// @param slot Slot start, Unix s.
    /// @return The auction (all zero before it opens).
    function getAuction(uint256 slot) external view returns (Auction memory);

    /// @notice An order's fill, cost and refund before it is claimed (see `OrderPreview`).
    /// @param orderId The order.
    /// @return preview The preview (all zero before clearing).
    /// @dev Reverts EnergyMarketUnknownOrder.
    function previewOrder(uint256 orderId) external view returns (OrderPreview memory);

    /// @notice `trader`'s position in `slot` as if all its orders were claimed now (Wh bought and
    /// sold; `openOrders` still counts the unclaimed ones).
    /// @param slot Slot start, Unix s.
    /// @param trader The trader.
    /// @return The previewed position.
    function previewPosition(uint256 slot, address trader) external view returns (Position memory);

    /// @notice `trader`'s claimed position in `slot` (see `Position`).
    /// @param slot Slot start, Unix s.
    /// @param trader The trader.
    /// @return Claimed Wh bought and sold, and orders neither claimed nor cancelled.
    function getPosition(uint256 slot, address trader) external view returns (Position memory);

    /// @notice Clearing outcome of `slot` (see `Clearing`).
    /// @param slot Slot start, Unix s.
    /// @return The clearing (all zero before the auction opens).
    function getClearing(uint256 slot) external view returns (Clearing memory);

    /// @notice The raw words at storage `slots` of this market, for read-only lenses
    /// (EnergyMarketLens computes depth, best prices and open orders from them; as Uniswap v4's
    /// `extsload`). The storage layout is not an interface: use the lens.
    /// @param slots Storage slot keys.
    /// @return values One word per key, in order.
    function extsload(bytes32[] calldata slots) external view returns (bytes32[] memory values);

    /// @notice Payment tokens held in escrow for slot `slot`.
    /// @param slot Slot start, Unix s.
    /// @return Payment-token base units.
    function escrowOf(uint256 slot) external view returns (uint256);

    /// @notice The ERC-20 bids pay in.
    /// @return Token address.
    function paymentToken() external view returns (address);

    /// @notice The StakingVault that holds sellers' collateral.
    /// @return Vault address.
    function stakingVault() external view returns (address);

    /// @notice Slot length.
    /// @return Seconds (divides 86,400).
    function slotLength() external view returns (uint256);

    /// @notice Default gate closure: seconds before a slot's start after which no order is accepted.
    /// @return Seconds, 0 .. 2 days.
    function gateClosureLead() external view returns (uint256);
}
