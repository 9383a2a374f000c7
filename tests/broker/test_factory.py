"""EnergyBrokerFactory: pool creation, setup fee, governed parameters, pausing."""

import pytest

from gridset.broker.units import Formula

from .conftest import LP_FEE_BPS, SETUP_FEE, WITHDRAWAL_FEE_BPS, ZERO_ADDRESS, reverts


def _name(text: str) -> bytes:
    return text.encode().ljust(32, b"\0")


def _sorted(*tokens) -> list[str]:
    return sorted((t.address for t in tokens), key=lambda a: int(a, 16))


def test_create_pool__by_creator__registers_pool_and_pays_setup_fee(
    project, factory, router, creator, treasury, watt, fresh_pair
):
    token_a, token_b = fresh_pair
    treasury_before = watt.balanceOf(treasury)
    count = factory.allPoolsLength()
    watt.approve(factory, SETUP_FEE, sender=creator)

    tx = factory.createPool(
        token_b, token_a, int(Formula.CONSTANT_PRODUCT), ZERO_ADDRESS, sender=creator
    )

    pool = project.EnergyBrokerPool.at(factory.getPool(token_a, token_b))
    token0, token1 = _sorted(token_a, token_b)
    assert tx.events.filter(factory.PoolCreated) == [
        factory.PoolCreated(token0, token1, pool.address, 0, ZERO_ADDRESS, count + 1)
    ]
    assert watt.balanceOf(treasury) == treasury_before + SETUP_FEE
    assert factory.getPool(token_b, token_a) == pool.address
    assert factory.allPools(count) == pool.address
    assert router.poolFor(token_b, token_a) == pool.address
    assert (pool.token0(), pool.token1()) == (token0, token1)
    assert pool.factory() == factory.address
    assert pool.formula() == Formula.CONSTANT_PRODUCT
    assert (pool.lpFeeBps(), pool.withdrawalFeeBps()) == (LP_FEE_BPS, WITHDRAWAL_FEE_BPS)
    assert pool.rateProvider() == ZERO_ADDRESS
    assert pool.getReserves() == (0, 0)
    assert pool.totalSupply() == 0
    assert not pool.paused()


def test_create_pool__constant_sum__prices_with_provider(cs_pool, fixed_rate, energy):
    assert cs_pool.formula() == Formula.CONSTANT_SUM
    assert cs_pool.rateProvider() == fixed_rate.address
    assert fixed_rate.asset() == energy.address


def test_create_pool__existing_pair__reverts(factory, creator, cp_pool, watt, grid):
    token0, token1 = cp_pool.token0(), cp_pool.token1()
    with reverts(
        factory.EnergyBrokerPoolExists, token0=token0, token1=token1, pool=cp_pool.address
    ):
        factory.createPool(grid, watt, 0, ZERO_ADDRESS, sender=creator)


def test_create_pool__token_with_itself__reverts(factory, creator, watt):
    with reverts(factory.EnergyBrokerEqualAssets, token=watt.address):
        factory.createPool(watt, watt, 0, ZERO_ADDRESS, sender=creator)


def test_create_pool__zero_address_token__reverts(factory, creator, watt):
    with reverts(factory.EnergyBrokerZeroAddress):
        factory.createPool(ZERO_ADDRESS, watt, 0, ZERO_ADDRESS, sender=creator)


def test_create_pool__without_creator_role__reverts(factory, alice, watt, grid):
    with reverts(
        factory.AccessControlUnauthorizedAccount,
        account=alice.address,
        neededRole=factory.POOL_CREATOR_ROLE(),
    ):
        factory.createPool(watt, grid, 0, ZERO_ADDRESS, sender=alice)


def test_create_pool__constant_sum_without_provider__reverts(factory, creator, energy, grid):
    with reverts(factory.EnergyBrokerZeroAddress):
        factory.createPool(energy, grid, int(Formula.CONSTANT_SUM), ZERO_ADDRESS, sender=creator)


def test_create_pool__provider_of_another_pair__reverts(
    factory, creator, fixed_rate, watt, create_token
):
    other = create_token("OTHER")
    token0, token1 = _sorted(watt, other)
    with reverts(
        factory.EnergyBrokerRateProviderMismatch,
        rateProvider=fixed_rate.address,
        token0=token0,
        token1=token1,
    ):
        factory.createPool(other, watt, int(Formula.CONSTANT_SUM), fixed_rate, sender=creator)


def test_create_pool__constant_product_with_provider__reverts(
    factory, creator, fixed_rate, energy, grid
):
    with reverts(factory.EnergyBrokerRateProviderMismatch, rateProvider=fixed_rate.address):
        factory.createPool(energy, grid, int(Formula.CONSTANT_PRODUCT), fixed_rate, sender=creator)


def test_set_pool_fees__by_admin__updates_pool(factory, admin, cp_pool, watt, grid):
    tx = factory.setPoolFees(grid, watt, 30, 0, sender=admin)

    assert tx.events == [cp_pool.FeesUpdated(30, 0)]
    assert (cp_pool.lpFeeBps(), cp_pool.withdrawalFeeBps()) == (30, 0)


@pytest.mark.parametrize(
    ("lp_fee", "withdrawal_fee", "name"), [(1001, 0, "lpFeeBps"), (0, 1001, "withdrawalFeeBps")]
)
def test_set_pool_fees__above_maximum__reverts(
    factory, admin, cp_pool, watt, grid, lp_fee, withdrawal_fee, name
):
    with reverts(factory.EnergyBrokerInvalidParameter, name=_name(name), value=1001):
        factory.setPoolFees(watt, grid, lp_fee, withdrawal_fee, sender=admin)


def test_set_pool_fees__unknown_pair__reverts(factory, admin, watt, create_token):
    other = create_token("OTHER")
    with reverts(factory.EnergyBrokerPoolNotFound, tokenA=watt.address, tokenB=other.address):
        factory.setPoolFees(watt, other, 30, 0, sender=admin)


def test_set_default_fees__by_admin__applies_to_new_pools(
    factory, admin, new_pool, watt, create_token
):
    tx = factory.setDefaultFees(30, 50, sender=admin)

    assert tx.events == [factory.DefaultFeesUpdated(30, 50)]
    assert factory.defaultFees() == (30, 50)
    pool = new_pool(watt, create_token("OTHER"))
    assert (pool.lpFeeBps(), pool.withdrawalFeeBps()) == (30, 50)


def test_set_default_fees__above_maximum__reverts(factory, admin):
    with reverts(factory.EnergyBrokerInvalidParameter, name=_name("lpFeeBps"), value=5000):
        factory.setDefaultFees(5000, 0, sender=admin)


def test_set_treasury__by_admin__updates(factory, admin, bob):
    tx = factory.setTreasury(bob, sender=admin)

    assert tx.events == [factory.TreasuryUpdated(bob)]
    assert factory.treasury() == bob.address


def test_set_treasury__zero__reverts(factory, admin):
    with reverts(factory.EnergyBrokerZeroAddress):
        factory.setTreasury(ZERO_ADDRESS, sender=admin)


def test_set_pool_setup_fee__by_admin__charged_on_next_pool(
    factory, admin, new_pool, watt, treasury, create_token
):
    tx = factory.setPoolSetupFee(0, sender=admin)
    before = watt.balanceOf(treasury)

    new_pool(watt, create_token("OTHER"))

    assert tx.events == [factory.PoolSetupFeeUpdated(0)]
    assert watt.balanceOf(treasury) == before


def test_set_pool_setup_fee__not_admin__reverts(factory, alice):
    with reverts(factory.AccessControlUnauthorizedAccount, account=alice.address):
        factory.setPoolSetupFee(0, sender=alice)


def test_set_pool_rate_provider__matching_provider__switches(
    project, factory, admin, cs_pool, energy, watt
):
    other = admin.deploy(project.FixedRateProvider, admin, watt, energy, 10**18)

    tx = factory.setPoolRateProvider(energy, watt, other, sender=admin)

    assert tx.events == [cs_pool.RateProviderUpdated(other)]
    assert cs_pool.rateProvider() == other.address


def test_set_pool_rate_provider__constant_product_pool__reverts(
    factory, admin, cp_pool, fixed_rate, watt, grid
):
    with reverts(factory.EnergyBrokerRateProviderMismatch, rateProvider=fixed_rate.address):
        factory.setPoolRateProvider(watt, grid, fixed_rate, sender=admin)


def test_pause_pool__by_guardian__then_only_admin_unpauses(
    factory, admin, guardian, cp_pool, watt, grid
):
    tx = factory.pausePool(watt, grid, sender=guardian)
    assert tx.events == [cp_pool.Paused(guardian)]
    assert cp_pool.paused()

    with reverts(factory.AccessControlUnauthorizedAccount, account=guardian.address):
        factory.unpausePool(watt, grid, sender=guardian)

    tx = factory.unpausePool(watt, grid, sender=admin)
    assert tx.events == [cp_pool.Unpaused(admin)]
    assert not cp_pool.paused()


def test_pool_governance__called_directly__reverts(cp_pool, alice):
    with reverts(cp_pool.EnergyBrokerUnauthorized, caller=alice.address):
        cp_pool.setFees(0, 0, sender=alice)
    with reverts(cp_pool.EnergyBrokerUnauthorized, caller=alice.address):
        cp_pool.setRateProvider(ZERO_ADDRESS, sender=alice)
    with reverts(cp_pool.EnergyBrokerUnauthorized, caller=alice.address):
        cp_pool.setPaused(True, alice, sender=alice)


def test_constructor__zero_treasury__reverts(project, admin, watt):
    with reverts(project.EnergyBrokerFactory.EnergyBrokerZeroAddress):
        admin.deploy(project.EnergyBrokerFactory, admin, watt, ZERO_ADDRESS, 0, 0, 0)
