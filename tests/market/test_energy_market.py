"""EnergyMarket: placement, cancellation, auction start, clearing, claims, escrow, governance,
views.

The standard book (tests/market/conftest.py) clears 1,000 Wh at tick 20 with the ask side rationed.
"""

from __future__ import annotations

import ape
import pytest
from ape.utils import ZERO_ADDRESS

from gridset.bench import intrinsic_gas
from gridset.chain_time import next_slot_start
from gridset.deploy.params import MarketParams

MP = MarketParams()
SLOT = 900
LEAD = MP.gate_closure_lead
COLLATERAL = MP.collateral_per_kwh
MAX_ORDER_WH = 2**40 - 1
P20 = MP.price_floor + 20 * MP.tick_size  # the standard book's clearing price


def _name(text: str) -> bytes:
    return text.encode().ljust(32, b"\x00")


def _price(tick: int) -> int:
    return MP.price_floor + tick * MP.tick_size


def _collateral(wh: int) -> int:
    return wh * COLLATERAL // 1000


def _escrow(wh: int, tick: int) -> int:
    return wh * _price(tick) // 1000


@pytest.fixture
def auctioneer(market, deployer):
    market.grantRole(market.AUCTIONEER_ROLE(), deployer, sender=deployer)
    return deployer


# ---------------------------------------------------------------- constructor


def test_constructor__wires_tokens_parameters_and_roles(market, watt, vault, settlement, deployer):
    assert market.paymentToken() == watt.address
    assert market.stakingVault() == vault.address
    assert market.slotLength() == SLOT
    assert market.gateClosureLead() == LEAD
    assert market.marketParameters() == (
        MP.price_floor,
        MP.tick_size,
        MP.collateral_per_kwh,
        MP.min_order_wh,
        MP.max_lead_time,
    )
    assert market.hasRole(market.SETTLEMENT_ROLE(), settlement)
    assert market.hasRole(market.PAUSER_ROLE(), deployer)
    assert market.hasRole(market.DEFAULT_ADMIN_ROLE(), deployer)


def test_constructor__emits_role_and_every_parameter(project, chain, deployer, watt, vault):
    market = deployer.deploy(
        project.EnergyMarket, deployer, watt, vault, 3600, (1000, 2000, 3000, 60, 7200, 5)
    )
    assert chain.get_receipt(market.txn_hash).events == [
        market.RoleGranted(market.DEFAULT_ADMIN_ROLE(), deployer, deployer),
        market.PriceGridUpdated(1000, 2000),
        market.CollateralRequirementUpdated(3000),
        market.GateClosureLeadUpdated(60),
        market.MaxLeadTimeUpdated(7200),
        market.MinOrderQuantityUpdated(5),
    ]


@pytest.mark.parametrize(
    ("which", "value"), [("paymentToken", 0), ("vault", 0), ("slotLength", 0), ("slotLength", 7)]
)
def test_constructor__invalid_dependency_or_slot_length__reverts(
    project, deployer, watt, vault, which, value
):
    args = {"paymentToken": watt.address, "vault": vault.address, "slotLength": 900}
    args[which] = ZERO_ADDRESS if which != "slotLength" else value
    with ape.reverts(
        project.EnergyMarket.EnergyMarketInvalidParameter, name=_name(which), value=value
    ):
        deployer.deploy(
            project.EnergyMarket,
            deployer,
            args["paymentToken"],
            args["vault"],
            args["slotLength"],
            MP.constructor_args(),
        )


# ---------------------------------------------------------------- placeBid


def test_place_bid__first_order_of_slot__opens_auction_escrows_and_emits(market, watt, alice, slot):
    price, wh = _price(12), 1_500
    escrow = wh * price // 1000
    before = watt.balanceOf(alice)
    tx = market.placeBid(slot, price, wh, sender=alice)
    order_id = slot << 32
    assert tx.events == [
        market.AuctionStarted(slot, tx.timestamp, slot - LEAD),
        market.OrderPlaced(order_id, slot, alice, True, price, wh),
        watt.Transfer(alice, market, escrow),
    ]
    assert watt.balanceOf(alice) == before - escrow
    assert watt.balanceOf(market) == escrow
    assert market.escrowOf(slot) == escrow
    assert market.getOrder(order_id) == (order_id, alice, True, price, wh, 0, slot, True)
    assert market.getAuction(slot) == (slot, tx.timestamp, slot - LEAD, 0, wh, 0, False)
    assert market.getPosition(slot, alice) == (0, 0, 1)


def test_place_bid__second_order__numbers_sequentially_without_new_auction(
    market, watt, alice, bob, slot
):
    market.placeBid(slot, _price(3), 100, sender=alice)
    tx = market.placeBid(slot, _price(3), 250, sender=bob)
    assert tx.events == [
        market.OrderPlaced(slot << 32 | 1, slot, bob, True, _price(3), 250),
        watt.Transfer(bob, market, _escrow(250, 3)),
    ]
    assert market.escrowOf(slot) == _escrow(350, 3)
    assert market.getAuction(slot).totalBidQuantity == 350


def test_place_bid__without_allowance__reverts(market, watt, attacker, slot):
    with ape.reverts(
        watt.ERC20InsufficientAllowance, spender=market, allowance=0, needed=_escrow(100, 0)
    ):
        market.placeBid(slot, _price(0), 100, sender=attacker)


def test_place_bid__misaligned_slot__reverts(market, alice, slot):
    with ape.reverts(market.EnergyMarketSlotMisaligned, slot=slot + 1, slotLength=SLOT):
        market.placeBid(slot + 1, _price(0), 100, sender=alice)


def test_place_bid__one_second_before_gate_closure__is_accepted(market, alice, warp, slot):
    warp(slot - LEAD - 1)
    market.placeBid(slot, _price(0), 100, sender=alice)
    assert market.getAuction(slot).totalBidQuantity == 100


def test_place_bid__at_gate_closure__reverts(market, alice, warp, slot):
    warp(slot - LEAD)
    with ape.reverts(
        market.EnergyMarketGateClosed, slot=slot, gateClosure=slot - LEAD, nowTime=slot - LEAD
    ):
        market.placeBid(slot, _price(0), 100, sender=alice)


def test_place_bid__after_gate_of_open_auction__reverts(market, alice, bob, warp, slot):
    market.placeBid(slot, _price(0), 100, sender=alice)
    warp(slot - LEAD + 5)
    with ape.reverts(
        market.EnergyMarketGateClosed, slot=slot, gateClosure=slot - LEAD, nowTime=slot - LEAD + 5
    ):
        market.placeBid(slot, _price(0), 100, sender=bob)


@pytest.mark.parametrize("slots_back", [1, 2])
def test_place_order__for_a_past_slot__reverts_gate_closed(market, alice, warp, slot, slots_back):
    past, now = slot - slots_back * SLOT, slot - LEAD - 1
    warp(now)
    with ape.reverts(
        market.EnergyMarketGateClosed, slot=past, gateClosure=past - LEAD, nowTime=now
    ):
        market.placeBid(past, _price(0), 100, sender=alice)
    warp(now + 1)
    with ape.reverts(
        market.EnergyMarketGateClosed, slot=past, gateClosure=past - LEAD, nowTime=now + 1
    ):
        market.placeAsk(past, _price(0), 100, sender=alice)


def test_place_bid__beyond_max_lead_time__reverts(market, chain, alice, warp):
    now = chain.pending_timestamp + 10
    far = next_slot_start(now + MP.max_lead_time, SLOT)
    warp(now)
    with ape.reverts(
        market.EnergyMarketSlotTooFarAhead, slot=far, latestSlot=now + MP.max_lead_time
    ):
        market.placeBid(far, _price(0), 100, sender=alice)
    market.placeBid(far - SLOT, _price(0), 100, sender=alice)


@pytest.mark.parametrize(
    "price",
    [
        MP.price_floor - 1000,  # below the floor
        MP.price_floor + MP.tick_size // 2,  # between ticks
        MP.price_floor + 256 * MP.tick_size,  # above the top tick (255)
    ],
)
def test_place_order__price_off_grid__reverts(market, alice, slot, price):
    for place in (market.placeBid, market.placeAsk):
        with ape.reverts(
            market.EnergyMarketPriceOffGrid,
            price=price,
            priceFloor=MP.price_floor,
            tickSize=MP.tick_size,
        ):
            place(slot, price, 100, sender=alice)


def test_place_bid__at_top_tick__is_accepted(market_lens, market, alice, slot):
    market.placeBid(slot, _price(255), 10, sender=alice)
    assert market_lens.getBestBid(slot)[0] == _price(255)


@pytest.mark.parametrize("wh", [MP.min_order_wh - 1, MAX_ORDER_WH + 1])
def test_place_order__quantity_out_of_range__reverts(market, alice, slot, wh):
    for place in (market.placeBid, market.placeAsk):
        with ape.reverts(
            market.EnergyMarketQuantityOutOfRange,
            quantity=wh,
            minQuantity=MP.min_order_wh,
            maxQuantity=MAX_ORDER_WH,
        ):
            place(slot, _price(0), wh, sender=alice)


# ---------------------------------------------------------------- placeAsk


def test_place_ask__encumbers_collateral_and_emits(market, vault, alice, slot):
    free = vault.freeStake(alice)
    tx = market.placeAsk(slot, _price(7), 2_000, sender=alice)
    order_id = slot << 32
    assert tx.events == [
        market.AuctionStarted(slot, tx.timestamp, slot - LEAD),
        market.OrderPlaced(order_id, slot, alice, False, _price(7), 2_000),
        vault.StakeEncumbered(alice, slot, _collateral(2_000)),
    ]
    assert vault.encumberedStake(alice) == _collateral(2_000)
    assert vault.freeStake(alice) == free - _collateral(2_000)
    assert market.escrowOf(slot) == 0
    assert market.getOrder(order_id) == (order_id, alice, False, _price(7), 2_000, 0, slot, True)
    assert market.getClearing(slot) == (True, False, 0, 0, 1, 0, COLLATERAL, 1, slot - LEAD)


def test_place_ask__without_free_stake__reverts(market, vault, attacker, slot):
    with ape.reverts(
        vault.StakingVaultInsufficientFreeStake, staker=attacker, free=0, needed=_collateral(500)
    ):
        market.placeAsk(slot, _price(0), 500, sender=attacker)


def test_place_ask__zero_collateral_requirement__encumbers_nothing(
    market, vault, deployer, attacker, slot
):
    market.setCollateralRequirement(0, sender=deployer)
    tx = market.placeAsk(slot, _price(0), 500, sender=attacker)
    assert tx.events.filter(vault.StakeEncumbered) == []
    assert market.getClearing(slot).collateralPerKWh == 0


# ---------------------------------------------------------------- cancelOrder


def test_cancel_bid__before_gate__refunds_escrow_and_removes_level(
    market_lens, driver, market, watt, alice, slot
):
    before = watt.balanceOf(alice)
    order_id = driver.bid(alice, slot, 9, 700)
    tx = market.cancelOrder(order_id, sender=alice)
    assert tx.events == [
        market.OrderCancelled(order_id, slot, alice),
        watt.Transfer(market, alice, _escrow(700, 9)),
    ]
    assert watt.balanceOf(alice) == before
    assert market.escrowOf(slot) == 0
    assert market.getOrder(order_id).isActive is False
    assert market_lens.getOrderBook(slot) == ([], [], [])
    assert market_lens.getBestBid(slot)[0] == 0
    assert market.getPosition(slot, alice) == (0, 0, 0)
    assert market.getAuction(slot).totalBidQuantity == 0


def test_cancel_ask__before_gate__releases_stake(market_lens, driver, market, vault, alice, slot):
    order_id = driver.ask(alice, slot, 9, 700)
    tx = market.cancelOrder(order_id, sender=alice)
    assert tx.events == [
        market.OrderCancelled(order_id, slot, alice),
        vault.StakeReleased(alice, slot, _collateral(700)),
    ]
    assert vault.encumberedStake(alice) == 0
    assert market.getClearing(slot).openAsks == 0
    assert market_lens.getBestAsk(slot)[0] == 0


def test_cancel__one_of_two_orders_at_a_level__keeps_the_other(
    market_lens, driver, market, alice, bob, slot
):
    first = driver.bid(alice, slot, 4, 100)
    driver.bid(bob, slot, 4, 300)
    market.cancelOrder(first, sender=alice)
    assert market_lens.getOrderBook(slot) == ([_price(4)], [300], [0])
    assert market_lens.getBestBid(slot)[0] == _price(4)


def test_cancel__by_someone_else__reverts(driver, market, alice, attacker, slot):
    order_id = driver.bid(alice, slot, 0, 100)
    with ape.reverts(market.EnergyMarketNotOrderOwner, orderId=order_id, caller=attacker):
        market.cancelOrder(order_id, sender=attacker)


def test_cancel__unknown_order__reverts(market, alice, slot):
    with ape.reverts(market.EnergyMarketUnknownOrder, orderId=slot << 32):
        market.cancelOrder(slot << 32, sender=alice)


def test_cancel__twice__reverts(driver, market, alice, slot):
    order_id = driver.bid(alice, slot, 0, 100)
    market.cancelOrder(order_id, sender=alice)
    with ape.reverts(market.EnergyMarketOrderNotActive, orderId=order_id):
        market.cancelOrder(order_id, sender=alice)


def test_cancel__after_gate_closure__reverts_and_keeps_order(driver, market, alice, warp, slot):
    order_id = driver.bid(alice, slot, 0, 100)
    warp(slot - LEAD)
    with ape.reverts(
        market.EnergyMarketGateClosed, slot=slot, gateClosure=slot - LEAD, nowTime=slot - LEAD
    ):
        market.cancelOrder(order_id, sender=alice)
    assert market.getOrder(order_id).isActive is True
    assert market.escrowOf(slot) == _escrow(100, 0)


# ---------------------------------------------------------------- startAuction


def test_start_auction__sets_earlier_gate_and_snapshots_grid(
    driver, market, auctioneer, deployer, alice, warp, slot
):
    start = slot - SLOT
    warp(start)
    tx = market.startAuction(slot, 400, sender=auctioneer)
    assert tx.events == [market.AuctionStarted(slot, start, start + 400)]
    market.setPriceGrid(0, 1000, sender=deployer)  # later auctions only
    driver.bid(alice, slot, 3, 100)
    assert market.getOrder(slot << 32).price == _price(3)
    warp(start + 400)
    with ape.reverts(
        market.EnergyMarketGateClosed, slot=slot, gateClosure=start + 400, nowTime=start + 400
    ):
        market.placeBid(slot, _price(3), 100, sender=alice)


def test_start_auction__without_role__reverts(market, attacker, slot):
    with ape.reverts(
        market.AccessControlUnauthorizedAccount,
        account=attacker,
        neededRole=market.AUCTIONEER_ROLE(),
    ):
        market.startAuction(slot, 60, sender=attacker)


def test_start_auction__after_first_order__reverts(driver, market, auctioneer, alice, slot):
    driver.bid(alice, slot, 0, 100)
    with ape.reverts(market.EnergyMarketAuctionExists, slot=slot):
        market.startAuction(slot, 60, sender=auctioneer)


@pytest.mark.parametrize("extra", [None, 1])
def test_start_auction__zero_or_past_default_gate__reverts(market, auctioneer, warp, slot, extra):
    now = slot - SLOT
    max_duration = slot - LEAD - now
    duration = 0 if extra is None else max_duration + extra
    warp(now)
    with ape.reverts(
        market.EnergyMarketInvalidDuration, duration=duration, maxDuration=max_duration
    ):
        market.startAuction(slot, duration, sender=auctioneer)


def test_start_auction__gate_already_passed__reverts(market, auctioneer, warp, slot):
    warp(slot - LEAD)
    with ape.reverts(market.EnergyMarketInvalidDuration, duration=1, maxDuration=0):
        market.startAuction(slot, 1, sender=auctioneer)


def test_start_auction__misaligned__reverts(market, auctioneer, slot):
    with ape.reverts(market.EnergyMarketSlotMisaligned, slot=slot + 60, slotLength=SLOT):
        market.startAuction(slot + 60, 60, sender=auctioneer)


# ---------------------------------------------------------------- clearAuction


def test_clear__standard_book__by_anyone_at_gate__one_price_max_volume(
    market, book, attacker, warp, slot
):
    warp(slot - LEAD)
    tx = market.clearAuction(slot, sender=attacker)
    assert tx.events == [market.AuctionCleared(slot, P20, 1_000)]
    assert market.getClearing(slot) == (True, True, P20, 1_000, 4, 0, COLLATERAL, 7, slot - LEAD)
    auction = market.getAuction(slot)
    assert (auction.clearingPrice, auction.isCleared) == (P20, True)


def test_clear__no_order_ever__reverts(market, attacker, warp, slot):
    warp(slot)
    with ape.reverts(market.EnergyMarketNoAuction, slot=slot):
        market.clearAuction(slot, sender=attacker)


def test_clear__before_gate_closure__reverts(market, book, attacker, warp, slot):
    warp(slot - LEAD - 1)
    with ape.reverts(
        market.EnergyMarketAuctionOpen, slot=slot, gateClosure=slot - LEAD, nowTime=slot - LEAD - 1
    ):
        market.clearAuction(slot, sender=attacker)


def test_clear__twice__reverts(driver, market, book, attacker, slot):
    driver.clear(slot)
    with ape.reverts(market.EnergyMarketAuctionCleared, slot=slot):
        market.clearAuction(slot, sender=attacker)


def test_clear__started_auction_without_orders__clears_nothing(
    market, auctioneer, attacker, warp, slot
):
    warp(slot - SLOT)
    market.startAuction(slot, 100, sender=auctioneer)
    warp(slot - SLOT + 100)
    tx = market.clearAuction(slot, sender=attacker)
    assert tx.events == [market.AuctionCleared(slot, 0, 0)]
    assert market.getClearing(slot) == (True, True, 0, 0, 0, 0, COLLATERAL, 0, slot - SLOT + 100)


def test_clear__every_order_cancelled__clears_nothing(driver, market, alice, bob, slot):
    bid, ask = driver.bid(alice, slot, 10, 100), driver.ask(bob, slot, 5, 100)
    market.cancelOrder(bid, sender=alice)
    market.cancelOrder(ask, sender=bob)
    tx = driver.clear(slot)
    assert tx.events == [market.AuctionCleared(slot, 0, 0)]


@pytest.mark.parametrize(
    ("ask_tick", "bid_tick", "expected_tick"),
    [(10, 20, 15), (10, 13, 11), (7, 7, 7), (0, 255, 127)],
)
def test_clear__equal_volume_and_imbalance_range__takes_middle_tick_rounded_down(
    driver, market, alice, bob, slot, ask_tick, bid_tick, expected_tick
):
    driver.ask(alice, slot, ask_tick, 500)
    driver.bid(bob, slot, bid_tick, 500)
    tx = driver.clear(slot)
    assert tx.events == [market.AuctionCleared(slot, _price(expected_tick), 500)]


def test_clear__several_max_volume_ticks__least_imbalance_wins(
    driver, market, alice, bob, carol, slot
):
    # V = 300 at ticks 10..20; |D - S| is 200 at 10..14 (D 500, S 300) and 0 at 15..20.
    driver.ask(alice, slot, 10, 300)
    driver.bid(bob, slot, 20, 300)
    driver.bid(carol, slot, 14, 200)
    tx = driver.clear(slot)
    assert tx.events == [market.AuctionCleared(slot, _price(17), 300)]


def test_clear__bids_only_below_asks__nothing_matches(driver, market, alice, bob, slot):
    driver.ask(alice, slot, 30, 500)
    driver.bid(bob, slot, 29, 500)
    tx = driver.clear(slot)
    assert tx.events == [market.AuctionCleared(slot, 0, 0)]
    assert market.getClearing(slot).volume == 0


def test_clear__while_paused__still_works(driver, market, book, deployer, slot):
    market.pause(sender=deployer)
    tx = driver.clear(slot)
    assert tx.events == [market.AuctionCleared(slot, P20, 1_000)]


def test_clear__gas_does_not_grow_with_orders_on_the_same_levels(driver, market, alice, bob, slot):
    """Two books on the same 6 price levels, 6 and 24 orders: clearing costs the same execution
    gas (the calldata cost differs with the zero bytes of the slot id)."""
    gas = []
    for n, book_slot in ((1, slot), (4, slot + SLOT)):
        for tick in (8, 10, 12):
            for _ in range(n):
                driver.ask(alice, book_slot, tick, 100)
                driver.bid(bob, book_slot, tick + 1, 100)
        receipt = driver.clear(book_slot)
        gas.append(receipt.gas_used - intrinsic_gas(receipt))
    assert gas[0] == gas[1]


# ---------------------------------------------------------------- claimOrder / claimOrders


@pytest.fixture
def cleared(driver, book, slot):
    driver.clear(slot)
    return book


def test_claim__inframarginal_bid__fills_at_clearing_price_and_refunds_difference(
    market, watt, cleared, carol, attacker, slot
):
    refund = 400 * (_price(30) - P20) // 1000
    before = watt.balanceOf(carol)
    tx = market.claimOrder(cleared["C1"], sender=attacker)
    assert tx.events == [
        market.OrderFilled(cleared["C1"], slot, carol, 400, P20, refund),
        watt.Transfer(market, carol, refund),
    ]
    assert watt.balanceOf(carol) == before + refund
    assert market.getOrder(cleared["C1"])[5:] == (400, cleared["C1"] >> 32, False)


def test_claim__marginal_bid_at_clearing_price__fills_without_refund(market, cleared, dave, slot):
    tx = market.claimOrder(cleared["D1"], sender=dave)
    assert tx.events == [market.OrderFilled(cleared["D1"], slot, dave, 600, P20, 0)]


def test_claim__bid_below_clearing_price__refunds_everything(market, watt, cleared, carol, slot):
    tx = market.claimOrder(cleared["C2"], sender=carol)
    assert tx.events == [
        market.OrderFilled(cleared["C2"], slot, carol, 0, P20, _escrow(100, 5)),
        watt.Transfer(market, carol, _escrow(100, 5)),
    ]


def test_claim__inframarginal_ask__fills_completely_and_keeps_collateral(
    market, vault, cleared, alice, slot
):
    tx = market.claimOrder(cleared["A1"], sender=alice)
    assert tx.events == [market.OrderFilled(cleared["A1"], slot, alice, 600, P20, 0)]
    assert vault.encumberedStake(alice) == _collateral(600 + 200)


@pytest.mark.parametrize(
    ("first", "second"),
    [(("A2", "alice", 160), ("B1", "bob", 240)), (("B1", "bob", 240), ("A2", "alice", 160))],
)
def test_claim__marginal_asks__share_the_rest_pro_rata_and_release_unfilled_stake(
    market, vault, cleared, alice, bob, first, second, slot
):
    traders = {"alice": alice, "bob": bob}
    for name, trader, fill in (first, second):
        quantity = {"A2": 200, "B1": 300}[name]
        tx = market.claimOrder(cleared[name], sender=traders[trader])
        released = _collateral(quantity - fill)
        assert tx.events == [
            vault.StakeReleased(traders[trader], slot, released),
            market.OrderFilled(cleared[name], slot, traders[trader], fill, P20, released),
        ]
        assert market.getOrder(cleared[name]).filledQuantity == fill


def test_claim__marginal_level_with_rounding__fills_sum_exactly(
    driver, market, alice, bob, carol, dave, slot
):
    asks = [driver.ask(trader, slot, 10, 100) for trader in (alice, bob, carol)]
    driver.bid(dave, slot, 10, 200)
    driver.clear(slot)
    fills = []
    for order_id in asks:
        market.claimOrder(order_id, sender=dave)
        fills.append(market.getOrder(order_id).filledQuantity)
    # 100 * 200 // 300 = 66, then 100 * 134 // 200 = 67, and the last takes the 67 left.
    assert fills == [66, 67, 67]


def test_claim__ask_above_clearing_price__releases_all_collateral(
    market, vault, cleared, bob, slot
):
    tx = market.claimOrder(cleared["B2"], sender=bob)
    assert tx.events == [
        vault.StakeReleased(bob, slot, _collateral(100)),
        market.OrderFilled(cleared["B2"], slot, bob, 0, P20, _collateral(100)),
    ]


def test_claim__all__positions_clearing_escrow_and_encumbrance(
    driver, market, vault, cleared, alice, bob, carol, dave, slot
):
    driver.claim(cleared.values())
    assert market.getPosition(slot, alice) == (0, 760, 0)
    assert market.getPosition(slot, bob) == (0, 240, 0)
    assert market.getPosition(slot, carol) == (400, 0, 0)
    assert market.getPosition(slot, dave) == (600, 0, 0)
    assert market.getClearing(slot) == (True, True, P20, 1_000, 0, 2, COLLATERAL, 7, slot - LEAD)
    assert market.escrowOf(slot) == 1_000 * P20 // 1000
    assert vault.encumberedStake(alice) == _collateral(760)
    assert vault.encumberedStake(bob) == _collateral(240)


def test_claim__before_clearing__reverts(market, book, alice, slot):
    with ape.reverts(market.EnergyMarketAuctionNotCleared, slot=slot):
        market.claimOrder(book["A1"], sender=alice)


def test_claim__unknown_order__reverts(market, cleared, alice, slot):
    with ape.reverts(market.EnergyMarketUnknownOrder, orderId=slot << 32 | 99):
        market.claimOrder(slot << 32 | 99, sender=alice)


def test_claim__twice__reverts(market, cleared, alice):
    market.claimOrder(cleared["A1"], sender=alice)
    with ape.reverts(market.EnergyMarketOrderNotActive, orderId=cleared["A1"]):
        market.claimOrder(cleared["A1"], sender=alice)


def test_claim__cancelled_order__reverts(driver, market, alice, slot):
    order_id = driver.bid(alice, slot, 0, 100)
    market.cancelOrder(order_id, sender=alice)
    driver.ask(alice, slot, 0, 100)
    driver.clear(slot)
    with ape.reverts(market.EnergyMarketOrderNotActive, orderId=order_id):
        market.claimOrder(order_id, sender=alice)


def test_claim_orders__skips_claimed_and_cancelled_orders(
    driver, market, watt, cleared, carol, dave, attacker, slot
):
    market.claimOrder(cleared["C1"], sender=carol)
    tx = market.claimOrders([cleared["C1"], cleared["D1"], cleared["C1"]], sender=attacker)
    assert tx.events == [market.OrderFilled(cleared["D1"], slot, dave, 600, P20, 0)]
    assert market.getPosition(slot, dave) == (600, 0, 0)


def test_claim_orders__unknown_id_in_batch__reverts(market, cleared, attacker, slot):
    with ape.reverts(market.EnergyMarketUnknownOrder, orderId=slot << 32 | 7):
        market.claimOrders([cleared["A1"], slot << 32 | 7], sender=attacker)


@pytest.mark.parametrize("size", [0, 201])
def test_claim_orders__empty_or_oversized_batch__reverts(market, cleared, attacker, size):
    with ape.reverts(market.EnergyMarketInvalidBatchSize, size=size, maxSize=200):
        market.claimOrders([cleared["A1"]] * size, sender=attacker)


def test_claim__nothing_matched__refunds_and_releases_everything(
    driver, market, watt, vault, alice, bob, slot
):
    ask, bid = driver.ask(alice, slot, 30, 500), driver.bid(bob, slot, 29, 400)
    driver.clear(slot)
    tx = market.claimOrders([ask, bid], sender=bob)
    assert tx.events == [
        vault.StakeReleased(alice, slot, _collateral(500)),
        market.OrderFilled(ask, slot, alice, 0, 0, _collateral(500)),
        market.OrderFilled(bid, slot, bob, 0, 0, _escrow(400, 29)),
        watt.Transfer(market, bob, _escrow(400, 29)),
    ]
    assert market.escrowOf(slot) == 0
    assert vault.encumberedStake(alice) == 0


def test_slash__pooled_encumbrance_two_slots__settling_one_leaves_the_other_backed(
    driver, market, vault, settlement, deployer, alice, dave, slot
):
    """Issue 9 item 7 attack: alice has asks in two slots; the arbiter slashes as much as it
    can. Slashes stop at free + unbonding stake, so claiming (settling) the first slot releases
    only that slot's collateral and the second slot's ask stays fully backed for its buyers."""
    first = driver.ask(alice, slot, 10, 1_000)
    second = driver.ask(alice, slot + SLOT, 10, 1_000)
    bid = driver.bid(dave, slot, 10, 400)
    free = vault.freeStake(alice)
    with ape.reverts(
        vault.StakingVaultSlashExceedsStake, staker=alice, stake=free, needed=free + 1
    ):
        settlement.assessPenalty(alice, free + 1, "fraud", sender=deployer)
    settlement.assessPenalty(alice, free, "fraud", sender=deployer)
    assert vault.encumberedStake(alice) == 2 * _collateral(1_000)
    driver.clear(slot)
    tx = market.claimOrders([first, bid], sender=dave)
    assert tx.events.filter(market.OrderFilled)[0] == market.OrderFilled(
        first, slot, alice, 400, _price(10), _collateral(600)
    )
    # The first slot keeps its sold 400 Wh encumbered; the second slot's 1000 Wh are untouched.
    assert vault.encumberedStake(alice) == _collateral(400) + _collateral(1_000)
    tx = market.cancelOrder(second, sender=alice)
    assert tx.events == [
        market.OrderCancelled(second, slot + SLOT, alice),
        vault.StakeReleased(alice, slot + SLOT, _collateral(1_000)),
    ]


@pytest.fixture
def escrow_agent(market, deployer):
    market.grantRole(market.SETTLEMENT_ROLE(), deployer, sender=deployer)
    return deployer


def test_release_escrow__settlement_role__pays_and_emits(
    driver, market, watt, escrow_agent, alice, bob, slot
):
    driver.bid(alice, slot, 10, 1_000)
    held = _escrow(1_000, 10)
    tx = market.releaseEscrow(slot, bob, held // 4, sender=escrow_agent)
    assert tx.events == [
        market.EscrowReleased(slot, bob, held // 4),
        watt.Transfer(market, bob, held // 4),
    ]
    assert market.escrowOf(slot) == held - held // 4


def test_release_escrow__more_than_held__reverts(driver, market, escrow_agent, alice, bob, slot):
    driver.bid(alice, slot, 10, 1_000)
    held = _escrow(1_000, 10)
    with ape.reverts(market.EnergyMarketEscrowExceeded, slot=slot, held=held, requested=held + 1):
        market.releaseEscrow(slot, bob, held + 1, sender=escrow_agent)


def test_release_escrow__without_role__reverts(driver, market, attacker, alice, slot):
    driver.bid(alice, slot, 10, 1_000)
    with ape.reverts(
        market.AccessControlUnauthorizedAccount,
        account=attacker,
        neededRole=market.SETTLEMENT_ROLE(),
    ):
        market.releaseEscrow(slot, attacker, 1, sender=attacker)


# ---------------------------------------------------------------- governance


def test_set_price_grid__applies_to_auctions_opened_later(driver, market, deployer, alice, slot):
    driver.bid(alice, slot, 3, 100)
    tx = market.setPriceGrid(7_000, 5_000, sender=deployer)
    assert tx.events == [market.PriceGridUpdated(7_000, 5_000)]
    market.placeBid(slot, _price(4), 100, sender=alice)  # the open auction keeps its grid
    later = slot + SLOT
    market.placeBid(later, 7_000 + 3 * 5_000, 100, sender=alice)
    with ape.reverts(
        market.EnergyMarketPriceOffGrid, price=_price(4), priceFloor=7_000, tickSize=5_000
    ):
        market.placeBid(later, _price(4), 100, sender=alice)
    assert market.marketParameters()[:2] == (7_000, 5_000)


@pytest.mark.parametrize(
    ("floor", "tick", "name", "value"),
    [
        (0, 0, "tickSize", 0),
        (0, 1_500, "tickSize", 1_500),
        (1_500, 1_000, "priceFloor", 1_500),
        (
            0,
            (2**80 // 255 // 1000 + 1) * 1000,
            "priceCeiling",
            255 * (2**80 // 255 // 1000 + 1) * 1000,
        ),
    ],
)
def test_set_price_grid__invalid__reverts(market, deployer, floor, tick, name, value):
    with ape.reverts(market.EnergyMarketInvalidParameter, name=_name(name), value=value):
        market.setPriceGrid(floor, tick, sender=deployer)


def test_set_collateral_requirement__applies_to_auctions_opened_later(
    driver, market, vault, deployer, alice, slot
):
    driver.ask(alice, slot, 0, 1_000)
    tx = market.setCollateralRequirement(2 * COLLATERAL, sender=deployer)
    assert tx.events == [market.CollateralRequirementUpdated(2 * COLLATERAL)]
    driver.ask(alice, slot, 0, 1_000)
    driver.ask(alice, slot + SLOT, 0, 1_000)
    assert vault.encumberedStake(alice) == 4 * _collateral(1_000)
    assert market.getClearing(slot + SLOT).collateralPerKWh == 2 * COLLATERAL


@pytest.mark.parametrize("value", [1_500, (2**80 // 1000 + 1) * 1000])
def test_set_collateral_requirement__invalid__reverts(market, deployer, value):
    with ape.reverts(
        market.EnergyMarketInvalidParameter, name=_name("collateralPerKWh"), value=value
    ):
        market.setCollateralRequirement(value, sender=deployer)


def test_set_gate_closure_lead__applies_to_auctions_opened_later(
    driver, market, deployer, alice, warp, slot
):
    driver.bid(alice, slot, 0, 100)
    tx = market.setGateClosureLead(60, sender=deployer)
    assert tx.events == [market.GateClosureLeadUpdated(60)]
    assert market.gateClosureLead() == 60
    assert market.getAuction(slot).endTime == slot - LEAD
    warp(slot + SLOT - 61)
    market.placeBid(slot + SLOT, _price(0), 100, sender=alice)
    assert market.getAuction(slot + SLOT).endTime == slot + SLOT - 60


def test_set_gate_closure_lead__above_two_days__reverts(market, deployer):
    with ape.reverts(
        market.EnergyMarketInvalidParameter, name=_name("gateClosureLead"), value=2 * 86_400 + 1
    ):
        market.setGateClosureLead(2 * 86_400 + 1, sender=deployer)


def test_set_max_lead_time__bounds_how_far_ahead_orders_go(market, chain, deployer, alice, warp):
    tx = market.setMaxLeadTime(3_600, sender=deployer)
    assert tx.events == [market.MaxLeadTimeUpdated(3_600)]
    now = chain.pending_timestamp + 5
    far = next_slot_start(now + 3_600, SLOT)
    warp(now)
    with ape.reverts(market.EnergyMarketSlotTooFarAhead, slot=far, latestSlot=now + 3_600):
        market.placeBid(far, _price(0), 100, sender=alice)


@pytest.mark.parametrize("value", [3_599, 30 * 86_400 + 1])
def test_set_max_lead_time__out_of_range__reverts(market, deployer, value):
    with ape.reverts(market.EnergyMarketInvalidParameter, name=_name("maxLeadTime"), value=value):
        market.setMaxLeadTime(value, sender=deployer)


def test_set_min_order_quantity__bounds_order_size(market, deployer, alice, slot):
    tx = market.setMinOrderQuantity(500, sender=deployer)
    assert tx.events == [market.MinOrderQuantityUpdated(500)]
    with ape.reverts(
        market.EnergyMarketQuantityOutOfRange,
        quantity=499,
        minQuantity=500,
        maxQuantity=MAX_ORDER_WH,
    ):
        market.placeBid(slot, _price(0), 499, sender=alice)
    market.placeBid(slot, _price(0), 500, sender=alice)


@pytest.mark.parametrize("value", [0, 1_000_001])
def test_set_min_order_quantity__out_of_range__reverts(market, deployer, value):
    with ape.reverts(market.EnergyMarketInvalidParameter, name=_name("minOrderWh"), value=value):
        market.setMinOrderQuantity(value, sender=deployer)


@pytest.mark.parametrize(
    ("setter", "args"),
    [
        ("setPriceGrid", (0, 1_000)),
        ("setCollateralRequirement", (0,)),
        ("setGateClosureLead", (60,)),
        ("setMaxLeadTime", (3_600,)),
        ("setMinOrderQuantity", (1,)),
        ("unpause", ()),
    ],
)
def test_governance_setters__without_admin_role__revert(market, attacker, setter, args):
    with ape.reverts(
        market.AccessControlUnauthorizedAccount,
        account=attacker,
        neededRole=market.DEFAULT_ADMIN_ROLE(),
    ):
        getattr(market, setter)(*args, sender=attacker)


# ---------------------------------------------------------------- pause


def test_pause__stops_new_orders_only(driver, market, deployer, alice, bob, slot):
    bid = driver.bid(alice, slot, 20, 100)
    ask = driver.ask(bob, slot, 20, 100)
    tx = market.pause(sender=deployer)
    assert tx.events == [market.Paused(deployer)]
    for place in (market.placeBid, market.placeAsk):
        with ape.reverts(market.EnforcedPause):
            place(slot, _price(0), 100, sender=alice)
    market.cancelOrder(ask, sender=bob)
    driver.clear(slot)
    market.claimOrder(bid, sender=alice)
    assert market.getOrder(bid).isActive is False


def test_unpause__accepts_orders_again(driver, market, deployer, alice, slot):
    market.pause(sender=deployer)
    tx = market.unpause(sender=deployer)
    assert tx.events == [market.Unpaused(deployer)]
    driver.bid(alice, slot, 0, 100)


def test_pause__without_pauser_role__reverts(market, attacker):
    with ape.reverts(
        market.AccessControlUnauthorizedAccount,
        account=attacker,
        neededRole=market.PAUSER_ROLE(),
    ):
        market.pause(sender=attacker)


# ---------------------------------------------------------------- views


def test_views__empty_slot__report_nothing(market_lens, market, slot):
    assert market.getAuction(slot) == (slot, 0, 0, 0, 0, 0, False)
    assert market.getClearing(slot) == (False, False, 0, 0, 0, 0, 0, 0, 0)
    assert market_lens.getBestBid(slot)[0] == 0
    assert market_lens.getBestAsk(slot)[0] == 0
    assert market_lens.getOrderBook(slot) == ([], [], [])
    assert market.escrowOf(slot) == 0


def test_get_order__unknown__reverts(market, slot):
    with ape.reverts(market.EnergyMarketUnknownOrder, orderId=slot << 32):
        market.getOrder(slot << 32)


def test_views__standard_book__best_prices_and_aggregated_levels(market_lens, market, book, slot):
    assert market_lens.getBestBid(slot)[0] == _price(30)
    assert market_lens.getBestAsk(slot)[0] == _price(10)
    assert market_lens.getOrderBook(slot) == (
        [_price(5), _price(10), _price(20), _price(30), _price(40)],
        [100, 0, 600, 400, 0],
        [0, 600, 500, 0, 100],
    )
    assert market.getAuction(slot)[4:] == (1_100, 1_200, False)
    assert market.escrowOf(slot) == _escrow(400, 30) + _escrow(100, 5) + _escrow(600, 20)
