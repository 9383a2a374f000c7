"""Gas of relayed order entry: OrderRelay.placeOrders per order, in batches of 1, 10 and 50.

Each batch goes to its own slot whose auction is already open (another trader's order), at that
order's price level; every entry is its trader's first order in the slot (the household case).
Bids are funded from the trader's allowance, by a permit carried in the entry, or from the
trader's internal balance in the market (refunds a real ``settleBatch`` booked beforehand, enough
for every later bid, so each debit leaves a balance: no transfer, no allowance); asks encumber
stake. The per-order figure is the transaction's gas (21,000 base and calldata included) divided
by the batch size.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ape import accounts as ape_accounts
from ape import chain

from gridset.bench import GasTable
from gridset.deploy.core import deploy_suite
from gridset.deploy.params import DeployParams, OracleParams
from gridset.market.driver import SlotDriver
from gridset.market.relay import OrderRequest, relay_orders
from gridset.units import WATT

SLOT = 900
BATCH_SIZES = (1, 10, 50)
TICK, WH = 20, 500
KINDS = ("bid", "bid with permit", "ask", "bid from internal balance")
#: Gas sent with each generated trader (it approves the market and deposits stake).
TRADER_WEI = 10**17


def run(table: GasTable, accounts: Sequence[Any]) -> None:
    """Deploy a fresh suite and record the per-order cost of relayed bids (allowance, permit,
    internal balance) and asks for each batch size."""
    deployer, installer, op1, op2, relayer = accounts[:5]
    params = DeployParams(
        slot_seconds=SLOT,
        admin="deployer",
        installers=(installer.address,),
        watt_issuers=(installer.address,),
        oracle=OracleParams(reporting_window=1800, quorum=2, operators=(op1.address, op2.address)),
    )
    suite = deploy_suite(deployer, params)
    driver = SlotDriver(chain, suite, (op1, op2), deployer)
    traders = _traders(driver, deployer, installer, max(BATCH_SIZES) + 1)
    opener, traders = traders[0], traders[1:]
    relay, watt = suite.order_relay, suite.payment_token
    driver.bid(opener, driver.next_slot(3600), 0, 1_000)  # escrow of another slot stays held
    slot = driver.next_slot(3600)
    for kind in KINDS:
        if kind == "bid from internal balance":
            _refund_to_internal_balances(driver, traders, WH * (len(BATCH_SIZES) + 1))
            slot = driver.next_slot(3600)
        for n in BATCH_SIZES:
            slot += SLOT
            is_bid = kind != "ask"
            (driver.bid if is_bid else driver.ask)(opener, slot, TICK, WH)  # opens the auction
            if kind == "bid with permit":
                for trader in traders[:n]:
                    watt.approve(suite.energy_market, 0, sender=trader)
            permit = WH * driver.price(TICK) // 1000 if kind == "bid with permit" else 0
            deadline = chain.pending_timestamp + 3600
            requests = [
                OrderRequest(t, slot, is_bid, driver.price(TICK), WH, 0, deadline, permit)
                for t in traders[:n]
            ]
            receipt = relay_orders(relay, watt, requests, relayer)
            placed = receipt.events.filter(suite.energy_market.OrderPlaced)
            assert len(placed) == n, f"{kind} batch of {n}: {n - len(placed)} skipped"
            if kind == "bid from internal balance":
                assert not receipt.events.filter(watt.Transfer), "a bid was paid by transfer"
            table.record(
                f"OrderRelay.placeOrders[per {kind}, batch of {n}]", int(receipt.gas_used) // n
            )
            if kind == "bid with permit":
                for trader in traders[:n]:
                    watt.approve(suite.energy_market, 2**256 - 1, sender=trader)
    table.record("OrderRelay.setGridStaking[set]", relay.setGridStaking(op1, sender=deployer))


def _refund_to_internal_balances(driver: SlotDriver, traders: Sequence[Any], wh: int) -> None:
    """Each trader bids ``wh`` Wh at TICK in a slot nobody sells in; after clearing, the oracle's
    finalisation and the dispute window, one ``settleBatch`` books every unfilled escrow to its
    trader's internal balance in the market."""
    slot = driver.next_slot(3600)
    for trader in traders:
        driver.bid(trader, slot, TICK, wh)
    driver.clear(slot)
    driver.finalize_oracle(slot)
    driver.open_settlement(slot)
    receipt = driver.settlement.settleBatch(slot, list(traders), sender=driver.keeper)
    credited = receipt.events.filter(driver.market.InternalBalanceCredited)
    assert len(credited) == len(traders), f"{len(traders) - len(credited)} traders not refunded"


def _traders(driver: SlotDriver, deployer: Any, installer: Any, n: int) -> list[Any]:
    """``n`` generated accounts, each with gas, WATT approved to the market and stake."""
    traders = []
    for _ in range(n):
        trader = ape_accounts.test_accounts.generate_test_account()
        deployer.transfer(trader, TRADER_WEI)
        driver.fund(installer, trader, 1_000 * WATT, 100 * WATT, disputes=False)
        traders.append(trader)
    return traders
