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
import {SettlementShares} from "../libraries/SettlementShares.sol";

/// @title SettlementEngine — delivery settlement, shortfall penalties, credits, disputes
/// @notice See ISettlementEngine. Needs: EnergyMarket SETTLEMENT_ROLE (escrow), StakingVault
/// ENCUMBRANCER_ROLE + PENALIZER_ROLE (+ SLASHER_ROLE for `assessPenalty`), EnergyToken MINTER_ROLE.
/// Invariants per slot: the pooled penalties equal what unsettled short buyers are owed; shares are
/// exact (no dust). Energy credits are minted when handed out (delivered Wh to the buyer when it
/// settles, never held here); the batch path (`settleBatch`) books money to the market's
/// internal balances and credits to `energyCreditOf`, minted by `withdrawEnergy`. Over all accounts:
/// minted by settlement + `energyCreditOf` = verified production (CDA-delivered Wh minted to the CDA).
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

    // Where `settleTimeSlot` continues: pass 0 settles the traders of asks, pass 1 those of bids.
    struct Cursor {
        uint24 next;
        uint8 pass;
    }

    // Governed dispute terms (one storage slot).
    struct DisputeParams {
        uint32 expiry; // s after raising
        uint80 bondPerKWh; // payment-token base units per disputed kWh
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
    mapping(uint256 slot => mapping(address participant => ParticipantState)) private _records;
    mapping(uint256 slot => mapping(address participant => Dispute)) private _disputes;
    mapping(uint256 slot => mapping(address participant => uint256 whPlusOne)) private _corrections;
    mapping(uint256 slot => Deferred) private _deferred;
    mapping(uint256 slot => uint256 stakeUnits) private _deferredPenalty;
    mapping(uint256 slot => mapping(address buyer => uint256 wh)) private _pendingWh;
    mapping(uint256 slot => Cursor) private _cursors;
    ICdaMarket private _cda;
    mapping(address account => uint256 wh) private _energyCredits;
    // Set for the duration of a batch call: report skips (`settleParticipants`, `settleBatch`);
    // book to internal balances instead of transferring (`settleBatch`).
    bool private transient _batch;
    bool private transient _toBalances;

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
        if (_slots[slot].finalized) return;
        (SlotState memory state, IEnergyMarket.Clearing memory clearing, bool settling) = _begin(slot);
        if (!settling) return;
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
        (SlotState memory state, IEnergyMarket.Clearing memory clearing, bool settling) = _begin(slot);
        if (settling) {
            _settle(slot, participant, state, clearing, true);
            _slots[slot] = state;
        }
        return getSettlementRecord(slot, participant);
    }

    /// @inheritdoc ISettlementEngine
    function settleParticipants(uint256 slot, address[] calldata participants) external nonReentrant {
        _settleMany(slot, participants);
    }

    /// @inheritdoc ISettlementEngine
    function settleBatch(uint256 slot, address[] calldata participants) external nonReentrant {
        _toBalances = true;
        _settleMany(slot, participants);
        _toBalances = false;
    }

    /// @inheritdoc ISettlementEngine
    function withdrawEnergy(uint256 wh) external nonReentrant {
        if (wh == 0) revert SettlementZeroWithdrawal();
        uint256 credit = _energyCredits[msg.sender];
        if (wh > credit) revert SettlementInsufficientEnergyCredit(msg.sender, credit, wh);
        unchecked {
            _energyCredits[msg.sender] = credit - wh; // Cannot underflow: checked above.
        }
        emit EnergyWithdrawn(msg.sender, wh);
        _energyToken.mint(msg.sender, wh);
    }

    /// @inheritdoc ISettlementEngine
    function finalizeTimeSlot(uint256 slot) external nonReentrant {
        SlotState memory state = _slots[slot];
        if (state.mode == SettlementMode.NotStarted) revert SettlementNotReady(slot, settlementReadyAt(slot));
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
        uint256 deadline = settlementReadyAt(slot);
        if (deadline == 0) revert SettlementSlotNotFinalized(slot);
        // Settlement starts at the deadline (or earlier only in timeout mode): disputes come before it.
        if (block.timestamp >= deadline || _slots[slot].mode != SettlementMode.NotStarted) {
            revert SettlementDisputeWindowClosed(slot, deadline, block.timestamp);
        }
        if (_disputes[slot][participant].status != DisputeStatus.None) revert SettlementDisputeExists(slot, participant);
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
            Deferred storage deferred = _deferred[slot];
            ++deferred.sellers;
            deferred.soldWh += position.sold.toUint64();
        }
        _disputes[slot][participant] = Dispute({
            disputer: msg.sender,
            bond: bond.toUint88(),
            status: DisputeStatus.Open,
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
        if (dispute.status != DisputeStatus.Open) revert SettlementNoDispute(slot, participant);
        if (block.timestamp >= dispute.expiresAt) {
            revert SettlementDisputeExpired(slot, participant, dispute.expiresAt);
        }
        _disputes[slot][participant].status = upheld ? DisputeStatus.Upheld : DisputeStatus.Rejected;
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

    /// @inheritdoc ISettlementEngine
    function setParameters(Params calldata params_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setParameters(params_);
    }

    /// @inheritdoc ISettlementEngine
    function setDisputeParameters(uint256 expiry, uint256 bondPerKWh) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setDisputeParameters(expiry, bondPerKWh);
    }

    /// @inheritdoc ISettlementEngine
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
        ParticipantState memory record = _records[slot][participant];
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
    function slotProgress(uint256 slot)
        external
        view
        returns (SlotState memory state, Deferred memory deferred, SlotMoney memory money, uint256 deferredPenalty)
    {
        return (_slots[slot], _deferred[slot], _money[slot], _deferredPenalty[slot]);
    }

    /// @inheritdoc ISettlementEngine
    function participantProgress(uint256 slot, address participant)
        external
        view
        returns (ParticipantState memory record, Dispute memory dispute, uint256 productionWh)
    {
        dispute = _disputes[slot][participant];
        return (_records[slot][participant], dispute, _productionOf(slot, participant, dispute.status));
    }

    /// @inheritdoc ISettlementEngine
    function parameters() external view returns (Params memory) {
        return _params;
    }

    /// @inheritdoc ISettlementEngine
    function disputeParameters() external view returns (uint256 expiry, uint256 bondPerKWh) {
        DisputeParams memory terms = _disputeParams;
        return (terms.expiry, terms.bondPerKWh);
    }

    /// @inheritdoc ISettlementEngine
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc ISettlementEngine
    function energyCreditOf(address account) external view returns (uint256) {
        return _energyCredits[account];
    }

    // ---------------------------------------------------------------- internals

    function _requireSlot(uint256 slot) private pure {
        if (slot > MAX_SLOT) revert SettlementSlotOutOfRange(slot, MAX_SLOT);
    }

    /// @dev Loads the slot's state and clearing and fixes the settlement mode on the slot's first
    /// settlement; reverts if the slot is out of range or not ready. `settling` is false (settle
    /// nothing, keep the state) when it has just finalised the oracle's slot instead of timing out:
    /// timeout mode is chosen only when the oracle cannot finalise the slot.
    function _begin(uint256 slot)
        private
        returns (SlotState memory state, IEnergyMarket.Clearing memory clearing, bool settling)
    {
        _requireSlot(slot);
        state = _slots[slot];
        clearing = _market.getClearing(slot);
        if (state.mode != SettlementMode.NotStarted) return (state, clearing, true);
        if (clearing.isStarted && !clearing.isCleared) revert SettlementAuctionNotCleared(slot);
        uint256 readyAt = settlementReadyAt(slot); // 0 until the oracle finalises the slot
        if (readyAt != 0) {
            if (block.timestamp >= readyAt) state.mode = SettlementMode.Normal;
        } else {
            readyAt = _oracle.reportingDeadline(slot) + _params.settlementTimeout;
            if (block.timestamp >= readyAt) {
                // A caller must not starve the oracle call of gas to force timeout mode.
                uint256 needed = ORACLE_FINALIZE_GAS * 64 / 63 + 10_000;
                if (gasleft() < needed) revert SettlementInsufficientGas(gasleft(), needed);
                try _oracle.finalizeTimeSlot{gas: ORACLE_FINALIZE_GAS}(slot) {
                    return (state, clearing, false);
                } catch {
                    state.mode = SettlementMode.TimedOut;
                }
            }
        }
        if (state.mode == SettlementMode.NotStarted) revert SettlementNotReady(slot, readyAt);
        emit SettlementStarted(slot, state.mode == SettlementMode.TimedOut);
        settling = true;
    }

    /// @dev Settles the batch `participants` in order, skipping (SettlementSkipped) those that cannot
    /// progress; emits SettlementBatchCompleted.
    function _settleMany(uint256 slot, address[] calldata participants) private {
        uint256 n = participants.length;
        if (n == 0 || n > MAX_BATCH_SIZE) revert SettlementInvalidBatchSize(n, MAX_BATCH_SIZE);
        (SlotState memory state, IEnergyMarket.Clearing memory clearing, bool settling) = _begin(slot);
        uint256 settled;
        if (settling) {
            _batch = true;
            for (uint256 i; i < n; ++i) {
                if (_settle(slot, participants[i], state, clearing, false)) ++settled;
            }
            _batch = false;
            _slots[slot] = state;
        }
        emit SettlementBatchCompleted(slot, settled, n - settled);
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
        if (dispute.status == DisputeStatus.Open) {
            if (block.timestamp < dispute.expiresAt) {
                if (strict) revert SettlementDisputed(slot, participant);
                return _skip(slot, participant, SkipReason.Disputed);
            }
            _expire(slot, participant, dispute, state.buyerPhase);
        }
        IEnergyMarket.Position memory position =
            _toBalances ? _market.claimAllToBalance(slot, participant) : _market.claimAll(slot, participant);
        ParticipantState memory record = _records[slot][participant];
        if (!record.sellerDone) {
            uint256 produced =
                state.mode == SettlementMode.TimedOut ? 0 : _productionOf(slot, participant, dispute.status);
            // The CDA sale is covered by the production left after the auction sale.
            (uint256 open, uint256 cdaSold, uint256 cdaDelivered) =
                _cdaSale(slot, participant, position.sold < produced ? produced - position.sold : 0, state.mode);
            if (open != 0) {
                if (strict) revert SettlementCdaOrdersOpen(slot, participant, open);
                return _skip(slot, participant, SkipReason.CdaOrdersOpen);
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
        SkipReason reason = SkipReason.NothingToSettle;
        if (position.bought != 0) {
            if (!record.buyerDone) {
                if (_buyersReady(slot, state)) {
                    record.buyerDone = true;
                    _settleBuyer(slot, participant, position.bought, clearing.clearingPrice, state, record);
                    progressed = true;
                } else if (strict && !progressed) {
                    IEnergyMarket.Clearing memory now_ = _market.getClearing(slot);
                    revert SettlementSellersPending(slot, state.sellersSettled, now_.sellers, now_.openAsks);
                } else {
                    reason = SkipReason.SellersPending;
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
                } else {
                    reason = SkipReason.SellersPending;
                }
            }
        }
        if (!progressed) {
            if (strict) revert SettlementNothingToSettle(slot, participant);
            return _skip(slot, participant, reason);
        }
        _records[slot][participant] = record;
    }

    /// @dev A participant `_settle` cannot progress: reported (SettlementSkipped) in a batch only;
    /// returns false (nothing settled).
    function _skip(uint256 slot, address participant, SkipReason reason) private returns (bool) {
        if (_batch) emit SettlementSkipped(slot, participant, reason);
        return false;
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
        _disputes[slot][participant].status = DisputeStatus.Expired;
        _undefer(slot, participant, buyerPhase);
        emit DisputeExpired(slot, participant, dispute.bond);
        if (dispute.bond != 0) _paymentToken.safeTransfer(_treasury, dispute.bond);
    }

    /// @dev A disputed seller whose dispute ends before the buyers start settles with the others.
    function _undefer(uint256 slot, address participant, bool buyerPhase) private {
        if (buyerPhase) return;
        uint256 sold = _market.getPosition(slot, participant).sold;
        if (sold == 0) return;
        Deferred storage deferred = _deferred[slot];
        // Cannot underflow: the dispute added this seller and its sale.
        --deferred.sellers;
        deferred.soldWh -= uint64(sold);
    }

    function _settleSeller(
        uint256 slot,
        address seller,
        uint256 sold,
        uint256 produced,
        SlotState memory state,
        IEnergyMarket.Clearing memory clearing,
        ParticipantState memory record
    ) private {
        uint256 delivered = sold < produced ? sold : produced;
        (uint256 proceeds, uint256 fee, uint256 penalty) = _sellerTerms(sold, delivered, clearing);
        if (sold != 0) {
            ++state.sellersSettled;
            penalty = _settleCollateral(
                slot, seller, state.mode == SettlementMode.Normal ? penalty : 0, Money.paymentUp(sold, clearing.collateralPerKWh)
            );
            if (state.buyerPhase) {
                // A seller settling after the buyers started was under dispute: second tranche.
                Deferred storage deferred = _deferred[slot];
                --deferred.sellers;
                deferred.deliveredLeftWh += uint64(delivered); // Fits: delivered <= sold <= volume.
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
    function _cdaSale(uint256 slot, address seller, uint256 available, SettlementMode mode)
        private
        returns (uint256 open, uint256 sold, uint256 delivered)
    {
        ICdaMarket cda = _cda;
        if (address(cda) == address(0)) return (0, 0, 0);
        (open, sold, delivered) = cda.settleSale(slot, seller, available, mode == SettlementMode.Normal, _params.penaltyPricePerKWh);
        if (delivered != 0) _energyToken.mint(address(cda), delivered);
    }

    /// @dev Proceeds from the slot's escrow and credits for the production not delivered (the
    /// delivered part is minted to its buyers when they settle); `settleBatch` books both internally.
    function _paySeller(uint256 slot, address seller, uint256 net, uint256 produced, uint256 delivered) private {
        _pay(slot, seller, net);
        if (produced > delivered) _giveEnergy(seller, produced - delivered);
    }

    /// @dev `amount` payment-token base units of the slot's escrow to `to`: booked to its internal
    /// balance in the market by `settleBatch`, else transferred.
    function _pay(uint256 slot, address to, uint256 amount) private {
        if (amount == 0) return;
        if (_toBalances) _market.creditEscrow(slot, to, amount);
        else _market.releaseEscrow(slot, to, amount);
    }

    /// @dev `wh` energy credits to `to`: booked to `energyCreditOf` by `settleBatch`, else minted.
    function _giveEnergy(address to, uint256 wh) private {
        if (_toBalances) _energyCredits[to] += wh;
        else _energyToken.mint(to, wh);
    }

    /// @dev A sale's proceeds, fee and penalty at the governed fee and penalty price (SettlementShares).
    function _sellerTerms(uint256 sold, uint256 delivered, IEnergyMarket.Clearing memory clearing)
        private
        view
        returns (uint256 proceeds, uint256 fee, uint256 penalty)
    {
        Params memory params_ = _params;
        return SettlementShares.sellerTerms(
            sold, delivered, clearing.clearingPrice, clearing.collateralPerKWh, params_.feeBps, params_.penaltyPricePerKWh
        );
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

    /// @dev First tranche: the volume of every seller settled before the buyers started, shared pro
    /// rata to bought quantity; what the buyer's quantity has in disputed sellers' volume waits.
    function _settleBuyer(
        uint256 slot,
        address buyer,
        uint256 bought,
        uint256 price,
        SlotState memory state,
        ParticipantState memory record
    ) private {
        uint256 boughtLeft = state.boughtLeftWh;
        uint256 unallocated = _deferred[slot].unallocatedWh;
        uint256 pool = _money[slot].penaltyLeft;
        (uint256 covered, uint256 received, uint256 penalty) =
            SettlementShares.firstTranche(bought, boughtLeft, unallocated, state.deliveredLeftWh, pool);
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

    /// @dev Second tranche: disputed sellers' volume, once all of them are settled, shared pro rata to
    /// what each buyer has pending.
    function _settleBuyerDeferred(
        uint256 slot,
        address buyer,
        uint256 price,
        Deferred memory deferred,
        ParticipantState memory record
    ) private {
        uint256 pending = _pendingWh[slot][buyer];
        uint256 pendingLeft = deferred.soldWh;
        (uint256 received, uint256 deliveredLeft) = SettlementShares.shareOf(pending, pendingLeft, deferred.deliveredLeftWh);
        uint256 pool = _deferredPenalty[slot];
        (uint256 penalty, uint256 poolLeft) =
            SettlementShares.shareOf(pending - received, pendingLeft - deferred.deliveredLeftWh, pool);
        deferred.deliveredLeftWh = uint64(deliveredLeft); // Fits: below the previous value.
        // Cannot underflow: pending <= pendingLeft.
        deferred.soldWh = uint64(pendingLeft - pending);
        _deferred[slot] = deferred;
        if (penalty != 0) _deferredPenalty[slot] = poolLeft;
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
        ParticipantState memory record
    ) private {
        uint256 cost = Money.paymentUp(received, price);
        record.received += received.toUint48();
        record.payment -= cost.toInt256().toInt96();
        emit SettlementExecuted(slot, buyer, false, 0, received, shortfall, cost, penalty);

        if (shortfall != 0) _pay(slot, buyer, Money.paymentDown(shortfall, price));
        if (received != 0) _giveEnergy(buyer, received);
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

    /// @dev The arbiter's corrected production if the participant's dispute was upheld (the only
    /// case with a correction: no storage read otherwise), else the registry's verified production.
    function _productionOf(uint256 slot, address participant, DisputeStatus status) private view returns (uint256) {
        if (status == DisputeStatus.Upheld) return _corrections[slot][participant] - 1;
        return _registry.ownerProductionOf(participant, slot);
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
