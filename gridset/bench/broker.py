"""Energy Broker gas: create, add, remove, one- and two-hop swaps of both formulas, and Uniswap V2
Router02 measured side by side on the same chain with the same tokens and trader.

Swaps are measured in steady state: each pool (ours and Uniswap's pairs) has seen one swap
before, so Uniswap's price accumulators are already non-zero, and the trader already holds the
output token; the ``new-recipient`` cases pay to an address that held none of it.

Entry points called other than through the router (the pool directly, its LP share token, the
rate providers' hook, governance setters) are measured afterwards on the same broker by
``gridset.bench.broker_direct``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ape import chain, project

from gridset.bench import GasTable
from gridset.bench.broker_direct import TradedBroker, bench_direct
from gridset.bench.uniswap_v2 import deploy_uniswap_v2
from gridset.broker.deploy import ZERO_ADDRESS as ZERO
from gridset.broker.deploy import (
    DynamicRateConfig,
    deploy_dynamic_rate_provider,
    deploy_fixed_rate_provider,
)
from gridset.broker.units import Formula, rate_from_price_per_kwh

MAX_UINT = 2**256 - 1
#: 0.25 payment tokens (18 decimals) per kWh.
RATE = rate_from_price_per_kwh(25 * 10**16)
#: The dynamic rate starts at RATE; the budget buys 400 kWh per hour at that rate.
DYNAMIC = DynamicRateConfig(
    initial_rate=RATE,
    budget_per_period=100 * 10**18,
    min_rate=RATE // 10,
    max_rate=RATE * 10,
    capacity=10**10,
)
#: Recipients that hold nothing before they are paid (the "new-recipient" cases).
FRESH_RECIPIENTS = (
    "0x000000000000000000000000000000000000b001",
    "0x000000000000000000000000000000000000b002",
)
OURS_1HOP = "EnergyBrokerRouter.swapExactTokensForTokens[constantProduct-1hop]"
UNISWAP_1HOP = "UniswapV2Router02.swapExactTokensForTokens[1hop]"


@dataclass
class _Tokens:
    """Three 18-decimal tokens for constant-product paths, three 3-decimal energy tokens and the
    payment token for constant-sum paths (the third priced by a dynamic rate)."""

    a: Any
    b: Any
    c: Any
    watt: Any
    energy: Any
    energy2: Any
    energy3: Any


def run(table: GasTable, accounts: Sequence) -> None:
    """Deploy the broker and Uniswap V2 on the connected chain and record their gas in ``table``.

    Prints the ratio of our constant-product one-hop swap to Uniswap V2 Router02's.

    Raises:
        ValueError: fewer than two accounts.
    """
    if len(accounts) < 2:
        raise ValueError("the broker benchmark needs a deployer and a trader account")
    deployer, trader = accounts[0], accounts[1]
    tokens = _deploy_tokens(deployer, trader)
    broker = _bench_broker(table, deployer, trader, tokens)
    _bench_uniswap(table, deployer, trader, tokens)
    bench_direct(table, deployer, trader, broker)
    ratio = table.entries[OURS_1HOP] / table.entries[UNISWAP_1HOP]
    table.notes[OURS_1HOP] = f"{ratio:.3f} x Uniswap V2 Router02 on the same chain"
    print(
        f"constant-product one-hop swap: EnergyBrokerRouter {table.entries[OURS_1HOP]:,} gas, "
        f"UniswapV2Router02 {table.entries[UNISWAP_1HOP]:,} gas, ratio {ratio:.3f}"
    )


def _deploy_tokens(deployer: Any, trader: Any) -> _Tokens:
    token = project.MintableTestToken
    tokens = _Tokens(
        a=deployer.deploy(token, "Token A", "A", 18),
        b=deployer.deploy(token, "Token B", "B", 18),
        c=deployer.deploy(token, "Token C", "C", 18),
        watt=deployer.deploy(token, "Watt", "WATT", 18),
        energy=deployer.deploy(token, "Energy credit", "EC", 3),
        energy2=deployer.deploy(token, "Energy credit 2", "EC2", 3),
        energy3=deployer.deploy(token, "Energy credit 3", "EC3", 3),
    )
    for contract in vars(tokens).values():
        contract.mint(trader, 10**30, sender=deployer)
        contract.mint(deployer, 10**30, sender=deployer)
    return tokens


def _deadline() -> int:
    return chain.pending_timestamp + 3600


def _bench_broker(table: GasTable, deployer: Any, trader: Any, t: _Tokens) -> TradedBroker:
    factory = deployer.deploy(project.EnergyBrokerFactory, deployer, t.watt, deployer, 0, 100, 100)
    factory.grantRole(factory.POOL_CREATOR_ROLE(), deployer, sender=deployer)
    router = deployer.deploy(project.EnergyBrokerRouter, deployer, factory, 4)
    for token in vars(t).values():
        token.approve(router, MAX_UINT, sender=trader)

    def new_pool(key: str | None, token_a: Any, token_b: Any, provider: Any = None) -> Any:
        formula = Formula.CONSTANT_SUM if provider else Formula.CONSTANT_PRODUCT
        tx = factory.createPool(token_a, token_b, int(formula), provider or ZERO, sender=deployer)
        if key:
            table.record(f"EnergyBrokerFactory.createPool[{key}]", tx)
        return project.EnergyBrokerPool.at(factory.getPool(token_a, token_b))

    pool_ab = new_pool("constantProduct", t.a, t.b)
    new_pool(None, t.b, t.c)
    rate = deploy_fixed_rate_provider(deployer, t.energy, t.watt, RATE)
    pool_ew = new_pool("constantSum", t.energy, t.watt, rate)
    new_pool(None, t.energy2, t.watt, deploy_fixed_rate_provider(deployer, t.energy2, t.watt, RATE))
    dynamic = deploy_dynamic_rate_provider(deployer, t.energy3, t.watt, DYNAMIC)
    pool_dynamic = new_pool(None, t.energy3, t.watt, dynamic)
    table.record(
        "DynamicRateProvider.setPool[first]", dynamic.setPool(pool_dynamic, sender=deployer)
    )

    def add(key: str | None, token_a: Any, token_b: Any, amount_a: int, amount_b: int) -> None:
        tx = router.addLiquidity(
            token_a, token_b, amount_a, amount_b, 0, 0, trader, _deadline(), sender=trader
        )
        if key:
            table.record(f"EnergyBrokerRouter.addLiquidity[{key}]", tx)

    add("constantProduct-first", t.a, t.b, 10**24, 10**24)
    add("constantProduct", t.a, t.b, 10**22, 10**22)
    add(None, t.b, t.c, 10**24, 10**24)
    add("constantSum-first", t.energy, t.watt, 10**9, 10**23)
    add("constantSum-single-sided", t.energy, t.watt, 10**7, 0)
    add(None, t.energy2, t.watt, 10**9, 10**23)
    add(None, t.energy3, t.watt, 10**9, 10**23)

    def swap(key: str, amount: int, path: list, to: Any = trader, exact_out: bool = False) -> None:
        if exact_out:
            tx = router.swapTokensForExactTokens(
                amount, MAX_UINT, path, to, _deadline(), sender=trader
            )
            table.record(f"EnergyBrokerRouter.swapTokensForExactTokens[{key}]", tx)
        else:
            tx = router.swapExactTokensForTokens(amount, 0, path, to, _deadline(), sender=trader)
            table.record(f"EnergyBrokerRouter.swapExactTokensForTokens[{key}]", tx)

    for amount, warm_up in (
        (10**15, [t.a, t.b]),
        (10**15, [t.b, t.c]),
        (10**3, [t.energy, t.watt]),
        (10**3, [t.energy2, t.watt]),
        (10**3, [t.energy3, t.watt]),
    ):
        router.swapExactTokensForTokens(amount, 0, warm_up, trader, _deadline(), sender=trader)
    swap("constantProduct-1hop", 10**18, [t.a, t.b])
    swap("constantProduct-1hop-new-recipient", 10**18, [t.a, t.b], to=FRESH_RECIPIENTS[0])
    swap("constantProduct-2hop", 10**18, [t.a, t.b, t.c])
    swap("constantProduct-1hop", 10**18, [t.b, t.a], exact_out=True)
    swap("constantProduct-2hop", 10**18, [t.c, t.b, t.a], exact_out=True)
    swap("constantSum-1hop", 10**6, [t.energy, t.watt])
    swap("constantSum-2hop", 10**6, [t.energy, t.watt, t.energy2])
    swap("constantSum-dynamicRate-1hop", 10**6, [t.energy3, t.watt])
    swap("constantSum-1hop", 10**6, [t.watt, t.energy], exact_out=True)

    for pool, (token_a, token_b), key in (
        (pool_ab, (t.a, t.b), "constantProduct"),
        (pool_ew, (t.energy, t.watt), "constantSum"),
    ):
        pool.approve(router, MAX_UINT, sender=trader)
        tx = router.removeLiquidity(
            token_a, token_b, 10**20, 0, 0, trader, _deadline(), sender=trader
        )
        table.record(f"EnergyBrokerRouter.removeLiquidity[{key}]", tx)
    return TradedBroker(
        factory=factory,
        router=router,
        product_pool=pool_ab,
        product_pair=(t.a, t.b),
        sum_pool=pool_ew,
        sum_pair=(t.energy, t.watt),
        dynamic_pool=pool_dynamic,
        dynamic_asset=t.energy3,
        fixed_rate=rate,
        dynamic_rate=dynamic,
    )


def _bench_uniswap(table: GasTable, deployer: Any, trader: Any, t: _Tokens) -> None:
    uniswap = deploy_uniswap_v2(deployer)
    router = uniswap.router
    for token in (t.a, t.b, t.c):
        token.approve(router, MAX_UINT, sender=trader)

    first = router.addLiquidity(t.a, t.b, 10**24, 10**24, 0, 0, trader, _deadline(), sender=trader)
    table.record("UniswapV2Router02.addLiquidity[first]", first)
    tx = router.addLiquidity(t.a, t.b, 10**22, 10**22, 0, 0, trader, _deadline(), sender=trader)
    table.record("UniswapV2Router02.addLiquidity", tx)
    router.addLiquidity(t.b, t.c, 10**24, 10**24, 0, 0, trader, _deadline(), sender=trader)

    for warm_up in ([t.a, t.b], [t.b, t.c]):
        router.swapExactTokensForTokens(10**15, 0, warm_up, trader, _deadline(), sender=trader)
    for key, path, to in (
        ("1hop", [t.a, t.b], trader),
        ("1hop-new-recipient", [t.a, t.b], FRESH_RECIPIENTS[1]),
        ("2hop", [t.a, t.b, t.c], trader),
    ):
        tx = router.swapExactTokensForTokens(10**18, 0, path, to, _deadline(), sender=trader)
        table.record(f"UniswapV2Router02.swapExactTokensForTokens[{key}]", tx)

    pair = uniswap.pair(t.a, t.b)
    pair.approve(router, MAX_UINT, sender=trader)
    tx = router.removeLiquidity(t.a, t.b, 10**20, 0, 0, trader, _deadline(), sender=trader)
    table.record("UniswapV2Router02.removeLiquidity", tx)
