"""Gas of CdaMarket (the intraday continuous double auction), from receipts.

Cases of the issue's targets: taking N orders resting on one price level (N = 1, 10, 100; one
zone queue), one order on each of 5 levels, resting a new order at a new or an occupied level,
cancel, a maker's claim and a withdrawal. Market conditions as in operation: the CDA already
holds WATT, each trader already has a position in the slot (its position word is non-zero),
holds stake and keeps an internal balance on the CDA (earlier refunds and proceeds, not yet
withdrawn), from which its bids are paid; the takers are immediate-or-cancel buyers that consume
exactly the levels measured. The cases marked ``paid by transferFrom`` and ``empty internal
balance`` show the other regime: a bid pulled from a trader without internal balance, a claim
that credits an empty balance (a fresh storage slot).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ape import chain, project

from gridset.bench import GasTable
from gridset.cda.deploy import CdaParams, deploy_cda
from gridset.chain_time import advance_to, next_slot_start
from gridset.deploy.core import deploy_suite
from gridset.deploy.params import DeployParams, OracleParams
from gridset.market.driver import SlotDriver
from gridset.tokens.watt import issue_watt
from gridset.units import WATT

SLOT = 900
MAX_UINT256 = 2**256 - 1
ZERO_ADDRESS = "0x" + "00" * 20
PARAMS = CdaParams()
FUNDING_WH = 2_000_000  # at tick 1 (0.052 WATT/kWh): 104 WATT of escrow, refunded on cancel


def _price(tick: int) -> int:
    return PARAMS.price_floor + tick * PARAMS.tick_size


def _order_id(cda: Any, receipt: Any) -> int:
    return receipt.events.filter(cda.OrderPlaced)[0].orderId


def run(table: GasTable, accounts: Sequence[Any]) -> None:
    """Deploy a suite and a CdaMarket; record ``CdaMarket.<case>`` figures into ``table``."""
    deployer, installer, op1, op2, op3 = accounts[:5]
    maker, maker2, taker, other = accounts[5:9]
    params = DeployParams(
        slot_seconds=SLOT,
        admin="deployer",
        installers=(installer.address,),
        registrars=(installer.address,),
        watt_issuers=(installer.address,),
        oracle=OracleParams(
            reporting_window=1800, quorum=2, operators=(op1.address, op2.address, op3.address)
        ),
    )
    suite = deploy_suite(deployer, params)
    cda = deploy_cda(deployer, suite, PARAMS)
    watt, vault, market = suite.payment_token, suite.staking_vault, suite.energy_market
    for trader in (maker, maker2, taker, other):
        issue_watt(watt, installer, trader, 10_000 * WATT)
        watt.approve(cda, MAX_UINT256, sender=trader)
        watt.approve(vault, 1_000 * WATT, sender=trader)
        vault.depositStake(1_000 * WATT, sender=trader)

    slot = next_slot_start(chain.pending_timestamp + 4 * 3600, SLOT)
    advance_to(chain, slot - market.gateClosureLead())
    record = table.record
    place = cda.placeOrder
    record(
        "CdaMarket.placeOrder[first order of a slot: opens the book, rests]",
        place(slot, True, _price(1), 10, False, sender=other),
    )
    # Every trader gets a position in the slot and the CDA a WATT balance beforehand, and an
    # internal balance of about 104 WATT (a cancelled bid's refund) that pays its bids.
    for trader in (maker, maker2, taker):
        place(slot, True, _price(1), 10, False, sender=trader)
        funding = _order_id(cda, place(slot, True, _price(1), FUNDING_WH, False, sender=trader))
        cda.cancelOrder(funding, sender=trader)
    place(slot, False, _price(250), 10, False, sender=other)  # the ask side is not empty

    record(
        "CdaMarket.placeOrder[ask rests at a new level]",
        place(slot, False, _price(200), 10, False, sender=maker),
    )
    record(
        "CdaMarket.placeOrder[ask rests at an occupied level]",
        place(slot, False, _price(200), 10, False, sender=maker2),
    )
    record(
        "CdaMarket.placeOrder[bid rests at an occupied level]",
        place(slot, True, _price(1), 10, False, sender=maker),
    )
    record(
        "CdaMarket.placeOrder[bid rests at an occupied level, paid by transferFrom]",
        place(slot, True, _price(1), 10, False, sender=other),
    )

    def take_level(key: str, tick: int, makers: int) -> list[int]:
        ids = [
            _order_id(
                cda, place(slot, False, _price(tick), 10, False, sender=(maker, maker2)[i % 2])
            )
            for i in range(makers)
        ]
        record(key, place(slot, True, _price(tick), 10 * makers, True, sender=taker))
        return ids

    take_level("CdaMarket.take[1 maker]", 10, 1)
    take_level("CdaMarket.take[10 makers]", 11, 10)
    filled = take_level("CdaMarket.take[100 makers]", 12, 100)
    for tick in range(20, 25):
        place(slot, False, _price(tick), 10, False, sender=maker)
    record(
        "CdaMarket.take[1 maker each on 5 levels]",
        place(slot, True, _price(24), 50, True, sender=taker),
    )
    record(
        "CdaMarket.placeOrder[bid takes 1 maker, rest rests]",
        _take_and_rest(cda, slot, maker, taker),
    )
    record(
        "CdaMarket.placeOrder[ask takes 1 resting bid]",
        place(slot, False, _price(1), 10, True, sender=maker2),
    )

    # Claims: a filled ask maker of the 100-maker level, by anyone (reads whether a licence is
    # needed) and by the maker itself; ten of them in one batch.
    record("CdaMarket.claim[ask maker, filled]", cda.claim(filled[0], sender=other))
    record("CdaMarket.claim[ask maker, filled, by the maker]", cda.claim(filled[12], sender=maker))
    record("CdaMarket.claimMany[10 ask makers]", cda.claimMany(filled[1:11], sender=other))
    record(
        "CdaMarket.withdraw[part of the balance]",
        cda.withdraw(cda.internalBalanceOf(maker2) // 2, sender=maker2),
    )
    cda.withdraw(cda.internalBalanceOf(maker2), sender=maker2)
    record(
        "CdaMarket.claim[ask maker, filled, empty internal balance]",
        cda.claim(filled[11], sender=other),
    )

    tail = _order_id(cda, place(slot, True, _price(2), 10, False, sender=maker))
    record("CdaMarket.cancelOrder[bid, tail of its queue]", cda.cancelOrder(tail, sender=maker))
    first = _order_id(cda, place(slot, False, _price(100), 10, False, sender=maker))
    place(slot, False, _price(100), 10, False, sender=maker2)
    record("CdaMarket.cancelOrder[ask, leaves a hole]", cda.cancelOrder(first, sender=maker))
    record(
        "CdaMarket.take[1 maker behind 1 hole]",
        place(slot, True, _price(100), 10, True, sender=taker),
    )

    # Zones and fees.
    record("CdaMarket.setZone[assign]", cda.setZone(taker, 1, sender=deployer))
    cda.setZone(maker, 2, sender=deployer)
    record("CdaMarket.setZoneFee[own rate]", cda.setZoneFee(1, 1, 100, sender=deployer))
    cda.setZoneFee(2, 2, 100, sender=deployer)
    record("CdaMarket.setZoneFee[pair]", cda.setZoneFee(1, 2, 500, sender=deployer))
    record("CdaMarket.setZoneOperator[set]", cda.setZoneOperator(1, op1, sender=deployer))
    cda.setZoneOperator(2, op2, sender=deployer)
    place(slot, False, _price(30), 10, False, sender=maker)
    record(
        "CdaMarket.take[1 maker, cross-zone fee]",
        place(slot, True, _price(30), 10, True, sender=taker),
    )
    record("CdaMarket.withdrawGridFees[zone]", cda.withdrawGridFees(1, sender=op1))
    record(
        "CdaMarket.setParameters[update]",
        cda.setParameters(
            PARAMS.price_floor,
            PARAMS.tick_size,
            PARAMS.collateral_per_kwh,
            PARAMS.cda_gate_lead,
            PARAMS.min_order_wh,
            sender=deployer,
        ),
    )
    _staking_cases(record, cda, slot, deployer, maker, taker, other)
    record("CdaMarket.pause[]", cda.pause(sender=deployer))
    record("CdaMarket.unpause[]", cda.unpause(sender=deployer))

    resting = _order_id(cda, place(slot, True, _price(3), 10, False, sender=maker2))
    advance_to(chain, slot - PARAMS.cda_gate_lead)
    record("CdaMarket.claim[bid after gate closure, refund]", cda.claim(resting, sender=other))
    driver = SlotDriver(chain, suite, (op1, op2, op3), deployer)
    _settlement_cases(record, driver, cda, installer, maker, (taker, other))


def _settlement_cases(
    record: Any, driver: SlotDriver, cda: Any, installer: Any, seller: Any, buyers: Sequence[Any]
) -> None:
    """After delivery, in a slot of its own: a CDA seller 100 Wh short of its 500 Wh sale (the
    engine settles it through ``CdaMarket.settleSale``), then its two buyers' purchases."""
    suite, keeper = driver.suite, driver.keeper
    engine = suite.settlement_engine
    record("SettlementEngine.setCdaMarket[set]", engine.setCdaMarket(cda, sender=keeper))
    tx = suite.panel_nft.mint(seller, "ipfs://bench-panel", 5000, sender=installer)
    panel = tx.events.filter(suite.panel_nft.PanelMinted)[0].tokenId
    suite.panel_registry.registerPanel(panel, seller, 5000, sender=installer)
    slot = next_slot_start(chain.pending_timestamp + 4 * 3600, SLOT)
    advance_to(chain, slot - suite.energy_market.gateClosureLead())
    ask = _order_id(cda, cda.placeOrder(slot, False, _price(10), 500, False, sender=seller))
    for buyer in buyers:
        cda.placeOrder(slot, True, _price(10), 250, True, sender=buyer)
    advance_to(chain, slot - PARAMS.cda_gate_lead)
    cda.claim(ask, sender=seller)
    driver.report(slot, {panel: 400})
    driver.finalize_oracle(slot)
    driver.open_settlement(slot)
    record(
        "SettlementEngine.settleParticipant[CDA seller, shortfall penalised]",
        engine.settleParticipant(slot, seller, sender=keeper),
    )
    record(
        "CdaMarket.settlePurchase[first buyer]",
        cda.settlePurchase(slot, buyers[0], sender=keeper),
    )
    record(
        "CdaMarket.settlePurchase[last buyer, takes what is left]",
        cda.settlePurchase(slot, buyers[1], sender=keeper),
    )


def _staking_cases(
    record: Any, cda: Any, slot: int, deployer: Any, maker: Any, taker: Any, relayer: Any
) -> None:
    """With a GridStaking set: a licensed relayer's claim, a staker's discounted take."""
    grid = deployer.deploy(project.GridToken, "GRID", "GRID", [relayer, taker], [10**24, 10**24])
    staking = deployer.deploy(project.GridStaking, grid, deployer, 10**22)
    staking.setFeeTiers([10**21], [2_000], sender=deployer)
    record("CdaMarket.setGridStaking[set]", cda.setGridStaking(staking, sender=deployer))
    for holder in (relayer, taker):
        grid.approve(staking, 10**22, sender=holder)
        staking.deposit(10**22, holder, sender=holder)
    ask = _order_id(cda, cda.placeOrder(slot, False, _price(31), 10, False, sender=maker))
    record(
        "CdaMarket.take[1 maker, cross-zone fee, staker discount]",
        cda.placeOrder(slot, True, _price(31), 10, True, sender=taker),
    )
    record("CdaMarket.claim[ask maker, by a licensed relayer]", cda.claim(ask, sender=relayer))
    cda.setGridStaking(ZERO_ADDRESS, sender=deployer)


def _take_and_rest(cda: Any, slot: int, maker: Any, taker: Any) -> Any:
    cda.placeOrder(slot, False, _price(40), 10, False, sender=maker)
    return cda.placeOrder(slot, True, _price(40), 20, False, sender=taker)
