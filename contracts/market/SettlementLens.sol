// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IEnergyMarket} from "../../interfaces/IEnergyMarket.sol";
import {IEnergyOracle} from "../../interfaces/IEnergyOracle.sol";
import {ICdaMarket} from "../../interfaces/ICdaMarket.sol";
import {ISettlementEngine} from "../../interfaces/ISettlementEngine.sol";
import {ISettlementLens} from "../../interfaces/ISettlementLens.sol";
import {Money} from "../libraries/Money.sol";
import {SettlementShares} from "../libraries/SettlementShares.sol";

/// @title SettlementLens — a SettlementEngine's slot status and settlement previews
/// @notice See ISettlementLens. Stateless: reads the engine's stored progress, the market and the oracle.
contract SettlementLens is ISettlementLens {
    ISettlementEngine private immutable _engine;
    IEnergyMarket private immutable _market;
    IEnergyOracle private immutable _oracle;

    /// @param engine_ The SettlementEngine to read.
    /// @param market_ Its EnergyMarket.
    /// @param oracle_ Its EnergyOracle.
    constructor(ISettlementEngine engine_, IEnergyMarket market_, IEnergyOracle oracle_) {
        _engine = engine_;
        _market = market_;
        _oracle = oracle_;
    }

    /// @inheritdoc ISettlementLens
    function engine() external view returns (ISettlementEngine) {
        return _engine;
    }

    /// @inheritdoc ISettlementLens
    function getSlotStatus(uint256 slot) external view returns (SlotStatus memory status) {
        (ISettlementEngine.SlotState memory state, ISettlementEngine.Deferred memory deferred,,) =
            _engine.slotProgress(slot);
        IEnergyMarket.Clearing memory clearing = _market.getClearing(slot);
        status.gateClosure = clearing.gateClosure;
        status.reportingDeadline = _oracle.reportingDeadline(slot);
        status.oracleFinalizedAt = _oracle.finalizedAt(slot);
        status.disputeWindowEnd = _engine.settlementReadyAt(slot);
        status.mode = state.mode;
        status.sellers = clearing.sellers;
        status.sellersSettled = state.sellersSettled;
        status.openAsks = clearing.openAsks;
        // Bought volume not settled: both tranches once the buyers started, else all of it.
        status.boughtLeftWh = state.buyerPhase ? state.boughtLeftWh + deferred.soldWh : clearing.volume;
        status.disputedSellers = deferred.sellers;
        status.isFinalized = state.finalized;
        if (state.finalized) {
            status.phase = SlotPhase.Settled;
        } else if (state.mode != ISettlementEngine.SettlementMode.NotStarted) {
            status.phase = SlotPhase.Settling;
        } else if (status.oracleFinalizedAt != 0) {
            status.phase = block.timestamp < status.disputeWindowEnd ? SlotPhase.DisputeWindow : SlotPhase.Settling;
        } else if (clearing.isCleared) {
            status.phase = SlotPhase.Delivery;
        } else if (!clearing.isStarted) {
            status.phase = block.timestamp < slot ? SlotPhase.NoAuction : SlotPhase.Delivery;
        } else {
            status.phase = block.timestamp < clearing.gateClosure ? SlotPhase.Trading : SlotPhase.GateClosed;
        }
    }

    /// @inheritdoc ISettlementLens
    function previewSettlement(uint256 slot, address participant)
        external
        view
        returns (SettlementPreview memory preview)
    {
        (ISettlementEngine.SlotState memory state, ISettlementEngine.Deferred memory deferred,
            ISettlementEngine.SlotMoney memory money,) = _engine.slotProgress(slot);
        IEnergyMarket.Clearing memory clearing = _market.getClearing(slot);
        IEnergyMarket.Position memory position = _market.previewPosition(slot, participant);
        preview.sold = position.sold;
        preview.bought = position.bought;
        bool buyerDone = _previewParticipant(slot, participant, state.mode, clearing, preview);
        if (!buyerDone && position.bought != 0) _previewBuyer(position.bought, clearing, state, deferred, money.penaltyLeft, preview);
    }

    /// @inheritdoc ISettlementLens
    function getDispute(uint256 slot, address participant)
        external
        view
        returns (address disputer, uint256 bond, ISettlementEngine.DisputeStatus status, uint256 expiresAt)
    {
        (, ISettlementEngine.Dispute memory dispute,) = _engine.participantProgress(slot, participant);
        return (dispute.disputer, dispute.bond, dispute.status, dispute.expiresAt);
    }

    /// @inheritdoc ISettlementLens
    function slotMoney(uint256 slot) external view returns (uint256 penaltyPool, uint256 fees) {
        (,, ISettlementEngine.SlotMoney memory money, uint256 deferredPenalty) = _engine.slotProgress(slot);
        return (money.penaltyLeft + deferredPenalty, money.fees);
    }

    /// @dev Whether the participant can settle now (the mode the first settlement would fix, an open
    /// dispute) and its seller side; returns whether its buyer side is done.
    function _previewParticipant(
        uint256 slot,
        address participant,
        ISettlementEngine.SettlementMode mode,
        IEnergyMarket.Clearing memory clearing,
        SettlementPreview memory preview
    ) private view returns (bool buyerDone) {
        (ISettlementEngine.ParticipantState memory record, ISettlementEngine.Dispute memory dispute, uint256 production) =
            _engine.participantProgress(slot, participant);
        preview.disputed =
            dispute.status == ISettlementEngine.DisputeStatus.Open && block.timestamp < dispute.expiresAt;
        uint256 readyAt = _engine.settlementReadyAt(slot); // 0 until the oracle finalises
        if (mode == ISettlementEngine.SettlementMode.NotStarted && readyAt != 0 && block.timestamp >= readyAt) {
            mode = ISettlementEngine.SettlementMode.Normal;
        }
        preview.ready = mode != ISettlementEngine.SettlementMode.NotStarted && !preview.disputed;
        if (!record.sellerDone) {
            preview.produced = mode == ISettlementEngine.SettlementMode.TimedOut ? 0 : production;
            preview.delivered = preview.sold < preview.produced ? preview.sold : preview.produced;
            bool normal = mode == ISettlementEngine.SettlementMode.Normal;
            ISettlementEngine.Params memory params = _engine.parameters();
            if (_previewCdaSale(slot, participant, normal, params.penaltyPricePerKWh, preview)) preview.ready = false;
            _previewSeller(clearing, normal, params, preview);
        }
        return record.buyerDone;
    }

    /// @dev The CDA sale as SettlementEngine settles it: CdaMarket.previewSale with the production
    /// left after the auction sale (Wh), penalised in normal mode only. Returns whether open CDA
    /// orders block the settlement.
    function _previewCdaSale(
        uint256 slot,
        address participant,
        bool normal,
        uint256 penaltyPricePerKWh,
        SettlementPreview memory preview
    ) private view returns (bool blocked) {
        address cda = _engine.cdaMarket();
        if (cda == address(0)) return false;
        uint256 open;
        (open, preview.cdaSold, preview.cdaDelivered, preview.cdaPenalty) = ICdaMarket(cda).previewSale(
            slot, participant, preview.produced - preview.delivered, normal, penaltyPricePerKWh
        );
        return open != 0;
    }

    /// @dev The seller's proceeds net of the fee, the fee, and (in normal mode) the shortfall penalty.
    function _previewSeller(
        IEnergyMarket.Clearing memory clearing,
        bool normal,
        ISettlementEngine.Params memory params,
        SettlementPreview memory preview
    ) private pure {
        (uint256 proceeds, uint256 fee, uint256 penalty) = SettlementShares.sellerTerms(
            preview.sold,
            preview.delivered,
            clearing.clearingPrice,
            clearing.collateralPerKWh,
            params.feeBps,
            params.penaltyPricePerKWh
        );
        preview.proceeds = proceeds - fee;
        preview.fee = fee;
        if (normal) preview.penalty = penalty;
    }

    /// @dev The first-tranche share the engine would give a buyer now (as if the buyer phase started
    /// now, if it has not yet and every undisputed seller is settled).
    function _previewBuyer(
        uint256 bought,
        IEnergyMarket.Clearing memory clearing,
        ISettlementEngine.SlotState memory state,
        ISettlementEngine.Deferred memory deferred,
        uint256 pool,
        SettlementPreview memory preview
    ) private pure {
        uint256 unallocated = deferred.unallocatedWh;
        if (!state.buyerPhase) {
            if (clearing.openAsks != 0 || state.sellersSettled + deferred.sellers != clearing.sellers) return;
            state.boughtLeftWh = uint64(clearing.volume); // Fits: the market's uint64 volume.
            state.deliveredLeftWh = state.deliveredWh;
            unallocated = deferred.soldWh;
        }
        preview.buyerReady = true;
        uint256 covered;
        (covered, preview.received, preview.penaltyShare) =
            SettlementShares.firstTranche(bought, state.boughtLeftWh, unallocated, state.deliveredLeftWh, pool);
        preview.refund = Money.paymentDown(covered - preview.received, clearing.clearingPrice);
    }
}
