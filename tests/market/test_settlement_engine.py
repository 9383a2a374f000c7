"""SettlementEngine: modes, per-participant settlement, batches, closing, disputes, penalties,
governance.

Most tests settle the standard book (tests/market/conftest.py): 1,000 Wh cleared at tick 20;
alice sold 760 Wh, bob 240 Wh, carol bought 400 Wh, dave 600 Wh. Unless a test says otherwise
alice produced 700 Wh (60 Wh short) and bob 300 Wh (60 Wh more than he sold).
"""

from __future__ import annotations

import ape
import pytest
from ape.utils import ZERO_ADDRESS

from gridset.deploy.params import MarketParams, SettlementParams
from gridset.market.states import DisputeStatus, SettlementMode

MP, SP = MarketParams(), SettlementParams()
SLOT = 900
REPORTING_WINDOW = 1800  # tests/conftest.py
P20 = MP.price_floor + 20 * MP.tick_size
UNIT = P20 // 1000  # payment base units per Wh at the clearing price
STAKE_UNIT = MP.collateral_per_kwh // 1000  # stake encumbered per Wh sold
PENALTY_UNIT = max(SP.penalty_price_per_kwh, P20) // 1000  # stake taken per Wh short
SHORTFALL = "shortfall"
DAY = 86_400

# Seller outcomes of the standard slot: payment net of the 0.25 % fee, penalty for the shortfall.
ALICE_FEE = 700 * UNIT * SP.fee_bps // 10_000
BOB_FEE = 240 * UNIT * SP.fee_bps // 10_000
ALICE_NET, BOB_NET = 700 * UNIT - ALICE_FEE, 240 * UNIT - BOB_FEE
ALICE_PENALTY = 60 * PENALTY_UNIT
# Buyers share the 940 Wh delivered and the penalty pro rata to what they bought (carol first).
CAROL_RECEIVED, DAVE_RECEIVED = 400 * 940 // 1000, 564
CAROL_PENALTY = 24 * ALICE_PENALTY // 60
DAVE_PENALTY = ALICE_PENALTY - CAROL_PENALTY


def _name(text: str) -> bytes:
    return text.encode().ljust(32, b"\x00")


def _params(**changes: int) -> tuple[int, int, int, int, int]:
    values = {
        "disputeWindow": SP.dispute_window,
        "settlementTimeout": SP.settlement_timeout,
        "feeBps": SP.fee_bps,
        "penaltyPricePerKWh": SP.penalty_price_per_kwh,
        "disputeBond": SP.dispute_bond,
    }
    values.update(changes)
    return tuple(values.values())


@pytest.fixture
def ready(claimed, deliver, alice, bob, slot):
    """The standard slot claimed; alice produced 700 Wh, bob 300 Wh; settlement is open."""
    deliver(slot, {alice: 700, bob: 300})
    return claimed


@pytest.fixture
def in_dispute_window(driver, claimed, panels, alice, bob, slot):
    """Production reported (alice 700 Wh, bob 300 Wh) and finalised; returns the dispute
    deadline (Unix s)."""
    driver.report(slot, {panels[alice]: 700, panels[bob]: 300})
    finalised_at = driver.finalize_oracle(slot).timestamp
    return finalised_at + SP.dispute_window


# ---------------------------------------------------------------- constructor and governance


def test_constructor__emits_role_treasury_and_parameters(
    project, chain, deployer, market, oracle, token, treasury_account
):
    engine = deployer.deploy(
        project.SettlementEngine, deployer, market, oracle, token, treasury_account, _params()
    )
    assert chain.get_receipt(engine.txn_hash).events == [
        engine.RoleGranted(engine.DEFAULT_ADMIN_ROLE(), deployer, deployer),
        engine.TreasuryUpdated(treasury_account),
        engine.ParametersUpdated(
            SP.dispute_window,
            SP.settlement_timeout,
            SP.penalty_price_per_kwh,
            SP.fee_bps,
            SP.dispute_bond,
        ),
        engine.DisputeParametersUpdated(14 * DAY, SP.penalty_price_per_kwh),
    ]
    assert engine.parameters() == _params()
    assert engine.disputeParameters() == (14 * DAY, SP.penalty_price_per_kwh)
    assert engine.treasury() == treasury_account.address


@pytest.mark.parametrize("which", ["market", "oracle", "token", "treasury"])
def test_constructor__zero_address__reverts(
    project, deployer, market, oracle, token, treasury_account, which
):
    args = {"market": market, "oracle": oracle, "token": token, "treasury": treasury_account}
    args[which] = ZERO_ADDRESS
    name = "treasury" if which == "treasury" else "dependency"
    with ape.reverts(
        project.SettlementEngine.SettlementInvalidParameter, name=_name(name), value=0
    ):
        deployer.deploy(project.SettlementEngine, deployer, *args.values(), _params())


def test_set_parameters__stores_and_emits(settlement, deployer):
    new = _params(disputeWindow=120, settlementTimeout=7_200, feeBps=1_000, disputeBond=0)
    tx = settlement.setParameters(new, sender=deployer)
    assert tx.events == [
        settlement.ParametersUpdated(120, 7_200, SP.penalty_price_per_kwh, 1_000, 0)
    ]
    assert settlement.parameters() == new


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("disputeWindow", 59),
        ("disputeWindow", 7 * 86_400 + 1),
        ("disputeWindow", SP.unbonding_delay),  # must be shorter than the vault's unbonding
        ("settlementTimeout", 3_599),
        ("settlementTimeout", 30 * 86_400 + 1),
        ("penaltyPricePerKWh", 1_500),
        ("feeBps", 1_001),
        ("disputeBond", 2**88),  # a dispute stores its bond in 88 bits
    ],
)
def test_set_parameters__out_of_range__reverts(settlement, deployer, field, value):
    with ape.reverts(settlement.SettlementInvalidParameter, name=_name(field), value=value):
        settlement.setParameters(_params(**{field: value}), sender=deployer)


def test_set_treasury__stores_and_emits(settlement, deployer, carol):
    tx = settlement.setTreasury(carol, sender=deployer)
    assert tx.events == [settlement.TreasuryUpdated(carol)]
    assert settlement.treasury() == carol.address


def test_set_treasury__zero_address__reverts(settlement, deployer):
    with ape.reverts(settlement.SettlementInvalidParameter, name=_name("treasury"), value=0):
        settlement.setTreasury(ZERO_ADDRESS, sender=deployer)


@pytest.mark.parametrize(
    ("call", "args"), [("setParameters", (_params(),)), ("setTreasury", (ZERO_ADDRESS,))]
)
def test_governance__without_admin_role__reverts(settlement, attacker, call, args):
    with ape.reverts(
        settlement.AccessControlUnauthorizedAccount,
        account=attacker,
        neededRole=settlement.DEFAULT_ADMIN_ROLE(),
    ):
        getattr(settlement, call)(*args, sender=attacker)


# ---------------------------------------------------------------- settleTimeSlot (modes)


def test_settle_time_slot__oracle_not_finalised_before_timeout__reverts_not_ready(
    driver, settlement, claimed, attacker, slot
):
    driver.report(slot, {})
    with ape.reverts(settlement.SettlementNotReady, slot=slot, readyAt=driver.timeout_at(slot)):
        settlement.settleTimeSlot(slot, sender=attacker)


def test_settle_time_slot__within_dispute_window__reverts_not_ready(
    settlement, in_dispute_window, attacker, slot
):
    with ape.reverts(settlement.SettlementNotReady, slot=slot, readyAt=in_dispute_window):
        settlement.settleTimeSlot(slot, sender=attacker)
    assert settlement.settlementReadyAt(slot) == in_dispute_window


def test_settle_time_slot__keeper__settles_everyone_and_closes(
    settlement, ready, nothing_left, attacker, slot
):
    tx = settlement.settleTimeSlot(slot, sender=attacker)
    assert tx.events.filter(settlement.SettlementStarted) == [
        settlement.SettlementStarted(slot, False)
    ]
    executed = tx.events.filter(settlement.SettlementExecuted)
    assert [e.sellerSide for e in executed] == [True, True, False, False]
    assert tx.events.filter(settlement.TimeSlotSettled) == [
        settlement.TimeSlotSettled(slot, 940, 940 * UNIT, ALICE_FEE + BOB_FEE)
    ]
    assert settlement.isTimeSlotSettled(slot) is True
    nothing_left(slot)
    assert settlement.settleTimeSlot(slot, sender=attacker).events == []


def test_settle_time_slot__orders_unclaimed__keeper_claims_and_settles(
    driver, settlement, market, book, deliver, nothing_left, alice, bob, slot
):
    driver.clear(slot)
    deliver(slot, {alice: 700, bob: 300})
    receipts = driver.keep(slot)
    assert len(receipts) == 1
    claimed = [e for r in receipts for e in r.events.filter(market.OrderFilled)]
    assert sorted(e.orderId for e in claimed) == sorted(book.values())
    assert settlement.isTimeSlotSettled(slot) is True
    nothing_left(slot)


def test_settle_time_slot__more_orders_than_one_call__resumes_until_settled(
    driver, settlement, deliver, place_book, nothing_left, alice, attacker, slot
):
    batch = int(settlement.KEEPER_BATCH())
    spec = (("A", "alice", False, 10, 100), ("B", "bob", True, 20, 100))
    for _ in range(batch // 2 + 1):  # more than `batch` orders
        place_book(slot, spec)
    driver.clear(slot)
    deliver(slot, {alice: 1_250})
    first = settlement.settleTimeSlot(slot, sender=attacker)
    assert settlement.isTimeSlotSettled(slot) is False
    assert first.events.filter(settlement.SettlementExecuted)  # progress in the first call
    receipts = driver.keep(slot)
    assert 1 <= len(receipts) <= 3
    assert settlement.isTimeSlotSettled(slot) is True
    nothing_left(slot)


def test_settle_time_slot__slot_above_max__reverts_named(settlement, attacker):
    top = 2**256 - 1
    with ape.reverts(settlement.SettlementSlotOutOfRange, slot=top, maxSlot=2**40 - 1):
        settlement.settleTimeSlot(top, sender=attacker)
    with ape.reverts(settlement.SettlementSlotOutOfRange, slot=2**40, maxSlot=2**40 - 1):
        settlement.settleParticipant(2**40, attacker, sender=attacker)
    with ape.reverts(settlement.SettlementSlotOutOfRange, slot=top, maxSlot=2**40 - 1):
        settlement.raiseDispute(top, attacker, sender=attacker)


def test_timeout__oracle_finalisable__short_seller_cannot_lock_timeout_mode(
    lens, driver, settlement, oracle, vault, claimed, panels, alice, bob, slot
):
    """Issue 9 item 6 attack: production was reported but nobody finalised the oracle; at the
    settlement timeout the short seller (alice: 700 of 760 Wh) settles first. The engine finalises
    the oracle instead of choosing timeout mode, settles nobody, and after the dispute window
    alice is penalised as in normal mode."""
    driver.report(slot, {panels[alice]: 700, panels[bob]: 300})
    driver.time_out(slot)
    tx = settlement.settleParticipant(slot, alice, sender=alice)
    assert tx.events.filter(oracle.TimeSlotFinalized) == [oracle.TimeSlotFinalized(slot, 1_000)]
    assert tx.events.filter(settlement.SettlementStarted) == []
    assert oracle.isTimeSlotFinalized(slot) is True
    assert lens.getSlotStatus(slot).mode == SettlementMode.NOT_STARTED
    assert vault.encumberedStake(alice) == 760 * STAKE_UNIT
    with ape.reverts(
        settlement.SettlementNotReady, slot=slot, readyAt=tx.timestamp + SP.dispute_window
    ):
        settlement.settleParticipant(slot, alice, sender=alice)
    driver.open_settlement(slot)
    tx = settlement.settleParticipant(slot, alice, sender=alice)
    assert tx.events[0] == settlement.SettlementStarted(slot, False)
    assert tx.events.filter(settlement.PenaltyAssessed) == [
        settlement.PenaltyAssessed(slot, alice, ALICE_PENALTY, SHORTFALL)
    ]


def test_timeout__oracle_cannot_finalise__starts_timeout_mode(lens, settlement, attacker):
    """A slot the oracle rejects (misaligned) cannot be finalised: timeout mode at the timeout."""
    slot = SLOT + 1
    tx = settlement.settleTimeSlot(slot, sender=attacker)
    assert tx.events == [
        settlement.SettlementStarted(slot, True),
        settlement.TimeSlotSettled(slot, 0, 0, 0),
    ]
    assert lens.getSlotStatus(slot).mode == SettlementMode.TIMED_OUT
    assert settlement.isTimeSlotSettled(slot) is True


def test_timeout__too_little_gas_for_the_oracle__reverts(
    lens, driver, settlement, claimed, attacker, slot
):
    """A caller cannot starve the oracle's finalisation of gas to force timeout mode."""
    driver.time_out(slot)
    with ape.reverts(settlement.SettlementInsufficientGas):
        settlement.settleTimeSlot(slot, sender=attacker, gas_limit=140_000)
    assert lens.getSlotStatus(slot).mode == SettlementMode.NOT_STARTED


def test_settle__auction_has_orders_but_was_not_cleared__reverts(
    driver, settlement, book, alice, attacker, slot
):
    driver.time_out(slot)
    with ape.reverts(settlement.SettlementAuctionNotCleared, slot=slot):
        settlement.settleTimeSlot(slot, sender=attacker)
    with ape.reverts(settlement.SettlementAuctionNotCleared, slot=slot):
        settlement.settleParticipant(slot, alice, sender=attacker)


def test_settle__slot_zero__settles_like_any_other(driver, settlement, oracle, attacker):
    tx = settlement.settleTimeSlot(0, sender=attacker)  # finalises the oracle's slot 0 first
    assert tx.events.filter(oracle.TimeSlotFinalized) == [oracle.TimeSlotFinalized(0, 0)]
    driver.open_settlement(0)
    tx = settlement.settleTimeSlot(0, sender=attacker)
    assert tx.events == [
        settlement.SettlementStarted(0, False),
        settlement.TimeSlotSettled(0, 0, 0, 0),
    ]
    assert settlement.isTimeSlotSettled(0) is True


# ---------------------------------------------------------------- settleParticipant


def test_settle_seller__short_delivery__pays_delivered_net_of_fee_and_penalises_shortfall(
    lens, settlement, market, vault, watt, token, ready, alice, attacker, slot
):
    collateral = 760 * STAKE_UNIT
    tx = settlement.settleParticipant(slot, alice, sender=attacker)
    assert tx.events == [
        settlement.SettlementStarted(slot, False),
        vault.PenaltyApplied(alice, ALICE_PENALTY, SHORTFALL, settlement),
        watt.Transfer(vault, settlement, ALICE_PENALTY),
        settlement.PenaltyAssessed(slot, alice, ALICE_PENALTY, SHORTFALL),
        vault.StakeReleased(alice, slot, collateral - ALICE_PENALTY),
        settlement.SettlementExecuted(slot, alice, True, 700, 700, 60, ALICE_NET, ALICE_PENALTY),
        market.EscrowReleased(slot, alice, ALICE_NET),
        watt.Transfer(market, alice, ALICE_NET),
    ]  # the delivered 700 Wh are minted to the buyers when they settle
    assert settlement.getSettlementRecord(slot, alice) == (
        slot,
        alice,
        700,
        0,
        700,
        ALICE_NET,
        True,
        700,
    )
    assert lens.slotMoney(slot) == (ALICE_PENALTY, ALICE_FEE)
    assert vault.encumberedStake(alice) == 0


def test_settle_seller__produced_more_than_sold__keeps_surplus_credits(
    settlement, market, vault, watt, token, ready, bob, attacker, slot
):
    tx = settlement.settleParticipant(slot, bob, sender=attacker)
    assert tx.events == [
        settlement.SettlementStarted(slot, False),
        vault.StakeReleased(bob, slot, 240 * STAKE_UNIT),
        settlement.SettlementExecuted(slot, bob, True, 300, 240, 0, BOB_NET, 0),
        market.EscrowReleased(slot, bob, BOB_NET),
        watt.Transfer(market, bob, BOB_NET),
        token.Transfer(ZERO_ADDRESS, bob, 60),
        token.Mint(bob, 60),
    ]
    assert token.balanceOf(bob) == 60


def test_settle_buyers__after_all_sellers__share_delivery_and_penalty_pro_rata(
    lens, settlement, market, watt, token, ready, alice, bob, carol, dave, attacker, slot
):
    settlement.settleParticipants(slot, [alice, bob], sender=attacker)
    tx = settlement.settleParticipant(slot, carol, sender=attacker)
    assert tx.events == [
        settlement.SettlementExecuted(
            slot, carol, False, 0, CAROL_RECEIVED, 24, CAROL_RECEIVED * UNIT, CAROL_PENALTY
        ),
        market.EscrowReleased(slot, carol, 24 * UNIT),
        watt.Transfer(market, carol, 24 * UNIT),
        token.Transfer(ZERO_ADDRESS, carol, CAROL_RECEIVED),
        token.Mint(carol, CAROL_RECEIVED),
        watt.Transfer(settlement, carol, CAROL_PENALTY),
    ]
    tx = settlement.settleParticipant(slot, dave, sender=attacker)
    assert tx.events == [
        settlement.SettlementExecuted(
            slot, dave, False, 0, DAVE_RECEIVED, 36, DAVE_RECEIVED * UNIT, DAVE_PENALTY
        ),
        market.EscrowReleased(slot, dave, 36 * UNIT),
        watt.Transfer(market, dave, 36 * UNIT),
        token.Transfer(ZERO_ADDRESS, dave, DAVE_RECEIVED),
        token.Mint(dave, DAVE_RECEIVED),
        watt.Transfer(settlement, dave, DAVE_PENALTY),
    ]
    assert settlement.getSettlementRecord(slot, carol) == (
        slot,
        carol,
        0,
        CAROL_RECEIVED,
        -CAROL_RECEIVED,
        -CAROL_RECEIVED * UNIT,
        True,
        0,
    )
    assert lens.slotMoney(slot) == (0, ALICE_FEE + BOB_FEE)
    assert token.balanceOf(settlement) == 0


def test_settle_buyer__before_sellers__reverts_sellers_pending(
    settlement, ready, alice, carol, attacker, slot
):
    with ape.reverts(
        settlement.SettlementSellersPending, slot=slot, settled=0, total=2, openAsks=0
    ):
        settlement.settleParticipant(slot, carol, sender=attacker)
    settlement.settleParticipant(slot, alice, sender=attacker)
    with ape.reverts(
        settlement.SettlementSellersPending, slot=slot, settled=1, total=2, openAsks=0
    ):
        settlement.settleParticipant(slot, carol, sender=attacker)


def test_settle__participant_with_unclaimed_orders__claims_them_first(
    driver, settlement, market, deliver, book, alice, bob, carol, attacker, slot
):
    """Settling a participant claims its orders: no separate claim transaction."""
    driver.clear(slot)
    deliver(slot, {alice: 700, bob: 300})
    settlement.settleParticipants(slot, [alice], sender=attacker)
    tx = settlement.settleParticipant(slot, bob, sender=attacker)
    filled = tx.events.filter(market.OrderFilled)
    assert [e.orderId for e in filled] == [book["B1"], book["B2"]]
    assert market.getPosition(slot, bob) == (0, 240, 0)
    tx = settlement.settleParticipant(slot, carol, sender=attacker)
    assert [e.orderId for e in tx.events.filter(market.OrderFilled)] == [book["C1"], book["C2"]]
    assert settlement.getSettlementRecord(slot, carol).energyConsumed == CAROL_RECEIVED


def test_settle__outsider__reverts_nothing_to_settle(settlement, ready, attacker, slot):
    with ape.reverts(settlement.SettlementNothingToSettle, slot=slot, participant=attacker):
        settlement.settleParticipant(slot, attacker, sender=attacker)


def test_settle__twice__reverts_nothing_to_settle_and_moves_nothing(
    settlement, watt, ready, bob, attacker, slot
):
    settlement.settleParticipant(slot, bob, sender=attacker)
    balance = watt.balanceOf(bob)
    with ape.reverts(settlement.SettlementNothingToSettle, slot=slot, participant=bob):
        settlement.settleParticipant(slot, bob, sender=attacker)
    assert watt.balanceOf(bob) == balance


def test_settle__prosumer_buyer__mints_own_production_and_settles_purchase(
    settlement, token, claimed, deliver, alice, bob, carol, attacker, slot
):
    deliver(slot, {alice: 700, bob: 300, carol: 150})
    settlement.settleParticipants(slot, [alice, bob], sender=attacker)
    tx = settlement.settleParticipant(slot, carol, sender=attacker)
    executed = tx.events.filter(settlement.SettlementExecuted)
    assert executed == [
        settlement.SettlementExecuted(slot, carol, True, 150, 0, 0, 0, 0),
        settlement.SettlementExecuted(
            slot, carol, False, 0, CAROL_RECEIVED, 24, CAROL_RECEIVED * UNIT, CAROL_PENALTY
        ),
    ]
    assert token.balanceOf(carol) == 150 + CAROL_RECEIVED
    record = settlement.getSettlementRecord(slot, carol)
    assert (record.energyProduced, record.energyConsumed, record.netEnergy) == (
        150,
        CAROL_RECEIVED,
        150 - CAROL_RECEIVED,
    )


def test_settle__not_ready__reverts(driver, settlement, claimed, alice, attacker, slot):
    with ape.reverts(settlement.SettlementNotReady, slot=slot, readyAt=driver.timeout_at(slot)):
        settlement.settleParticipant(slot, alice, sender=attacker)


def test_settle_seller__penalty_above_collateral__capped_by_encumbered_stake(
    driver, settlement, market, vault, deployer, deliver, alice, dave, attacker, slot
):
    market.setCollateralRequirement(100 * 10**15, sender=deployer)  # 0.1 WATT/kWh < penalty
    ask, bid = driver.ask(alice, slot, 20, 500), driver.bid(dave, slot, 20, 500)
    driver.clear(slot)
    driver.claim([ask, bid])
    deliver(slot, {})
    tx = settlement.settleParticipant(slot, alice, sender=attacker)
    collateral = 500 * 100 * 10**15 // 1000
    assert tx.events.filter(settlement.PenaltyAssessed) == [
        settlement.PenaltyAssessed(slot, alice, collateral, SHORTFALL)
    ]
    assert vault.encumberedStake(alice) == 0


def test_settle_seller__clearing_price_above_penalty_price__penalises_at_clearing_price(
    driver, settlement, deployer, deliver, alice, dave, attacker, slot
):
    settlement.setParameters(_params(penaltyPricePerKWh=1_000), sender=deployer)
    ask, bid = driver.ask(alice, slot, 20, 500), driver.bid(dave, slot, 20, 500)
    driver.clear(slot)
    driver.claim([ask, bid])
    deliver(slot, {alice: 200})
    tx = settlement.settleParticipant(slot, alice, sender=attacker)
    assert tx.events.filter(settlement.PenaltyAssessed) == [
        settlement.PenaltyAssessed(slot, alice, 300 * UNIT, SHORTFALL)
    ]


def test_settle_seller__zero_clearing_price_and_zero_penalty_price__settles_without_penalty(
    driver, settlement, market, vault, deployer, deliver, alice, dave, attacker, slot
):
    """A shortfall priced at 0 (grid floor 0, penalty price 0) must not call the vault for a zero
    penalty (it rejects zero amounts), or the seller and hence the slot could never settle."""
    market.setPriceGrid(0, 1_000, sender=deployer)
    settlement.setParameters(_params(penaltyPricePerKWh=0), sender=deployer)
    market.placeAsk(slot, 0, 500, sender=alice)
    market.placeBid(slot, 0, 500, sender=dave)
    assert driver.clear(slot).events == [market.AuctionCleared(slot, 0, 500)]
    driver.claim([slot << 32, slot << 32 | 1])
    deliver(slot, {})
    tx = settlement.settleParticipant(slot, alice, sender=attacker)
    assert tx.events == [
        settlement.SettlementStarted(slot, False),
        vault.StakeReleased(alice, slot, 500 * STAKE_UNIT),
        settlement.SettlementExecuted(slot, alice, True, 0, 0, 500, 0, 0),
    ]
    settlement.settleParticipant(slot, dave, sender=attacker)
    settlement.finalizeTimeSlot(slot, sender=attacker)
    assert market.escrowOf(slot) == 0


# ---------------------------------------------------------------- settleParticipants


def test_settle_participants__sellers_then_buyers__settles_all_in_one_batch(
    settlement, ready, alice, bob, carol, dave, attacker, slot
):
    tx = settlement.settleParticipants(slot, [alice, bob, carol, dave], sender=attacker)
    assert tx.events.filter(settlement.SettlementBatchCompleted) == [
        settlement.SettlementBatchCompleted(slot, 4, 0)
    ]
    assert len(tx.events.filter(settlement.SettlementExecuted)) == 4
    for trader in (alice, bob, carol, dave):
        assert settlement.getSettlementRecord(slot, trader).isSettled is True


def test_settle_participants__skips_and_counts_what_cannot_settle_now(
    settlement, ready, alice, carol, attacker, slot
):
    tx = settlement.settleParticipants(slot, [carol, alice, attacker, alice], sender=attacker)
    assert tx.events.filter(settlement.SettlementBatchCompleted) == [
        settlement.SettlementBatchCompleted(slot, 1, 3)
    ]
    assert tx.events.filter(settlement.SettlementExecuted)[0].participant == alice
    assert settlement.getSettlementRecord(slot, carol).isSettled is False


@pytest.mark.parametrize("size", [0, 101])
def test_settle_participants__empty_or_oversized_batch__reverts(
    settlement, ready, attacker, slot, size
):
    with ape.reverts(settlement.SettlementInvalidBatchSize, size=size, maxSize=100):
        settlement.settleParticipants(slot, [attacker] * size, sender=attacker)


# ---------------------------------------------------------------- finalizeTimeSlot


def test_finalize__before_settlement_started__reverts_not_ready(
    settlement, in_dispute_window, attacker, slot
):
    with ape.reverts(settlement.SettlementNotReady, slot=slot, readyAt=in_dispute_window):
        settlement.finalizeTimeSlot(slot, sender=attacker)


def test_finalize__participants_left__reverts_slot_open(settlement, ready, alice, attacker, slot):
    settlement.settleParticipant(slot, alice, sender=attacker)
    with ape.reverts(
        settlement.SettlementSlotOpen,
        slot=slot,
        boughtLeft=1_000,
        sellersLeft=1,
        escrowLeft=1_000 * UNIT - 700 * UNIT,
    ):
        settlement.finalizeTimeSlot(slot, sender=attacker)


def test_finalize__all_settled__pays_fees_to_treasury_and_closes(
    settlement, market, watt, ready, alice, bob, carol, dave, attacker, treasury_account, slot
):
    settlement.settleParticipants(slot, [alice, bob, carol, dave], sender=attacker)
    fees = ALICE_FEE + BOB_FEE
    tx = settlement.finalizeTimeSlot(slot, sender=attacker)
    assert tx.events == [
        settlement.TimeSlotSettled(slot, 940, 940 * UNIT, fees),
        market.EscrowReleased(slot, treasury_account, fees),
        watt.Transfer(market, treasury_account, fees),
    ]
    assert settlement.isTimeSlotSettled(slot) is True
    assert settlement.getTimeSlotSettlement(slot) == (slot, P20, 940, 940 * UNIT, True)
    assert market.escrowOf(slot) == 0


def test_finalize__twice__reverts(settlement, ready, alice, bob, carol, dave, attacker, slot):
    settlement.settleParticipants(slot, [alice, bob, carol, dave], sender=attacker)
    settlement.finalizeTimeSlot(slot, sender=attacker)
    with ape.reverts(settlement.SettlementAlreadyFinalized, slot=slot):
        settlement.finalizeTimeSlot(slot, sender=attacker)


# ---------------------------------------------------------------- disputes


def test_raise_dispute__in_window__takes_bond_and_freezes_participant(
    lens, driver, settlement, watt, in_dispute_window, alice, carol, attacker, slot
):
    tx = settlement.raiseDispute(slot, alice, sender=carol)
    assert tx.events == [
        settlement.DisputeRaised(slot, alice, carol, SP.dispute_bond),
        watt.Transfer(carol, settlement, SP.dispute_bond),
    ]
    assert lens.getDispute(slot, alice) == (
        carol,
        SP.dispute_bond,
        DisputeStatus.OPEN,
        tx.timestamp + 14 * DAY,
    )
    driver.open_settlement(slot)
    with ape.reverts(settlement.SettlementDisputed, slot=slot, participant=alice):
        settlement.settleParticipant(slot, alice, sender=attacker)


def test_raise_dispute__oracle_not_finalised__reverts(settlement, claimed, carol, alice, slot):
    with ape.reverts(settlement.SettlementSlotNotFinalized, slot=slot):
        settlement.raiseDispute(slot, alice, sender=carol)


def test_raise_dispute__at_window_end__reverts(
    settlement, in_dispute_window, warp, alice, carol, slot
):
    warp(in_dispute_window)
    with ape.reverts(
        settlement.SettlementDisputeWindowClosed,
        slot=slot,
        deadline=in_dispute_window,
        nowTime=in_dispute_window,
    ):
        settlement.raiseDispute(slot, alice, sender=carol)


def test_raise_dispute__twice__reverts(settlement, in_dispute_window, alice, carol, dave, slot):
    settlement.raiseDispute(slot, alice, sender=carol)
    with ape.reverts(settlement.SettlementDisputeExists, slot=slot, participant=alice):
        settlement.raiseDispute(slot, alice, sender=dave)


def test_raise_dispute__outsider_without_trades_or_production__reverts(
    settlement, in_dispute_window, attacker, carol, slot
):
    """Issue 9 item 3: only a participant with a sale, a purchase or production can be disputed."""
    with ape.reverts(settlement.SettlementNothingToDispute, slot=slot, participant=attacker):
        settlement.raiseDispute(slot, attacker, sender=carol)


def test_raise_dispute__zero_bond__takes_nothing(
    settlement, deployer, in_dispute_window, alice, carol, slot
):
    settlement.setParameters(_params(disputeBond=0), sender=deployer)
    settlement.setDisputeParameters(14 * DAY, 0, sender=deployer)
    tx = settlement.raiseDispute(slot, alice, sender=carol)
    assert tx.events == [settlement.DisputeRaised(slot, alice, carol, 0)]


def test_resolve_dispute__upheld__returns_bond_and_corrects_production(
    lens, driver, settlement, watt, in_dispute_window, deployer, alice, carol, attacker, slot
):
    settlement.raiseDispute(slot, alice, sender=carol)
    tx = settlement.resolveDispute(slot, alice, True, 500, sender=deployer)
    assert tx.events == [
        settlement.DisputeResolved(slot, alice, True, 500),
        watt.Transfer(settlement, carol, SP.dispute_bond),
    ]
    upheld = lens.getDispute(slot, alice)
    assert upheld[:3] == (carol, SP.dispute_bond, DisputeStatus.UPHELD)
    driver.open_settlement(slot)
    tx = settlement.settleParticipant(slot, alice, sender=attacker)
    executed = tx.events.filter(settlement.SettlementExecuted)[0]
    assert (executed.energyProduced, executed.energyDelivered, executed.shortfall) == (
        500,
        500,
        260,
    )


def test_resolve_dispute__rejected__bond_to_treasury_and_oracle_value_stands(
    lens,
    driver,
    settlement,
    watt,
    in_dispute_window,
    deployer,
    alice,
    carol,
    attacker,
    treasury_account,
    slot,
):
    settlement.raiseDispute(slot, alice, sender=carol)
    tx = settlement.resolveDispute(slot, alice, False, 123, sender=deployer)
    assert tx.events == [
        settlement.DisputeResolved(slot, alice, False, 0),
        watt.Transfer(settlement, treasury_account, SP.dispute_bond),
    ]
    assert lens.getDispute(slot, alice)[:3] == (
        carol,
        SP.dispute_bond,
        DisputeStatus.REJECTED,
    )
    driver.open_settlement(slot)
    tx = settlement.settleParticipant(slot, alice, sender=attacker)
    executed = tx.events.filter(settlement.SettlementExecuted)[0]
    assert (executed.energyProduced, executed.energyDelivered, executed.shortfall) == (700, 700, 60)


def test_resolve_dispute__none_open__reverts(
    settlement, in_dispute_window, deployer, alice, carol, slot
):
    with ape.reverts(settlement.SettlementNoDispute, slot=slot, participant=alice):
        settlement.resolveDispute(slot, alice, True, 0, sender=deployer)
    settlement.raiseDispute(slot, alice, sender=carol)
    settlement.resolveDispute(slot, alice, False, 0, sender=deployer)
    with ape.reverts(settlement.SettlementNoDispute, slot=slot, participant=alice):
        settlement.resolveDispute(slot, alice, True, 0, sender=deployer)


def test_resolve_dispute__without_arbiter_role__reverts(
    settlement, in_dispute_window, alice, carol, slot
):
    settlement.raiseDispute(slot, alice, sender=carol)
    with ape.reverts(
        settlement.AccessControlUnauthorizedAccount,
        account=carol,
        neededRole=settlement.ARBITER_ROLE(),
    ):
        settlement.resolveDispute(slot, alice, True, 0, sender=carol)


# ---------------------------------------------------------------- assessPenalty


def test_assess_penalty__slashes_stake_to_treasury(
    settlement, vault, watt, deployer, alice, treasury_account
):
    reason, stake = "meter tampering", vault.getStake(alice)
    tx = settlement.assessPenalty(alice, 5 * 10**18, reason, sender=deployer)
    assert tx.events == [
        vault.SlashExecuted(alice, 5 * 10**18, reason, treasury_account),
        watt.Transfer(vault, treasury_account, 5 * 10**18),
        settlement.PenaltyAssessed(0, alice, 5 * 10**18, reason),
    ]
    assert vault.getStake(alice) == stake - 5 * 10**18


def test_assess_penalty__more_than_stake__reverts(settlement, vault, deployer, alice):
    stake = vault.getStake(alice)
    with ape.reverts(
        vault.StakingVaultSlashExceedsStake, staker=alice, stake=stake, needed=stake + 1
    ):
        settlement.assessPenalty(alice, stake + 1, "x", sender=deployer)


def test_assess_penalty__without_arbiter_role__reverts(settlement, attacker, alice):
    with ape.reverts(
        settlement.AccessControlUnauthorizedAccount,
        account=attacker,
        neededRole=settlement.ARBITER_ROLE(),
    ):
        settlement.assessPenalty(alice, 1, "x", sender=attacker)
