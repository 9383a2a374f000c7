// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ISettlementEngine — settles what was actually delivered in a cleared time slot
/// @notice Settlement starts once the oracle has finalised the slot and the dispute window after it
/// has passed (normal mode). If the oracle has not finalised `settlementTimeout` seconds after the
/// slot's reporting deadline, the first settlement call asks the oracle to finalise it (then normal
/// mode follows after the dispute window); only if the oracle cannot finalise does the slot settle
/// in timeout mode (nothing counts as delivered, buyers get their escrow back, stake is released
/// without penalty, no credits are issued). The mode is fixed by the first settlement of the slot.
///
/// Per participant, O(1) plus its orders' claims (done here), callable by anyone:
/// - seller side: delivered = min(sold, produced by the seller's registered panels in the slot);
///   the seller receives delivered * p* / 1000 minus the trading fee; a shortfall is penalised at
///   max(penaltyPrice, p*) per kWh out of the stake encumbered for the sale (capped by it) and pooled
///   for the buyers; the rest of the encumbrance is released; EnergyToken credits are issued for all
///   verified production: the delivered part is held here for the buyers, the rest goes to the seller.
/// - buyer side (after every seller not under dispute is settled): the delivered volume and the
///   penalty pool are shared pro rata to bought quantity (and shortfall) with sequential allocation:
///   each buyer gets floor(bought * left / boughtLeft), the last one what is left, so the shares sum
///   exactly. The buyer receives its delivered credits, its penalty share, and a refund of the escrow
///   for what was not delivered. Sellers still under dispute then are a second tranche: each buyer's
///   share of their volume settles, by the same rule, in a later call once those disputes are over.
/// A dispute freezes only the disputed participant and expires after `disputeExpiry` seconds.
/// Money moves once per fill; after all participants are settled nothing of the slot stays escrowed
/// or encumbered, and only fees go to the treasury.
interface ISettlementEngine {
    /// @notice Reference-compatible record. Energy in Wh; `paymentAmount` in payment-token base units,
    /// positive if received (seller proceeds net of fee), negative if paid (buyer's cost).
    struct SettlementRecord {
        uint256 timeSlot;
        address participant;
        uint256 energyProduced;
        uint256 energyConsumed;
        int256 netEnergy;
        int256 paymentAmount;
        bool isSettled;
        uint256 energyDelivered;
    }

    /// @notice A slot's phase and timetable in one call (Unix s; 0 = not known yet).
    /// @param phase 0 no auction, 1 trading, 2 gate closed (not cleared), 3 delivery and reporting,
    /// 4 dispute window, 5 settling, 6 settled (closed).
    /// @param mode 0 not started, 1 normal, 2 timed out.
    struct SlotStatus {
        uint256 phase;
        uint256 gateClosure;
        uint256 reportingDeadline;
        uint256 oracleFinalizedAt;
        uint256 disputeWindowEnd;
        uint256 mode;
        uint256 sellers;
        uint256 sellersSettled;
        uint256 openAsks;
        uint256 boughtLeftWh;
        uint256 disputedSellers;
        bool isFinalized;
    }

    /// @notice What settling `participant` now would do (Wh and base units). Seller side: `delivered`
    /// of `sold`, `proceeds` net of `fee`, `penalty` taken from its stake. Buyer side (known once every
    /// undisputed seller is settled, `buyerReady`): `received` credits, `refund` of escrow and
    /// `penaltyShare` (stake-token base units); a buyer's share of disputed sellers' volume settles later.
    struct SettlementPreview {
        bool ready;
        bool disputed;
        bool buyerReady;
        uint256 sold;
        uint256 bought;
        uint256 produced;
        uint256 delivered;
        uint256 proceeds;
        uint256 fee;
        uint256 penalty;
        uint256 received;
        uint256 refund;
        uint256 penaltyShare;
    }

    /// @notice Reference-compatible slot summary: `totalEnergy` delivered (Wh), `totalPayment` paid to
    /// sellers before fees (base units); `isFinalized` once every participant is settled and closed.
    struct TimeSlotSettlement {
        uint256 timeSlot;
        uint256 clearingPrice;
        uint256 totalEnergy;
        uint256 totalPayment;
        bool isFinalized;
    }

    /// @notice Neither finalised + dispute window passed, nor timed out; ready at `readyAt` (Unix s, 0 = unknown).
    error SettlementNotReady(uint256 slot, uint256 readyAt);
    /// @notice The slot's auction has orders but was not cleared yet (anyone can clear it).
    error SettlementAuctionNotCleared(uint256 slot);
    /// @notice A slot id above `maxSlot` (the market's MAX_SLOT).
    error SettlementSlotOutOfRange(uint256 slot, uint256 maxSlot);
    /// @notice The participant neither sold, bought nor produced in the slot: nothing to dispute.
    error SettlementNothingToDispute(uint256 slot, address participant);
    /// @notice The dispute expired at `expiresAt` (the oracle's value stands; its bond went to the treasury).
    error SettlementDisputeExpired(uint256 slot, address participant, uint256 expiresAt);
    /// @notice Too little gas left to let the oracle try to finalise before choosing timeout mode.
    error SettlementInsufficientGas(uint256 available, uint256 needed);
    /// @notice Buyers settle after all sellers: `settled` of `total` sellers done, `openAsks` unclaimed.
    error SettlementSellersPending(uint256 slot, uint256 settled, uint256 total, uint256 openAsks);
    /// @notice The participant has nothing (left) to settle in the slot.
    error SettlementNothingToSettle(uint256 slot, address participant);
    /// @notice An open dispute freezes this participant's settlement.
    error SettlementDisputed(uint256 slot, address participant);
    /// @notice Disputes are possible from finalisation until `deadline`.
    error SettlementDisputeWindowClosed(uint256 slot, uint256 deadline, uint256 nowTime);
    error SettlementSlotNotFinalized(uint256 slot);
    error SettlementDisputeExists(uint256 slot, address participant);
    error SettlementNoDispute(uint256 slot, address participant);
    /// @notice Closing the slot needs every participant settled and no escrow left.
    error SettlementSlotOpen(uint256 slot, uint256 boughtLeft, uint256 sellersLeft, uint256 escrowLeft);
    error SettlementAlreadyFinalized(uint256 slot);
    error SettlementInvalidBatchSize(uint256 size, uint256 maxSize);
    error SettlementInvalidParameter(bytes32 name, uint256 value);
    /// @notice The participant still has `openOrders` CDA orders: claim them (after the CDA's gate
    /// closure a claim closes an order) before its position settles.
    error SettlementCdaOrdersOpen(uint256 slot, address participant, uint256 openOrders);

    /// @notice Settlement of the slot began in `timedOut` mode or normally.
    event SettlementStarted(uint256 indexed slot, bool timedOut);
    /// @notice One participant's side settled. Energy in Wh, money in payment-token base units.
    event SettlementExecuted(
        uint256 indexed slot,
        address indexed participant,
        bool sellerSide,
        uint256 energyProduced,
        uint256 energyDelivered,
        uint256 shortfall,
        uint256 payment,
        uint256 penalty
    );
    event SettlementBatchCompleted(uint256 indexed slot, uint256 settled, uint256 skipped);
    /// @notice Stake taken from `participant`: a delivery shortfall (pooled for buyers) or an arbiter penalty.
    event PenaltyAssessed(uint256 indexed slot, address indexed participant, uint256 amount, string reason);
    event DisputeRaised(uint256 indexed slot, address indexed participant, address indexed disputer, uint256 bond);
    event DisputeResolved(
        uint256 indexed slot, address indexed participant, bool upheld, uint256 correctedProductionWh
    );
    /// @notice An unresolved dispute reached its expiry: the oracle's value stands, the bond went to the treasury.
    event DisputeExpired(uint256 indexed slot, address indexed participant, uint256 bond);
    event DisputeParametersUpdated(uint256 disputeExpiry, uint256 disputeBondPerKWh);
    event TimeSlotSettled(uint256 indexed slot, uint256 deliveredWh, uint256 totalPayment, uint256 fees);
    event ParametersUpdated(
        uint256 disputeWindow, uint256 settlementTimeout, uint256 penaltyPricePerKWh, uint256 feeBps, uint256 disputeBond
    );
    event TreasuryUpdated(address treasury);
    /// @notice The CdaMarket whose positions settle here (zero: none).
    event CdaMarketUpdated(address cdaMarket);

    /// @notice Keeper entry point (anyone): settles the slot's traders, sellers first, visiting at
    /// most KEEPER_BATCH orders per call from where the last call stopped, and closes the slot when
    /// everyone is settled (`isTimeSlotSettled` then true). Call repeatedly until it is. Producers
    /// without orders settle through `settleParticipant` (the market does not know them). If the
    /// oracle is not final at the timeout but can still be finalised, it finalises it and settles
    /// nothing (normal mode opens after the dispute window). Errors: SettlementSlotOutOfRange,
    /// SettlementAuctionNotCleared, SettlementNotReady, SettlementInsufficientGas.
    function settleTimeSlot(uint256 slot) external;

    /// @notice Settle `participant` (anyone): claims its orders in the market, settles its seller
    /// side and, once every undisputed seller is settled, its buyer side; a buyer's share of disputed
    /// sellers' volume settles in a second call once those disputes are over. With a CdaMarket set,
    /// the seller side is the whole sale (all CDA orders closed, else SettlementCdaOrdersOpen): the
    /// production covers the auction sale first, then the CDA sale, which the CdaMarket settles
    /// (`settleSale`: CDA shortfall penalised, collateral released, delivered Wh minted to it for the
    /// CDA buyers, who collect with `CdaMarket.settlePurchase`); the record counts the
    /// CDA-delivered Wh as produced and delivered; SettlementExecuted gives the auction side
    /// (production net of the CDA-delivered Wh), the CdaMarket's SaleSettled the CDA side.
    /// CDA sellers without auction orders settle only here (the keeper visits the auction's traders).
    /// Errors: as `settleTimeSlot`, plus SettlementDisputed, SettlementSellersPending,
    /// SettlementCdaOrdersOpen, SettlementNothingToSettle.
    /// @return The participant's record after the call.
    function settleParticipant(uint256 slot, address participant) external returns (SettlementRecord memory);

    /// @notice `settleParticipant` for up to MAX_BATCH_SIZE participants in order; those that cannot be
    /// settled now (done, nothing, disputed, sellers pending) are skipped and counted.
    function settleParticipants(uint256 slot, address[] calldata participants) external;

    /// @notice Close a fully settled slot and pay its fees to the treasury (anyone).
    function finalizeTimeSlot(uint256 slot) external;

    /// @notice Contest `participant`'s production or trades in a finalised slot within the dispute
    /// window (anyone), posting a bond of max(disputeBond, disputed Wh * disputeBondPerKWh / 1000)
    /// payment-token base units, where the disputed Wh is the largest of the participant's sale,
    /// purchase and production. Freezes only that participant until resolved or expired (after
    /// `disputeExpiry` s: the oracle's value stands and the bond goes to the treasury). Errors:
    /// SettlementSlotOutOfRange, SettlementSlotNotFinalized, SettlementDisputeWindowClosed,
    /// SettlementDisputeExists, SettlementNothingToDispute.
    function raiseDispute(uint256 slot, address participant) external;

    /// @notice Resolve a dispute before it expires (ARBITER_ROLE, governance): upheld returns the bond
    /// to the disputer and replaces the participant's production for settlement with
    /// `correctedProductionWh`; rejected sends the bond to the treasury. Errors: SettlementNoDispute,
    /// SettlementDisputeExpired.
    function resolveDispute(uint256 slot, address participant, bool upheld, uint256 correctedProductionWh) external;

    /// @notice Arbiter penalty outside delivery (ARBITER_ROLE): slashes `amount` (stake-token base
    /// units) of `participant`'s free and unbonding stake to the treasury through the StakingVault.
    function assessPenalty(address participant, uint256 amount, string calldata reason) external;

    function getSettlementRecord(uint256 slot, address participant) external view returns (SettlementRecord memory);

    function getTimeSlotSettlement(uint256 slot) external view returns (TimeSlotSettlement memory);

    function isTimeSlotSettled(uint256 slot) external view returns (bool);

    /// @notice Unix time (s) from which the slot can settle in normal mode (0 before finalisation).
    function settlementReadyAt(uint256 slot) external view returns (uint256);

    /// @notice The slot's phase, timetable and settlement progress. Error: SettlementSlotOutOfRange.
    function getSlotStatus(uint256 slot) external view returns (SlotStatus memory);

    /// @notice What `settleParticipant(slot, participant)` would settle now (see `SettlementPreview`).
    function previewSettlement(uint256 slot, address participant) external view returns (SettlementPreview memory);

    /// @notice Settle the positions of `cdaMarket` (its EnergyMarket must be this engine's; zero:
    /// no CDA) (DEFAULT_ADMIN_ROLE). The engine needs the vault's ENCUMBRANCER_ROLE and
    /// PENALIZER_ROLE as for the auction. Switch only while no CDA slot awaits settlement: the
    /// positions of the previous CDA are no longer read. Error: SettlementInvalidParameter.
    function setCdaMarket(address cdaMarket) external;

    function cdaMarket() external view returns (address);
}
