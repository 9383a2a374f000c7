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

    error EnergyMarketSlotMisaligned(uint256 slot, uint256 slotLength);
    /// @notice Orders for this slot are no longer accepted (gate closure passed) or not yet (too far ahead).
    error EnergyMarketGateClosed(uint256 slot, uint256 gateClosure, uint256 nowTime);
    error EnergyMarketSlotTooFarAhead(uint256 slot, uint256 latestSlot);
    /// @notice The price is not on the slot's tick grid or outside [floor, floor + 255 * tick].
    error EnergyMarketPriceOffGrid(uint256 price, uint256 priceFloor, uint256 tickSize);
    error EnergyMarketQuantityOutOfRange(uint256 quantity, uint256 minQuantity, uint256 maxQuantity);
    error EnergyMarketUnknownOrder(uint256 orderId);
    error EnergyMarketNotOrderOwner(uint256 orderId, address caller);
    error EnergyMarketOrderNotActive(uint256 orderId);
    /// @notice Clearing before gate closure.
    error EnergyMarketAuctionOpen(uint256 slot, uint256 gateClosure, uint256 nowTime);
    error EnergyMarketAuctionCleared(uint256 slot);
    error EnergyMarketAuctionNotCleared(uint256 slot);
    /// @notice No order was ever placed for the slot (nothing to clear).
    error EnergyMarketNoAuction(uint256 slot);
    error EnergyMarketAuctionExists(uint256 slot);
    /// @notice `startAuction` would close later than the default gate closure or is already closed.
    error EnergyMarketInvalidDuration(uint256 duration, uint256 maxDuration);
    /// @notice The settlement engine asked for more escrow than the slot holds.
    error EnergyMarketEscrowExceeded(uint256 slot, uint256 held, uint256 requested);
    error EnergyMarketInvalidBatchSize(uint256 size, uint256 maxSize);
    error EnergyMarketInvalidParameter(bytes32 name, uint256 value);

    event OrderPlaced(
        uint256 indexed orderId, uint256 indexed timeSlot, address indexed trader, bool isBid, uint256 price, uint256 quantity
    );
    event OrderCancelled(uint256 indexed orderId, uint256 indexed timeSlot, address indexed trader);
    /// @notice An order was claimed: `filledQuantity` Wh at `clearingPrice`; `refunded` is the payment
    /// tokens returned (bids) or the stake released (asks), base units.
    event OrderFilled(
        uint256 indexed orderId,
        uint256 indexed timeSlot,
        address indexed trader,
        uint256 filledQuantity,
        uint256 clearingPrice,
        uint256 refunded
    );
    event AuctionStarted(uint256 indexed timeSlot, uint256 startTime, uint256 endTime);
    event AuctionCleared(uint256 indexed timeSlot, uint256 clearingPrice, uint256 totalQuantity);
    event EscrowReleased(uint256 indexed timeSlot, address indexed to, uint256 amount);
    event PriceGridUpdated(uint256 priceFloor, uint256 tickSize);
    event CollateralRequirementUpdated(uint256 collateralPerKWh);
    event GateClosureLeadUpdated(uint256 gateClosureLead);
    event MaxLeadTimeUpdated(uint256 maxLeadTime);
    event MinOrderQuantityUpdated(uint256 minOrderWh);

    /// @notice Bid for `quantity` Wh in slot `slot` at limit `price` (base units per kWh); escrows
    /// `quantity * price / 1000` payment tokens (ERC-20 approval needed).
    /// Errors: EnergyMarketSlotMisaligned, EnergyMarketSlotTooFarAhead, EnergyMarketGateClosed,
    /// EnergyMarketPriceOffGrid, EnergyMarketQuantityOutOfRange (and the token's transfer errors).
    /// @return orderId The order id (`slot << 32 | sequence`, unique; above 2**53: use BigInt in JS).
    function placeBid(uint256 slot, uint256 price, uint256 quantity) external returns (uint256 orderId);

    /// @notice `placeBid` with an EIP-2612 permit for the escrow (`quantity * price / 1000` base
    /// units, spender this market) signed by the caller: no separate approval transaction. If the
    /// permit fails (already used, e.g. front-run) the bid still goes ahead when the allowance
    /// suffices. `deadline` in Unix s; `v, r, s` the permit signature.
    function placeBidWithPermit(
        uint256 slot,
        uint256 price,
        uint256 quantity,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 orderId);

    /// @notice Offer `quantity` Wh in slot `slot` at limit `price` (base units per kWh); encumbers
    /// `quantity * collateralPerKWh / 1000` of the caller's free stake in the StakingVault.
    function placeAsk(uint256 slot, uint256 price, uint256 quantity) external returns (uint256 orderId);

    /// @notice Cancel an active order before gate closure (its trader): releases escrow/encumbrance at once.
    function cancelOrder(uint256 orderId) external;

    /// @notice Open slot `slot`'s auction now with gate closure at `block.timestamp + duration` (s),
    /// not later than the default gate closure (AUCTIONEER_ROLE). Without it, the first order opens
    /// the auction with the default gate closure.
    function startAuction(uint256 slot, uint256 duration) external;

    /// @notice Clear slot `slot` once its gate has closed (anyone, once).
    /// @return clearingPrice p* in base units per kWh (0 if nothing matched).
    function clearAuction(uint256 slot) external returns (uint256 clearingPrice);

    /// @notice Compute an order's fill after clearing, refund/release the unfilled part (anyone).
    function claimOrder(uint256 orderId) external;

    /// @notice `claimOrder` for up to MAX_BATCH_SIZE orders; already claimed ones are skipped.
    function claimOrders(uint256[] calldata orderIds) external;

    /// @notice Claim every unclaimed order of `trader` in `slot` (anyone; the settlement engine does
    /// it when it settles the trader). Error: EnergyMarketAuctionNotCleared if it has open orders
    /// and the slot is not cleared.
    /// @return The trader's position after the claims (bought and sold Wh, open orders 0).
    function claimAll(uint256 slot, address trader) external returns (Position memory);

    /// @notice Pay `amount` of slot `slot`'s escrow to `to` (SETTLEMENT_ROLE), never more than it holds.
    function releaseEscrow(uint256 slot, address to, uint256 amount) external;

    function getOrder(uint256 orderId) external view returns (Order memory);

    function getAuction(uint256 slot) external view returns (Auction memory);

    /// @notice An order's fill, cost and refund before it is claimed (see `OrderPreview`).
    /// Error: EnergyMarketUnknownOrder.
    function previewOrder(uint256 orderId) external view returns (OrderPreview memory);

    /// @notice `trader`'s position in `slot` as if all its orders were claimed now (Wh bought and
    /// sold; `openOrders` still counts the unclaimed ones).
    function previewPosition(uint256 slot, address trader) external view returns (Position memory);

    function getPosition(uint256 slot, address trader) external view returns (Position memory);

    function getClearing(uint256 slot) external view returns (Clearing memory);

    /// @notice The raw words at storage `slots` of this market, for read-only lenses
    /// (EnergyMarketLens computes depth, best prices and open orders from them; as Uniswap v4's
    /// `extsload`). The storage layout is not an interface: use the lens.
    function extsload(bytes32[] calldata slots) external view returns (bytes32[] memory values);

    /// @notice Payment tokens held in escrow for slot `slot`, base units.
    function escrowOf(uint256 slot) external view returns (uint256);

    function paymentToken() external view returns (address);

    function stakingVault() external view returns (address);

    function slotLength() external view returns (uint256);

    /// @notice Default gate closure: seconds before a slot's start after which no order is accepted.
    function gateClosureLead() external view returns (uint256);
}
