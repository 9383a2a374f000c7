"""CdaMarket with a GridStaking: licensed relayers for others' claims, stakers' fee discounts.

Attacks: an unlicensed relayer claiming others' orders (alone and inside a batch); a trader who
unstakes before trading, or stakes in the very block it trades (a borrowed stake), to keep or buy a
discount; a bid maker who unstakes between its fill and its claim. Each time the attacker gains
nothing and makers, grid operators and the CDA's books lose nothing.
"""

from __future__ import annotations

import ape
import pytest

from gridset.units import GRID

from .conftest import held, place, price

LICENCE = 10_000 * GRID
TIER = 1_000 * GRID
DISCOUNT = 5_000  # bps: half the fee
OWN_FEE = 100  # bps


@pytest.fixture(scope="session")
def grid(deployer, alice, bob, carol, dave, attacker, project):
    holders = [deployer, alice, bob, carol, dave, attacker]
    return deployer.deploy(project.GridToken, "GRID", "GRID", holders, [100_000 * GRID] * 6)


@pytest.fixture(scope="session")
def staking(deployer, grid, cda, alice, bob, carol, dave, attacker, project):
    staking = deployer.deploy(project.GridStaking, grid, deployer, LICENCE)
    staking.setFeeTiers([TIER], [DISCOUNT], sender=deployer)
    for holder in (alice, bob, carol, dave, attacker):
        grid.approve(staking, 2**256 - 1, sender=holder)
    cda.setGridStaking(staking, sender=deployer)
    cda.setZoneFee(0, 0, OWN_FEE, sender=deployer)
    return staking


@pytest.fixture(scope="session", autouse=True)
def _staking_state(staking):
    """Deploy once, before the first test's snapshot."""


def _fee(wh: int, tick: int) -> int:
    return wh * (price(tick) // 1000 * OWN_FEE // 10_000)


def test_set_grid_staking__admin_only_and_readable(cda, staking, attacker):
    assert cda.gridStaking() == staking.address
    with ape.reverts():
        cda.setGridStaking(attacker, sender=attacker)


def test_unlicensed_relayer__cannot_claim_others_orders(cda, open_slot, cda_traders, attacker):
    alice, bob, _, _ = cda_traders
    ask, _ = place(cda, open_slot, False, price(10), 10, False, alice)
    place(cda, open_slot, True, price(10), 10, True, bob)
    with ape.reverts(cda.CdaMarketNotLicensed, caller=attacker.address):
        cda.claim(ask, sender=attacker)
    with ape.reverts(cda.CdaMarketNotLicensed, caller=attacker.address):
        cda.claimMany([ask], sender=attacker)
    # The maker loses nothing: its fill is still there, and it may always claim its own order.
    assert cda.getOrder(ask).filled == 10
    tx = cda.claim(ask, sender=alice)
    assert tx.events.filter(cda.OrderClaimed)[0].filled == 10


def test_licensed_relayer__claims_for_makers_money_goes_to_them(
    cda, open_slot, cda_traders, staking, watt, chain, attacker
):
    alice, bob, carol, _ = cda_traders
    staking.deposit(LICENCE, attacker, sender=attacker)
    chain.mine()  # the stake counts from the next block
    asks = [place(cda, open_slot, False, price(10), 10, False, m)[0] for m in (alice, carol)]
    place(cda, open_slot, True, price(10), 20, True, bob)
    before = [held(cda, watt, m) for m in (alice, carol, attacker)]
    cda.claimMany(asks, sender=attacker)
    paid = 10 * (price(10) // 1000)
    assert [held(cda, watt, m) for m in (alice, carol, attacker)] == [
        before[0] + paid,
        before[1] + paid,
        before[2],
    ]


def test_licence_bought_in_the_same_block__does_not_count(staking, chain, attacker):
    chain.provider.auto_mine = False
    try:
        staking.deposit(LICENCE, attacker, sender=attacker)
        assert not staking.hasLicence(attacker)  # pending block: the stake is not settled yet
        assert staking.settledStakeOf(attacker) == 0
    finally:
        chain.provider.auto_mine = True
    chain.mine()
    assert staking.hasLicence(attacker)
    assert staking.settledStakeOf(attacker) == LICENCE


def test_taker_discount__halves_the_fee_each_zone_gets_its_share(
    cda, open_slot, cda_traders, staking, chain, watt
):
    alice, bob, _, _ = cda_traders
    staking.deposit(TIER, bob, sender=bob)
    chain.mine()
    place(cda, open_slot, False, price(10), 1000, False, alice)
    fees_before = cda.gridFeesOf(0)
    spent = held(cda, watt, bob)
    tx = cda.placeOrder(open_slot, True, price(10), 1000, True, sender=bob)
    trade = tx.events.filter(cda.Traded)[0]
    full = _fee(1000, 10)
    assert trade.gridFee == full - full * DISCOUNT // 10_000
    assert spent - held(cda, watt, bob) == trade.value + trade.gridFee
    assert cda.gridFeesOf(0) - fees_before == trade.gridFee


def test_unstake_before_trading__no_discount_kept(cda, open_slot, cda_traders, staking, chain):
    alice, bob, _, _ = cda_traders
    staking.deposit(TIER, bob, sender=bob)
    chain.mine()
    staking.redeem(TIER, bob, bob, sender=bob)
    place(cda, open_slot, False, price(10), 1000, False, alice)
    tx = cda.placeOrder(open_slot, True, price(10), 1000, True, sender=bob)
    assert tx.events.filter(cda.Traded)[0].gridFee == _fee(1000, 10)


def test_stake_in_the_trading_block__no_discount(cda, open_slot, cda_traders, staking, chain):
    alice, bob, _, _ = cda_traders
    place(cda, open_slot, False, price(10), 1000, False, alice)
    chain.provider.auto_mine = False
    try:
        staking.deposit(TIER, bob, sender=bob)
        cda.placeOrder(open_slot, True, price(10), 1000, True, sender=bob)
        chain.mine()
    finally:
        chain.provider.auto_mine = True
    trades = cda.Traded.query("event_arguments", start_block=chain.blocks.head.number)
    assert [args["gridFee"] for args in trades["event_arguments"]] == [_fee(1000, 10)]


def test_bid_maker_discount__at_the_claim_by_settled_stake(
    cda, open_slot, cda_traders, staking, chain, watt
):
    alice, bob, carol, _ = cda_traders
    staked_bid, _ = place(cda, open_slot, True, price(10), 1000, False, bob)
    plain_bid, _ = place(cda, open_slot, True, price(10), 1000, False, carol)
    place(cda, open_slot, False, price(10), 2000, True, alice)
    staking.deposit(TIER, bob, sender=bob)
    staking.deposit(TIER, carol, sender=carol)
    chain.mine()
    staking.redeem(TIER, carol, carol, sender=carol)  # unstaked between fill and claim
    full = _fee(1000, 10)
    fees_before = cda.gridFeesOf(0)
    paid = {}
    for maker, bid in ((bob, staked_bid), (carol, plain_bid)):
        before = held(cda, watt, maker)
        claimed = cda.claim(bid, sender=maker).events.filter(cda.OrderClaimed)[0]
        paid[maker.address] = (claimed.paid, held(cda, watt, maker) - before)
    waived = full * DISCOUNT // 10_000
    assert paid[bob.address] == (full - waived, waived)  # the waived part comes back
    assert paid[carol.address] == (full, 0)
    assert cda.gridFeesOf(0) - fees_before == 2 * full - waived
