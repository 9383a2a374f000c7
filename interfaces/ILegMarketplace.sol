// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ILegMarketplace — compute, storage and heat traded between the hubs of a LEG
/// @notice Resource types: 0 compute (amounts in Wh of job energy, prices in payment-token base
/// units per kWh), 1 storage (GB, price per GB-month, billed monthly), 2 heat (Wh thermal of
/// HeatCredit, price per kWh thermal). Payment: one ERC-20 (WATT by default).
///
/// Book: a hub posts at most one offer per resource (a new one replaces it): available amount and
/// minimum price, a multiple of the resource's tick. Heat offers escrow the heat credits offered.
/// A buyer posts an order (amount, maximum price, storage term in months, optional preferred hub,
/// minimum reputation level 0-7) escrowing amount x maximum price (x months for storage).
///
/// Zones: the market trades within a grid zone (ILegHubRegistry). An offer sits in its hub's zone;
/// an order names a zone (a buyer running a hub: its own) and only that zone's offers fill it.
///
/// Licence: hubs are Application Hosts. Posting an offer needs the operator's GridStaking licence,
/// and matching checks it again: an offer whose operator no longer holds one (unstaked, sGRID moved
/// away) is withdrawn from the book (OfferDelisted; heat credits returned) and the next best offer
/// is tried, at most 4 per call, so a lapsed offer can neither trade nor block the book.
/// A buyer may cancel a pending trade of a hub without licence at once (no usage timeout to wait).
///
/// Matching (one fill per call, cost independent of the number of resting offers): the preferred
/// hub's offer if it is eligible; otherwise, among offers with price <= the buyer's maximum and
/// level >= the buyer's minimum, the lowest price, within a price the highest reputation level,
/// within a level the earliest posted. The fill is min(order rest, offer available); the trade
/// price is the seller's. Levels are the hub's reputation level when it posted the offer (a hub that
/// loses a dispute has its offer of that resource withdrawn).
///
/// Lifecycle of a trade: Pending (matched) -> the seller records usage (compute: Wh used and heat
/// Wh generated; storage: GB replicated; heat: Wh thermal delivered) -> Confirmed by the buyer, or
/// by anyone `confirmTimeout` s after the usage record -> compute/heat: Settled by anyone once
/// `disputeWindow` s have passed without dispute (price x usage, fee to the treasury, the escrow's
/// rest back to the buyer, heat credits to the seller for the heat recorded); storage: billed per
/// elapsed 30-day month, Settled when its term is billed. A hub's proceeds (price minus fee) are
/// credited to it here and leave in one `withdraw` (one token transfer for many trades).
/// Cancelled: before the usage record, by the
/// seller at any time, or by the buyer after `usageTimeout` s (both count as late for the hub).
///
/// Disputes (compute and heat): the buyer, within `disputeWindow` s of confirmation, posts the
/// dispute bond. The seller concedes (buyer wins), or escalates with an equal bond within
/// `responseWindow` s; silence makes the buyer win. An escalated dispute is decided by the arbiter
/// (ARBITER_ROLE, governance); if it stays silent for `arbitrationTimeout` s the usage record stands
/// and both bonds return. The buyer winning: full escrow refund, the trade Cancelled, the hub's
/// `disputesLost` counted and its offer of that resource withdrawn; the loser's bond goes to the
/// treasury (an unescalated buyer win returns the buyer's bond).
interface ILegMarketplace {
    /// @notice Governed parameters. Times in seconds; `disputeBond` in payment-token base units.
    struct Params {
        uint16 feeBps; // network fee, 200..500 basis points of each payment
        uint32 usageTimeout; // match -> usage record deadline
        uint32 confirmTimeout; // usage record -> silence confirms
        uint32 disputeWindow; // confirmation -> settlement possible
        uint32 responseWindow; // dispute opened -> seller must concede or escalate
        uint32 arbitrationTimeout; // escalation -> usage record stands
        uint16 noticeMonths; // storage: prepaid notice, >= 1 month
        uint16 maxMonths; // storage: longest term
        uint96 disputeBond;
    }

    /// @notice A resting offer (one storage slot). Price = priceLevel x tick of the resource.
    struct Offer {
        uint32 hubId;
        uint8 resource;
        uint8 level; // reputation level when posted
        uint16 priceLevel;
        uint48 available; // Wh, GB or Wh thermal
        uint48 prev;
        uint48 next;
        uint32 zoneId; // the hub's zone
    }

    /// @notice An order; `remaining` 0 means filled or cancelled.
    struct Order {
        address buyer;
        uint8 resource;
        uint8 minLevel;
        uint24 preferredHub; // 0 = none
        uint16 months; // storage term; 0 for compute and heat
        uint40 remaining; // Wh, GB or Wh thermal not yet matched
        uint96 maxPrice; // base units per kWh or per GB-month
        uint128 escrow; // base units held for `remaining`
        uint32 zoneId; // the zone the order trades in
    }

    /// @notice A trade's status (ABI: uint8). None: no such trade; Pending: matched, usage not yet
    /// confirmed; Confirmed: usage confirmed, payment due; Disputed: the buyer disputed the usage;
    /// Settled: paid out; Cancelled: escrow returned to the buyer.
    enum TradeStatus {
        None,
        Pending,
        Confirmed,
        Disputed,
        Settled,
        Cancelled
    }

    /// @notice A dispute's stage (ABI: uint8). None: no dispute (or resolved); Open: raised by the
    /// buyer; Escalated: the seller escalated it to the arbiter.
    enum DisputeStage {
        None,
        Open,
        Escalated
    }

    /// @notice A matched trade. `used` and `heatWh` once the seller recorded usage (`usageAt` != 0).
    struct Trade {
        address buyer;
        uint8 resource;
        TradeStatus status;
        uint40 createdAt;
        uint32 sellerHub;
        uint48 amount;
        uint48 used;
        uint48 heatWh; // Wh thermal: the compute job's heat, or a settled heat trade's credits; 0 once claimed
        uint40 usageAt;
        uint40 confirmedAt;
        uint16 months; // storage term (shortened by a notice)
        uint96 price;
        uint128 escrow; // payment-token base units still held for this trade
        uint16 billedMonths; // beside the escrow: a month's bill writes one slot
    }

    /// @notice A hub's trade outcomes as a seller (read by the hub registry's score).
    struct Outcomes {
        uint32 completed;
        uint32 late;
        uint32 disputesLost;
    }

    /// @notice One dispute (see `DisputeStage`).
    struct Dispute {
        DisputeStage stage;
        uint40 openedAt;
        uint40 escalatedAt;
        uint96 bond;
    }

    /// @notice Resource types are 0 (compute), 1 (storage), 2 (heat).
    error LegMarketInvalidResource(uint256 resource);
    /// @notice Zero amount where a positive amount is required.
    error LegMarketZeroAmount();
    /// @notice The caller runs no hub in the registry.
    error LegMarketNoHub(address account);
    /// @notice No hub `hubId` in the registry (a preferred hub must exist).
    error LegMarketUnknownHub(uint256 hubId);
    /// @notice An offer above the hub's registered capacity for the resource (Wh, GB or Wh thermal).
    error LegMarketExceedsCapacity(uint256 hubId, uint256 resource, uint256 capacity, uint256 amount);
    /// @notice A price must be a positive multiple of the resource's tick, at most 65535 ticks.
    error LegMarketInvalidPrice(uint256 price, uint256 tick);
    /// @notice No active offer `offerId`.
    error LegMarketUnknownOffer(uint256 offerId);
    /// @notice Only the offering hub's operator may cancel the offer.
    error LegMarketNotOfferOwner(uint256 offerId, address caller);
    /// @notice Unknown, filled or cancelled order.
    error LegMarketOrderClosed(uint256 orderId);
    /// @notice Only the buyer of the order or trade `id` (or, where allowed, its seller) may do this.
    error LegMarketNotBuyer(uint256 id, address caller);
    /// @notice Only the operator of the trade's seller hub may do this.
    error LegMarketNotSeller(uint256 tradeId, address caller);
    /// @notice Storage needs a term of `min`..`max` months, compute and heat none (max 0).
    error LegMarketInvalidMonths(uint256 months, uint256 min, uint256 max);
    /// @notice Reputation levels are 0..7.
    error LegMarketInvalidLevel(uint256 level);
    /// @notice No resting offer fits the order (resource, zone, price, level, amount) and none was delisted.
    error LegMarketNoEligibleOffer(uint256 orderId);
    /// @notice The trade's status (`status`: a TradeStatus value) or dispute stage does not allow this step.
    error LegMarketWrongStatus(uint256 tradeId, uint256 status);
    /// @notice Recorded usage above the traded amount (Wh, GB or Wh thermal).
    error LegMarketUsageExceedsAmount(uint256 tradeId, uint256 amount, uint256 used);
    /// @notice A compute job's heat cannot exceed its energy.
    error LegMarketHeatExceedsUsage(uint256 tradeId, uint256 used, uint256 heatWh);
    /// @notice Too early: possible from `readyAt` (Unix s).
    error LegMarketTooEarly(uint256 tradeId, uint256 readyAt);
    /// @notice Too late: the deadline was `deadline` (Unix s).
    error LegMarketTooLate(uint256 tradeId, uint256 deadline);
    /// @notice The step does not apply to this resource (storage bills monthly; compute and heat settle once).
    error LegMarketWrongResource(uint256 tradeId, uint256 resource);
    /// @notice No whole storage month is due for billing yet.
    error LegMarketNothingDue(uint256 tradeId);
    /// @notice The buyer already rated this trade.
    error LegMarketFeedbackGiven(uint256 tradeId);
    /// @notice A governed parameter out of range; `name` says which (feeBps, tick, noticeMonths,
    /// maxMonths; see `Params`).
    error LegMarketInvalidParameter(bytes32 name, uint256 value);
    /// @notice The zero address where a contract or the treasury is required.
    error LegMarketZeroAddress();
    /// @notice No hub is registered in `zone`.
    error LegMarketUnknownZone(bytes32 zone);
    /// @notice `buyer` runs a hub in another zone than `zone`: hubs trade within their zone.
    error LegMarketOutsideZone(address buyer, bytes32 zone);
    /// @notice Hub `hubId`'s operator holds no Application Host licence (GridStaking.hasLicence).
    error LegMarketNoLicence(uint256 hubId, address operator);

    /// @notice Hub `hubId` offers `amount` (Wh, GB or Wh thermal) of `resource` at `price` (base units
    /// per kWh or per GB-month), posted at reputation `level`.
    event OfferPosted(uint256 indexed offerId, uint256 indexed hubId, uint8 resource, uint256 amount, uint256 price, uint8 level);
    /// @notice The offer was withdrawn; `returned` heat credits (Wh thermal) went back to the hub.
    event OfferCancelled(uint256 indexed offerId, uint256 indexed hubId, uint256 returned);
    /// @notice Matching withdrew offer `offerId`: its hub's operator holds no licence any more
    /// (followed by OfferCancelled with the amount returned).
    event OfferDelisted(uint256 indexed offerId, uint256 indexed hubId, address operator);
    /// @notice A buyer posted an order (units as in `postOrder`).
    event OrderPosted(
        uint256 indexed orderId,
        address indexed buyer,
        uint8 resource,
        uint256 amount,
        uint256 maxPrice,
        uint256 months,
        uint256 preferredHub,
        uint8 minLevel,
        uint256 escrow,
        uint32 zoneId
    );
    /// @notice The order's unmatched rest was cancelled; `refund` payment-token base units returned.
    event OrderCancelled(uint256 indexed orderId, uint256 refund);
    /// @notice An order matched an offer: a new trade.
    event TradeMatched(
        uint256 indexed tradeId,
        uint256 indexed orderId,
        uint256 indexed sellerHub,
        uint256 offerId,
        address buyer,
        uint8 resource,
        uint256 amount,
        uint256 price
    );
    /// @notice The seller recorded `used` (Wh, GB or Wh thermal) and `heatWh` (Wh thermal).
    event UsageRecorded(uint256 indexed tradeId, uint256 used, uint256 heatWh);
    /// @notice The usage record was confirmed by `by` (the buyer, or anyone after the timeout).
    event TradeConfirmed(uint256 indexed tradeId, address by);
    /// @notice The trade settled: `paid` to the seller and `fee` kept (payment-token base units),
    /// `refund` to the buyer, `heatWh` Wh thermal of heat credits the compute job earned the hub
    /// (claimable with `claimHeat`).
    event TradeSettled(uint256 indexed tradeId, uint256 paid, uint256 fee, uint256 refund, uint256 heatWh);
    /// @notice The pending trade was cancelled by `by`; `refund` base units returned to the buyer.
    event TradeCancelled(uint256 indexed tradeId, address by, uint256 refund);
    /// @notice `months` storage months billed: `paid` to the seller and `fee` kept (base units).
    event StorageBilled(uint256 indexed tradeId, uint256 months, uint256 paid, uint256 fee);
    /// @notice `by` gave notice: the storage term ends at month `endMonth`; `refund` base units returned.
    event StorageNoticeGiven(uint256 indexed tradeId, address by, uint256 endMonth, uint256 refund);
    /// @notice The buyer disputed the trade, posting `bond` base units.
    event DisputeOpened(uint256 indexed tradeId, uint256 bond);
    /// @notice The seller escalated the dispute to the arbiter, posting `bond` base units.
    event DisputeEscalated(uint256 indexed tradeId, uint256 bond);
    /// @notice The dispute ended: `buyerWon`, by the arbiter, a concession or (`byTimeout`) its deadline.
    event DisputeResolved(uint256 indexed tradeId, bool buyerWon, bool byTimeout);
    /// @notice The buyer rated hub `hubId` `rating` (0..100) for the trade.
    event FeedbackGiven(uint256 indexed tradeId, uint256 indexed hubId, uint8 rating);
    /// @notice `amount` base units of fees and forfeited bonds sent to `treasury`.
    event FeesCollected(address indexed treasury, uint256 amount);
    /// @notice `amount` base units of hub `hubId`'s proceeds sent to its `operator`.
    event ProceedsWithdrawn(uint256 indexed hubId, address indexed operator, uint256 amount);
    /// @notice `amountWh` Wh thermal of heat credits of trade `tradeId` delivered to `to`.
    event HeatClaimed(uint256 indexed tradeId, address indexed to, uint256 amountWh);
    /// @notice New governed parameters.
    event ParamsUpdated(Params params);
    /// @notice New fee recipient.
    event TreasuryUpdated(address treasury);

    /// @notice Post (or replace) the caller's hub offer of `resource`: `amount` (Wh, GB or Wh
    /// thermal, at most the hub's capacity) at `price` (base units per kWh or per GB-month, a
    /// multiple of the tick). Heat offers transfer `amount` heat credits here (approval needed);
    /// a replaced offer's rest is returned. Emits OfferPosted (and OfferCancelled for a replaced offer).
    /// @param resource 0 compute, 1 storage, 2 heat.
    /// @param amount Wh (compute), GB (storage) or Wh thermal (heat).
    /// @param price Payment-token base units per kWh (compute, heat) or per GB-month (storage).
    /// @return offerId The new offer.
    /// @dev Reverts LegMarketInvalidResource, LegMarketZeroAmount, LegMarketNoHub,
    /// LegMarketNoLicence, LegMarketExceedsCapacity, LegMarketInvalidPrice.
    function postOffer(uint8 resource, uint256 amount, uint256 price) external returns (uint256 offerId);

    /// @notice Withdraw the caller's offer `offerId` (heat credits returned).
    /// @dev Reverts LegMarketUnknownOffer, LegMarketNotOfferOwner. Emits OfferCancelled.
    /// @param offerId The offer.
    function cancelOffer(uint256 offerId) external;

    /// @notice Post an order and match it once if an eligible offer rests. Escrows
    /// ceil(amount x maxPrice / 1000) (compute, heat) or amount x maxPrice x months (storage).
    /// @param resource 0 compute, 1 storage, 2 heat.
    /// @param amount Wh (compute), GB (storage) or Wh thermal (heat).
    /// @param maxPrice Payment-token base units per kWh (compute, heat) or per GB-month (storage).
    /// @param months Storage term (noticeMonths..maxMonths); 0 otherwise.
    /// @param preferredHub Hub tried first (0 = none).
    /// @param minLevel Lowest acceptable reputation level, 0..7.
    /// @param zone Grid zone the order trades in (a registered hub's zone; the buyer's own if it
    /// runs a hub).
    /// @return orderId The order.
    /// @return tradeId The trade if matched at once, else 0.
    /// @dev Reverts LegMarketInvalidResource, LegMarketZeroAmount, LegMarketInvalidMonths,
    /// LegMarketInvalidLevel, LegMarketUnknownHub, LegMarketUnknownZone, LegMarketOutsideZone,
    /// SafeCast and ERC-20 errors.
    function postOrder(
        uint8 resource,
        uint256 amount,
        uint256 maxPrice,
        uint256 months,
        uint256 preferredHub,
        uint8 minLevel,
        bytes32 zone
    ) external returns (uint256 orderId, uint256 tradeId);

    /// @notice Match open order `orderId` with the best eligible offer (anyone may call). Offers
    /// of hubs without licence met on the way are delisted (at most 4).
    /// @return tradeId The new trade; 0 if only delisted offers were met (the delisting stands).
    /// @dev Reverts LegMarketOrderClosed, LegMarketNoEligibleOffer (nothing eligible, nothing
    /// delisted).
    /// @param orderId The order.
    function matchOrder(uint256 orderId) external returns (uint256 tradeId);

    /// @notice Cancel the unmatched rest of the caller's order; its escrow is refunded.
    /// @dev Reverts LegMarketOrderClosed, LegMarketNotBuyer. Emits OrderCancelled.
    /// @param orderId The order.
    function cancelOrder(uint256 orderId) external;

    /// @notice Record the actual usage of pending trade `tradeId` (its seller's operator). Emits
    /// UsageRecorded.
    /// @param tradeId The trade.
    /// @param used Wh of the job (compute), GB replicated (storage), Wh thermal (heat); <= amount.
    /// @param heatWh Heat the compute job generated, Wh thermal, <= used (0 otherwise).
    /// @dev Reverts LegMarketWrongStatus, LegMarketNotSeller, LegMarketUsageExceedsAmount,
    /// LegMarketHeatExceedsUsage.
    function recordUsage(uint256 tradeId, uint256 used, uint256 heatWh) external;

    /// @notice Confirm the usage record: the buyer at once, anyone after `confirmTimeout` s.
    /// @dev Reverts LegMarketWrongStatus, LegMarketTooEarly.
    /// @param tradeId The trade.
    function confirm(uint256 tradeId) external;

    /// @notice Cancel pending trade `tradeId` before its usage record: its seller at any time, its
    /// buyer after `usageTimeout` s, or at once if the seller's operator holds no licence any
    /// more. The escrow (and heat credits) return; the hub counts late.
    /// @dev Reverts LegMarketWrongStatus, LegMarketNotBuyer, LegMarketTooEarly.
    /// @param tradeId The trade.
    function cancelTrade(uint256 tradeId) external;

    /// @notice Settle confirmed compute/heat trade `tradeId` after the dispute window (anyone): the
    /// hub is credited used x price / 1000 minus the fee (see `withdraw`), the escrow's rest returns.
    /// @dev Reverts LegMarketWrongStatus, LegMarketWrongResource, LegMarketTooEarly.
    /// @param tradeId The trade.
    function settle(uint256 tradeId) external;

    /// @notice Bill every whole 30-day month elapsed (and unbilled) of storage trade `tradeId`
    /// (anyone), crediting the hub each month's bill minus the fee (see `withdraw`); the last month
    /// settles the trade and refunds the escrow's rest.
    /// @dev Reverts LegMarketWrongStatus, LegMarketWrongResource, LegMarketNothingDue.
    /// @param tradeId The trade.
    function billStorage(uint256 tradeId) external;

    /// @notice End storage trade `tradeId` with notice (its buyer or seller): the term ends at the
    /// first month boundary at least `noticeMonths` x 30 days from now (never later than agreed);
    /// the prepaid months beyond are refunded now.
    /// @dev Reverts LegMarketWrongStatus, LegMarketWrongResource, LegMarketNotBuyer.
    /// @param tradeId The trade.
    function cancelStorage(uint256 tradeId) external;

    /// @notice Dispute confirmed compute/heat trade `tradeId` (its buyer), posting the dispute bond.
    /// @dev Reverts LegMarketWrongStatus, LegMarketWrongResource, LegMarketNotBuyer, LegMarketTooLate.
    /// @param tradeId The trade.
    function openDispute(uint256 tradeId) external;

    /// @notice Concede the dispute on `tradeId` (its seller): the buyer wins.
    /// @dev Reverts LegMarketWrongStatus, LegMarketNotSeller.
    /// @param tradeId The trade.
    function concedeDispute(uint256 tradeId) external;

    /// @notice Escalate the dispute on `tradeId` to the arbiter (its seller), posting an equal bond.
    /// @dev Reverts LegMarketWrongStatus, LegMarketNotSeller, LegMarketTooLate.
    /// @param tradeId The trade.
    function escalateDispute(uint256 tradeId) external;

    /// @notice Decide escalated dispute `tradeId` (ARBITER_ROLE).
    /// @dev Reverts LegMarketWrongStatus (and AccessControlUnauthorizedAccount).
    /// @param tradeId The trade.
    /// @param buyerWins True: the buyer gets its escrow and bond back, the seller's bond is forfeited to
    /// the fees; false: the trade settles for the seller, whose bond returns, and the buyer's bond is
    /// forfeited to the fees.
    function arbitrate(uint256 tradeId, bool buyerWins) external;

    /// @notice Apply a dispute's automatic outcome once its deadline passed (anyone).
    /// @dev Reverts LegMarketWrongStatus, LegMarketTooEarly.
    /// @param tradeId The trade.
    function resolveDisputeByTimeout(uint256 tradeId) external;

    /// @notice Rate the seller of settled trade `tradeId` 0..100 (its buyer, once).
    /// @dev Reverts LegMarketWrongStatus, LegMarketNotBuyer, LegMarketFeedbackGiven, LegHubInvalidRating.
    /// @param tradeId The trade.
    /// @param rating 0..100.
    function giveFeedback(uint256 tradeId, uint8 rating) external;

    /// @notice Send the accrued fees and forfeited bonds to the treasury (anyone).
    /// Emits FeesCollected.
    /// @return amount Payment-token base units sent.
    function collectFees() external returns (uint256 amount);

    /// @notice Deliver the heat credits settled trade `tradeId` holds (its `heatWh`; anyone may ask,
    /// the credits only go to their owner): a compute trade's recorded heat is minted to the selling
    /// hub's operator, a heat trade's delivered credits go to its buyer. Settlement leaves them in
    /// the trade so that it makes no token call for them. Emits HeatClaimed.
    /// @dev Reverts LegMarketWrongStatus (not settled), LegMarketNothingDue (no heat, or claimed).
    /// @param tradeId The trade.
    /// @return amountWh Heat credits delivered, Wh thermal.
    function claimHeat(uint256 tradeId) external returns (uint256 amountWh);

    /// @notice Send hub `hubId`'s credited proceeds to its operator (anyone; the money only goes
    /// to the operator). Nothing credited: returns 0, no transfer. Emits ProceedsWithdrawn.
    /// @param hubId The hub.
    /// @return amount Payment-token base units sent.
    function withdraw(uint256 hubId) external returns (uint256 amount);

    /// @notice Set the governed parameters (DEFAULT_ADMIN_ROLE). Reverts LegMarketInvalidParameter.
    /// Emits ParamsUpdated.
    /// @param params The new parameters (units in `Params`).
    function setParams(Params calldata params) external;

    /// @notice Set the fee recipient (DEFAULT_ADMIN_ROLE). Reverts LegMarketZeroAddress. Emits
    /// TreasuryUpdated.
    /// @param treasury The new recipient.
    function setTreasury(address treasury) external;

    /// @notice The governed parameters (units in `Params`).
    function params() external view returns (Params memory);

    /// @notice One offer (see `Offer`).
    /// @param offerId The offer.
    function offer(uint256 offerId) external view returns (Offer memory);

    /// @notice One order (see `Order`).
    /// @param orderId The order.
    function order(uint256 orderId) external view returns (Order memory);

    /// @notice One trade (see `Trade`).
    /// @param tradeId The trade.
    function trade(uint256 tradeId) external view returns (Trade memory);

    /// @notice The dispute on a trade (see `Dispute`; stage None if none).
    /// @param tradeId The trade.
    function dispute(uint256 tradeId) external view returns (Dispute memory);

    /// @notice Settled (completed), late and lost-dispute trades of `hubId` as a seller.
    /// @param hubId The hub.
    function outcomes(uint256 hubId) external view returns (Outcomes memory);

    /// @notice The hub's active offer id per resource (0 = none).
    /// @param hubId The hub.
    /// @param resource 0 compute, 1 storage, 2 heat.
    function offerOf(uint256 hubId, uint8 resource) external view returns (uint256);

    /// @notice The offer `matchOrder(orderId)` would fill now (0 = none).
    /// @param orderId The order.
    function bestOffer(uint256 orderId) external view returns (uint256);

    /// @notice Price tick of `resource`, payment-token base units per kWh or per GB-month.
    /// @param resource 0 compute, 1 storage, 2 heat.
    function tick(uint8 resource) external view returns (uint256);

    /// @notice Proceeds credited to hub `hubId` and not yet withdrawn, payment-token base units.
    /// @param hubId The hub.
    function proceeds(uint256 hubId) external view returns (uint256);

    /// @notice Fees and forfeited bonds not yet sent to the treasury, payment-token base units.
    function accruedFees() external view returns (uint256);

    /// @notice The fee recipient.
    function treasury() external view returns (address);
    /// @notice The ERC-20 trades are paid in.
    function paymentToken() external view returns (address);
    /// @notice The hub registry.
    function hubRegistry() external view returns (address);
    /// @notice The heat credit token.
    function heatCredit() external view returns (address);
}
