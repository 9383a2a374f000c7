"""The seed's demo on the local chain, with the PoC's own settings.

Alice's solar farm generates 50 kWh, Bob's wind turbine 30 kWh, Charlie consumes 25 kWh. Each
gets 100 WATT from the fiat on-ramp (the issuer attests reserves, then mints). Alice sells 20 kWh
at 0.15 WATT/kWh, Bob 15 kWh at 0.12, Charlie buys 25 kWh at 0.16; the grid fee is 5 % of the
trade value, paid by the buyer to the grid operator (everyone in one grid zone, own-zone fee
500 bps). Sellers stake WATT as collateral for their delivery obligations.

PoC result to compare with: Charlie's bid takes Bob's 15 kWh at 0.12 (1.80 WATT) and 10 of
Alice's 20 kWh at 0.15 (1.50 WATT); fees 5 % = 0.165 WATT; 10 kWh of Alice's ask stay in the book.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ape import chain

from gridset.cda.deploy import CdaParams, deploy_cda
from gridset.cda.ops import book_lines, fmt_units, place, to_base_units, withdraw_all
from gridset.chain_time import advance_to, next_slot_start
from gridset.deploy.core import deploy_suite
from gridset.deploy.params import DeployParams, OracleParams
from gridset.tokens.watt import issue_watt
from gridset.units import WATT

ON_RAMP = 100 * WATT
STAKE = 20 * WATT
GRID_FEE_BPS = 500
GENERATED_KWH = {"Alice": 50, "Bob": 30, "Charlie": 0}
CONSUMED_KWH = {"Alice": 0, "Bob": 0, "Charlie": 25}
ORDERS = (("Alice", False, "0.15", 20), ("Bob", False, "0.12", 15), ("Charlie", True, "0.16", 25))


def run_demo(accounts: Sequence[Any], echo: Callable[[str], None] = print) -> dict[str, Any]:
    """Deploy a suite and a CDA, play the demo, print it with ``echo``; return the figures
    (WATT balances in base units, positions in Wh, grid fees)."""
    deployer, issuer, operator, op1, op2, alice, bob, charlie = accounts[:8]
    suite = deploy_suite(
        deployer,
        DeployParams(
            slot_seconds=900,
            admin="deployer",
            installers=(issuer.address,),
            registrars=(issuer.address,),
            watt_issuers=(issuer.address,),
            oracle=OracleParams(
                reporting_window=1800, quorum=1, operators=(op1.address, op2.address)
            ),
        ),
    )
    cda = deploy_cda(deployer, suite, CdaParams())
    cda.setZoneFee(0, 0, GRID_FEE_BPS, sender=deployer)
    cda.setZoneOperator(0, operator, sender=deployer)
    watt, vault = suite.payment_token, suite.staking_vault
    people = {"Alice": alice, "Bob": bob, "Charlie": charlie}
    echo("On-ramp: 100 WATT each (reserves attested, then minted)")
    for account in people.values():
        issue_watt(watt, issuer, account, ON_RAMP)
        watt.approve(cda, 2**256 - 1, sender=account)
    for name in ("Alice", "Bob"):
        watt.approve(vault, STAKE, sender=people[name])
        vault.depositStake(STAKE, sender=people[name])
        echo(f"{name} stakes {fmt_units(STAKE, 18, 2)} WATT as delivery collateral")

    slot = next_slot_start(chain.pending_timestamp + 3600, 900)
    advance_to(chain, slot - suite.energy_market.gateClosureLead())
    echo(f"Delivery slot {slot}: the intraday book is open")
    fees = 0
    resting = []
    for name, is_bid, price_text, kwh in ORDERS:
        price = to_base_units(price_text, 18)
        result = place(cda, people[name], slot, is_bid, price, kwh * 1000)
        if result.order_id:
            resting.append(result.order_id)
        side = "buys" if is_bid else "sells"
        echo(f"{name} {side} {kwh} kWh at {price_text} WATT/kWh")
        for trade_price, wh, value, fee in result.trades:
            fees += fee
            echo(
                f"  TRADE {wh / 1000:g} kWh at {fmt_units(trade_price, 18, 2)} WATT/kWh: "
                f"{fmt_units(value, 18, 4)} WATT + grid fee {fmt_units(fee, 18, 4)} WATT"
            )
    echo("Order book:")
    for line in book_lines(cda, slot, 18):
        echo(line)
    advance_to(chain, slot - CdaParams().cda_gate_lead)
    cda.claimMany(resting, sender=deployer)
    for account in people.values():
        withdraw_all(cda, account)  # proceeds and refunds leave the CDA's internal balances
    cda.withdrawGridFees(0, sender=operator)
    echo("After the CDA's gate closure (makers claimed and withdrew, unsold stake released):")
    result: dict[str, Any] = {"grid_fees": fees, "operator_watt": watt.balanceOf(operator)}
    for name, account in people.items():
        position = cda.getPosition(slot, account)
        net_kwh = GENERATED_KWH[name] - CONSUMED_KWH[name] - position.sold / 1000
        net_kwh += position.bought / 1000
        balance = watt.balanceOf(account) + vault.getStake(account)
        result[name] = {
            "watt": balance,
            "sold_wh": position.sold,
            "bought_wh": position.bought,
            "encumbered": vault.encumberedStake(account),
        }
        encumbered = fmt_units(vault.encumberedStake(account), 18, 2)
        echo(
            f"  {name}: {fmt_units(balance, 18, 4)} WATT (incl. stake), "
            f"sold {position.sold / 1000:g} kWh, bought {position.bought / 1000:g} kWh, "
            f"energy left {net_kwh:g} kWh, stake encumbered for delivery {encumbered} WATT"
        )
    echo(f"  Grid operator: {fmt_units(watt.balanceOf(operator), 18, 4)} WATT in grid fees")
    return result
