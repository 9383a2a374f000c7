"""Energy Broker gas, and Uniswap V2 Router02 measured side by side on the same chain with the
same tokens and trader.

Swaps are measured in steady state: each pool (ours and Uniswap's pairs) has seen one swap
before, so Uniswap's price accumulators are non-zero, and the trader already holds the output
token; the ``new-recipient`` cases pay an address that held none of it. Then, on the same broker:

- pool ``mint``, ``burn``, ``swapExactIn``, ``swapExactOut`` called directly, the way
  aggregators call a Uniswap V2 pair (the tokens or LP shares are transferred in by a separate
  transaction, not in the figure); the LP share token's ERC-20 functions are OpenZeppelin's;
- ``onPoolUpdate``: FixedRateProvider's is open to anyone (and empty); DynamicRateProvider's
  accepts only its pool, so it is measured inside the pool's swap;
- governance setters by their admin (the deployer); the pool's own setters are ``onlyFactory``
  and measured inside ``setPoolFees``, ``setPoolRateProvider`` and ``pausePool``/``unpausePool``.
  ``[first]`` writes a zero slot, ``[update]`` overwrites a non-zero one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple
from typing import Any

from ape import chain, project

from gridset.bench import GasTable
from gridset.bench.uniswap_v2 import deploy_uniswap_v2
from gridset.broker.deploy import ZERO_ADDRESS as ZERO
from gridset.broker.deploy import (
    CapacityBands,
    DynamicRateConfig,
    deploy_dynamic_rate_provider,
    deploy_fixed_rate_provider,
)
from gridset.broker.units import Formula, rate_from_price_per_kwh
from gridset.chain_time import advance_time, next_slot_start

MAX_UINT = 2**256 - 1
#: 0.25 payment tokens (18 decimals) per kWh; 0.30 after the governed change.
RATE, NEW_RATE = rate_from_price_per_kwh(25 * 10**16), rate_from_price_per_kwh(30 * 10**16)
#: The dynamic rate starts at RATE; the budget buys 400 kWh per hour at that rate.
DYNAMIC = DynamicRateConfig(
    initial_rate=RATE,
    budget_per_period=100 * 10**18,
    min_rate=RATE // 10,
    max_rate=RATE * 10,
    capacity=10**10,
)
#: Recipients that hold nothing before they are paid (the "new-recipient" cases).
FRESH = ("0x000000000000000000000000000000000000b001", "0x000000000000000000000000000000000000b002")
#: Treasury after the change (was the deployer); pool setup fee (5 payment tokens).
NEW_TREASURY, SETUP_FEE = "0x000000000000000000000000000000000000b0a1", 5 * 10**18
OURS_1HOP = "EnergyBrokerRouter.swapExactTokensForTokens[constantProduct-1hop]"
UNISWAP_1HOP = "UniswapV2Router02.swapExactTokensForTokens[1hop]"
#: Tokens: three 18-decimal (constant-product paths), the payment token, three 3-decimal energy
#: tokens (constant-sum paths; the third priced by a dynamic rate).
TOKENS = (("A", 18), ("B", 18), ("C", 18), ("WATT", 18), ("EC", 3), ("EC2", 3), ("EC3", 3))


def run(table: GasTable, accounts: Sequence) -> None:
    """Deploy the broker and Uniswap V2 on the connected chain and record their gas in ``table``;
    print the ratio of our constant-product one-hop swap to Uniswap V2 Router02's.

    Raises:
        ValueError: fewer than two accounts.
    """
    if len(accounts) < 2:
        raise ValueError("the broker benchmark needs a deployer and a trader account")
    me, trader = accounts[0], accounts[1]
    tokens = [me.deploy(project.MintableTestToken, n, n, d) for n, d in TOKENS]
    for token in tokens:
        token.mint(trader, 10**30, sender=me)
        token.mint(me, 10**30, sender=me)
    a, b, c, watt, energy, energy2, energy3 = tokens
    factory = me.deploy(project.EnergyBrokerFactory, me, watt, me, 0, 100, 100)
    factory.grantRole(factory.POOL_CREATOR_ROLE(), me, sender=me)
    router = me.deploy(project.EnergyBrokerRouter, me, factory, 4)
    for token in tokens:
        token.approve(router, MAX_UINT, sender=trader)

    def pool(case: str | None, token_a: Any, token_b: Any, provider: Any = None) -> Any:
        formula = int(Formula.CONSTANT_SUM if provider else Formula.CONSTANT_PRODUCT)
        args = (token_a, token_b, formula, provider or ZERO)
        table.call(factory, "createPool", case, *args, sender=me)
        return project.EnergyBrokerPool.at(factory.getPool(token_a, token_b))

    pool_ab = pool("[constantProduct]", a, b)
    pool(None, b, c)
    fixed = deploy_fixed_rate_provider(me, energy, watt, RATE)
    pool_ew = pool("[constantSum]", energy, watt, fixed)
    pool(None, energy2, watt, deploy_fixed_rate_provider(me, energy2, watt, RATE))
    dynamic = deploy_dynamic_rate_provider(me, energy3, watt, DYNAMIC)
    pool_dynamic = pool(None, energy3, watt, dynamic)
    table.call(dynamic, "setPool", "[first]", pool_dynamic, sender=me)
    _router(table, router, trader, tokens, (pool_ab, pool_ew))
    _uniswap(table, me, trader, (a, b, c))
    _pools(table, trader, router, (pool_ab, a, b), (pool_ew, energy, watt))
    table.call(fixed, "onPoolUpdate", "[no-op]", energy.balanceOf(pool_ew), 10**6, sender=me)
    # The dynamic provider's first update of a new period (folding the finished period into the
    # average), inside a direct swap; its same-period update is in the router's dynamic swap.
    advance_time(chain, next_slot_start(chain.pending_timestamp, dynamic.periodLength()))
    note = "includes DynamicRateProvider.onPoolUpdate closing a period (only its pool may call)"
    case = "constantSum-dynamicRate-period-close"
    _swap(table, trader, pool_dynamic, energy3, "swapExactIn", 10**6, case, note)
    _governance(table, me, factory, router, fixed, dynamic, (a, b), (energy, watt))
    ratio = table.entries[OURS_1HOP] / table.entries[UNISWAP_1HOP]
    table.notes[OURS_1HOP] = f"{ratio:.3f} x Uniswap V2 Router02 on the same chain"
    print(
        f"constant-product one-hop swap: EnergyBrokerRouter {table.entries[OURS_1HOP]:,} gas, "
        f"UniswapV2Router02 {table.entries[UNISWAP_1HOP]:,} gas, ratio {ratio:.3f}"
    )


def _trade(table: GasTable, router: Any, trader: Any, adds: list, warm: list, swaps: list) -> None:
    """Measure on ``router`` (ours or Uniswap's: same signatures) ``adds`` of ``(case, token_a,
    token_b, amount_a, amount_b)``, then one unmeasured ``(amount, path)`` swap per ``warm``, then
    ``swaps`` of ``(function, case, amount, path, recipient)``; deadlines an hour ahead, no
    slippage limits."""
    for case, token_a, token_b, amount_a, amount_b in adds:
        args = (token_a, token_b, amount_a, amount_b, 0, 0, trader, _deadline())
        table.call(router, "addLiquidity", case, *args, sender=trader)
    for amount, path in warm:
        router.swapExactTokensForTokens(amount, 0, path, trader, _deadline(), sender=trader)
    for function, case, amount, path, to in swaps:
        limit = 0 if function == "swapExactTokensForTokens" else MAX_UINT
        table.call(router, function, case, amount, limit, path, to, _deadline(), sender=trader)


def _remove(table: GasTable, router: Any, trader: Any, case: str, pair: Any, tokens: list) -> None:
    """Burn 1e20 LP shares of ``pair`` through ``router`` (no slippage limits)."""
    pair.approve(router, MAX_UINT, sender=trader)
    args = (*tokens, 10**20, 0, 0, trader, _deadline())
    table.call(router, "removeLiquidity", case, *args, sender=trader)


def _deadline() -> int:
    return chain.pending_timestamp + 3600


def _router(table: GasTable, router: Any, trader: Any, tokens: list, pools: tuple) -> None:
    a, b, c, watt, energy, energy2, energy3 = tokens
    cp, cs = "[constantProduct", "[constantSum"
    adds = [
        (f"{cp}-first]", a, b, 10**24, 10**24),
        (f"{cp}]", a, b, 10**22, 10**22),
        (None, b, c, 10**24, 10**24),
        (f"{cs}-first]", energy, watt, 10**9, 10**23),
        (f"{cs}-single-sided]", energy, watt, 10**7, 0),
        (None, energy2, watt, 10**9, 10**23),
        (None, energy3, watt, 10**9, 10**23),
    ]
    warm = [(10**15, [a, b]), (10**15, [b, c])]
    warm += [(10**3, [e, watt]) for e in (energy, energy2, energy3)]
    exact_in, exact_out = "swapExactTokensForTokens", "swapTokensForExactTokens"
    swaps = [
        (exact_in, f"{cp}-1hop]", 10**18, [a, b], trader),
        (exact_in, f"{cp}-1hop-new-recipient]", 10**18, [a, b], FRESH[0]),
        (exact_in, f"{cp}-2hop]", 10**18, [a, b, c], trader),
        (exact_out, f"{cp}-1hop]", 10**18, [b, a], trader),
        (exact_out, f"{cp}-2hop]", 10**18, [c, b, a], trader),
        (exact_in, f"{cs}-1hop]", 10**6, [energy, watt], trader),
        (exact_in, f"{cs}-2hop]", 10**6, [energy, watt, energy2], trader),
        (exact_in, f"{cs}-dynamicRate-1hop]", 10**6, [energy3, watt], trader),
        (exact_out, f"{cs}-1hop]", 10**6, [watt, energy], trader),
    ]
    _trade(table, router, trader, adds, warm, swaps)
    _remove(table, router, trader, f"{cp}]", pools[0], [a, b])
    _remove(table, router, trader, f"{cs}]", pools[1], [energy, watt])


def _uniswap(table: GasTable, me: Any, trader: Any, tokens: tuple) -> None:
    a, b, c = tokens
    uniswap = deploy_uniswap_v2(me)
    for token in tokens:
        token.approve(uniswap.router, MAX_UINT, sender=trader)
    adds = [
        ("[first]", a, b, 10**24, 10**24),
        ("", a, b, 10**22, 10**22),
        (None, b, c, 10**24, 10**24),
    ]
    swaps = [
        ("swapExactTokensForTokens", f"[{case}]", 10**18, path, to)
        for case, path, to in (
            ("1hop", [a, b], trader),
            ("1hop-new-recipient", [a, b], FRESH[1]),
            ("2hop", [a, b, c], trader),
        )
    ]
    _trade(table, uniswap.router, trader, adds, [(10**15, [a, b]), (10**15, [b, c])], swaps)
    _remove(table, uniswap.router, trader, "", uniswap.pair(a, b), [a, b])


def _pools(table: GasTable, trader: Any, router: Any, product: tuple, sum_: tuple) -> None:
    """Direct pool calls on ``(pool, token_a, token_b)`` of each formula: a deposit (constant
    product 1e22 at the reserve ratio; constant sum 10 MWh in Wh with 2,500 payment tokens), 100
    LP shares burned, swaps of 1e18 (constant product) or 1 MWh (constant sum) in and out."""
    reserve_a, reserve_b = router.getReserves(*product[1:])
    for case, (pool, token_a, token_b), amounts in (
        ("[constantProduct]", product, (10**22, 10**22 * reserve_b // reserve_a)),
        ("[constantSum]", sum_, (10**7, 2_500 * 10**18)),
    ):
        pairs = zip((token_a, token_b), amounts, strict=True)
        deposit = sorted(pairs, key=lambda pair: pair[0].address != pool.token0())
        for token, amount in deposit:
            token.transfer(pool, amount, sender=trader)
        table.call(pool, "mint", case, trader, deposit[0][1], deposit[1][1], sender=trader)
        pool.transfer(pool, 10**20, sender=trader)
        table.call(pool, "burn", case, trader, sender=trader)
    (pool_p, a, b), (pool_s, energy, watt) = product, sum_
    for pool, token_in, function, amount, case in (
        (pool_p, a, "swapExactIn", 10**18, "constantProduct"),
        (pool_p, b, "swapExactOut", 10**18, "constantProduct"),
        (pool_s, energy, "swapExactIn", 10**6, "constantSum"),
        (pool_s, watt, "swapExactOut", 10**6, "constantSum"),
    ):
        _swap(table, trader, pool, token_in, function, amount, case)


def _swap(
    table: GasTable,
    trader: Any,
    pool: Any,
    token_in: Any,
    function: str,
    amount: int,
    case: str,
    note: str = "",
) -> None:
    """Pay ``token_in`` into ``pool``, then call its ``function`` (``swapExactIn`` or
    ``swapExactOut``) directly for ``amount`` base units in / out, paying the trader."""
    zero_for_one = pool.token0() == token_in.address
    paid = amount if function == "swapExactIn" else pool.getAmountIn(zero_for_one, amount)
    token_in.transfer(pool, paid, sender=trader)
    table.call(pool, function, f"[{case}]", zero_for_one, amount, trader, sender=trader, note=note)


def _governance(
    table: GasTable,
    me: Any,
    factory: Any,
    router: Any,
    fixed: Any,
    dynamic: Any,
    product: tuple,
    sum_: tuple,
) -> None:
    """Setters by the admin (last: they change fees, rates and the sum pool's provider). Rates are
    1e18 fixed point, the budget payment-token base units per period, the capacity Wh; the new
    values are the deployment's within a factor of two."""
    factory.grantRole(factory.PAUSER_ROLE(), me, sender=me)
    inside = "includes EnergyBrokerPool.{} (onlyFactory)"
    table.call(factory, "setDefaultFees", "[update]", 30, 50, sender=me)
    note = inside.format("setFees")
    table.call(factory, "setPoolFees", "[update]", *product, 30, 50, sender=me, note=note)
    for function, paused in (("pausePool", "true"), ("unpausePool", "false")):
        note = inside.format(f"setPaused({paused})")
        table.call(factory, function, "[update]", *sum_, sender=me, note=note)
    provider = deploy_fixed_rate_provider(me, *sum_, NEW_RATE)
    note = inside.format("setRateProvider").replace("includes", "includes the pair check and")
    table.call(factory, "setPoolRateProvider", "[update]", *sum_, provider, sender=me, note=note)
    table.call(factory, "setPoolSetupFee", "[first]", SETUP_FEE, sender=me)
    table.call(factory, "setTreasury", "[update]", NEW_TREASURY, sender=me)
    table.call(router, "setMaxPathLength", "[update]", 5, sender=me)
    table.call(fixed, "setRate", "[update]", NEW_RATE, sender=me)
    low, high = dynamic.rateBounds()
    bands = astuple(CapacityBands(lower_bps=4_000, upper_bps=6_000))
    table.calls(
        dynamic,
        [
            (me, "setBudgetPerPeriod", "[update]", dynamic.budgetPerPeriod() * 6 // 5),
            (me, "setRateBounds", "[update]", low // 2, high * 2),
            (me, "setCapacity", "[update]", dynamic.capacity() * 2),
            (me, "setCapacityBands", "[update]", bands),
        ],
    )
