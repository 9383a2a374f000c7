// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IInternalBalances} from "./IInternalBalances.sol";

/// @title ICdaMarket — continuous double auction per delivery slot (the intraday market)
/// @notice The batch auction (EnergyMarket) is the day-ahead market; this book trades the same
/// delivery slots after the auction's gate closure (and after its clearing, if it had orders) until
/// the CDA's own gate closure, `cdaGateLead` seconds before the slot starts.
///
/// Units: quantities in Wh; prices in payment-token base units per kWh on a tick grid fixed per
/// slot when its book opens: price = priceFloor + i * tickSize, i = 0..255, floor and tick multiples
/// of 1000 so `Wh * price / 1000` is exact. Fees in basis points.
///
/// Matching: an incoming order trades against resting orders of the other side at the resting
/// order's price, best price first. Within one price, resting orders queue per grid zone of their
/// owner; the taker meets the queue whose zone pair is cheapest for it first (ties: lower zone id),
/// and within a queue first come first served. What is left of a limit order rests (unless
/// immediate-or-cancel). Each (slot, side, tick, zone) queue is a FIFO of cumulative positions:
/// takers advance one counter per queue, makers claim their fills lazily (anyone may claim for
/// them), so a take's gas does not grow with the number of resting orders it consumes on a level.
///
/// Money: a resting bid escrows `quantity * (price/1000 + feePerWh(own zone, own zone))`; a taking
/// bid pays `filled * (price/1000 + feePerWh(buyer zone, seller zone))` at once. An ask (resting or
/// taking) encumbers `quantity * collateralPerKWh / 1000` of the seller's StakingVault stake; the
/// part sold stays encumbered as the delivery obligation the SettlementEngine settles, the unsold
/// part is released on cancel or on the claim after gate closure. A taking ask is paid at once; a
/// resting ask is paid when its order is claimed.
///
/// Internal balances (IInternalBalances, in the payment token): every payment to a trader — a
/// taking ask's proceeds, a maker's claimed proceeds, a bid's refunded escrow (cancel, claim after
/// gate closure, waived fee) — is credited to its internal balance, and leaves by `withdraw` (one
/// transfer for any number of fills; never paused). What a bid owes (at once or as escrow) is paid
/// from the trader's internal balance first and by `transferFrom` for the rest, so a trader that
/// keeps a balance trades without token transfers. Grid fees stay per zone (`withdrawGridFees`).
///
/// Grid fees: feePerWh(a, b) = floor((price/1000) * feeBps(a, b) / 10_000), linear in Wh (no
/// rounding dust). The buyer pays its own-zone rate; the cross-zone surcharge is paid by the buyer
/// when the buyer takes, and by the seller out of its proceeds when the seller takes a resting bid
/// of another zone (the bid's escrow was fixed when it rested). The own-zone part is credited to
/// the buyer's zone, the surcharge shared equally by the two zones; grid operators withdraw their
/// zone's balance. A pair is set no lower than either own rate; a pair below the buyer's own rate
/// (e.g. unset, after an own rate rose) is charged at the buyer's own rate.
interface ICdaMarket is IInternalBalances {
    /// @notice One order as stored. `quantity` is what is not yet claimed (Wh); `start` its queue
    /// position (Wh); for a cancelled order both describe the hole it left in the queue.
    struct Order {
        uint256 orderId;
        address trader;
        uint256 slot;
        bool isBid;
        uint256 price; // base units per kWh
        uint256 zone;
        uint256 quantity; // Wh not yet claimed
        uint256 filled; // Wh filled and not yet claimed
        bool isActive;
    }

    /// @notice A trader's claimed CDA position in a slot (Wh), orders still open (not closed by
    /// cancel or by a claim after gate closure) and the money of its trades: base units received
    /// for sales minus paid for purchases and grid fees. Taker fills count at once, maker fills when
    /// claimed. Once `openOrders` is 0 after the CDA's gate closure the position is final: the
    /// SettlementEngine settles it as a delivery obligation (sold) and entitlement (bought).
    struct Position {
        uint256 bought;
        uint256 sold;
        uint256 openOrders;
        int256 payment;
    }

    /// @notice One price level of one side: price (base units per kWh) and live quantity (Wh).
    struct Level {
        uint256 price;
        uint256 quantity;
    }

    /// @notice A constructor or governance argument out of range; `name` says which (priceFloor,
    /// tickSize, priceCeiling, collateralPerKWh, cdaGateLead, minOrderWh, feeBps, market, trader,
    /// operator; see the setters for the ranges).
    error CdaMarketInvalidParameter(bytes32 name, uint256 value);
    /// @notice `slot` is not a multiple of the slot length (s).
    error CdaMarketSlotMisaligned(uint256 slot, uint256 slotLength);
    /// @notice The slot's CDA opens at `opensAt` (Unix s): after the auction's gate closure.
    error CdaMarketNotOpen(uint256 slot, uint256 opensAt, uint256 nowTime);
    /// @notice The slot's CDA closed at `gateClosure` (Unix s).
    error CdaMarketGateClosed(uint256 slot, uint256 gateClosure, uint256 nowTime);
    /// @notice The slot's batch auction has orders and is not cleared yet (anyone can clear it).
    error CdaMarketAuctionNotCleared(uint256 slot);
    /// @notice `price` (base units per kWh) is not priceFloor + i * tickSize, i = 0..255.
    error CdaMarketPriceOffGrid(uint256 price, uint256 priceFloor, uint256 tickSize);
    /// @notice `quantity` (Wh) outside minimum .. maximum.
    error CdaMarketQuantityOutOfRange(uint256 quantity, uint256 minimum, uint256 maximum);
    /// @notice No order `orderId`.
    error CdaMarketUnknownOrder(uint256 orderId);
    /// @notice Only the order's trader may cancel it.
    error CdaMarketNotOrderOwner(uint256 orderId, address caller);
    /// @notice The order is closed (cancelled or claimed after gate closure).
    error CdaMarketOrderNotActive(uint256 orderId);
    /// @notice The order is completely filled: nothing to cancel (claim it).
    error CdaMarketOrderFilled(uint256 orderId);
    /// @notice The order has no new fill to pay and the gate is still open.
    error CdaMarketNothingToClaim(uint256 orderId);
    /// @notice A batch must hold 1 .. `maximum` orders.
    error CdaMarketInvalidBatchSize(uint256 size, uint256 maximum);
    /// @notice Zone ids are 0 .. `maximum`.
    error CdaMarketInvalidZone(uint256 zone, uint256 maximum);
    /// @notice A cross-zone fee (bps) below `minimum`, the higher of the two zones' own rates.
    error CdaMarketFeeOrder(uint256 zoneA, uint256 zoneB, uint256 feeBps, uint256 minimum);
    /// @notice Only the zone's operator may withdraw its fees.
    error CdaMarketNotZoneOperator(uint256 zone, address caller);
    /// @notice The zone has no fees to withdraw.
    error CdaMarketNoFees(uint256 zone);
    /// @notice Claiming another account's order needs a GridStaking Application Host licence.
    error CdaMarketNotLicensed(address caller);
    /// @notice The trader still has `openOrders` orders in the slot: claim them first.
    error CdaMarketOrdersOpen(uint256 slot, address trader, uint256 openOrders);
    /// @notice CDA buyers settle once every CDA seller is: `soldSettledWh` of the `volumeWh` traded.
    error CdaMarketSellersPending(uint256 slot, uint256 soldSettledWh, uint256 volumeWh);
    /// @notice The trader bought nothing in the slot, or its purchase is settled already.
    error CdaMarketNothingToSettle(uint256 slot, address trader);

    /// @notice The slot's book opened (first order); `gateClosure` in Unix s.
    event BookOpened(uint256 indexed slot, uint256 priceFloor, uint256 tickSize, uint256 gateClosure);
    /// @notice A limit order (or its unfilled part) rests in the book.
    event OrderPlaced(
        uint256 indexed orderId, uint256 indexed slot, address indexed trader, bool isBid, uint256 price, uint256 quantity
    );
    /// @notice A taker traded `quantity` Wh against the queue of `makerZone` at `price`;
    /// `value` = quantity * price / 1000 and `gridFee` the fee charged at the take (base units).
    event Traded(
        uint256 indexed slot,
        address indexed taker,
        bool takerIsBid,
        uint256 price,
        uint256 makerZone,
        uint256 takerZone,
        uint256 quantity,
        uint256 value,
        uint256 gridFee
    );
    /// @notice A maker collected `filled` Wh: `paid` base units to it (asks) or by it as fee (bids),
    /// `refund` base units back (bids) or `released` stake (asks) when the order closed.
    event OrderClaimed(uint256 indexed orderId, address indexed trader, uint256 filled, uint256 paid, uint256 refund);
    /// @notice The order was cancelled with `unfilled` Wh unfilled (escrow refunded or stake released).
    event OrderCancelled(uint256 indexed orderId, address indexed trader, uint256 unfilled);
    /// @notice `trader` now belongs to grid zone `zone`.
    event ZoneAssigned(address indexed trader, uint256 zone);
    /// @notice Zone `zone`'s fees now go to `operator`.
    event ZoneOperatorUpdated(uint256 indexed zone, address operator);
    /// @notice The fee between zones a and b is now `feeBps` (a == b: the zone's own rate).
    event ZoneFeeUpdated(uint256 indexed zoneA, uint256 indexed zoneB, uint256 feeBps);
    /// @notice `operator` withdrew `amount` payment-token base units of zone `zone`'s fees.
    event GridFeesWithdrawn(uint256 indexed zone, address indexed operator, uint256 amount);
    /// @notice The GridStaking for licences and fee tiers is now `staking` (0: none).
    event GridStakingUpdated(address staking);
    /// @notice A CDA sale settled after delivery: `sold` Wh, `delivered` Wh, `penalty` stake base
    /// units taken for the shortfall (pooled for the slot's CDA buyers), `released` stake base units.
    event SaleSettled(
        uint256 indexed slot, address indexed seller, uint256 sold, uint256 delivered, uint256 penalty, uint256 released
    );
    /// @notice A CDA purchase settled: `bought` Wh, `received` Wh of energy credits and `penalty`
    /// stake base units, its pro rata shares of what the slot's CDA sellers delivered and paid.
    event PurchaseSettled(
        uint256 indexed slot, address indexed buyer, uint256 bought, uint256 received, uint256 penalty
    );
    /// @notice New parameters for books opened from now on (units as in `setParameters`).
    event ParametersUpdated(
        uint256 priceFloor, uint256 tickSize, uint256 collateralPerKWh, uint256 cdaGateLead, uint256 minOrderWh
    );

    /// @notice Place a limit order for delivery slot `slot` (slot start, Unix s). Emits BookOpened
    /// (first order of the slot), Traded per queue met, OrderPlaced if a part rests.
    /// @param slot Delivery slot id (its start, Unix s).
    /// @param isBid True to buy, false to sell.
    /// @param price Limit, payment-token base units per kWh, on the slot's grid.
    /// @param quantity Wh, minOrderWh .. 2^32 - 1.
    /// @param immediateOrCancel True: what does not trade at once is dropped instead of resting.
    /// @return orderId Id of the resting part (0 if nothing rests).
    /// @return filled Wh traded at once.
    /// @dev Reverts CdaMarketSlotMisaligned, CdaMarketNotOpen, CdaMarketGateClosed,
    /// CdaMarketAuctionNotCleared, CdaMarketPriceOffGrid, CdaMarketQuantityOutOfRange; the payment
    /// token's and the vault's errors when money or free stake is missing; EnforcedPause. A bid's
    /// money comes from the trader's internal balance first (InternalBalanceDebited), the rest by
    /// transferFrom; an ask taker's proceeds are credited (InternalBalanceCredited).
    function placeOrder(uint256 slot, bool isBid, uint256 price, uint256 quantity, bool immediateOrCancel)
        external
        returns (uint256 orderId, uint256 filled);

    /// @notice Cancel the unfilled part of an own resting order; the filled part is claimed too.
    /// A bid's refund and an ask's proceeds are credited to the trader's internal balance.
    /// @dev Reverts CdaMarketUnknownOrder, CdaMarketNotOrderOwner, CdaMarketOrderNotActive,
    /// CdaMarketOrderFilled (nothing left to cancel: claim it instead). Emits OrderCancelled.
    /// @param orderId The order.
    function cancelOrder(uint256 orderId) external;

    /// @notice Pay out a resting order's fills so far (the maker, or a relayer holding a GridStaking
    /// Application Host licence when a GridStaking is set; the money is credited to the maker's
    /// internal balance, withdrawn by `withdraw`). After the
    /// CDA's gate closure the order closes: unfilled bid escrow is refunded, unfilled ask stake
    /// released. A bid maker's own-zone fee is discounted by its staking tier at the claim.
    /// @dev Reverts CdaMarketUnknownOrder, CdaMarketNotLicensed, CdaMarketOrderNotActive,
    /// CdaMarketNothingToClaim. Emits OrderClaimed.
    /// @param orderId The order.
    function claim(uint256 orderId) external;

    /// @notice `claim` for up to MAX_BATCH_SIZE orders; orders with nothing to do are skipped.
    /// Claiming another account's order needs the licence, as for `claim`.
    /// @dev Reverts CdaMarketInvalidBatchSize, CdaMarketUnknownOrder, CdaMarketNotLicensed.
    /// @param orderIds 1 .. MAX_BATCH_SIZE order ids.
    function claimMany(uint256[] calldata orderIds) external;

    /// @notice Settle `seller`'s CDA sale in `slot` after delivery (SETTLEMENT_ROLE: the
    /// SettlementEngine, once per seller, with the production left after its auction sale). Of the
    /// `sold` Wh, `delivered` = min(sold, availableWh); with `penalise`, the shortfall costs the
    /// higher of `penaltyPricePerKWh` (stake base units per kWh) and the seller's CDA proceeds per Wh
    /// sold (its position's payment, net of its CDA purchases in the slot; rounded up), capped at
    /// the collateral of the sold Wh; the penalty is pooled for the slot's CDA buyers, the rest of
    /// the collateral released. The engine mints the delivered Wh to this contract.
    /// @return openOrders The seller's open orders: nonzero means nothing was settled (claim them).
    /// @return sold Wh settled now (0: no sale, or settled already).
    /// @return delivered Wh delivered of it.
    /// @dev Reverts AccessControlUnauthorizedAccount.
    function settleSale(uint256 slot, address seller, uint256 availableWh, bool penalise, uint256 penaltyPricePerKWh)
        external
        returns (uint256 openOrders, uint256 sold, uint256 delivered);

    /// @notice What `settleSale` with these arguments would settle now, without settling it (the
    /// same rule, one code path): for SettlementLens's preview.
    /// @param slot Slot id (its start, Unix s).
    /// @param seller The CDA seller.
    /// @param availableWh Production (Wh) left to cover the CDA sale after the auction sale.
    /// @param penalise False in the engine's timed-out mode (no penalty).
    /// @param penaltyPricePerKWh The engine's shortfall penalty price, stake base units per kWh.
    /// @return openOrders The seller's open orders: nonzero means settleSale would settle nothing.
    /// @return sold Wh it would settle (0: no sale, or settled already).
    /// @return delivered Wh delivered of it: min(sold, availableWh).
    /// @return penalty Stake-token base units it would take (settleSale's shortfall rule).
    function previewSale(uint256 slot, address seller, uint256 availableWh, bool penalise, uint256 penaltyPricePerKWh)
        external
        view
        returns (uint256 openOrders, uint256 sold, uint256 delivered, uint256 penalty);

    /// @notice Settle `buyer`'s CDA purchase in `slot` (anyone), once every CDA seller of the slot
    /// is settled: the buyer gets its pro rata share (to `bought`) of the Wh the CDA sellers
    /// delivered, as energy credits, and of their pooled penalties (stake tokens, pro rata to its
    /// shortfall); sequential shares, the last buyer takes what is left (exact, no dust). The money
    /// moved at the trades.
    /// @return received Wh of energy credits.
    /// @return penalty Stake-token base units.
    /// @dev Reverts CdaMarketNothingToSettle, CdaMarketOrdersOpen, CdaMarketSellersPending.
    function settlePurchase(uint256 slot, address buyer) external returns (uint256 received, uint256 penalty);

    /// @notice The slot's CDA settlement so far: Wh sold by the settled sellers, Wh bought by the
    /// settled buyers, delivered Wh and pooled penalty (stake base units) not yet handed out.
    function settlementOf(uint256 slot)
        external
        view
        returns (uint256 soldSettledWh, uint256 boughtSettledWh, uint256 deliveredLeftWh, uint256 penaltyLeft);

    /// @notice The GridStaking whose licences gate relayed claims and whose fee tiers discount the
    /// grid fee stakers pay (DEFAULT_ADMIN_ROLE); the zero address turns both off. Emits
    /// GridStakingUpdated.
    /// @param staking The GridStaking, or the zero address.
    function setGridStaking(address staking) external;

    /// @notice The GridStaking for licences and fee tiers (zero address: none).
    function gridStaking() external view returns (address);

    /// @notice Pay zone `zone`'s accrued grid fees (base units) to its operator (operator only).
    /// @dev Reverts CdaMarketNotZoneOperator, CdaMarketNoFees. Emits GridFeesWithdrawn.
    /// @param zone Zone id.
    /// @return amount Payment-token base units paid.
    function withdrawGridFees(uint256 zone) external returns (uint256 amount);

    /// @notice Assign `trader` to grid zone `zone` (< MAX_ZONES) (ZONE_REGISTRAR_ROLE). Emits
    /// ZoneAssigned. Errors: CdaMarketInvalidZone, CdaMarketInvalidParameter("trader").
    /// @param trader The trader (not the zero address).
    /// @param zone Zone id, 0 .. MAX_ZONES - 1.
    function setZone(address trader, uint256 zone) external;

    /// @notice Grid operator credited with zone `zone`'s fees (DEFAULT_ADMIN_ROLE). Emits
    /// ZoneOperatorUpdated. Errors: CdaMarketInvalidZone, CdaMarketInvalidParameter("operator").
    /// @param zone Zone id, 0 .. MAX_ZONES - 1.
    /// @param operator The operator (not the zero address).
    function setZoneOperator(uint256 zone, address operator) external;

    /// @notice Fee between zones a and b (symmetric), bps <= MAX_ZONE_FEE_BPS; a pair across zones
    /// may not be set below either zone's own rate (a == b sets the own rate) (DEFAULT_ADMIN_ROLE).
    /// @dev Reverts CdaMarketInvalidZone, CdaMarketInvalidParameter, CdaMarketFeeOrder. Emits
    /// ZoneFeeUpdated.
    /// @param zoneA Zone id, 0 .. MAX_ZONES - 1.
    /// @param zoneB Zone id, 0 .. MAX_ZONES - 1 (equal to zoneA: the zone's own rate).
    /// @param feeBps Fee, bps of the trade value, <= MAX_ZONE_FEE_BPS.
    function setZoneFee(uint256 zoneA, uint256 zoneB, uint256 feeBps) external;

    /// @notice Price grid (base units per kWh, multiples of 1000, tick > 0), collateral per kWh
    /// (multiple of 1000), CDA gate lead (s, <= 1 day) and minimum order (Wh, 1 .. 1,000,000) for books
    /// opened from now on (DEFAULT_ADMIN_ROLE). Emits ParametersUpdated.
    /// @dev Reverts CdaMarketInvalidParameter.
    /// @param priceFloor Payment-token base units per kWh, multiple of 1000.
    /// @param tickSize Payment-token base units per kWh, multiple of 1000, > 0.
    /// @param collateralPerKWh Stake-token base units encumbered per kWh offered, multiple of 1000.
    /// @param cdaGateLead Seconds before a slot's start at which its CDA closes (0 .. 1 day).
    /// @param minOrderWh Smallest order, Wh (1 .. 1,000,000).
    function setParameters(
        uint256 priceFloor,
        uint256 tickSize,
        uint256 collateralPerKWh,
        uint256 cdaGateLead,
        uint256 minOrderWh
    ) external;

    /// @notice Stop new orders (PAUSER_ROLE); cancels and claims stay open.
    function pause() external;

    /// @notice Accept orders again (DEFAULT_ADMIN_ROLE).
    function unpause() external;

    /// @notice Governed parameters for books opened from now on (units as in `setParameters`).
    function parameters()
        external
        view
        returns (uint256 priceFloor, uint256 tickSize, uint256 collateralPerKWh, uint256 cdaGateLead, uint256 minOrderWh);

    /// @notice The ERC-20 bids pay with and asks are paid in.
    function paymentToken() external view returns (address);

    /// @notice The StakingVault whose stake asks encumber.
    function stakingVault() external view returns (address);

    /// @notice The batch auction (EnergyMarket) whose gate closure opens a slot's CDA.
    function energyMarket() external view returns (address);

    /// @notice One order (see `Order`). Error: CdaMarketUnknownOrder.
    /// @param orderId The order.
    function getOrder(uint256 orderId) external view returns (Order memory);

    /// @notice `trader`'s claimed CDA position in `slot` (see `Position`).
    /// @param slot Delivery slot id (its start, Unix s).
    /// @param trader The trader.
    function getPosition(uint256 slot, address trader) external view returns (Position memory);

    /// @notice Wh traded in slot `slot`'s CDA (each trade counted once): the sum of every trader's
    /// `bought`, and of every trader's `sold`, once all orders are closed.
    function volumeOf(uint256 slot) external view returns (uint256);

    /// @notice Live levels of one side, best first (bids descending, asks ascending).
    /// @param slot Delivery slot id (its start, Unix s).
    /// @param isBid True for the bid side.
    /// @return levels Price (base units per kWh) and live quantity (Wh) per level.
    function getBook(uint256 slot, bool isBid) external view returns (Level[] memory levels);

    /// @notice Best bid price, base units per kWh (0: no bid, or the gate has closed).
    /// @param slot Delivery slot id (its start, Unix s).
    function bestBid(uint256 slot) external view returns (uint256 price);

    /// @notice Best ask price, base units per kWh (0: no ask, or the gate has closed).
    /// @param slot Delivery slot id (its start, Unix s).
    function bestAsk(uint256 slot) external view returns (uint256 price);

    /// @notice `trader`'s grid zone (0 unless assigned).
    /// @param trader The trader.
    function zoneOf(address trader) external view returns (uint256);

    /// @notice The fee set between zones a and b, bps (a == b: the zone's own rate; 0 for a zone id
    /// >= MAX_ZONES).
    /// @param zoneA Zone id.
    /// @param zoneB Zone id.
    function zoneFee(uint256 zoneA, uint256 zoneB) external view returns (uint256 feeBps);

    /// @notice Zone `zone`'s operator (zero address: none).
    /// @param zone Zone id.
    function zoneOperator(uint256 zone) external view returns (address);

    /// @notice Grid fees accrued for zone `zone`, payment-token base units.
    /// @param zone Zone id.
    function gridFeesOf(uint256 zone) external view returns (uint256);

    /// @notice The slot's book terms, fixed when it opened (all 0 before): price floor and tick
    /// (base units per kWh), collateral per kWh offered (stake base units), gate closure (Unix s).
    /// @param slot Delivery slot id (its start, Unix s).
    function bookOf(uint256 slot)
        external
        view
        returns (uint256 priceFloor, uint256 tickSize, uint256 collateralPerKWh, uint256 gateClosure);

    /// @notice Unix s from which, and until which, slot `slot` accepts CDA orders.
    /// @param slot Delivery slot id (its start, Unix s).
    function tradingWindow(uint256 slot) external view returns (uint256 opensAt, uint256 gateClosure);
}
