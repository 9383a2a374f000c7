// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ISettlementEngine} from "./ISettlementEngine.sol";

/// @title ISettlementLens — read-only views of a SettlementEngine for clients (web page, keepers)
/// @notice Computes, from the engine's stored progress and the market's and oracle's state, a slot's
/// phase and timetable, what settling a participant now would do, its dispute and the slot's money. Kept out of the engine so the
/// engine stays under the EIP-170 size limit; the amounts come from the same SettlementShares
/// functions the engine settles with.
interface ISettlementLens {
    /// @notice Where a slot is in its life.
    enum SlotPhase {
        NoAuction, // no order yet and the slot has not started
        Trading, // orders accepted until gate closure
        GateClosed, // gate closed, auction not cleared yet (anyone can clear it)
        Delivery, // delivery and metering reports (cleared, or started without orders)
        DisputeWindow, // the oracle finalised the slot; disputes until the window ends
        Settling, // settlement can run or is running
        Settled // every participant settled and the slot closed
    }

    /// @notice A slot's phase and timetable in one call (Unix s; 0 = not known yet): gate closure,
    /// the oracle's reporting deadline and finalisation time, the end of the dispute window; the
    /// settlement mode; sellers with a filled ask and how many are settled, asks not claimed yet,
    /// bought volume not settled yet (Wh), sellers under dispute; whether the slot is closed.
    struct SlotStatus {
        SlotPhase phase;
        uint256 gateClosure;
        uint256 reportingDeadline;
        uint256 oracleFinalizedAt;
        uint256 disputeWindowEnd;
        ISettlementEngine.SettlementMode mode;
        uint256 sellers;
        uint256 sellersSettled;
        uint256 openAsks;
        uint256 boughtLeftWh;
        uint256 disputedSellers;
        bool isFinalized;
    }

    /// @notice What settling `participant` now would do (Wh and base units). Seller side: `delivered`
    /// of `sold`, `proceeds` net of `fee` (payment-token base units), `penalty` taken from its stake
    /// (stake-token base units). Buyer side (known once every undisputed seller is settled,
    /// `buyerReady`): `received` credits (Wh), `refund` of escrow (payment-token base units) and
    /// `penaltyShare` (stake-token base units); a buyer's share of disputed sellers' volume settles later.
    /// CDA sale (when the engine has a CdaMarket): `cdaDelivered` = min(`cdaSold`, production left
    /// after the auction sale) Wh, `cdaPenalty` (stake-token base units) by CdaMarket.settleSale's
    /// rule (0 in timed-out mode); `produced` is the whole production, both sales' share included.
    /// Open CDA orders block the settlement (`ready` false; claim them first).
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
        uint256 cdaSold;
        uint256 cdaDelivered;
        uint256 cdaPenalty;
    }

    /// @notice The engine this lens reads.
    function engine() external view returns (ISettlementEngine);

    /// @notice The slot's phase, timetable and settlement progress.
    /// @param slot Slot id (its start, Unix s).
    function getSlotStatus(uint256 slot) external view returns (SlotStatus memory);

    /// @notice What `engine().settleParticipant(slot, participant)` would settle now (see
    /// `SettlementPreview`); zeros where it would settle nothing.
    /// @param slot Slot id (its start, Unix s).
    /// @param participant The trader or producer.
    function previewSettlement(uint256 slot, address participant) external view returns (SettlementPreview memory);

    /// @notice The dispute on `participant` in `slot` (all zero if none).
    /// @param slot Slot id (its start, Unix s).
    /// @param participant The disputed participant.
    /// @return disputer Who raised it.
    /// @return bond Payment-token base units held until it is resolved or expires.
    /// @return status None, Open, Upheld, Rejected or Expired.
    /// @return expiresAt Unix s from which it can no longer be resolved.
    function getDispute(uint256 slot, address participant)
        external
        view
        returns (address disputer, uint256 bond, ISettlementEngine.DisputeStatus status, uint256 expiresAt);

    /// @notice The slot's money held or owed by the engine.
    /// @param slot Slot id (its start, Unix s).
    /// @return penaltyPool Shortfall penalties pooled for buyers and not yet paid out (both tranches),
    /// stake-token base units.
    /// @return fees Trading fees accrued for the treasury (in the market's escrow until the slot
    /// closes), payment-token base units.
    function slotMoney(uint256 slot) external view returns (uint256 penaltyPool, uint256 fees);
}
