"""Governance acting on a whole deployed suite (``deploy_suite(admin="governance")``): resolving a
settlement dispute, slashing a deviating oracle operator, unpausing a market the guardian paused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from gridset.chain_time import advance_time, next_slot_start
from gridset.governance import Action, Proposal, pass_proposal
from gridset.tokens.watt import issue_watt
from gridset.units import WATT

from .conftest import reverts

STAKE = 100 * WATT
FUNDING = 1_000 * WATT
CAPACITY_W = 5000  # at most 1250 Wh per 15-min slot
PRICE = 100 * WATT // 1000  # 0.100 WATT/kWh, on the tick grid (floor 0.050, tick 0.002)
MAX_UINT256 = 2**256 - 1
DEVIATION = "oracle deviation"


@dataclass(frozen=True)
class TradedSlot:
    """A slot in which ``seller`` sold ``sold_wh`` to ``buyer``, cleared and claimed, its
    production reported by the operators and finalised."""

    slot: int
    panel_id: int
    sold_wh: int
    clearing_price: int


@pytest.fixture
def watt(governed_suite, installer):
    """Factory: issue WATT to ``account`` and approve ``spenders`` for all of it."""
    token = governed_suite.payment_token

    def watt(account, *spenders, amount=FUNDING):
        issue_watt(token, installer, account, amount)
        for spender in spenders:
            token.approve(spender, MAX_UINT256, sender=account)
        return token

    return watt


@pytest.fixture
def trade_slot(governed_suite, installer, operators, watt, chain):
    """Factory: a real slot traded between ``seller`` (a new panel, staked) and ``buyer``, with
    ``reports`` (Wh, one per operator) of the seller's panel, finalised by the oracle."""
    suite = governed_suite
    nft, registry, oracle = suite.panel_nft, suite.panel_registry, suite.energy_oracle
    market, vault = suite.energy_market, suite.staking_vault

    def trade_slot(seller, buyer, reports, sold_wh=1000) -> TradedSlot:
        tx = nft.mint(seller, "ipfs://governed-panel", CAPACITY_W, sender=installer)
        panel_id = tx.events.filter(nft.PanelMinted)[0].tokenId
        registry.registerPanel(panel_id, seller, CAPACITY_W, sender=seller)
        watt(seller, vault)
        vault.depositStake(STAKE, sender=seller)
        watt(buyer, market)
        # Orders are accepted until the gate closes, 300 s before the slot starts.
        slot = next_slot_start(chain.pending_timestamp + 600, 900)
        ask = market.placeAsk(slot, PRICE, sold_wh, sender=seller)
        bid = market.placeBid(slot, PRICE, sold_wh, sender=buyer)
        order_ids = [
            ask.events.filter(market.OrderPlaced)[0].orderId,
            bid.events.filter(market.OrderPlaced)[0].orderId,
        ]
        advance_time(chain, slot - 300)
        cleared = market.clearAuction(slot, sender=buyer).events.filter(market.AuctionCleared)[0]
        market.claimOrders(order_ids, sender=buyer)
        advance_time(chain, slot + 900)
        for operator, energy_wh in zip(operators, reports, strict=True):
            oracle.reportProductionBatch(slot, [panel_id], [energy_wh], sender=operator)
        advance_time(chain, oracle.reportingDeadline(slot))
        oracle.finalizeTimeSlot(slot, sender=buyer)
        return TradedSlot(slot, panel_id, int(cleared.totalQuantity), int(cleared.clearingPrice))

    return trade_slot


def governance_passes(suite: Any, actions: list[Action], description: str, voters) -> Any:
    """Propose ``actions``, vote For with ``voters``, queue and execute; the execute receipt."""
    assert suite.governance is not None
    dao = suite.governance.dao
    proposal = Proposal.create(dao, actions, description)
    return pass_proposal(dao, proposal, voters[0], voters)


def test_dispute__resolved_by_governance__settles_corrected_production_and_returns_bond(
    governed_suite, trade_slot, watt, carol, dave, outsider, alice, bob, chain
):
    suite = governed_suite
    settlement, token = suite.settlement_engine, suite.payment_token
    # The meters under-read carol's panel: 400 Wh accepted for 1000 Wh she delivered.
    traded = trade_slot(carol, dave, reports=(400, 400, 400))
    assert traded.sold_wh == 1000
    assert suite.panel_registry.ownerProductionOf(carol, traded.slot) == 400
    watt(outsider, settlement)
    bond = settlement.parameters().disputeBond
    balance_before = token.balanceOf(outsider)
    raised = settlement.raiseDispute(traded.slot, carol, sender=outsider)
    assert raised.events == [
        settlement.DisputeRaised(traded.slot, carol, outsider, bond),
        token.Transfer(outsider, settlement.address, bond),
    ]
    resolve = Action.from_contract(settlement, "resolveDispute", traded.slot, carol, True, 1000)

    receipt = governance_passes(suite, [resolve], "Uphold the dispute on carol's meter", [alice])

    assert receipt.events.filter(settlement.DisputeResolved) == [
        settlement.DisputeResolved(traded.slot, carol, True, 1000)
    ]
    assert token.balanceOf(outsider) == balance_before
    assert settlement.getDispute(traded.slot, carol)[:3] == (outsider.address, bond, 2)  # upheld
    advance_time(chain, max(settlement.settlementReadyAt(traded.slot), chain.pending_timestamp))
    settled = settlement.settleParticipants(traded.slot, [carol, dave], sender=dave)
    proceeds = traded.sold_wh * (traded.clearing_price // 1000)
    fee = proceeds * settlement.parameters().feeBps // 10_000
    assert settled.events.filter(settlement.SettlementExecuted) == [
        # produced, delivered, shortfall, payment, penalty: the correction, so no shortfall
        settlement.SettlementExecuted(traded.slot, carol, True, 1000, 1000, 0, proceeds - fee, 0),
        settlement.SettlementExecuted(traded.slot, dave, False, 0, 1000, 0, proceeds, 0),
    ]
    assert settled.events.filter(settlement.PenaltyAssessed) == []


def test_dispute__without_resolution__blocks_the_participant_settlement(
    governed_suite, trade_slot, watt, carol, dave, outsider, chain
):
    suite = governed_suite
    settlement = suite.settlement_engine
    traded = trade_slot(carol, dave, reports=(400, 400, 400))
    watt(outsider, settlement)
    settlement.raiseDispute(traded.slot, carol, sender=outsider)
    advance_time(chain, settlement.settlementReadyAt(traded.slot))

    with reverts(settlement.SettlementDisputed, slot=traded.slot, participant=carol):
        settlement.settleParticipant(traded.slot, carol, sender=dave)


def test_slash__deviating_operator_flagged__governance_slashes_stake_to_treasury_and_unseats(
    governed_suite,
    trade_slot,
    watt,
    operators,
    treasury_account,
    carol,
    dave,
    alice,
    bob,
):
    suite = governed_suite
    oracle, vault, token = suite.energy_oracle, suite.staking_vault, suite.payment_token
    cheat = operators[2]
    watt(cheat, vault)
    vault.depositStake(STAKE, sender=cheat)
    # The third operator reports 1200 Wh where the others read 1000: 200 Wh off, tolerance 50.
    traded = trade_slot(carol, dave, reports=(1000, 1000, 1200))
    flagged = oracle.flagDeviation(traded.slot, traded.panel_id, cheat, sender=dave)
    assert flagged.events == [
        oracle.OperatorDeviated(cheat, traded.panel_id, traded.slot, 1200, 1000)
    ]
    assert oracle.deviationCount(cheat) == 1
    seat = oracle.seatOf(cheat)
    treasury_before = token.balanceOf(treasury_account)
    penalty = STAKE // 4
    actions = [
        Action.from_contract(vault, "slash", cheat, penalty, DEVIATION),
        Action.from_contract(oracle, "removeOperator", cheat),
    ]

    receipt = governance_passes(suite, actions, "Slash and unseat operator 3", [alice, bob])

    assert receipt.events.filter(vault.SlashExecuted) == [
        vault.SlashExecuted(cheat, penalty, DEVIATION, treasury_account)
    ]
    assert receipt.events.filter(oracle.OperatorRemoved) == [oracle.OperatorRemoved(cheat, seat)]
    assert vault.getStake(cheat) == STAKE - penalty
    assert token.balanceOf(treasury_account) == treasury_before + penalty
    assert not oracle.isOperator(cheat)
    assert len(oracle.getOperators()) == 2


def test_pause__guardian_pauses__only_a_proposal_unpauses(
    governed_suite, guardian, deployer, watt, dave, alice, bob, chain
):
    suite = governed_suite
    market = suite.energy_market
    timelock = suite.governance.timelock
    watt(dave, market)
    slot = next_slot_start(chain.pending_timestamp + 600, 900)

    paused = market.pause(sender=guardian)

    assert paused.events == [market.Paused(guardian)]
    with reverts(market.EnforcedPause):
        market.placeBid(slot, PRICE, 100, sender=dave)
    for account in (guardian, deployer):
        with reverts(
            market.AccessControlUnauthorizedAccount,
            account=account,
            neededRole=market.DEFAULT_ADMIN_ROLE(),
        ):
            market.unpause(sender=account)

    receipt = governance_passes(
        suite, [Action.from_contract(market, "unpause")], "Reopen the market", [alice, bob]
    )

    assert receipt.events.filter(market.Unpaused) == [market.Unpaused(timelock.address)]
    slot = next_slot_start(chain.pending_timestamp + 600, 900)
    placed = market.placeBid(slot, PRICE, 100, sender=dave)
    assert len(placed.events.filter(market.OrderPlaced)) == 1


def test_penalty_price__raised_by_governance__slot_traded_before_settles_at_new_price(
    governed_suite, trade_slot, carol, dave, alice, chain
):
    suite = governed_suite
    settlement, vault = suite.settlement_engine, suite.staking_vault
    # carol sold 1000 Wh but produced 400: a 600 Wh shortfall, settled after the vote.
    traded = trade_slot(carol, dave, reports=(400, 400, 400))
    current = settlement.parameters()
    raised = 600 * WATT // 1000
    assert current.penaltyPricePerKWh == 500 * WATT // 1000
    new_parameters = (
        current.disputeWindow,
        current.settlementTimeout,
        current.feeBps,
        raised,
        current.disputeBond,
    )
    action = Action.from_contract(settlement, "setParameters", new_parameters)

    receipt = governance_passes(suite, [action], "Penalty 0.60 WATT/kWh", [alice])

    assert receipt.events.filter(settlement.ParametersUpdated) == [
        settlement.ParametersUpdated(
            current.disputeWindow,
            current.settlementTimeout,
            raised,
            current.feeBps,
            current.disputeBond,
        )
    ]
    advance_time(chain, max(settlement.settlementReadyAt(traded.slot), chain.pending_timestamp))
    stake_before = vault.getStake(carol)
    settled = settlement.settleParticipants(traded.slot, [carol, dave], sender=dave)
    penalty = 600 * (raised // 1000)  # 0.36 WATT, within the 0.60 WATT collateral
    assert settled.events.filter(settlement.PenaltyAssessed) == [
        settlement.PenaltyAssessed(traded.slot, carol, penalty, "shortfall")
    ]
    assert vault.getStake(carol) == stake_before - penalty
