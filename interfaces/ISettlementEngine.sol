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
///   verified production: the rest to the seller now, the delivered part to the buyers as they settle
///   (minted then, never held here).
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

    /// @notice Reference-compatible slot summary: `totalEnergy` delivered (Wh), `totalPayment` paid to
    /// sellers before fees (payment-token base units); `isFinalized` once every participant is settled
    /// and the slot closed.
    struct TimeSlotSettlement {
        uint256 timeSlot;
        uint256 clearingPrice;
        uint256 totalEnergy;
        uint256 totalPayment;
        bool isFinalized;
    }

    /// @notice How a slot settles, fixed by its first settlement: normally (delivery counts) or timed
    /// out (the oracle could not finalise: nothing counts as delivered, escrow and stake go back).
    enum SettlementMode {
        NotStarted,
        Normal,
        TimedOut
    }

    /// @notice Why a batch skipped a participant: nothing to settle now (already settled,
    /// earlier in the same batch, or no trades and no production), an open dispute, buyer side waiting
    /// for sellers (or disputed sellers' second tranche), open CDA orders.
    enum SkipReason {
        NothingToSettle,
        Disputed,
        SellersPending,
        CdaOrdersOpen
    }

    /// @notice A dispute on one participant of one slot.
    enum DisputeStatus {
        None,
        Open,
        Upheld,
        Rejected,
        Expired
    }

    /// @notice Governed parameters (one storage slot): dispute window and settlement timeout (s), trading
    /// fee on seller proceeds (bps), shortfall penalty price (stake-token base units per kWh, a multiple
    /// of 1000), minimum dispute bond (payment-token base units).
    struct Params {
        uint32 disputeWindow;
        uint32 settlementTimeout;
        uint16 feeBps;
        uint80 penaltyPricePerKWh;
        uint96 disputeBond;
    }

    /// @notice A slot's settlement progress as stored (one storage slot). Wh throughout.
    /// `deliveredWh`: delivered by the sellers settled so far. Buyer phase only: `boughtLeftWh`, bought
    /// volume of buyers whose first share is not settled; `deliveredLeftWh`, first-tranche delivered
    /// volume not yet handed to buyers.
    struct SlotState {
        SettlementMode mode;
        bool finalized;
        bool buyerPhase;
        uint24 sellersSettled;
        uint64 deliveredWh;
        uint64 boughtLeftWh;
        uint64 deliveredLeftWh;
    }

    /// @notice Sellers under dispute when the buyers start: their sold volume is shared in a second
    /// tranche once their disputes are over (one storage slot). `sellers`: disputed sellers not yet
    /// settled; `soldWh`: their sold volume (buyer phase: second-tranche volume not yet settled);
    /// `unallocatedWh` (buyer phase): second-tranche volume not yet assigned to a buyer;
    /// `deliveredLeftWh`: second-tranche delivered volume not yet handed to buyers.
    struct Deferred {
        uint24 sellers;
        uint64 soldWh;
        uint64 unallocatedWh;
        uint64 deliveredLeftWh;
    }

    /// @notice One participant's settlement as stored: Wh `produced` (verified or corrected),
    /// `delivered` as seller, `received` as buyer; which sides are done; `payment` in payment-token
    /// base units (+ received, - paid).
    struct ParticipantState {
        uint48 produced;
        uint48 delivered;
        uint48 received;
        bool sellerDone;
        bool buyerDone;
        int96 payment;
    }

    /// @notice A slot's money held or owed by the engine (one storage slot): `penaltyLeft`, shortfall
    /// penalties pooled for first-tranche buyers not yet settled (stake-token base units); `fees`,
    /// trading fees accrued for the treasury, still in the market's escrow (payment-token base units).
    struct SlotMoney {
        uint128 penaltyLeft;
        uint128 fees;
    }

    /// @notice A dispute: who raised it, its bond (payment-token base units), status, expiry (Unix s).
    struct Dispute {
        address disputer;
        uint88 bond;
        DisputeStatus status;
        uint40 expiresAt;
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
    /// @notice The oracle has not finalised the slot yet: nothing to dispute.
    error SettlementSlotNotFinalized(uint256 slot);
    /// @notice The participant was already disputed in this slot (one dispute per participant and slot).
    error SettlementDisputeExists(uint256 slot, address participant);
    /// @notice No open dispute on the participant in this slot (none, or already resolved or expired).
    error SettlementNoDispute(uint256 slot, address participant);
    /// @notice Closing the slot needs every participant settled and no escrow left.
    error SettlementSlotOpen(uint256 slot, uint256 boughtLeft, uint256 sellersLeft, uint256 escrowLeft);
    /// @notice The slot was already closed.
    error SettlementAlreadyFinalized(uint256 slot);
    /// @notice A batch must hold 1 .. `maxSize` participants.
    error SettlementInvalidBatchSize(uint256 size, uint256 maxSize);
    /// @notice A constructor or governance argument out of its range; `name` says which (see the setters).
    error SettlementInvalidParameter(bytes32 name, uint256 value);
    /// @notice The participant still has `openOrders` CDA orders: claim them (after the CDA's gate
    /// closure a claim closes an order) before its position settles.
    error SettlementCdaOrdersOpen(uint256 slot, address participant, uint256 openOrders);
    /// @notice A withdrawal of zero Wh of energy credits.
    error SettlementZeroWithdrawal();
    /// @notice `account` holds `credit` Wh of energy credits here, less than the `needed` Wh.
    error SettlementInsufficientEnergyCredit(address account, uint256 credit, uint256 needed);

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
    /// @notice `settleParticipants` settled `settled` participants and skipped `skipped` (done, nothing
    /// to settle, disputed, or sellers pending).
    event SettlementBatchCompleted(uint256 indexed slot, uint256 settled, uint256 skipped);
    /// @notice A batch (`settleParticipants`, `settleBatch`) skipped `participant` (nothing settled,
    /// nothing paid): see SkipReason.
    event SettlementSkipped(uint256 indexed slot, address indexed participant, SkipReason reason);
    /// @notice `account` withdrew `wh` Wh of energy credits (minted to it).
    event EnergyWithdrawn(address indexed account, uint256 wh);
    /// @notice Stake taken from `participant`: a delivery shortfall (pooled for buyers) or an arbiter penalty.
    event PenaltyAssessed(uint256 indexed slot, address indexed participant, uint256 amount, string reason);
    /// @notice `disputer` contested `participant` in `slot`, posting `bond` payment-token base units.
    event DisputeRaised(uint256 indexed slot, address indexed participant, address indexed disputer, uint256 bond);
    /// @notice The arbiter resolved the dispute: `upheld` with the corrected production (Wh; 0 if rejected).
    event DisputeResolved(
        uint256 indexed slot, address indexed participant, bool upheld, uint256 correctedProductionWh
    );
    /// @notice An unresolved dispute reached its expiry: the oracle's value stands, the bond went to the treasury.
    event DisputeExpired(uint256 indexed slot, address indexed participant, uint256 bond);
    /// @notice New dispute terms: expiry (s), bond per disputed kWh (payment-token base units).
    event DisputeParametersUpdated(uint256 disputeExpiry, uint256 disputeBondPerKWh);
    /// @notice The slot closed: `deliveredWh` delivered, `totalPayment` paid for it before fees and
    /// `fees` sent to the treasury (payment-token base units).
    event TimeSlotSettled(uint256 indexed slot, uint256 deliveredWh, uint256 totalPayment, uint256 fees);
    /// @notice New governed parameters (units as in `Params`).
    event ParametersUpdated(
        uint256 disputeWindow, uint256 settlementTimeout, uint256 penaltyPricePerKWh, uint256 feeBps, uint256 disputeBond
    );
    /// @notice New receiver of fees and forfeited dispute bonds.
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
    /// @param slot Slot id (its start, Unix s).
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
    /// @param slot Slot id (its start, Unix s).
    /// @param participant The trader or producer to settle.
    /// @return The participant's record after the call.
    function settleParticipant(uint256 slot, address participant) external returns (SettlementRecord memory);

    /// @notice `settleParticipant` for up to MAX_BATCH_SIZE participants in order, paying as it does
    /// (transfers); a participant that cannot be settled now is skipped with SettlementSkipped (see
    /// SkipReason; a second entry for the same participant is skipped as NothingToSettle, never paid
    /// twice) and never blocks the rest. Emits SettlementBatchCompleted. Errors:
    /// SettlementInvalidBatchSize, and as `settleTimeSlot`.
    /// @param slot Slot id (its start, Unix s).
    /// @param participants 1 .. MAX_BATCH_SIZE traders or producers.
    function settleParticipants(uint256 slot, address[] calldata participants) external;

    /// @notice The cheap batch path (anyone): `settleParticipants` with everything owed booked instead
    /// of transferred: claim refunds, seller proceeds and buyer shortfall refunds to the participant's
    /// internal balance in the market (payment-token base units; `EnergyMarket.withdraw`), energy
    /// credits (Wh: production not delivered, delivered purchases) to `energyCreditOf` here
    /// (`withdrawEnergy` mints them; SettlementExecuted carries the amounts). Stake (collateral
    /// release, shortfall penalties) moves as in `settleParticipant`; fees stay in escrow for the
    /// treasury until the slot closes. Skips, events and errors as `settleParticipants`.
    /// @param slot Slot id (its start, Unix s).
    /// @param participants 1 .. MAX_BATCH_SIZE traders or producers.
    function settleBatch(uint256 slot, address[] calldata participants) external;

    /// @notice Mint `wh` of the caller's energy credits booked by `settleBatch` to the caller
    /// (one mint however many slots they gather). Emits EnergyWithdrawn. Errors:
    /// SettlementZeroWithdrawal (0), SettlementInsufficientEnergyCredit (above `energyCreditOf`).
    /// @param wh Wh, 1 .. `energyCreditOf(msg.sender)`.
    function withdrawEnergy(uint256 wh) external;

    /// @notice `account`'s energy credits booked by `settleBatch` and not withdrawn, Wh.
    function energyCreditOf(address account) external view returns (uint256);

    /// @notice Close a fully settled slot and pay its fees to the treasury (anyone); `settleTimeSlot`
    /// does it by itself when it settles the last participant. Emits TimeSlotSettled. Errors:
    /// SettlementNotReady (settlement not started), SettlementAlreadyFinalized, SettlementSlotOpen.
    /// @param slot Slot id (its start, Unix s).
    function finalizeTimeSlot(uint256 slot) external;

    /// @notice Contest `participant`'s production or trades in a finalised slot within the dispute
    /// window (anyone), posting a bond of max(disputeBond, disputed Wh * disputeBondPerKWh / 1000)
    /// payment-token base units, where the disputed Wh is the largest of the participant's sale,
    /// purchase and production. Freezes only that participant until resolved or expired (after
    /// `disputeExpiry` s: the oracle's value stands and the bond goes to the treasury). Errors:
    /// SettlementSlotOutOfRange, SettlementSlotNotFinalized, SettlementDisputeWindowClosed,
    /// SettlementDisputeExists, SettlementNothingToDispute.
    /// @param slot Slot id (its start, Unix s).
    /// @param participant The participant whose production or trades are contested.
    function raiseDispute(uint256 slot, address participant) external;

    /// @notice Resolve a dispute before it expires (ARBITER_ROLE, governance): upheld returns the bond
    /// to the disputer and replaces the participant's production for settlement with
    /// `correctedProductionWh`; rejected sends the bond to the treasury. Errors: SettlementNoDispute,
    /// SettlementDisputeExpired (and AccessControlUnauthorizedAccount). Emits DisputeResolved.
    /// @param slot Slot id (its start, Unix s).
    /// @param participant The disputed participant.
    /// @param upheld Whether the dispute is upheld.
    /// @param correctedProductionWh The participant's production for settlement if upheld, Wh (< 2^48;
    /// ignored if rejected).
    function resolveDispute(uint256 slot, address participant, bool upheld, uint256 correctedProductionWh) external;

    /// @notice Arbiter penalty outside delivery (ARBITER_ROLE): slashes `amount` (stake-token base
    /// units) of `participant`'s free and unbonding stake to the treasury through the StakingVault.
    /// Emits PenaltyAssessed with slot 0. Errors: the vault's, e.g. StakingVaultSlashExceedsStake.
    /// @param participant The staker penalised.
    /// @param amount Stake-token base units to slash.
    /// @param reason Free text recorded in the events.
    function assessPenalty(address participant, uint256 amount, string calldata reason) external;

    /// @notice `participant`'s settlement in `slot` so far (see `SettlementRecord`); `isSettled` once
    /// both its sides are settled and no order of it is open.
    /// @param slot Slot id (its start, Unix s).
    /// @param participant The trader or producer.
    function getSettlementRecord(uint256 slot, address participant) external view returns (SettlementRecord memory);

    /// @notice The slot's delivered volume and payment so far (final once `isFinalized`).
    /// @param slot Slot id (its start, Unix s).
    function getTimeSlotSettlement(uint256 slot) external view returns (TimeSlotSettlement memory);

    /// @notice Whether the slot is closed: every participant settled and the fees paid.
    /// @param slot Slot id (its start, Unix s).
    function isTimeSlotSettled(uint256 slot) external view returns (bool);

    /// @notice Unix time (s) from which the slot can settle in normal mode (0 before finalisation):
    /// the oracle's finalisation time plus the dispute window.
    /// @param slot Slot id (its start, Unix s).
    function settlementReadyAt(uint256 slot) external view returns (uint256);

    /// @notice Set the governed parameters (DEFAULT_ADMIN_ROLE): dispute window (s, 60 .. 7 days and
    /// shorter than the vault's unbonding delay), settlement timeout (s, 1 hour .. 30 days), trading fee
    /// on seller proceeds (bps, <= MAX_FEE_BPS = 1000), penalty price (stake-token base units per kWh,
    /// a multiple of 1000), minimum dispute bond (payment-token base units, < 2^88). Applies to slots
    /// settled from now on. Emits ParametersUpdated. Error: SettlementInvalidParameter(name, value).
    /// @param params_ The new parameters (see `Params`).
    function setParameters(Params calldata params_) external;

    /// @notice Set the dispute terms (DEFAULT_ADMIN_ROLE) for disputes raised from now on. Emits
    /// DisputeParametersUpdated. Error: SettlementInvalidParameter("disputeExpiry" | "disputeBondPerKWh").
    /// @param expiry Seconds from raising a dispute to its expiry, 1 hour .. 30 days.
    /// @param bondPerKWh Bond per disputed kWh, payment-token base units (< 2^80); the bond is at
    /// least `Params.disputeBond`.
    function setDisputeParameters(uint256 expiry, uint256 bondPerKWh) external;

    /// @notice Set the receiver of the trading fees and of rejected and expired dispute bonds
    /// (DEFAULT_ADMIN_ROLE). Emits TreasuryUpdated. Error: SettlementInvalidParameter("treasury", 0).
    /// @param treasury_ The new treasury (not the zero address).
    function setTreasury(address treasury_) external;

    /// @notice The governed parameters (see `Params` for units).
    function parameters() external view returns (Params memory);

    /// @notice The dispute terms.
    /// @return expiry Seconds from raising a dispute to its expiry.
    /// @return bondPerKWh Bond per disputed kWh, payment-token base units.
    function disputeParameters() external view returns (uint256 expiry, uint256 bondPerKWh);

    /// @notice The receiver of fees and forfeited dispute bonds.
    function treasury() external view returns (address);

    /// @notice The slot's stored settlement progress (for SettlementLens): its state, the disputed
    /// sellers' deferred tranche, its money, and the second-tranche penalty pool (stake-token base units).
    /// @param slot Slot id (its start, Unix s).
    function slotProgress(uint256 slot)
        external
        view
        returns (SlotState memory state, Deferred memory deferred, SlotMoney memory money, uint256 deferredPenalty);

    /// @notice One participant's stored settlement (for SettlementLens): its record, the dispute on
    /// it, and the production settlement counts for it (Wh: the arbiter's correction if a dispute was
    /// upheld, else the registry's verified production of its panels).
    /// @param slot Slot id (its start, Unix s).
    /// @param participant The trader or producer.
    function participantProgress(uint256 slot, address participant)
        external
        view
        returns (ParticipantState memory record, Dispute memory dispute, uint256 productionWh);

    /// @notice Settle the positions of `cdaMarket` (its EnergyMarket must be this engine's; zero:
    /// no CDA) (DEFAULT_ADMIN_ROLE). The engine needs the vault's ENCUMBRANCER_ROLE and
    /// PENALIZER_ROLE as for the auction. Switch only while no CDA slot awaits settlement: the
    /// positions of the previous CDA are no longer read. Error: SettlementInvalidParameter.
    /// @param cdaMarket The CdaMarket, or the zero address.
    function setCdaMarket(address cdaMarket) external;

    /// @notice The CdaMarket whose sales settle here (zero: none).
    function cdaMarket() external view returns (address);
}
