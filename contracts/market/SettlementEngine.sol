// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {ICdaMarket} from "../../interfaces/ICdaMarket.sol";
import {IEnergyMarket} from "../../interfaces/IEnergyMarket.sol";
import {IEnergyOracle} from "../../interfaces/IEnergyOracle.sol";
import {IEnergyToken} from "../../interfaces/IEnergyToken.sol";
import {IPanelRegistry} from "../../interfaces/IPanelRegistry.sol";
import {ISettlementEngine} from "../../interfaces/ISettlementEngine.sol";
import {IStakingVault} from "../../interfaces/IStakingVault.sol";
import {Money} from "../libraries/Money.sol";

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
    /// @notice Orders `settleTimeSlot` visits per call (bounds its gas; call again to continue).
    uint256 public constant KEEPER_BATCH = 40;
    /// @notice Highest slot id accepted (the market's bound on slots).
    uint256 public constant MAX_SLOT = type(uint40).max;
    /// @notice Gas given to the oracle's `finalizeTimeSlot` before timeout mode may be chosen.
    uint256 public constant ORACLE_FINALIZE_GAS = 150_000;
    uint256 public constant MIN_DISPUTE_EXPIRY = 1 hours;
    uint256 public constant MAX_DISPUTE_EXPIRY = 30 days;
    uint256 public constant DEFAULT_DISPUTE_EXPIRY = 14 days;
    string private constant _SHORTFALL = "shortfall";

    uint8 private constant _NORMAL = 1;
    uint8 private constant _TIMED_OUT = 2;
    uint8 private constant _DISPUTE_OPEN = 1;
    uint8 private constant _DISPUTE_UPHELD = 2;
    uint8 private constant _DISPUTE_REJECTED = 3;
    uint8 private constant _DISPUTE_EXPIRED = 4;

    // Settlement progress of one slot (one storage slot).
    struct SlotState {
        uint8 mode; // 0 not started, _NORMAL, _TIMED_OUT
        bool finalized;
        bool buyerPhase;
        uint24 sellersSettled;
        uint64 deliveredWh; // D: delivered by the sellers settled so far
        uint64 boughtLeftWh; // buyer phase: bought volume of buyers whose first share is not settled
        uint64 deliveredLeftWh; // buyer phase: first-share delivered volume not yet handed to buyers
    }

    // Sellers under dispute when the buyers start: their sold volume is shared in a second tranche
    // once their disputes are over (one storage slot, written only when a seller is disputed).
    struct Deferred {
        uint24 sellers; // disputed sellers not yet settled (counted while a dispute decides them)
        uint64 soldWh; // their sold volume; in the buyer phase: second-tranche volume not yet settled
        uint64 unallocatedWh; // buyer phase: second-tranche volume not yet assigned to a buyer
        uint64 deliveredLeftWh; // second tranche: delivered volume not yet handed to buyers
    }

    // Where `settleTimeSlot` continues: pass 0 settles the traders of asks, pass 1 those of bids.
    struct Cursor {
        uint24 next;
        uint8 pass;
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
        uint40 expiresAt; // Unix s
    }

    // Governed dispute terms (one storage slot).
    struct DisputeParams {
        uint32 expiry; // s after raising
        uint80 bondPerKWh; // payment-token base units per disputed kWh
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
    DisputeParams private _disputeParams;
    address private _treasury;
    mapping(uint256 slot => SlotState) private _slots;
    mapping(uint256 slot => SlotMoney) private _money;
    mapping(uint256 slot => mapping(address participant => Record)) private _records;
    mapping(uint256 slot => mapping(address participant => Dispute)) private _disputes;
    mapping(uint256 slot => mapping(address participant => uint256 whPlusOne)) private _corrections;
    mapping(uint256 slot => Deferred) private _deferred;
    mapping(uint256 slot => uint256 stakeUnits) private _deferredPenalty;
    mapping(uint256 slot => mapping(address buyer => uint256 wh)) private _pendingWh;
    mapping(uint256 slot => Cursor) private _cursors;
    ICdaMarket private _cda;

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
        // Defaults: disputes expire after 14 days (longer than a production governance vote); the
        // bond grows at the penalty price per disputed kWh.
        _setDisputeParameters(DEFAULT_DISPUTE_EXPIRY, params_.penaltyPricePerKWh);
    }

    // ---------------------------------------------------------------- settlement

    /// @inheritdoc ISettlementEngine
    function settleTimeSlot(uint256 slot) external nonReentrant {
        _requireSlot(slot);
        SlotState memory state = _slots[slot];
        if (state.finalized) return;
        IEnergyMarket.Clearing memory clearing = _market.getClearing(slot);
        if (!_begin(slot, state, clearing)) return;
        Cursor memory cursor = _cursors[slot];
        uint256 orderCount = clearing.orderCount;
        for (uint256 steps; steps < KEEPER_BATCH && cursor.pass < 2;) {
            if (cursor.next >= orderCount) {
                ++cursor.pass;
                cursor.next = 0;
                continue;
            }
            IEnergyMarket.Order memory order = _market.getOrder((slot << 32) | cursor.next);
            ++cursor.next;
            ++steps;
            // Sellers first (pass 0), then buyers; settled or blocked traders are skipped.
            if (order.isBid == (cursor.pass == 1)) _settle(slot, order.trader, state, clearing, false);
        }
        _slots[slot] = state;
        if (cursor.pass == 2) {
            // Everyone visited: close the slot if nothing is left, else start over on the next call
            // (disputed traders settle once their disputes are over).
            if (_closable(slot, state)) {
                delete _cursors[slot];
                _close(slot, state, clearing.clearingPrice);
                return;
            }
            cursor = Cursor(0, 0);
        }
        _cursors[slot] = cursor;
    }

    /// @inheritdoc ISettlementEngine
    function settleParticipant(uint256 slot, address participant)
        external
        nonReentrant
        returns (SettlementRecord memory)
    {
        _requireSlot(slot);
        SlotState memory state = _slots[slot];
        IEnergyMarket.Clearing memory clearing = _market.getClearing(slot);
        if (_begin(slot, state, clearing)) {
            _settle(slot, participant, state, clearing, true);
            _slots[slot] = state;
        }
        return getSettlementRecord(slot, participant);
    }

    /// @inheritdoc ISettlementEngine
    function settleParticipants(uint256 slot, address[] calldata participants) external nonReentrant {
        uint256 n = participants.length;
        if (n == 0 || n > MAX_BATCH_SIZE) revert SettlementInvalidBatchSize(n, MAX_BATCH_SIZE);
        _requireSlot(slot);
        SlotState memory state = _slots[slot];
        IEnergyMarket.Clearing memory clearing = _market.getClearing(slot);
        uint256 settled;
        if (_begin(slot, state, clearing)) {
            for (uint256 i; i < n; ++i) {
                if (_settle(slot, participants[i], state, clearing, false)) ++settled;
            }
            _slots[slot] = state;
        }
        emit SettlementBatchCompleted(slot, settled, n - settled);
    }

    /// @inheritdoc ISettlementEngine
    function finalizeTimeSlot(uint256 slot) external nonReentrant {
        SlotState memory state = _slots[slot];
        if (state.mode == 0) revert SettlementNotReady(slot, settlementReadyAt(slot));
        if (state.finalized) revert SettlementAlreadyFinalized(slot);
        (uint256 boughtLeft, uint256 sellersLeft, uint256 escrowLeft, uint256 price) = _leftOf(slot, state);
        if (boughtLeft != 0 || sellersLeft != 0 || escrowLeft != 0) {
            revert SettlementSlotOpen(slot, boughtLeft, sellersLeft, escrowLeft);
        }
        _close(slot, state, price);
    }

    // ---------------------------------------------------------------- disputes and penalties

    /// @inheritdoc ISettlementEngine
    function raiseDispute(uint256 slot, address participant) external nonReentrant {
        _requireSlot(slot);
        if (!_oracle.isTimeSlotFinalized(slot)) revert SettlementSlotNotFinalized(slot);
        uint256 deadline = _oracle.finalizedAt(slot) + _params.disputeWindow;
        // Settlement starts at the deadline (or earlier only in timeout mode): disputes come before it.
        if (block.timestamp >= deadline || _slots[slot].mode != 0) {
            revert SettlementDisputeWindowClosed(slot, deadline, block.timestamp);
        }
        if (_disputes[slot][participant].status != 0) revert SettlementDisputeExists(slot, participant);
        // Fixes the participant's sale and purchase (its orders are claimed now).
        IEnergyMarket.Position memory position = _market.claimAll(slot, participant);
        uint256 produced = _registry.ownerProductionOf(participant, slot);
        uint256 disputedWh = position.sold > position.bought ? position.sold : position.bought;
        if (produced > disputedWh) disputedWh = produced;
        if (disputedWh == 0) revert SettlementNothingToDispute(slot, participant);
        DisputeParams memory terms = _disputeParams;
        uint256 bond = Money.paymentDown(disputedWh, terms.bondPerKWh);
        if (bond < _params.disputeBond) bond = _params.disputeBond;
        if (position.sold != 0) {
            // The seller's volume is shared with the buyers in a second tranche if still disputed then.
            Deferred memory deferred = _deferred[slot];
            ++deferred.sellers;
            deferred.soldWh += position.sold.toUint64();
            _deferred[slot] = deferred;
        }
        _disputes[slot][participant] = Dispute({
            disputer: msg.sender,
            bond: bond.toUint88(),
            status: _DISPUTE_OPEN,
            expiresAt: (block.timestamp + terms.expiry).toUint40()
        });
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
        if (block.timestamp >= dispute.expiresAt) {
            revert SettlementDisputeExpired(slot, participant, dispute.expiresAt);
        }
        _disputes[slot][participant].status = upheld ? _DISPUTE_UPHELD : _DISPUTE_REJECTED;
        if (upheld) _corrections[slot][participant] = correctedProductionWh.toUint48() + 1;
        _undefer(slot, participant, _slots[slot].buyerPhase);
        emit DisputeResolved(slot, participant, upheld, upheld ? correctedProductionWh : 0);
        if (dispute.bond != 0) _paymentToken.safeTransfer(upheld ? dispute.disputer : _treasury, dispute.bond);
    }

    /// @inheritdoc ISettlementEngine
    function assessPenalty(address participant, uint256 amount, string calldata reason)
        external
        onlyRole(ARBITER_ROLE)
    {
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

    /// @notice Dispute expiry (s after raising, 1 hour .. 30 days) and the bond per disputed kWh
    /// (payment-token base units; the bond is at least `disputeBond`) (DEFAULT_ADMIN_ROLE).
    /// Error: SettlementInvalidParameter.
    function setDisputeParameters(uint256 expiry, uint256 bondPerKWh) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setDisputeParameters(expiry, bondPerKWh);
    }

    /// @notice Receiver of fees and rejected dispute bonds (DEFAULT_ADMIN_ROLE).
    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTreasury(treasury_);
    }

    /// @inheritdoc ISettlementEngine
    function setCdaMarket(address cdaMarket_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (cdaMarket_ != address(0) && ICdaMarket(cdaMarket_).energyMarket() != address(_market)) {
            revert SettlementInvalidParameter("cdaMarket", uint160(cdaMarket_));
        }
        _cda = ICdaMarket(cdaMarket_);
        emit CdaMarketUpdated(cdaMarket_);
    }

    /// @inheritdoc ISettlementEngine
    function cdaMarket() external view returns (address) {
        return address(_cda);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ISettlementEngine
    function getSettlementRecord(uint256 slot, address participant) public view returns (SettlementRecord memory) {
        Record memory record = _records[slot][participant];
        uint256 consumed = record.received;
        IEnergyMarket.Position memory position = _market.getPosition(slot, participant);
        return SettlementRecord({
            timeSlot: slot,
            participant: participant,
            energyProduced: record.produced,
            energyConsumed: consumed,
            netEnergy: int256(uint256(record.produced)) - int256(consumed),
            paymentAmount: record.payment,
            isSettled: record.sellerDone && position.openOrders == 0
                && (position.bought == 0 || (record.buyerDone && _pendingWh[slot][participant] == 0)),
            energyDelivered: record.delivered
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
            totalPayment: Money.paymentDown(state.deliveredWh, price),
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

    /// @inheritdoc ISettlementEngine
    function getSlotStatus(uint256 slot) external view returns (SlotStatus memory status) {
        SlotState memory state = _slots[slot];
        IEnergyMarket.Clearing memory clearing = _market.getClearing(slot);
        status.gateClosure = clearing.gateClosure;
        status.reportingDeadline = _oracle.reportingDeadline(slot);
        status.oracleFinalizedAt = _oracle.finalizedAt(slot);
        status.disputeWindowEnd = settlementReadyAt(slot);
        status.mode = state.mode;
        status.sellers = clearing.sellers;
        status.sellersSettled = state.sellersSettled;
        status.openAsks = clearing.openAsks;
        (status.boughtLeftWh,,,) = _leftOf(slot, state);
        status.disputedSellers = _deferred[slot].sellers;
        status.isFinalized = state.finalized;
        if (state.finalized) status.phase = 6;
        else if (state.mode != 0) status.phase = 5;
        else if (status.oracleFinalizedAt != 0) status.phase = block.timestamp < status.disputeWindowEnd ? 4 : 5;
        else if (clearing.isCleared) status.phase = 3;
        else if (!clearing.isStarted) status.phase = block.timestamp < slot ? 0 : 3;
        else status.phase = block.timestamp < clearing.gateClosure ? 1 : 2;
    }

    /// @inheritdoc ISettlementEngine
    function previewSettlement(uint256 slot, address participant)
        external
        view
        returns (SettlementPreview memory preview)
    {
        SlotState memory state = _slots[slot];
        IEnergyMarket.Clearing memory clearing = _market.getClearing(slot);
        IEnergyMarket.Position memory position = _market.previewPosition(slot, participant);
        Record memory record = _records[slot][participant];
        Dispute memory dispute = _disputes[slot][participant];
        preview.disputed = dispute.status == _DISPUTE_OPEN && block.timestamp < dispute.expiresAt;
        uint256 mode = state.mode;
        uint256 readyAt = settlementReadyAt(slot); // 0 until the oracle finalises
        if (mode == 0 && readyAt != 0 && block.timestamp >= readyAt) mode = _NORMAL;
        preview.ready = mode != 0 && !preview.disputed;
        preview.sold = position.sold;
        preview.bought = position.bought;
        if (!record.sellerDone) {
            preview.produced = mode == _TIMED_OUT ? 0 : _productionOf(slot, participant);
            preview.delivered = preview.sold < preview.produced ? preview.sold : preview.produced;
            uint256 proceeds;
            uint256 penalty;
            (proceeds, preview.fee, penalty) = _sellerTerms(preview.sold, preview.delivered, clearing);
            preview.proceeds = proceeds - preview.fee;
            if (mode == _NORMAL) preview.penalty = penalty;
        }
        if (!record.buyerDone && position.bought != 0) {
            _previewBuyer(slot, position.bought, clearing, state, preview);
        }
    }

    /// @dev The first-tranche share `settleParticipant` would give a buyer now (as if the buyer
    /// phase started now, if it has not yet and every undisputed seller is settled).
    function _previewBuyer(
        uint256 slot,
        uint256 bought,
        IEnergyMarket.Clearing memory clearing,
        SlotState memory state,
        SettlementPreview memory preview
    ) private view {
        Deferred memory deferred = _deferred[slot];
        uint256 unallocated = deferred.unallocatedWh;
        if (!state.buyerPhase) {
            if (clearing.openAsks != 0 || state.sellersSettled + deferred.sellers != clearing.sellers) return;
            state.boughtLeftWh = uint64(clearing.volume); // Fits: the market's uint64 volume.
            state.deliveredLeftWh = state.deliveredWh;
            unallocated = deferred.soldWh;
        }
        preview.buyerReady = true;
        uint256 covered;
        (covered, preview.received, preview.penaltyShare,) =
            _firstTranche(slot, bought, state.boughtLeftWh, unallocated, state.deliveredLeftWh);
        preview.refund = Money.paymentDown(covered - preview.received, clearing.clearingPrice);
    }

    /// @notice The dispute on `participant` in `slot`: disputer, bond, status (0 none, 1 open, 2 upheld,
    /// 3 rejected, 4 expired) and expiry (Unix s).
    function getDispute(uint256 slot, address participant)
        external
        view
        returns (address disputer, uint256 bond, uint256 status, uint256 expiresAt)
    {
        Dispute memory dispute = _disputes[slot][participant];
        return (dispute.disputer, dispute.bond, dispute.status, dispute.expiresAt);
    }

    /// @notice Pooled penalties not yet paid out and fees accrued for the slot, base units.
    function slotMoney(uint256 slot) external view returns (uint256 penaltyPool, uint256 fees) {
        SlotMoney memory money = _money[slot];
        return (money.penaltyLeft + _deferredPenalty[slot], money.fees);
    }

    function parameters() external view returns (Params memory) {
        return _params;
    }

    /// @notice Dispute expiry (s) and bond per disputed kWh (payment-token base units).
    function disputeParameters() external view returns (uint256 expiry, uint256 bondPerKWh) {
        DisputeParams memory terms = _disputeParams;
        return (terms.expiry, terms.bondPerKWh);
    }

    function treasury() external view returns (address) {
        return _treasury;
    }

    // ---------------------------------------------------------------- internals

    function _requireSlot(uint256 slot) private pure {
        if (slot > MAX_SLOT) revert SettlementSlotOutOfRange(slot, MAX_SLOT);
    }

    /// @dev Fixes the settlement mode on the slot's first settlement; reverts if not ready. Returns
    /// false (settle nothing, keep the state) when it has just finalised the oracle's slot instead
    /// of timing out: timeout mode is chosen only when the oracle cannot finalise the slot.
    function _begin(uint256 slot, SlotState memory state, IEnergyMarket.Clearing memory clearing)
        private
        returns (bool)
    {
        if (state.mode != 0) return true;
        if (clearing.isStarted && !clearing.isCleared) revert SettlementAuctionNotCleared(slot);
        uint256 readyAt;
        if (_oracle.isTimeSlotFinalized(slot)) {
            readyAt = _oracle.finalizedAt(slot) + _params.disputeWindow;
            if (block.timestamp >= readyAt) state.mode = _NORMAL;
        } else {
            readyAt = _oracle.reportingDeadline(slot) + _params.settlementTimeout;
            if (block.timestamp >= readyAt) {
                // A caller must not starve the oracle call of gas to force timeout mode.
                uint256 needed = ORACLE_FINALIZE_GAS * 64 / 63 + 10_000;
                if (gasleft() < needed) revert SettlementInsufficientGas(gasleft(), needed);
                try _oracle.finalizeTimeSlot{gas: ORACLE_FINALIZE_GAS}(slot) {
                    return false;
                } catch {
                    state.mode = _TIMED_OUT;
                }
            }
        }
        if (state.mode == 0) revert SettlementNotReady(slot, readyAt);
        emit SettlementStarted(slot, state.mode == _TIMED_OUT);
        return true;
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
        Dispute memory dispute = _disputes[slot][participant];
        if (dispute.status == _DISPUTE_OPEN) {
            if (block.timestamp < dispute.expiresAt) {
                if (strict) revert SettlementDisputed(slot, participant);
                return false;
            }
            _expire(slot, participant, dispute, state.buyerPhase);
        }
        IEnergyMarket.Position memory position = _market.claimAll(slot, participant);
        Record memory record = _records[slot][participant];
        if (!record.sellerDone) {
            uint256 produced = state.mode == _TIMED_OUT ? 0 : _productionOf(slot, participant);
            // The CDA sale is covered by the production left after the auction sale.
            (uint256 open, uint256 cdaSold, uint256 cdaDelivered) =
                _cdaSale(slot, participant, position.sold < produced ? produced - position.sold : 0, state.mode);
            if (open != 0) {
                if (strict) revert SettlementCdaOrdersOpen(slot, participant, open);
                return false;
            }
            record.sellerDone = true;
            // Cannot underflow: the CDA delivered at most the production left.
            if (produced != cdaDelivered || position.sold != 0) {
                _settleSeller(slot, participant, position.sold, produced - cdaDelivered, state, clearing, record);
                progressed = true;
            }
            if (cdaSold != 0) {
                record.produced += uint48(cdaDelivered); // Fits: the total is `produced`, a uint48.
                record.delivered += uint48(cdaDelivered);
                progressed = true;
            }
        }
        if (position.bought != 0) {
            if (!record.buyerDone) {
                if (_buyersReady(slot, state)) {
                    record.buyerDone = true;
                    _settleBuyer(slot, participant, position.bought, clearing.clearingPrice, state, record);
                    progressed = true;
                } else if (strict && !progressed) {
                    IEnergyMarket.Clearing memory now_ = _market.getClearing(slot);
                    revert SettlementSellersPending(slot, state.sellersSettled, now_.sellers, now_.openAsks);
                }
            } else if (_pendingWh[slot][participant] != 0) {
                Deferred memory deferred = _deferred[slot];
                if (deferred.sellers == 0) {
                    _settleBuyerDeferred(slot, participant, clearing.clearingPrice, deferred, record);
                    progressed = true;
                } else if (strict) {
                    revert SettlementSellersPending(
                        slot, state.sellersSettled, state.sellersSettled + deferred.sellers, 0
                    );
                }
            }
        }
        if (!progressed) {
            if (strict) revert SettlementNothingToSettle(slot, participant);
            return false;
        }
        _records[slot][participant] = record;
    }

    /// @dev Starts the buyer phase once every seller not under dispute is settled.
    function _buyersReady(uint256 slot, SlotState memory state) private returns (bool) {
        if (state.buyerPhase) return true;
        IEnergyMarket.Clearing memory clearing = _market.getClearing(slot);
        Deferred memory deferred = _deferred[slot];
        if (clearing.openAsks != 0 || state.sellersSettled + deferred.sellers != clearing.sellers) return false;
        state.buyerPhase = true;
        state.boughtLeftWh = clearing.volume.toUint64();
        state.deliveredLeftWh = state.deliveredWh;
        if (deferred.soldWh != 0) {
            deferred.unallocatedWh = deferred.soldWh;
            _deferred[slot] = deferred;
        }
        return true;
    }

    /// @dev An open dispute past its expiry: the oracle's value stands, the bond goes to the treasury.
    function _expire(uint256 slot, address participant, Dispute memory dispute, bool buyerPhase) private {
        _disputes[slot][participant].status = _DISPUTE_EXPIRED;
        _undefer(slot, participant, buyerPhase);
        emit DisputeExpired(slot, participant, dispute.bond);
        if (dispute.bond != 0) _paymentToken.safeTransfer(_treasury, dispute.bond);
    }

    /// @dev A disputed seller whose dispute ends before the buyers start settles with the others.
    function _undefer(uint256 slot, address participant, bool buyerPhase) private {
        if (buyerPhase) return;
        uint256 sold = _market.getPosition(slot, participant).sold;
        if (sold == 0) return;
        Deferred memory deferred = _deferred[slot];
        // Cannot underflow: the dispute added this seller and its sale.
        --deferred.sellers;
        deferred.soldWh -= uint64(sold);
        _deferred[slot] = deferred;
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
        (uint256 proceeds, uint256 fee, uint256 penalty) = _sellerTerms(sold, delivered, clearing);
        if (sold != 0) {
            ++state.sellersSettled;
            penalty = _settleCollateral(
                slot, seller, state.mode == _NORMAL ? penalty : 0, Money.paymentUp(sold, clearing.collateralPerKWh)
            );
            if (state.buyerPhase) {
                // A seller settling after the buyers started was under dispute: second tranche.
                Deferred memory deferred = _deferred[slot];
                --deferred.sellers;
                deferred.deliveredLeftWh += uint64(delivered); // Fits: delivered <= sold <= volume.
                _deferred[slot] = deferred;
                if (penalty != 0) _deferredPenalty[slot] += penalty;
            } else if (penalty != 0) {
                _money[slot].penaltyLeft += penalty.toUint128();
            }
        }
        state.deliveredWh += delivered.toUint64();
        _money[slot].fees += fee.toUint128();
        record.produced = produced.toUint48();
        record.delivered = uint48(delivered); // Fits: delivered <= produced.
        record.payment += (proceeds - fee).toInt256().toInt96();
        emit SettlementExecuted(slot, seller, true, produced, delivered, sold - delivered, proceeds - fee, penalty);
        _paySeller(slot, seller, proceeds - fee, produced, delivered);
    }

    /// @dev The seller's CDA sale settled by the CdaMarket (delivered from `available` Wh, the
    /// shortfall penalised in normal mode), its delivered Wh minted to the CDA for its buyers;
    /// `open` CDA orders block it (nothing done). All zero without a CdaMarket.
    function _cdaSale(uint256 slot, address seller, uint256 available, uint256 mode)
        private
        returns (uint256 open, uint256 sold, uint256 delivered)
    {
        ICdaMarket cda = _cda;
        if (address(cda) == address(0)) return (0, 0, 0);
        (open, sold, delivered) = cda.settleSale(slot, seller, available, mode == _NORMAL, _params.penaltyPricePerKWh);
        if (delivered != 0) _energyToken.mint(address(cda), delivered);
    }

    /// @dev Proceeds from the slot's escrow; credits for all verified production, the delivered part
    /// held here for the buyers.
    function _paySeller(uint256 slot, address seller, uint256 net, uint256 produced, uint256 delivered) private {
        if (net != 0) _market.releaseEscrow(slot, seller, net);
        if (produced > delivered) _energyToken.mint(seller, produced - delivered);
        if (delivered != 0) _energyToken.mint(address(this), delivered);
    }

    /// @dev A sale's amounts: proceeds of the delivered Wh at p* before the fee, the fee, the
    /// shortfall penalty: the shortfall at the penalty price, capped at the collateral encumbered
    /// for the sold Wh (base units).
    function _sellerTerms(uint256 sold, uint256 delivered, IEnergyMarket.Clearing memory clearing)
        private
        view
        returns (uint256 proceeds, uint256 fee, uint256 penalty)
    {
        proceeds = Money.paymentDown(delivered, clearing.clearingPrice);
        fee = proceeds * _params.feeBps / 10_000;
        uint256 collateral = Money.paymentUp(sold, clearing.collateralPerKWh);
        uint256 penaltyPrice = _params.penaltyPricePerKWh;
        if (penaltyPrice < clearing.clearingPrice) penaltyPrice = clearing.clearingPrice;
        penalty = Money.paymentUp(sold - delivered, penaltyPrice);
        if (penalty > collateral) penalty = collateral;
    }

    /// @dev Takes `wanted` (<= `collateral`) out of the sale's encumbered stake and releases the
    /// rest. Slashes never touch encumbered stake, so the whole collateral of this sale is there.
    function _settleCollateral(uint256 slot, address seller, uint256 wanted, uint256 collateral)
        private
        returns (uint256 taken)
    {
        // A shortfall priced at 0 (penalty price and p* both 0) takes nothing: the vault rejects a 0 penalty.
        if (wanted != 0) {
            taken = _vault.applyPenalty(seller, wanted, _SHORTFALL);
            emit PenaltyAssessed(slot, seller, taken, _SHORTFALL);
        }
        if (collateral > taken) _vault.release(seller, collateral - taken, slot);
    }

    /// @dev Sequential pro rata: `part` of `whole` takes floor(part * amount / whole), the last part
    /// (part == whole) all that is left, so the shares sum exactly to `amount`.
    function _shareOf(uint256 part, uint256 whole, uint256 amount) private pure returns (uint256, uint256) {
        if (part == 0 || whole == 0) return (0, amount);
        uint256 share = part == whole ? amount : part * amount / whole;
        return (share, amount - share);
    }

    /// @dev First tranche: the volume of every seller settled before the buyers started, shared pro
    /// rata to bought quantity; what the buyer's quantity has in disputed sellers' volume waits.
    function _settleBuyer(
        uint256 slot,
        address buyer,
        uint256 bought,
        uint256 price,
        SlotState memory state,
        Record memory record
    ) private {
        uint256 boughtLeft = state.boughtLeftWh;
        uint256 unallocated = _deferred[slot].unallocatedWh;
        (uint256 covered, uint256 received, uint256 penalty, uint256 pool) =
            _firstTranche(slot, bought, boughtLeft, unallocated, state.deliveredLeftWh);
        if (penalty != 0) _money[slot].penaltyLeft = uint128(pool - penalty); // Fits: below `pool`.
        state.deliveredLeftWh -= uint64(received); // Cannot underflow: a share of it.
        state.boughtLeftWh = uint64(boughtLeft - bought); // Cannot underflow: bought <= boughtLeft.
        if (bought != covered) {
            // Cannot underflow: bought - covered = ceil(bought * unallocated / boughtLeft) <= unallocated.
            _deferred[slot].unallocatedWh = uint64(unallocated - (bought - covered));
            _pendingWh[slot][buyer] = bought - covered;
        }
        _payBuyer(slot, buyer, received, covered - received, penalty, price, record);
    }

    /// @dev A buyer's first-tranche shares (Wh) of `bought` among `boughtLeft` Wh still to settle,
    /// `unallocated` of which wait for disputed sellers: the volume its share covers, what it
    /// receives of the `deliveredLeft` Wh, and its share of the penalty pool (stake base units).
    function _firstTranche(uint256 slot, uint256 bought, uint256 boughtLeft, uint256 unallocated, uint256 deliveredLeft)
        private
        view
        returns (uint256 covered, uint256 received, uint256 penalty, uint256 pool)
    {
        // Covered volume left (X) >= delivered left (D) holds for every sequential step.
        uint256 coveredLeft = boughtLeft - unallocated;
        (covered,) = _shareOf(bought, boughtLeft, coveredLeft);
        (received,) = _shareOf(bought, boughtLeft, deliveredLeft);
        pool = _money[slot].penaltyLeft;
        // The shortfall left before this buyer: X - D.
        (penalty,) = _shareOf(covered - received, coveredLeft - deliveredLeft, pool);
    }

    /// @dev Second tranche: disputed sellers' volume, once all of them are settled, shared pro rata to
    /// what each buyer has pending.
    function _settleBuyerDeferred(
        uint256 slot,
        address buyer,
        uint256 price,
        Deferred memory deferred,
        Record memory record
    ) private {
        uint256 pending = _pendingWh[slot][buyer];
        uint256 pendingLeft = deferred.soldWh;
        (uint256 received, uint256 deliveredLeft) = _shareOf(pending, pendingLeft, deferred.deliveredLeftWh);
        uint256 pool = _deferredPenalty[slot];
        (uint256 penalty,) = _shareOf(pending - received, pendingLeft - deferred.deliveredLeftWh, pool);
        deferred.deliveredLeftWh = uint64(deliveredLeft); // Fits: below the previous value.
        // Cannot underflow: pending <= pendingLeft, penalty <= pool.
        deferred.soldWh = uint64(pendingLeft - pending);
        _deferred[slot] = deferred;
        if (penalty != 0) _deferredPenalty[slot] = pool - penalty;
        delete _pendingWh[slot][buyer];
        _payBuyer(slot, buyer, received, pending - received, penalty, price, record);
    }

    function _payBuyer(
        uint256 slot,
        address buyer,
        uint256 received,
        uint256 shortfall,
        uint256 penalty,
        uint256 price,
        Record memory record
    ) private {
        uint256 cost = Money.paymentUp(received, price);
        record.received += received.toUint48();
        record.payment -= cost.toInt256().toInt96();
        emit SettlementExecuted(slot, buyer, false, 0, received, shortfall, cost, penalty);

        if (shortfall != 0) _market.releaseEscrow(slot, buyer, Money.paymentDown(shortfall, price));
        if (received != 0) IERC20(address(_energyToken)).safeTransfer(buyer, received);
        if (penalty != 0) _stakeToken.safeTransfer(buyer, penalty);
    }

    /// @dev What keeps the slot open: buyers' volume not settled (both tranches), sellers not
    /// settled (or asks unclaimed), escrow beyond the fees; and the clearing price.
    function _leftOf(uint256 slot, SlotState memory state)
        private
        view
        returns (uint256 boughtLeft, uint256 sellersLeft, uint256 escrowLeft, uint256 price)
    {
        IEnergyMarket.Clearing memory clearing = _market.getClearing(slot);
        boughtLeft = state.buyerPhase ? state.boughtLeftWh + _deferred[slot].soldWh : clearing.volume;
        sellersLeft = clearing.sellers - state.sellersSettled + clearing.openAsks;
        escrowLeft = _market.escrowOf(slot);
        uint256 fees = _money[slot].fees;
        // After closing, the fees have left the escrow.
        escrowLeft = escrowLeft > fees ? escrowLeft - fees : 0;
        price = clearing.clearingPrice;
    }

    function _closable(uint256 slot, SlotState memory state) private view returns (bool) {
        (uint256 boughtLeft, uint256 sellersLeft, uint256 escrowLeft,) = _leftOf(slot, state);
        return boughtLeft == 0 && sellersLeft == 0 && escrowLeft == 0;
    }

    function _close(uint256 slot, SlotState memory state, uint256 price) private {
        uint256 fees = _money[slot].fees;
        _slots[slot].finalized = true;
        emit TimeSlotSettled(slot, state.deliveredWh, Money.paymentDown(state.deliveredWh, price), fees);
        if (fees != 0) _market.releaseEscrow(slot, _treasury, fees);
    }

    function _productionOf(uint256 slot, address participant) private view returns (uint256) {
        uint256 corrected = _corrections[slot][participant];
        return corrected != 0 ? corrected - 1 : _registry.ownerProductionOf(participant, slot);
    }

    function _setDisputeParameters(uint256 expiry, uint256 bondPerKWh) private {
        if (expiry < MIN_DISPUTE_EXPIRY || expiry > MAX_DISPUTE_EXPIRY) {
            revert SettlementInvalidParameter("disputeExpiry", expiry);
        }
        if (bondPerKWh > type(uint80).max) revert SettlementInvalidParameter("disputeBondPerKWh", bondPerKWh);
        _disputeParams = DisputeParams({expiry: uint32(expiry), bondPerKWh: uint80(bondPerKWh)});
        emit DisputeParametersUpdated(expiry, bondPerKWh);
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
