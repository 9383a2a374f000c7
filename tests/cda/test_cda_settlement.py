"""CDA positions settled after delivery: the SettlementEngine settles each seller's whole sale
(auction first, then CDA: delivered = min(sold, produced)), the CdaMarket pools the CDA
shortfall penalties and delivered Wh, and CDA buyers collect their pro rata shares.

Attacks: settling twice (engine and CDA), selling without stake, trading after settlement,
cancelling after a trade, settling with open orders, buyers before sellers, a foreign caller of
``settleSale``, a CDA of another market.
"""

from __future__ import annotations

import ape
import pytest
from ape.utils import ZERO_ADDRESS

from gridset.chain_time import advance_to
from gridset.deploy.params import SettlementParams
from gridset.market.states import SkipReason

from .conftest import PARAMS, own_events, place, price

CPW = PARAMS.collateral_per_kwh // 1000  # stake encumbered per Wh offered
PENALTY_PER_KWH = SettlementParams().penalty_price_per_kwh  # 0.50 WATT/kWh
SHORTFALL = "shortfall"


@pytest.fixture(scope="session")
def panels(registered_panel, alice, bob):
    """A registered 5 kW panel (at most 1,250 Wh per 900 s slot) each for alice and bob."""
    return {trader: registered_panel(trader, 5000) for trader in (alice, bob)}


@pytest.fixture(scope="session", autouse=True)
def _settlement_state(panels):
    """Register the panels once, before the first test's snapshot."""


@pytest.fixture
def traded(cda, open_slot, alice, bob, carol):
    """alice's ask of 500 Wh at tick ``tick`` rests; bob takes 300 Wh, carol 200 Wh; the CDA
    gate closes and alice's order is claimed (closed). Returns (slot, ask id)."""

    def traded(tick=10):
        ask, _ = place(cda, open_slot, False, price(tick), 500, False, alice)
        place(cda, open_slot, True, price(tick), 300, True, bob)
        place(cda, open_slot, True, price(tick), 200, True, carol)
        return ask

    return traded


@pytest.fixture
def close(chain, cda):
    """Move to ``slot``'s CDA gate closure and claim (close) ``order_ids`` as ``keeper``."""

    def close(slot, order_ids, keeper):
        _, gate = cda.tradingWindow(slot)
        advance_to(chain, gate)
        for order_id in order_ids:
            cda.claim(order_id, sender=keeper)

    return close


@pytest.fixture
def sold_twice(cda, market, watt, driver, close, alice, bob, carol):
    """alice sells 300 Wh to carol in a slot's auction and 500 Wh to bob in its CDA (orders
    claimed, CDA gate passed). Returns the slot."""

    def sold_twice():
        slot = driver.next_slot(3600)
        watt.approve(market, 10**30, sender=carol)  # the auction's bid escrow
        ask = driver.ask(alice, slot, 10, 300)
        bid = driver.bid(carol, slot, 10, 300)
        driver.clear(slot)
        driver.claim([ask, bid])
        cda_ask, _ = place(cda, slot, False, price(10), 500, False, alice)
        place(cda, slot, True, price(10), 500, True, bob)
        close(slot, [cda_ask], alice)
        return slot

    return sold_twice


def test_sale_shortfall__penalised_at_penalty_price_pooled_for_buyers(
    cda,
    settlement,
    token,
    vault,
    watt,
    traded,
    close,
    deliver,
    open_slot,
    alice,
    bob,
    carol,
    deployer,
):
    ask = traded(10)
    close(open_slot, [ask], alice)
    assert cda.volumeOf(open_slot) == 500
    assert vault.encumberedStake(alice) == 500 * CPW  # the sold Wh stay encumbered
    stake_before = vault.getStake(alice)
    deliver(open_slot, {alice: 400})

    tx = settlement.settleParticipant(open_slot, alice, sender=deployer)
    # 100 Wh short at the penalty price (0.50 > the trade's 0.07 WATT/kWh); the rest released.
    penalty = 100 * PENALTY_PER_KWH // 1000
    assert own_events(cda, tx) == [
        cda.SaleSettled(open_slot, alice, 500, 400, penalty, 500 * CPW - penalty)
    ]
    assert tx.events.filter(vault.PenaltyApplied)[0].amount == penalty
    assert vault.encumberedStake(alice) == 0
    assert vault.getStake(alice) == stake_before - penalty
    assert token.balanceOf(cda) == 400  # delivered Wh held for the CDA buyers
    assert token.balanceOf(alice) == 0
    record = settlement.getSettlementRecord(open_slot, alice)
    assert (record.energyProduced, record.energyDelivered) == (400, 400)
    assert cda.settlementOf(open_slot) == (500, 0, 400, penalty)

    tx = cda.settlePurchase(open_slot, bob, sender=deployer)
    bob_penalty = 60 * penalty // 100  # bob is 60 Wh short of the 100 Wh shortfall
    assert own_events(cda, tx) == [cda.PurchaseSettled(open_slot, bob, 300, 240, bob_penalty)]
    tx = cda.settlePurchase(open_slot, carol, sender=deployer)
    assert own_events(cda, tx) == [
        cda.PurchaseSettled(open_slot, carol, 200, 160, penalty - bob_penalty)
    ]
    assert (token.balanceOf(bob), token.balanceOf(carol)) == (240, 160)
    # Nothing stuck: credits, penalties and encumbrance all handed out.
    assert cda.settlementOf(open_slot) == (500, 500, 0, 0)
    assert token.balanceOf(cda) == 0
    # The WATT left is alice's proceeds, credited at her claim until she withdraws them, and the
    # zone's grid fees (none unless an earlier module of the session set a fee).
    proceeds = cda.internalBalanceOf(alice)
    assert proceeds == 500 * (price(10) // 1000)
    assert watt.balanceOf(cda) == proceeds + cda.gridFeesOf(0)
    cda.withdraw(proceeds, sender=alice)
    assert watt.balanceOf(cda) == cda.gridFeesOf(0)


def test_sale_shortfall_above_penalty_price__penalised_at_proceeds(
    cda, settlement, vault, traded, close, deliver, open_slot, alice, bob, carol, deployer
):
    # Tick 250: 0.55 WATT/kWh > the 0.50 penalty price: defaulting must not pay.
    ask = traded(250)
    close(open_slot, [ask], alice)
    proceeds = 500 * (price(250) // 1000)
    assert cda.getPosition(open_slot, alice).payment == proceeds
    deliver(open_slot, {alice: 0})
    tx = settlement.settleParticipant(open_slot, alice, sender=deployer)
    penalty = proceeds  # the whole sale short: its proceeds, below the 0.60 collateral
    assert own_events(cda, tx) == [
        cda.SaleSettled(open_slot, alice, 500, 0, penalty, 500 * CPW - penalty)
    ]
    assert vault.encumberedStake(alice) == 0
    cda.settlePurchase(open_slot, bob, sender=deployer)
    cda.settlePurchase(open_slot, carol, sender=deployer)
    assert cda.settlementOf(open_slot) == (500, 500, 0, 0)


def test_auction_and_cda__production_covers_auction_first(
    cda, settlement, token, vault, driver, sold_twice, deliver, alice, bob, carol, deployer
):
    slot = sold_twice()
    deliver(slot, {alice: 600})  # 300 for the auction, 300 of the 500 sold in the CDA

    tx = settlement.settleParticipant(slot, alice, sender=deployer)
    penalty = 200 * PENALTY_PER_KWH // 1000
    assert own_events(cda, tx) == [
        cda.SaleSettled(slot, alice, 500, 300, penalty, 500 * CPW - penalty)
    ]
    [executed] = tx.events.filter(settlement.SettlementExecuted)
    assert (executed.energyProduced, executed.energyDelivered, executed.shortfall) == (300, 300, 0)
    record = settlement.getSettlementRecord(slot, alice)
    assert (record.energyProduced, record.energyDelivered) == (600, 600)
    assert vault.encumberedStake(alice) == 0
    settlement.settleParticipant(slot, carol, sender=deployer)
    tx = cda.settlePurchase(slot, bob, sender=deployer)
    assert own_events(cda, tx) == [cda.PurchaseSettled(slot, bob, 500, 300, penalty)]
    assert token.balanceOf(carol) == 300
    assert token.balanceOf(cda) == 0
    driver.keep(slot)
    assert settlement.isTimeSlotSettled(slot)


@pytest.mark.parametrize("produced", [800, 600, 200])
def test_preview_auction_and_cda__matches_the_settlement(
    cda, settlement, lens, chain, sold_twice, deliver, produced, alice, deployer
):
    """alice sold 300 Wh in the auction and 500 Wh in the CDA: in full (800 Wh produced), the CDA
    sale short (600) and both short (200); the lens previews exactly what settleParticipant does."""
    slot = sold_twice()
    deliver(slot, {alice: produced})
    chain.mine()  # the views see the settlement open
    preview = lens.previewSettlement(slot, alice)

    tx = settlement.settleParticipant(slot, alice, sender=deployer)
    [sale] = own_events(cda, tx)
    [executed] = tx.events.filter(settlement.SettlementExecuted)
    assert preview.ready is True
    assert (preview.cdaSold, preview.cdaDelivered, preview.cdaPenalty) == (
        sale.sold,
        sale.delivered,
        sale.penalty,
    )
    assert (preview.sold, preview.delivered, preview.proceeds, preview.penalty) == (
        300,
        executed.energyDelivered,
        executed.payment,
        executed.penalty,
    )
    cda_delivered = min(500, max(produced - 300, 0))
    assert (sale.sold, sale.delivered) == (500, cda_delivered)
    assert sale.penalty == (500 - cda_delivered) * PENALTY_PER_KWH // 1000
    assert (
        preview.produced == settlement.getSettlementRecord(slot, alice).energyProduced == produced
    )
    # Settled: the lens previews nothing more on the seller side.
    after = lens.previewSettlement(slot, alice)
    assert (after.cdaSold, after.cdaDelivered, after.cdaPenalty, after.delivered) == (0, 0, 0, 0)


def test_preview_open_cda_order__not_ready(
    cda, lens, chain, traded, deliver, open_slot, alice, bob, carol
):
    place(cda, open_slot, False, price(12), 200, False, alice)  # rests, never claimed
    traded(10)
    deliver(open_slot, {alice: 500})
    chain.mine()
    preview = lens.previewSettlement(open_slot, alice)
    assert preview.ready is False
    assert (preview.cdaSold, preview.cdaPenalty) == (0, 0)


def test_timeout_mode_with_cda_sale__no_penalty_stake_released_buyers_get_nothing(
    cda,
    settlement,
    oracle,
    token,
    vault,
    driver,
    panels,
    traded,
    close,
    open_slot,
    alice,
    bob,
    carol,
    operators,
    deployer,
):
    """The oracle cannot finalise the slot (a removed operator's report is never discarded), so at
    the timeout the slot settles in TimedOut mode: nothing counts as produced, nothing is
    penalised, the CDA collateral is released whole and the CDA buyers receive 0 Wh and 0 stake."""
    ask = traded(10)
    close(open_slot, [ask], alice)
    driver.report(open_slot, {panels[alice]: 500})
    oracle.removeOperator(operators[0], sender=deployer)  # its report now blocks finalisation
    stake_before = vault.getStake(alice)
    driver.time_out(open_slot)

    tx = settlement.settleParticipant(open_slot, alice, sender=deployer)
    assert tx.events.filter(settlement.SettlementStarted) == [
        settlement.SettlementStarted(open_slot, True)
    ]
    assert oracle.isTimeSlotFinalized(open_slot) is False
    assert own_events(cda, tx) == [cda.SaleSettled(open_slot, alice, 500, 0, 0, 500 * CPW)]
    assert tx.events.filter(settlement.PenaltyAssessed) == []
    assert vault.encumberedStake(alice) == 0
    assert vault.getStake(alice) == stake_before
    assert token.balanceOf(alice) == 0 and token.balanceOf(cda) == 0
    for buyer, bought in ((bob, 300), (carol, 200)):
        tx = cda.settlePurchase(open_slot, buyer, sender=deployer)
        assert own_events(cda, tx) == [cda.PurchaseSettled(open_slot, buyer, bought, 0, 0)]
        assert token.balanceOf(buyer) == 0
    assert cda.settlementOf(open_slot) == (500, 500, 0, 0)


def test_settle_twice__nothing_to_settle(
    cda, settlement, traded, close, deliver, open_slot, alice, bob, deployer
):
    ask = traded(10)
    close(open_slot, [ask], alice)
    deliver(open_slot, {alice: 500})
    settlement.settleParticipant(open_slot, alice, sender=deployer)
    with ape.reverts(
        settlement.SettlementNothingToSettle, slot=open_slot, participant=alice.address
    ):
        settlement.settleParticipant(open_slot, alice, sender=deployer)
    # The CDA settles a sale once even if its engine asked again.
    cda.settlePurchase(open_slot, bob, sender=deployer)
    with ape.reverts(cda.CdaMarketNothingToSettle, slot=open_slot, trader=bob.address):
        cda.settlePurchase(open_slot, bob, sender=deployer)


def test_open_cda_orders__block_the_seller(
    cda, settlement, traded, close, deliver, open_slot, alice, deployer
):
    ask = traded(10)
    deliver(open_slot, {alice: 500})  # alice's ask is not claimed: her sale is not final
    with ape.reverts(
        settlement.SettlementCdaOrdersOpen, slot=open_slot, participant=alice.address, openOrders=1
    ):
        settlement.settleParticipant(open_slot, alice, sender=deployer)
    tx = settlement.settleParticipants(open_slot, [alice], sender=deployer)
    assert tx.events == [
        settlement.SettlementStarted(open_slot, False),
        settlement.SettlementSkipped(open_slot, alice, SkipReason.CDA_ORDERS_OPEN),
        settlement.SettlementBatchCompleted(open_slot, 0, 1),
    ]
    cda.claim(ask, sender=alice)
    tx = settlement.settleParticipant(open_slot, alice, sender=deployer)
    assert tx.events.filter(cda.SaleSettled)[0].sold == 500


def test_buyer_before_sellers__pending_then_settles(
    cda, settlement, traded, close, deliver, open_slot, alice, bob, deployer
):
    ask = traded(10)
    close(open_slot, [ask], alice)
    deliver(open_slot, {alice: 500})
    with ape.reverts(cda.CdaMarketSellersPending, slot=open_slot, soldSettledWh=0, volumeWh=500):
        cda.settlePurchase(open_slot, bob, sender=deployer)
    settlement.settleParticipant(open_slot, alice, sender=deployer)
    tx = cda.settlePurchase(open_slot, bob, sender=deployer)
    assert own_events(cda, tx) == [cda.PurchaseSettled(open_slot, bob, 300, 300, 0)]


def test_buyer_with_open_bid__orders_open(cda, open_slot, alice, bob, deployer):
    bid, _ = place(cda, open_slot, True, price(10), 300, False, bob)
    place(cda, open_slot, False, price(10), 100, True, alice)
    with ape.reverts(cda.CdaMarketOrdersOpen, slot=open_slot, trader=bob.address, openOrders=1):
        cda.settlePurchase(open_slot, bob, sender=deployer)
    with ape.reverts(cda.CdaMarketNothingToSettle, slot=open_slot, trader=alice.address):
        cda.settlePurchase(open_slot, alice, sender=deployer)
    assert bid


def test_cancel_after_trade__sold_part_stays_obligation(
    cda, settlement, vault, deliver, open_slot, alice, bob, deployer
):
    ask, _ = place(cda, open_slot, False, price(10), 500, False, alice)
    place(cda, open_slot, True, price(10), 200, True, bob)
    tx = cda.cancelOrder(ask, sender=alice)  # claims the 200 Wh sold, releases 300 Wh of stake
    assert tx.events.filter(cda.OrderClaimed)[0].refund == 300 * CPW
    assert vault.encumberedStake(alice) == 200 * CPW
    with ape.reverts(cda.CdaMarketOrderNotActive, orderId=ask):
        cda.cancelOrder(ask, sender=alice)
    deliver(open_slot, {alice: 150})
    tx = settlement.settleParticipant(open_slot, alice, sender=deployer)
    penalty = 50 * PENALTY_PER_KWH // 1000
    assert own_events(cda, tx) == [
        cda.SaleSettled(open_slot, alice, 200, 150, penalty, 200 * CPW - penalty)
    ]
    assert vault.encumberedStake(alice) == 0


def test_sell_without_stake__vault_refuses(cda, vault, open_slot, attacker):
    with ape.reverts(vault.StakingVaultInsufficientFreeStake):
        cda.placeOrder(open_slot, False, price(10), 100, False, sender=attacker)


def test_trade_after_settlement__gate_closed(
    cda, settlement, traded, close, deliver, open_slot, alice, bob, deployer
):
    ask = traded(10)
    close(open_slot, [ask], alice)
    deliver(open_slot, {alice: 500})
    settlement.settleParticipant(open_slot, alice, sender=deployer)
    _, gate = cda.tradingWindow(open_slot)
    with ape.reverts(cda.CdaMarketGateClosed, slot=open_slot, gateClosure=gate):
        cda.placeOrder(open_slot, True, price(10), 100, False, sender=bob)


def test_settle_sale__only_the_engine(cda, open_slot, alice, attacker):
    with ape.reverts(
        cda.AccessControlUnauthorizedAccount,
        account=attacker.address,
        neededRole=cda.SETTLEMENT_ROLE(),
    ):
        cda.settleSale(open_slot, alice, 0, True, PENALTY_PER_KWH, sender=attacker)


def test_set_cda_market__admin_only_zero_turns_off(settlement, cda, deployer, attacker):
    assert settlement.cdaMarket() == cda.address
    with ape.reverts(
        settlement.AccessControlUnauthorizedAccount,
        account=attacker.address,
        neededRole=settlement.DEFAULT_ADMIN_ROLE(),
    ):
        settlement.setCdaMarket(ZERO_ADDRESS, sender=attacker)
    tx = settlement.setCdaMarket(ZERO_ADDRESS, sender=deployer)
    assert tx.events == [settlement.CdaMarketUpdated(ZERO_ADDRESS)]
    assert settlement.cdaMarket() == ZERO_ADDRESS
    tx = settlement.setCdaMarket(cda, sender=deployer)
    assert tx.events == [settlement.CdaMarketUpdated(cda.address)]
