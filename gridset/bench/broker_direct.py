"""Energy Broker gas of the entry points called other than through the router, measured on the
broker ``gridset.bench.broker`` deployed and traded on (steady state: every pool has traded, the
trader holds both tokens of each pool and LP shares of the first two).

- Pool ``mint``, ``burn``, ``swapExactIn``, ``swapExactOut`` are open to anyone, so they are
  called directly, the way aggregators call a Uniswap V2 pair: the tokens (or LP shares) are
  transferred in by a separate transaction, not included in the figure.
- Not the pool's LP share token: its ERC-20 functions are OpenZeppelin's.
- ``onPoolUpdate``: FixedRateProvider's is open to anyone (and empty); DynamicRateProvider's
  accepts only its pool, so it is measured inside the pool's swap.
- Governance setters of the factory, the router and the rate providers, by their admin (the
  deployer). The pool's own setters (``setFees``, ``setRateProvider``, ``setPaused``) are
  ``onlyFactory``: their cost is inside ``setPoolFees``, ``setPoolRateProvider`` and
  ``pausePool``/``unpausePool``.

Case names of setters: ``[first]`` writes a zero slot, ``[update]`` overwrites a non-zero one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ape import chain

from gridset.bench import GasTable
from gridset.broker.deploy import CapacityBands, deploy_fixed_rate_provider
from gridset.broker.units import rate_from_price_per_kwh
from gridset.chain_time import advance_time, next_slot_start

#: Pool setup fee, setup-fee token base units (5 payment tokens of 18 decimals).
SETUP_FEE = 5 * 10**18
#: Fees after the change, basis points (the deployment's are 100 / 100).
LP_FEE_BPS, WITHDRAWAL_FEE_BPS = 30, 50
#: 0.30 payment tokens (18 decimals) per kWh: the fixed rate after the change (was 0.25).
NEW_RATE = rate_from_price_per_kwh(30 * 10**16)
#: Treasury after the change (was the deployer).
NEW_TREASURY = "0x000000000000000000000000000000000000b0a1"


@dataclass
class TradedBroker:
    """A deployed broker whose pools have traded.

    Attributes:
        factory: EnergyBrokerFactory (the deployer holds DEFAULT_ADMIN_ROLE).
        router: EnergyBrokerRouter (the deployer holds DEFAULT_ADMIN_ROLE).
        product_pool: A constant-product pool of ``product_pair`` (18-decimal tokens).
        product_pair: Its two tokens.
        sum_pool: A constant-sum pool of ``sum_pair`` priced by ``fixed_rate``.
        sum_pair: Its (asset, numeraire): 3-decimal energy (Wh) and the 18-decimal payment token.
        dynamic_pool: A constant-sum pool priced by ``dynamic_rate``.
        dynamic_asset: Its energy token (3 decimals).
        fixed_rate: FixedRateProvider of ``sum_pool``.
        dynamic_rate: DynamicRateProvider of ``dynamic_pool``.
    """

    factory: Any
    router: Any
    product_pool: Any
    product_pair: tuple[Any, Any]
    sum_pool: Any
    sum_pair: tuple[Any, Any]
    dynamic_pool: Any
    dynamic_asset: Any
    fixed_rate: Any
    dynamic_rate: Any


def bench_direct(table: GasTable, deployer: Any, trader: Any, broker: TradedBroker) -> None:
    """Record the direct pool calls, the rate hooks, then the governance setters
    (last: they change fees, rates and the sum pool's rate provider)."""
    _bench_pool(table, trader, broker)
    _bench_rate_hooks(table, deployer, trader, broker)
    _bench_factory(table, deployer, broker)
    tx = broker.router.setMaxPathLength(5, sender=deployer)
    table.record("EnergyBrokerRouter.setMaxPathLength[update]", tx)
    _bench_rate_setters(table, deployer, broker)


# ---------------------------------------------------------------- pool, LP token, hooks


def _in_pool_order(pool: Any, deposit: tuple) -> tuple:
    """Return two ``(token, amount)`` pairs ordered as the pool's (token0, token1)."""
    first, second = deposit
    return (first, second) if pool.token0() == first[0].address else (second, first)


def _bench_pool(table: GasTable, trader: Any, broker: TradedBroker) -> None:
    """Amounts: constant product 1e22 deposits at the reserve ratio and 1e18 swaps (18 decimals);
    constant sum 10 MWh (Wh base units) with 2,500 payment tokens, 1 MWh swaps; 100 LP shares
    burned."""
    (a, b), (energy, watt) = broker.product_pair, broker.sum_pair
    reserve_a, reserve_b = broker.router.getReserves(a, b)
    for key, pool, deposit in (
        (
            "constantProduct",
            broker.product_pool,
            ((a, 10**22), (b, 10**22 * reserve_b // reserve_a)),
        ),
        ("constantSum", broker.sum_pool, ((energy, 10**7), (watt, 2_500 * 10**18))),
    ):
        (token0, amount0), (token1, amount1) = _in_pool_order(pool, deposit)
        token0.transfer(pool, amount0, sender=trader)
        token1.transfer(pool, amount1, sender=trader)
        tx = pool.mint(trader, amount0, amount1, sender=trader)
        table.record(f"EnergyBrokerPool.mint[{key}]", tx)

        pool.transfer(pool, 10**20, sender=trader)
        table.record(f"EnergyBrokerPool.burn[{key}]", pool.burn(trader, sender=trader))

    _direct_swap(table, trader, broker.product_pool, a, 10**18, "constantProduct")
    _direct_swap(table, trader, broker.product_pool, b, 10**18, "constantProduct", exact_out=True)
    _direct_swap(table, trader, broker.sum_pool, energy, 10**6, "constantSum")
    _direct_swap(table, trader, broker.sum_pool, watt, 10**6, "constantSum", exact_out=True)


def _direct_swap(
    table: GasTable,
    trader: Any,
    pool: Any,
    token_in: Any,
    amount: int,
    case: str,
    exact_out: bool = False,
    note: str = "",
) -> None:
    """Pay ``token_in`` into ``pool``, then swap on it directly, paying the trader.

    ``amount`` is the input (exact in) or the output (exact out), base units.
    """
    zero_for_one = pool.token0() == token_in.address
    if exact_out:
        token_in.transfer(pool, pool.getAmountIn(zero_for_one, amount), sender=trader)
        tx = pool.swapExactOut(zero_for_one, amount, trader, sender=trader)
        table.record(f"EnergyBrokerPool.swapExactOut[{case}]", tx, note=note)
    else:
        token_in.transfer(pool, amount, sender=trader)
        tx = pool.swapExactIn(zero_for_one, amount, trader, sender=trader)
        table.record(f"EnergyBrokerPool.swapExactIn[{case}]", tx, note=note)


def _bench_rate_hooks(table: GasTable, deployer: Any, trader: Any, broker: TradedBroker) -> None:
    """FixedRateProvider's ``onPoolUpdate`` directly (asset reserve in Wh, 1 MWh sold); the
    dynamic provider's first update of a new period (folding the finished period into the
    average) inside a direct 1 MWh swap. Its same-period update is inside
    ``EnergyBrokerRouter.swapExactTokensForTokens[constantSum-dynamicRate-1hop]``."""
    asset_reserve = broker.sum_pair[0].balanceOf(broker.sum_pool)
    tx = broker.fixed_rate.onPoolUpdate(asset_reserve, 10**6, sender=deployer)
    table.record("FixedRateProvider.onPoolUpdate[no-op]", tx)

    period = broker.dynamic_rate.periodLength()
    advance_time(chain, next_slot_start(chain.pending_timestamp, period))
    note = "includes DynamicRateProvider.onPoolUpdate closing a period (only its pool may call)"
    case = "constantSum-dynamicRate-period-close"
    pool, asset = broker.dynamic_pool, broker.dynamic_asset
    _direct_swap(table, trader, pool, asset, 10**6, case, note=note)


# ---------------------------------------------------------------- governance


def _bench_factory(table: GasTable, admin: Any, broker: TradedBroker) -> None:
    factory = broker.factory
    factory.grantRole(factory.PAUSER_ROLE(), admin, sender=admin)
    record = table.record
    record(
        "EnergyBrokerFactory.setDefaultFees[update]",
        factory.setDefaultFees(LP_FEE_BPS, WITHDRAWAL_FEE_BPS, sender=admin),
    )
    record(
        "EnergyBrokerFactory.setPoolFees[update]",
        factory.setPoolFees(*broker.product_pair, LP_FEE_BPS, WITHDRAWAL_FEE_BPS, sender=admin),
        note="includes EnergyBrokerPool.setFees (onlyFactory)",
    )
    record(
        "EnergyBrokerFactory.pausePool[update]",
        factory.pausePool(*broker.sum_pair, sender=admin),
        note="includes EnergyBrokerPool.setPaused(true) (onlyFactory)",
    )
    record(
        "EnergyBrokerFactory.unpausePool[update]",
        factory.unpausePool(*broker.sum_pair, sender=admin),
        note="includes EnergyBrokerPool.setPaused(false) (onlyFactory)",
    )
    provider = deploy_fixed_rate_provider(admin, *broker.sum_pair, NEW_RATE)
    record(
        "EnergyBrokerFactory.setPoolRateProvider[update]",
        factory.setPoolRateProvider(*broker.sum_pair, provider, sender=admin),
        note="includes the pair check and EnergyBrokerPool.setRateProvider (onlyFactory)",
    )
    record(
        "EnergyBrokerFactory.setPoolSetupFee[first]",
        factory.setPoolSetupFee(SETUP_FEE, sender=admin),
    )
    record(
        "EnergyBrokerFactory.setTreasury[update]",
        factory.setTreasury(NEW_TREASURY, sender=admin),
    )


def _bench_rate_setters(table: GasTable, admin: Any, broker: TradedBroker) -> None:
    """Rates are 1e18 fixed point, the budget payment-token base units per period, the capacity
    energy base units (Wh); the new values are the deployment's within a factor of two."""
    tx = broker.fixed_rate.setRate(NEW_RATE, sender=admin)
    table.record("FixedRateProvider.setRate[update]", tx)

    dynamic = broker.dynamic_rate
    min_rate, max_rate = dynamic.rateBounds()
    bands = CapacityBands(lower_bps=4_000, upper_bps=6_000)
    band_tuple = (
        bands.lower_bps,
        bands.upper_bps,
        bands.min_adjustment_bps,
        bands.max_adjustment_bps,
    )
    for function, tx in (
        (
            "setBudgetPerPeriod",
            dynamic.setBudgetPerPeriod(dynamic.budgetPerPeriod() * 6 // 5, sender=admin),
        ),
        ("setRateBounds", dynamic.setRateBounds(min_rate // 2, max_rate * 2, sender=admin)),
        ("setCapacity", dynamic.setCapacity(dynamic.capacity() * 2, sender=admin)),
        ("setCapacityBands", dynamic.setCapacityBands(band_tuple, sender=admin)),
    ):
        table.record(f"DynamicRateProvider.{function}[update]", tx)
