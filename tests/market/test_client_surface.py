"""What clients need (issue 9 §3) and the order-id bound (item 4): permit bids, one-call views of
orders, positions, the price grid and a slot's phase, and the reference's tuple returns.

The standard book (tests/market/conftest.py) clears 1,000 Wh at tick 20: alice sells 760 Wh
(A1 600 at tick 10, A2 160 of 200 at the margin), bob 240 (B1 240 of 300, B2 nothing), carol
buys 400 (C1; C2 below p*), dave 600 (D1).
"""

from __future__ import annotations

import ape
import pytest

from gridset.deploy.params import MarketParams, SettlementParams
from gridset.market.states import SettlementMode, SlotPhase
from gridset.signatures import sign_permit, vrs_arguments
from gridset.tokens.watt import issue_watt
from gridset.units import WATT

MP, SP = MarketParams(), SettlementParams()
SLOT = 900
LEAD = MP.gate_closure_lead
P20 = MP.price_floor + 20 * MP.tick_size
UNIT = P20 // 1000


def _price(tick: int) -> int:
    return MP.price_floor + tick * MP.tick_size


def _permit(watt, owner, spender, value: int, deadline: int):
    return vrs_arguments(sign_permit(watt, owner, spender, value, deadline))


@pytest.fixture
def newcomer(watt, installer, attacker):
    """A household holding 100 WATT that never approved the market (the attacker account)."""
    issue_watt(watt, installer, attacker, 100 * WATT)
    return attacker


# ---------------------------------------------------------------- order ids (item 4)


def test_start_auction__slot_aliasing_ids_of_a_real_slot__reverts(
    driver, market, deployer, alice, slot
):
    """Issue 9 item 4 attack: slot + 225 * 2**224 is aligned and its ids ``slot << 32 | n``
    would wrap onto the real slot's ids. Auctions obey the orders' bound on slots."""
    market.grantRole(market.AUCTIONEER_ROLE(), deployer, sender=deployer)
    real = driver.bid(alice, slot, 5, 100)
    alias = slot + 225 * 2**224
    assert alias % SLOT == 0 and (alias << 32) % 2**256 == slot << 32
    with ape.reverts(market.EnergyMarketSlotTooFarAhead, slot=alias):
        market.startAuction(alias, 60, sender=deployer)
    with ape.reverts(market.EnergyMarketSlotTooFarAhead, slot=alias):
        market.placeBid(alias, _price(5), 100, sender=alice)
    assert market.getOrder(real).trader == alice.address


def test_order_ids__two_slots__decode_to_slot_and_sequence(driver, alice, bob, slot):
    ids = [driver.bid(alice, slot, 1, 100), driver.ask(bob, slot + SLOT, 1, 100)]
    ids.append(driver.bid(bob, slot, 1, 100))
    assert ids == [slot << 32, (slot + SLOT) << 32, (slot << 32) | 1]
    assert max(ids) > 2**53  # JavaScript clients: use BigInt


# ---------------------------------------------------------------- placeBidWithPermit


def test_place_bid_with_permit__no_allowance__escrows_in_one_transaction(
    driver, market, watt, newcomer, chain, slot
):
    price, escrow = _price(20), 500 * (_price(20) // 1000)
    deadline = chain.pending_timestamp + 3600
    tx = market.placeBidWithPermit(
        slot,
        price,
        500,
        deadline,
        *_permit(watt, newcomer, market, escrow, deadline),
        sender=newcomer,
    )
    assert tx.events.filter(market.OrderPlaced) == [
        market.OrderPlaced(slot << 32, slot, newcomer, True, price, 500)
    ]
    assert tx.events.filter(watt.Transfer) == [watt.Transfer(newcomer, market, escrow)]
    assert watt.allowance(newcomer, market) == 0
    assert market.escrowOf(slot) == escrow


def test_place_bid_with_permit__permit_front_run__bid_still_placed(
    market, watt, newcomer, attacker, chain, slot
):
    escrow = 500 * (_price(20) // 1000)
    deadline = chain.pending_timestamp + 3600
    v, r, s = _permit(watt, newcomer, market, escrow, deadline)
    watt.permit(newcomer, market, escrow, deadline, v, r, s, sender=attacker)  # front-run
    tx = market.placeBidWithPermit(slot, _price(20), 500, deadline, v, r, s, sender=newcomer)
    assert len(tx.events.filter(market.OrderPlaced)) == 1
    assert market.escrowOf(slot) == escrow


def test_place_bid_with_permit__bad_signature_without_allowance__reverts(
    market, watt, newcomer, alice, chain, slot
):
    escrow = 500 * (_price(20) // 1000)
    deadline = chain.pending_timestamp + 3600
    v, r, s = _permit(watt, alice, market, escrow, deadline)  # signed by someone else
    with ape.reverts(watt.ERC20InsufficientAllowance, spender=market, allowance=0, needed=escrow):
        market.placeBidWithPermit(slot, _price(20), 500, deadline, v, r, s, sender=newcomer)


def test_place_bid_with_permit__permit_used_twice__second_bid_reverts(
    market, watt, newcomer, chain, slot
):
    escrow = 500 * (_price(20) // 1000)
    deadline = chain.pending_timestamp + 3600
    v, r, s = _permit(watt, newcomer, market, escrow, deadline)
    market.placeBidWithPermit(slot, _price(20), 500, deadline, v, r, s, sender=newcomer)
    with ape.reverts(watt.ERC20InsufficientAllowance, spender=market, allowance=0, needed=escrow):
        market.placeBidWithPermit(slot, _price(20), 500, deadline, v, r, s, sender=newcomer)


@pytest.mark.parametrize("wh", [0, 2**256 - 1])
def test_place_bid_with_permit__zero_or_max_quantity__reverts(
    market, watt, newcomer, chain, slot, wh
):
    deadline = chain.pending_timestamp + 3600
    with ape.reverts(
        market.EnergyMarketQuantityOutOfRange,
        quantity=wh,
        minQuantity=MP.min_order_wh,
        maxQuantity=2**40 - 1,
    ):
        market.placeBidWithPermit(
            slot,
            _price(20),
            wh,
            deadline,
            *_permit(watt, newcomer, market, 1, deadline),
            sender=newcomer,
        )


def test_place_bid_with_permit__while_paused__reverts(
    market, watt, newcomer, deployer, chain, slot
):
    market.grantRole(market.PAUSER_ROLE(), deployer, sender=deployer)
    market.pause(sender=deployer)
    deadline = chain.pending_timestamp + 3600
    with ape.reverts(market.EnforcedPause):
        market.placeBidWithPermit(
            slot,
            _price(20),
            500,
            deadline,
            *_permit(watt, newcomer, market, 1, deadline),
            sender=newcomer,
        )


# ---------------------------------------------------------------- views


def test_best_bid_and_ask__return_price_and_quantity(market_lens, market, book, slot):
    assert market_lens.getBestBid(slot) == (_price(30), 400)
    assert market_lens.getBestAsk(slot) == (_price(10), 600)


def test_price_grid__standard_book__grid_and_depth_per_level(market_lens, market, book, slot):
    grid = market_lens.getPriceGrid(slot)
    assert (grid.priceFloor, grid.tickSize, grid.collateralPerKWh) == (
        MP.price_floor,
        MP.tick_size,
        MP.collateral_per_kwh,
    )
    assert grid.priceCeiling == _price(255)
    assert list(grid.prices) == [_price(t) for t in (5, 10, 20, 30, 40)]
    assert list(grid.bidDepth) == [100, 0, 600, 400, 0]
    assert list(grid.askDepth) == [0, 600, 500, 0, 100]


def test_open_orders__follow_cancel_and_claim(market_lens, driver, market, book, alice, slot):
    assert list(market_lens.getOpenOrders(slot, alice)) == [book["A1"], book["A2"]]
    extra = driver.ask(alice, slot, 50, 100)
    extra2 = driver.ask(alice, slot, 51, 100)  # beyond the three sequences held inline
    assert list(market_lens.getOpenOrders(slot, alice)) == [book["A1"], book["A2"], extra, extra2]
    market.cancelOrder(extra, sender=alice)
    assert list(market_lens.getOpenOrders(slot, alice)) == [book["A1"], book["A2"], extra2]
    driver.clear(slot)
    market.claimAll(slot, alice, sender=alice)
    assert list(market_lens.getOpenOrders(slot, alice)) == []


def test_open_orders__beyond_two_words_of_sequences__all_listed_in_order(
    market_lens, driver, market, alice, slot
):
    # 3 sequences inline, then 10 per word: 25 orders span the inline ones and two words.
    ids = [driver.ask(alice, slot, 10 + i, 100) for i in range(25)]
    assert list(market_lens.getOpenOrders(slot, alice)) == ids
    market.cancelOrder(ids[14], sender=alice)
    market.cancelOrder(ids[0], sender=alice)
    assert list(market_lens.getOpenOrders(slot, alice)) == ids[1:14] + ids[15:]


def test_lens__market__is_the_one_it_reads(market_lens, market):
    assert market_lens.market() == market.address


def test_preview_order__before_claim__equals_the_claim(driver, market, book, slot):
    driver.clear(slot)
    for name in ("C1", "C2", "D1", "A1", "A2", "B1", "B2"):
        preview = market.previewOrder(book[name])
        assert (preview.cleared, preview.claimed) == (True, False)
        tx = market.claimOrder(book[name], sender=driver.keeper)
        filled = tx.events.filter(market.OrderFilled)[0]
        assert (preview.filled, preview.refund) == (filled.filledQuantity, filled.refunded)
        assert preview.cost == preview.filled * (P20 // 1000)
        assert market.previewOrder(book[name]).claimed is True


def test_preview_position__before_claims__matches_claimed_position(
    driver, market, book, alice, bob, carol, slot
):
    assert market.previewPosition(slot, alice) == (0, 0, 2)  # not cleared yet
    driver.clear(slot)
    expected = {alice: (0, 760, 2), bob: (0, 240, 2), carol: (400, 0, 2)}
    for trader, position in expected.items():
        assert market.previewPosition(slot, trader) == position
    for trader, (bought, sold, _) in expected.items():
        assert market.claimAll.call(slot, trader) == (bought, sold, 0)
        market.claimAll(slot, trader, sender=driver.keeper)
        assert market.getPosition(slot, trader) == (bought, sold, 0)


def test_claim_all__not_cleared__reverts_and_nothing_open_is_a_no_op(
    market, book, alice, attacker, slot
):
    with ape.reverts(market.EnergyMarketAuctionNotCleared, slot=slot):
        market.claimAll(slot, alice, sender=attacker)
    assert market.claimAll(slot, attacker, sender=attacker).events == []


def test_preview_order__unknown__reverts(market, slot):
    with ape.reverts(market.EnergyMarketUnknownOrder, orderId=slot << 32):
        market.previewOrder(slot << 32)


def test_slot_status__phases_through_the_slot_life(
    lens, driver, settlement, panels, book, chain, alice, bob, attacker, slot
):
    status = lens.getSlotStatus(slot)
    assert (status.phase, status.gateClosure) == (SlotPhase.TRADING, slot - LEAD)
    assert status.reportingDeadline == driver.reporting_deadline(slot)
    chain.mine(timestamp=slot - LEAD)
    assert lens.getSlotStatus(slot).phase == SlotPhase.GATE_CLOSED
    driver.clear(slot)
    assert lens.getSlotStatus(slot).phase == SlotPhase.DELIVERY
    driver.report(slot, {panels[alice]: 700, panels[bob]: 300})
    finalised = driver.finalize_oracle(slot).timestamp
    status = lens.getSlotStatus(slot)
    assert (status.phase, status.oracleFinalizedAt) == (SlotPhase.DISPUTE_WINDOW, finalised)
    assert status.disputeWindowEnd == finalised + SP.dispute_window
    driver.open_settlement(slot)
    settlement.settleParticipant(slot, alice, sender=attacker)
    status = lens.getSlotStatus(slot)
    assert (status.phase, status.mode) == (SlotPhase.SETTLING, SettlementMode.NORMAL)
    assert (status.sellers, status.sellersSettled) == (1, 1)
    assert status.openAsks == 2  # bob's asks are claimed when bob settles
    driver.keep(slot)
    status = lens.getSlotStatus(slot)
    assert (status.phase, status.isFinalized, status.boughtLeftWh) == (SlotPhase.SETTLED, True, 0)


def test_preview_settlement__seller_and_buyer__match_the_settlement(
    lens, driver, settlement, ready_book, alice, bob, carol, attacker, slot
):
    preview = lens.previewSettlement(slot, alice)
    assert preview.ready is True and preview.disputed is False
    assert (preview.sold, preview.produced, preview.delivered) == (760, 700, 700)
    tx = settlement.settleParticipant(slot, alice, sender=attacker)
    executed = tx.events.filter(settlement.SettlementExecuted)[0]
    assert (preview.proceeds, preview.penalty) == (executed.payment, executed.penalty)
    assert preview.fee == 700 * UNIT * SP.fee_bps // 10_000
    settlement.settleParticipant(slot, bob, sender=attacker)
    preview = lens.previewSettlement(slot, carol)
    assert preview.buyerReady is True
    tx = settlement.settleParticipant(slot, carol, sender=attacker)
    executed = tx.events.filter(settlement.SettlementExecuted)[0]
    assert (preview.received, preview.penaltyShare) == (executed.energyDelivered, executed.penalty)
    assert preview.refund == executed.shortfall * UNIT


@pytest.fixture
def ready_book(driver, book, deliver, chain, alice, bob, slot):
    """The standard book cleared (orders unclaimed); alice produced 700 Wh, bob 300; settlement
    is open (a block is mined at that time, so views see it)."""
    driver.clear(slot)
    deliver(slot, {alice: 700, bob: 300})
    chain.mine()
    return book
