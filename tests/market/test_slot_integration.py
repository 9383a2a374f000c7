"""Whole slots from the first order to the closed settlement, with the exact balance change of
every participant and the treasury: WATT (18 decimals), bonded stake, energy credits (Wh).

Prices (WATT base units per kWh): tick t costs 0.050 + 0.002 t WATT/kWh. Fee 0.25 % of seller
proceeds; shortfall penalty 0.50 WATT/kWh (or p* if higher), capped by the 0.60 WATT/kWh
collateral. Each slot must leave no escrow, encumbrance, pooled penalty or held credit behind.
"""

from __future__ import annotations

from gridset.deploy.params import SettlementParams

SP = SettlementParams()
NAMES = ("alice", "bob", "carol", "dave", "treasury")


def _deltas(before: dict, after: dict) -> dict:
    return {n: tuple(a - b for a, b in zip(after[n], before[n], strict=True)) for n in NAMES}


def _no_change() -> dict:
    return dict.fromkeys(NAMES, (0, 0, 0))


def test_normal_slot__two_sellers_two_buyers_rationed_asks__exact_balances(
    driver, settlement, place_book, deliver, balances, nothing_left, alice, bob, carol, dave, slot
):
    """Standard book: p* = 0.090 WATT/kWh, 1,000 Wh; the asks at p* are rationed (A2 160 Wh of
    200, B1 240 of 300). alice sells 760 Wh and produces 700 (60 short), bob sells 240 Wh and
    produces 300. Delivered 940 Wh; buyers share it and alice's penalty pro rata."""
    before = balances()
    book = place_book(slot)
    cleared = driver.clear(slot)
    assert cleared.events == [driver.market.AuctionCleared(slot, 90 * 10**15, 1_000)]
    driver.claim(book.values())
    deliver(slot, {alice: 700, bob: 300})
    receipts = driver.settle(slot, [alice, bob, carol, dave])
    assert receipts[-1].events[0] == settlement.TimeSlotSettled(
        slot, 940, 84_600_000_000_000_000, 211_500_000_000_000
    )
    assert _deltas(before, balances()) == {
        # 700 Wh x 0.09 = 0.063 WATT minus 0.25 %; stake: 60 Wh x 0.50 WATT/kWh.
        "alice": (62_842_500_000_000_000, -30_000_000_000_000_000, 0),
        # 240 Wh x 0.09 = 0.0216 WATT minus 0.25 %; keeps the 60 Wh it produced beyond its sale.
        "bob": (21_546_000_000_000_000, 0, 60),
        # Receives 376 Wh of 400 (pays 0.03384 WATT) and 24/60 of the penalty (0.012 WATT).
        "carol": (-21_840_000_000_000_000, 0, 376),
        # Receives 564 Wh of 600 (pays 0.05076 WATT) and 36/60 of the penalty (0.018 WATT).
        "dave": (-32_760_000_000_000_000, 0, 564),
        "treasury": (211_500_000_000_000, 0, 0),
    }
    nothing_left(slot)


def test_seller_delivers_nothing__penalty_reaches_the_buyers(
    driver, settlement, place_book, deliver, balances, nothing_left, alice, carol, dave, slot
):
    """alice's panel is registered but no operator reports it: 0 Wh produced. She sold 800 Wh at
    p* = 0.072 WATT/kWh (ticks 10..12 tie, the middle one wins) and loses 800 Wh x 0.50 WATT/kWh
    = 0.4 WATT of stake, which the buyers share pro rata; their escrow comes back in full."""
    before = balances()
    book = place_book(
        slot,
        (
            ("A", "alice", False, 10, 800),
            ("C", "carol", True, 14, 500),
            ("D", "dave", True, 12, 300),
        ),
    )
    assert driver.clear(slot).events == [driver.market.AuctionCleared(slot, 72 * 10**15, 800)]
    driver.claim(book.values())
    deliver(slot, {})
    receipts = driver.settle(slot, [alice, carol, dave])
    assert receipts[0].events.filter(settlement.SettlementExecuted) == [
        settlement.SettlementExecuted(slot, alice, True, 0, 0, 800, 0, 4 * 10**17),
        settlement.SettlementExecuted(slot, carol, False, 0, 0, 500, 0, 25 * 10**16),
        settlement.SettlementExecuted(slot, dave, False, 0, 0, 300, 0, 15 * 10**16),
    ]
    assert _deltas(before, balances()) == {
        "alice": (0, -4 * 10**17, 0),
        "bob": (0, 0, 0),
        "carol": (25 * 10**16, 0, 0),
        "dave": (15 * 10**16, 0, 0),
        "treasury": (0, 0, 0),
    }
    nothing_left(slot)


def test_no_trade__bids_below_asks__refunds_everything_and_credits_production(
    driver, settlement, market, place_book, deliver, balances, nothing_left, alice, carol, slot
):
    before = balances()
    book = place_book(
        slot,
        (
            ("A", "alice", False, 30, 500),
            ("C", "carol", True, 20, 400),
            ("D", "dave", True, 29, 100),
        ),
    )
    assert driver.clear(slot).events == [market.AuctionCleared(slot, 0, 0)]
    driver.claim(book.values())
    deliver(slot, {alice: 200})
    receipts = driver.settle(slot, [alice, carol])
    assert receipts[0].events.filter(settlement.SettlementExecuted) == [
        settlement.SettlementExecuted(slot, alice, True, 200, 0, 0, 0, 0)
    ]
    assert receipts[0].events.filter(settlement.SettlementBatchCompleted) == [
        settlement.SettlementBatchCompleted(slot, 1, 1)
    ]
    assert receipts[-1].events == [settlement.TimeSlotSettled(slot, 0, 0, 0)]
    assert _deltas(before, balances()) == {**_no_change(), "alice": (0, 0, 200)}
    nothing_left(slot)


def test_one_sided_book__only_bids_or_only_asks__nothing_matches_nothing_moves(
    driver, settlement, market, place_book, balances, nothing_left, slot
):
    before = balances()
    bids = place_book(slot, (("C", "carol", True, 10, 300), ("D", "dave", True, 15, 200)))
    asks = place_book(slot + 900, (("A", "alice", False, 10, 300), ("B", "bob", False, 15, 200)))
    for one_sided, book in ((slot, bids), (slot + 900, asks)):
        assert driver.clear(one_sided).events == [market.AuctionCleared(one_sided, 0, 0)]
        driver.claim(book.values())
    for one_sided in (slot, slot + 900):
        driver.finalize_oracle(one_sided)
        driver.open_settlement(one_sided)
        receipts = driver.settle(one_sided, [])  # the keeper settles and closes
        assert receipts[-1].events.filter(settlement.TimeSlotSettled) == [
            settlement.TimeSlotSettled(one_sided, 0, 0, 0)
        ]
        nothing_left(one_sided)
    assert _deltas(before, balances()) == _no_change()


def test_timeout__oracle_finalisable__keeper_finalises_it_and_settles_normally(
    driver, settlement, place_book, nothing_left, panels, alice, bob, slot
):
    """Issue 9 item 6: production is reported but nobody finalises the oracle. At the reporting
    deadline plus the settlement timeout the keeper's first call finalises it (timeout mode would
    let alice, 60 Wh short, off without penalty); after the dispute window the keeper settles the
    slot in normal mode, claims included, and alice pays her penalty."""
    place_book(slot)
    driver.clear(slot)
    driver.report(slot, {panels[alice]: 700, panels[bob]: 300})
    driver.time_out(slot)
    first = settlement.settleTimeSlot(slot, sender=driver.keeper)
    assert first.events.filter(settlement.SettlementStarted) == []
    driver.open_settlement(slot)
    receipts = driver.keep(slot)
    assert receipts[0].events.filter(settlement.SettlementStarted) == [
        settlement.SettlementStarted(slot, False)
    ]
    penalties = [e for r in receipts for e in r.events.filter(settlement.PenaltyAssessed)]
    assert [(p.participant, p.reason) for p in penalties] == [(alice.address, "shortfall")]
    assert settlement.isTimeSlotSettled(slot) is True
    nothing_left(slot)


def test_dispute_upheld__corrected_production_changes_the_settlement(
    driver,
    settlement,
    watt,
    place_book,
    balances,
    nothing_left,
    panels,
    deployer,
    alice,
    bob,
    carol,
    dave,
    slot,
):
    """The oracle accepted 300 Wh for bob; carol disputes it within the window and the arbiter
    corrects it to 150 Wh. bob now delivers 150 of his 240 Wh (90 short, 0.045 WATT penalty),
    the buyers share 850 Wh and a 0.075 WATT penalty pool, and carol's bond comes back."""
    before = balances()
    book = place_book(slot)
    driver.clear(slot)
    driver.claim(book.values())
    driver.report(slot, {panels[alice]: 700, panels[bob]: 300})
    driver.finalize_oracle(slot)
    settlement.raiseDispute(slot, bob, sender=carol)
    assert watt.balanceOf(settlement) == SP.dispute_bond
    settlement.resolveDispute(slot, bob, True, 150, sender=deployer)
    driver.open_settlement(slot)
    receipts = driver.settle(slot, [alice, bob, carol, dave])
    assert receipts[-1].events[0] == settlement.TimeSlotSettled(
        slot, 850, 76_500_000_000_000_000, 191_250_000_000_000
    )
    assert _deltas(before, balances()) == {
        "alice": (62_842_500_000_000_000, -30_000_000_000_000_000, 0),
        # 150 Wh x 0.09 WATT/kWh minus 0.25 %; stake: 90 Wh x 0.50 WATT/kWh.
        "bob": (13_466_250_000_000_000, -45_000_000_000_000_000, 0),
        # Receives 340 Wh (pays 0.0306 WATT) and 60/150 of 0.075 WATT; the bond came back.
        "carol": (-600_000_000_000_000, 0, 340),
        # Receives 510 Wh (pays 0.0459 WATT) and 90/150 of the pool.
        "dave": (-900_000_000_000_000, 0, 510),
        "treasury": (191_250_000_000_000, 0, 0),
    }
    nothing_left(slot)
