// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IEnergyMarket} from "../../interfaces/IEnergyMarket.sol";
import {IEnergyOracle} from "../../interfaces/IEnergyOracle.sol";
import {IEnergyToken} from "../../interfaces/IEnergyToken.sol";
import {IPanelRegistry} from "../../interfaces/IPanelRegistry.sol";
import {ISettlementEngine} from "../../interfaces/ISettlementEngine.sol";
import {IStakingVault} from "../../interfaces/IStakingVault.sol";

/// @title SettlementEngine — delivery settlement, shortfall penalties, credits, disputes
/// @notice See ISettlementEngine. Needs: EnergyMarket SETTLEMENT_ROLE (escrow), StakingVault
/// ENCUMBRANCER_ROLE + PENALIZER_ROLE (+ SLASHER_ROLE for `assessPenalty`), EnergyToken MINTER_ROLE.
/// Invariants per slot: the credits held for buyers equal the delivered volume not yet handed out;
/// the pooled penalties equal what unsettled short buyers are owed; shares are exact (no dust).
contract SettlementEngine is AccessControl, ReentrancyGuard, ISettlementEngine {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using SafeCast for int256;

    /// @notice Resolves disputes and assesses arbiter penalties (governance).
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER_ROLE");
    uint256 public constant MAX_BATCH_SIZE = 100;
    uint256 public constant MAX_FEE_BPS = 1000;
    bytes32 private constant _SHORTFALL = "shortfall";

    uint8 private constant _NORMAL = 1;
    uint8 private constant _TIMED_OUT = 2;
    uint8 private constant _DISPUTE_OPEN = 1;
    uint8 private constant _DISPUTE_UPHELD = 2;
    uint8 private constant _DISPUTE_REJECTED = 3;

    // Settlement progress of one slot (one storage slot).
    struct SlotState {
        uint8 mode; // 0 not started, _NORMAL, _TIMED_OUT
        bool finalized;
        bool buyerPhase;
        uint24 sellersSettled;
        uint64 deliveredWh; // D: delivered by the sellers settled so far
        uint64 boughtLeftWh; // buyer phase: bought volume of buyers not yet settled
        uint64 deliveredLeftWh; // buyer phase: delivered volume not yet handed to buyers
    }

    // Money of one slot held or owed here (one storage slot).
    struct SlotMoney {
        uint128 penaltyLeft; // stake-token base units pooled for short buyers not yet settled
        uint128 fees; // payment-token base units accrued for the treasury (still in market escrow)
    }

    struct Record {
        uint48 produced; // Wh verified (or corrected)
        uint48 delivered; // Wh delivered as seller
        uint48 received; // Wh received as buyer
        bool sellerDone;
        bool buyerDone;
        int96 payment; // base units, + received / - paid
    }

    struct Dispute {
        address disputer;
        uint88 bond;
        uint8 status;
    }

    // Governed parameters (one storage slot).
    struct Params {
        uint32 disputeWindow; // s
        uint32 settlementTimeout; // s
        uint16 feeBps;
        uint80 penaltyPricePerKWh; // stake-token base units per kWh
        uint96 disputeBond; // payment-token base units
    }

    IEnergyMarket private immutable _market;
    IEnergyOracle private immutable _oracle;
    IPanelRegistry private immutable _registry;
    IStakingVault private immutable _vault;
    IEnergyToken private immutable _energyToken;
    IERC20 private immutable _paymentToken;
    IERC20 private immutable _stakeToken;

    Params private _params;
    address private _treasury;
    mapping(uint256 slot => SlotState) private _slots;
    mapping(uint256 slot => SlotMoney) private _money;
    mapping(uint256 slot => mapping(address participant => Record)) private _records;
    mapping(uint256 slot => mapping(address participant => Dispute)) private _disputes;
    mapping(uint256 slot => mapping(address participant => uint256 whPlusOne)) private _corrections;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed to governance at deployment).
    constructor(
        address admin,
        address market_,
        address oracle_,
        address energyToken_,
        address treasury_,
        Params memory params_
    ) {
        if (market_ == address(0) || oracle_ == address(0) || energyToken_ == address(0)) {
            revert SettlementInvalidParameter("dependency", 0);
        }
        _market = IEnergyMarket(market_);
        _oracle = IEnergyOracle(oracle_);
        _registry = IPanelRegistry(IEnergyOracle(oracle_).registry());
        _vault = IStakingVault(IEnergyMarket(market_).stakingVault());
        _energyToken = IEnergyToken(energyToken_);
        _paymentToken = IERC20(IEnergyMarket(market_).paymentToken());
        _stakeToken = IERC20(_vault.stakeToken());
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setTreasury(treasury_);
        _setParameters(params_);
    }

    // ---------------------------------------------------------------- settlement

    /// @inheritdoc ISettlementEngine
    function settleTimeSlot(uint256 slot) external nonReentrant {
        SlotState memory state = _slots[slot];
        if (state.mode != 0) return;
        _begin(slot, state, _market.getClearing(slot));
        _slots[slot] = state;
    }

    /// @inheritdoc ISettlementEngine
    function settleParticipant(uint256 slot, address participant)
        external
        nonReentrant
        returns (SettlementRecord memory)
    {
        SlotState memory state = _slots[slot];
        IEnergyMarket.Clearing memory clearing = _market.getClearing(slot);
        _begin(slot, state, clearing);
        _settle(slot, participant, state, clearing, true);
        _slots[slot] = state;
        return getSettlementRecord(slot, participant);
    }

    /// @inheritdoc ISettlementEngine
    function settleParticipants(uint256 slot, address[] calldata participants) external nonReentrant {
        uint256 n = participants.length;
        if (n == 0 || n > MAX_BATCH_SIZE) revert SettlementInvalidBatchSize(n, MAX_BATCH_SIZE);
        SlotState memory state = _slots[slot];
        IEnergyMarket.Clearing memory clearing = _market.getClearing(slot);
        _begin(slot, state, clearing);
        uint256 settled;
        for (uint256 i; i < n; ++i) {
            if (_settle(slot, participants[i], state, clearing, false)) ++settled;
        }
        _slots[slot] = state;
        emit SettlementBatchCompleted(slot, settled, n - settled);
    }

    /// @inheritdoc ISettlementEngine
    function finalizeTimeSlot(uint256 slot) external nonReentrant {
        SlotState memory state = _slots[slot];
        if (state.mode == 0) revert SettlementNotReady(slot, settlementReadyAt(slot));
        if (state.finalized) revert SettlementAlreadyFinalized(slot);
        IEnergyMarket.Clearing memory clearing = _market.getClearing(slot);
        SlotMoney memory money = _money[slot];
        uint256 boughtLeft = state.buyerPhase ? state.boughtLeftWh : clearing.volume;
        uint256 sellersLeft = clearing.sellers - state.sellersSettled + clearing.openAsks;
        uint256 escrowLeft = _market.escrowOf(slot) - money.fees;
        if (boughtLeft != 0 || sellersLeft != 0 || escrowLeft != 0) {
            revert SettlementSlotOpen(slot, boughtLeft, sellersLeft, escrowLeft);
        }
        _slots[slot].finalized = true;
        emit TimeSlotSettled(
            slot, state.deliveredWh, state.deliveredWh * (clearing.clearingPrice / 1000), money.fees
        );
        if (money.fees != 0) _market.releaseEscrow(slot, _treasury, money.fees);
    }

    // ---------------------------------------------------------------- disputes and penalties

    /// @inheritdoc ISettlementEngine
    function raiseDispute(uint256 slot, address participant) external nonReentrant {
        if (!_oracle.isTimeSlotFinalized(slot)) revert SettlementSlotNotFinalized(slot);
        uint256 deadline = _oracle.finalizedAt(slot) + _params.disputeWindow;
        if (block.timestamp >= deadline) revert SettlementDisputeWindowClosed(slot, deadline, block.timestamp);
        if (_disputes[slot][participant].status != 0) revert SettlementDisputeExists(slot, participant);
        if (_records[slot][participant].sellerDone) revert SettlementAlreadySettled(slot, participant);
        uint256 bond = _params.disputeBond;
        _disputes[slot][participant] = Dispute({disputer: msg.sender, bond: uint88(bond), status: _DISPUTE_OPEN});
        emit DisputeRaised(slot, participant, msg.sender, bond);
        if (bond != 0) _paymentToken.safeTransferFrom(msg.sender, address(this), bond);
    }

    /// @inheritdoc ISettlementEngine
    function resolveDispute(uint256 slot, address participant, bool upheld, uint256 correctedProductionWh)
        external
        onlyRole(ARBITER_ROLE)
        nonReentrant
    {
        Dispute memory dispute = _disputes[slot][participant];
        if (dispute.status != _DISPUTE_OPEN) revert SettlementNoDispute(slot, participant);
        _disputes[slot][participant].status = upheld ? _DISPUTE_UPHELD : _DISPUTE_REJECTED;
        if (upheld) _corrections[slot][participant] = correctedProductionWh.toUint48() + 1;
        emit DisputeResolved(slot, participant, upheld, upheld ? correctedProductionWh : 0);
        if (dispute.bond != 0) _paymentToken.safeTransfer(upheld ? dispute.disputer : _treasury, dispute.bond);
    }

    /// @inheritdoc ISettlementEngine
    function assessPenalty(address participant, uint256 amount, bytes32 reason) external onlyRole(ARBITER_ROLE) {
        _vault.slash(participant, amount, reason);
        emit PenaltyAssessed(0, participant, amount, reason);
    }

    // ---------------------------------------------------------------- governance

    /// @notice Dispute window (60 s .. 7 days, shorter than the vault's unbonding delay), settlement
    /// timeout (1 hour .. 30 days), penalty price (stake base units per kWh, multiple of 1000), trading
    /// fee on seller proceeds (bps, <= 1000), dispute bond (payment base units) (DEFAULT_ADMIN_ROLE).
    function setParameters(Params calldata params_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setParameters(params_);
    }

    /// @notice Receiver of fees and rejected dispute bonds (DEFAULT_ADMIN_ROLE).
    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTreasury(treasury_);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ISettlementEngine
    function getSettlementRecord(uint256 slot, address participant) public view returns (SettlementRecord memory) {
        Record memory record = _records[slot][participant];
        uint256 consumed = record.received;
        return SettlementRecord({
            timeSlot: slot,
            participant: participant,
            energyProduced: record.produced,
            energyConsumed: consumed,
            netEnergy: int256(uint256(record.produced)) - int256(consumed),
            paymentAmount: record.payment,
            isSettled: record.sellerDone && (record.buyerDone || _market.getPosition(slot, participant).bought == 0)
        });
    }

    /// @inheritdoc ISettlementEngine
    function getTimeSlotSettlement(uint256 slot) external view returns (TimeSlotSettlement memory) {
        SlotState memory state = _slots[slot];
        uint256 price = _market.getClearing(slot).clearingPrice;
        return TimeSlotSettlement({
            timeSlot: slot,
            clearingPrice: price,
            totalEnergy: state.deliveredWh,
            totalPayment: state.deliveredWh * (price / 1000),
            isFinalized: state.finalized
        });
    }

    /// @inheritdoc ISettlementEngine
    function isTimeSlotSettled(uint256 slot) external view returns (bool) {
        return _slots[slot].finalized;
    }

    /// @inheritdoc ISettlementEngine
    function settlementReadyAt(uint256 slot) public view returns (uint256) {
        uint256 finalizedAt = _oracle.finalizedAt(slot);
        return finalizedAt == 0 ? 0 : finalizedAt + _params.disputeWindow;
    }

    /// @notice Whether the slot settles in timeout mode (0 = not started, 1 = normal, 2 = timed out).
    function settlementMode(uint256 slot) external view returns (uint256) {
        return _slots[slot].mode;
    }

    /// @notice The dispute on `participant` in `slot`: disputer, bond, status (0 none, 1 open, 2 upheld, 3 rejected).
    function getDispute(uint256 slot, address participant)
        external
        view
        returns (address disputer, uint256 bond, uint256 status)
    {
        Dispute memory dispute = _disputes[slot][participant];
        return (dispute.disputer, dispute.bond, dispute.status);
    }

    /// @notice Pooled penalties not yet paid out and fees accrued for the slot, base units.
    function slotMoney(uint256 slot) external view returns (uint256 penaltyPool, uint256 fees) {
        SlotMoney memory money = _money[slot];
        return (money.penaltyLeft, money.fees);
    }

    function parameters() external view returns (Params memory) {
        return _params;
    }

    function treasury() external view returns (address) {
        return _treasury;
    }

    // ---------------------------------------------------------------- internals

    /// @dev Fixes the settlement mode on the slot's first settlement; reverts if not ready.
    function _begin(uint256 slot, SlotState memory state, IEnergyMarket.Clearing memory clearing) private {
        if (state.mode != 0) return;
        if (clearing.isStarted && !clearing.isCleared) revert SettlementAuctionNotCleared(slot);
        uint256 readyAt;
        if (_oracle.isTimeSlotFinalized(slot)) {
            readyAt = _oracle.finalizedAt(slot) + _params.disputeWindow;
            if (block.timestamp >= readyAt) state.mode = _NORMAL;
        } else {
            readyAt = _oracle.reportingDeadline(slot) + _params.settlementTimeout;
            if (block.timestamp >= readyAt) state.mode = _TIMED_OUT;
        }
        if (state.mode == 0) revert SettlementNotReady(slot, readyAt);
        emit SettlementStarted(slot, state.mode == _TIMED_OUT);
    }

    /// @dev Settles what can be settled of `participant` now; returns whether anything was.
    /// With `strict`, a participant that cannot progress reverts with the reason instead.
    function _settle(
        uint256 slot,
        address participant,
        SlotState memory state,
        IEnergyMarket.Clearing memory clearing,
        bool strict
    ) private returns (bool progressed) {
        if (_disputes[slot][participant].status == _DISPUTE_OPEN) {
            if (strict) revert SettlementDisputed(slot, participant);
            return false;
        }
        IEnergyMarket.Position memory position = _market.getPosition(slot, participant);
        if (position.openOrders != 0) {
            if (strict) revert SettlementOrdersUnclaimed(slot, participant, position.openOrders);
            return false;
        }
        Record memory record = _records[slot][participant];
        if (!record.sellerDone) {
            record.sellerDone = true;
            uint256 produced = state.mode == _TIMED_OUT ? 0 : _productionOf(slot, participant);
            if (produced != 0 || position.sold != 0) {
                _settleSeller(slot, participant, position.sold, produced, state, clearing, record);
                progressed = true;
            }
        }
        if (!record.buyerDone && position.bought != 0) {
            if (clearing.openAsks == 0 && state.sellersSettled == clearing.sellers) {
                record.buyerDone = true;
                _settleBuyer(slot, participant, position.bought, clearing.clearingPrice, state, record);
                progressed = true;
            } else if (strict && !progressed) {
                revert SettlementSellersPending(slot, state.sellersSettled, clearing.sellers, clearing.openAsks);
            }
        }
        if (!progressed) {
            if (strict) revert SettlementNothingToSettle(slot, participant);
            return false;
        }
        _records[slot][participant] = record;
    }

    function _settleSeller(
        uint256 slot,
        address seller,
        uint256 sold,
        uint256 produced,
        SlotState memory state,
        IEnergyMarket.Clearing memory clearing,
        Record memory record
    ) private {
        uint256 delivered = sold < produced ? sold : produced;
        uint256 proceeds = delivered * (clearing.clearingPrice / 1000);
        uint256 fee = proceeds * _params.feeBps / 10_000;
        uint256 penalty;
        if (sold != 0) {
            ++state.sellersSettled;
            uint256 collateral = sold * (clearing.collateralPerKWh / 1000);
            penalty = _settleCollateral(slot, seller, sold - delivered, collateral, state.mode, clearing.clearingPrice);
        }
        state.deliveredWh += delivered.toUint64();
        _money[slot].fees += fee.toUint128();
        record.produced = produced.toUint48();
        record.delivered = uint48(delivered); // Fits: delivered <= produced.
        record.payment += (proceeds - fee).toInt256().toInt96();
        emit SettlementExecuted(slot, seller, true, produced, delivered, sold - delivered, proceeds - fee, penalty);
        _paySeller(slot, seller, proceeds - fee, produced, delivered);
    }

    /// @dev Proceeds from the slot's escrow; credits for all verified production, the delivered part
    /// held here for the buyers.
    function _paySeller(uint256 slot, address seller, uint256 net, uint256 produced, uint256 delivered) private {
        if (net != 0) _market.releaseEscrow(slot, seller, net);
        if (produced > delivered) _energyToken.mint(seller, produced - delivered);
        if (delivered != 0) _energyToken.mint(address(this), delivered);
    }

    /// @dev Penalises a shortfall out of the sale's encumbered stake and releases the rest.
    function _settleCollateral(
        uint256 slot,
        address seller,
        uint256 shortfall,
        uint256 collateral,
        uint8 mode,
        uint256 clearingPrice
    ) private returns (uint256 taken) {
        if (shortfall != 0 && collateral != 0 && mode == _NORMAL) {
            uint256 penaltyPrice = _params.penaltyPricePerKWh;
            if (penaltyPrice < clearingPrice) penaltyPrice = clearingPrice;
            uint256 wanted = shortfall * (penaltyPrice / 1000);
            if (wanted > collateral) wanted = collateral;
            // A shortfall priced at 0 (penalty price and p* both 0) takes nothing: the vault rejects a 0 penalty.
            if (wanted != 0) {
                taken = _vault.applyPenalty(seller, wanted, _SHORTFALL);
                _money[slot].penaltyLeft += taken.toUint128();
                emit PenaltyAssessed(slot, seller, taken, _SHORTFALL);
            }
        }
        // A governance slash may have consumed part of the encumbrance: release what is left of it.
        if (collateral > taken) _vault.releaseUpTo(seller, collateral - taken);
    }

    function _settleBuyer(
        uint256 slot,
        address buyer,
        uint256 bought,
        uint256 price,
        SlotState memory state,
        Record memory record
    ) private {
        if (!state.buyerPhase) {
            state.buyerPhase = true;
            state.boughtLeftWh = _market.getClearing(slot).volume.toUint64();
            state.deliveredLeftWh = state.deliveredWh;
        }
        uint256 boughtLeft = state.boughtLeftWh;
        uint256 deliveredLeft = state.deliveredLeftWh;
        // Sequential pro-rata: the last buyer takes what is left, so shares sum exactly.
        uint256 received = bought == boughtLeft ? deliveredLeft : bought * deliveredLeft / boughtLeft;
        uint256 shortfall = bought - received;
        uint256 penaltyLeft = _money[slot].penaltyLeft;
        uint256 shortLeft = boughtLeft - deliveredLeft;
        uint256 penalty = shortfall == 0 ? 0 : shortfall == shortLeft ? penaltyLeft : shortfall * penaltyLeft / shortLeft;
        // Cannot underflow: received <= deliveredLeft, bought <= boughtLeft, penalty <= penaltyLeft.
        state.boughtLeftWh = uint64(boughtLeft - bought);
        state.deliveredLeftWh = uint64(deliveredLeft - received);
        _money[slot].penaltyLeft = uint128(penaltyLeft - penalty);
        uint256 cost = received * (price / 1000);
        record.received = received.toUint48();
        record.payment -= cost.toInt256().toInt96();
        emit SettlementExecuted(slot, buyer, false, 0, received, shortfall, cost, penalty);

        if (shortfall != 0) _market.releaseEscrow(slot, buyer, shortfall * (price / 1000));
        if (received != 0) IERC20(address(_energyToken)).safeTransfer(buyer, received);
        if (penalty != 0) _stakeToken.safeTransfer(buyer, penalty);
    }

    function _productionOf(uint256 slot, address participant) private view returns (uint256) {
        uint256 corrected = _corrections[slot][participant];
        return corrected != 0 ? corrected - 1 : _registry.ownerProductionOf(participant, slot);
    }

    function _setParameters(Params memory params_) private {
        if (params_.disputeWindow < 60 || params_.disputeWindow > 7 days || params_.disputeWindow >= _vault.unbondingDelay()) {
            revert SettlementInvalidParameter("disputeWindow", params_.disputeWindow);
        }
        if (params_.settlementTimeout < 1 hours || params_.settlementTimeout > 30 days) {
            revert SettlementInvalidParameter("settlementTimeout", params_.settlementTimeout);
        }
        if (params_.penaltyPricePerKWh % 1000 != 0) {
            revert SettlementInvalidParameter("penaltyPricePerKWh", params_.penaltyPricePerKWh);
        }
        if (params_.feeBps > MAX_FEE_BPS) revert SettlementInvalidParameter("feeBps", params_.feeBps);
        // A dispute stores its bond in 88 bits (raiseDispute narrows it).
        if (params_.disputeBond > type(uint88).max) revert SettlementInvalidParameter("disputeBond", params_.disputeBond);
        _params = params_;
        emit ParametersUpdated(
            params_.disputeWindow, params_.settlementTimeout, params_.penaltyPricePerKWh, params_.feeBps, params_.disputeBond
        );
    }

    function _setTreasury(address treasury_) private {
        if (treasury_ == address(0)) revert SettlementInvalidParameter("treasury", 0);
        _treasury = treasury_;
        emit TreasuryUpdated(treasury_);
    }
}
