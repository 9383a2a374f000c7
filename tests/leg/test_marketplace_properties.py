"""Hypothesis properties of the book: the marketplace holds exactly the escrow it owes, and
every fill is the best eligible offer (no cheaper eligible offer rests after a match)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import ZONE

COMPUTE = 0
MILLI = 10**15  # 0.001 WATT, the tick

offers = st.lists(
    st.tuples(st.sampled_from(["alice", "bob", "dave"]), st.integers(1, 40), st.integers(1, 3_000)),
    min_size=1,
    max_size=4,
)
orders = st.lists(st.tuples(st.integers(1, 40), st.integers(1, 4_000)), min_size=1, max_size=4)


@settings(max_examples=6, deadline=None)
@given(book=offers, wanted=orders)
def test_book__escrow_held_equals_owed_and_fills_are_best(
    legm, watt, chain, alice, bob, carol, dave, book, wanted
):
    sellers = {"alice": alice, "bob": bob, "dave": dave}
    with chain.isolate():
        held_before = watt.balanceOf(legm)
        for name, ticks, amount in book:
            legm.postOffer(COMPUTE, amount, ticks * MILLI, sender=sellers[name])
        order_ids, trade_ids = [], []
        for ticks, amount in wanted:
            tx = legm.postOrder(COMPUTE, amount, ticks * MILLI, 0, 0, 0, ZONE, sender=carol)
            order_ids.append(tx.events.filter(legm.OrderPosted)[0].orderId)
            for fill in tx.events.filter(legm.TradeMatched):
                trade_ids.append(fill.tradeId)
                # No offer cheaper than the fill's price rests after it (price priority).
                for hub in (1, 2, 3):
                    offer_id = legm.offerOf(hub, COMPUTE)
                    if offer_id:
                        assert legm.offer(offer_id).priceLevel * MILLI >= fill.price
        owed = sum(legm.order(i).escrow for i in order_ids)
        owed += sum(legm.trade(i).escrow for i in trade_ids)
        assert watt.balanceOf(legm) - held_before == owed
