"""The Python side: deployment, trading helpers, unit conversions and ``ape run broker``."""

import importlib.util
from decimal import Decimal
from pathlib import Path

import pytest
from ape import chain
from click.testing import CliRunner

from gridset.broker import ops
from gridset.broker.deploy import BrokerParameters, DynamicRateConfig, deploy_broker
from gridset.broker.units import Formula, price_per_kwh_from_rate, rate_from_price_per_kwh
from gridset.deploy.addresses import AddressBook, write_address_book
from gridset.testing import cast_alias

from .conftest import RATE

ROOT = Path(__file__).resolve().parents[2]
SETUP_FEE = 10**18


@pytest.fixture
def deployed(admin, alice, treasury, create_token, fund):
    """A broker deployed by ``deploy_broker`` with a fixed rate, alice funded and approved."""
    payment, energy = create_token("PAY", 18), create_token("NRG", 3)
    payment.mint(admin, SETUP_FEE, sender=admin)
    params = BrokerParameters(pool_setup_fee=SETUP_FEE, fixed_rate=RATE)
    deployment = deploy_broker(admin, payment, energy, treasury, params)
    for token in (payment, energy):
        token.mint(alice, 10**27, sender=admin)
    return deployment


def test_deploy_broker__fixed_rate__wires_constant_sum_pool(deployed, admin, treasury):
    d = deployed
    factory = d.factory
    assert factory.hasRole(factory.POOL_CREATOR_ROLE(), admin)
    assert factory.hasRole(factory.PAUSER_ROLE(), admin)
    assert factory.getPool(d.energy_token, d.payment_token) == d.pool.address
    assert d.router.factory() == factory.address
    assert d.pool.formula() == Formula.CONSTANT_SUM
    assert d.pool.rateProvider() == d.rate_provider.address
    assert d.rate_provider.rate() == RATE
    assert d.payment_token.balanceOf(treasury) == SETUP_FEE
    assert (d.pool.lpFeeBps(), d.pool.withdrawalFeeBps()) == (100, 100)


def test_deploy_broker__dynamic_rate__provider_records_the_pool(admin, treasury, create_token):
    payment, energy = create_token("PAY", 18), create_token("NRG", 3)
    config = DynamicRateConfig(
        initial_rate=RATE, budget_per_period=10**20, min_rate=1, max_rate=10**36, capacity=10**6
    )
    d = deploy_broker(admin, payment, energy, treasury, BrokerParameters(dynamic_rate=config))
    assert d.rate_provider.pool() == d.pool.address
    assert d.rate_provider.contract_type.name == "DynamicRateProvider"
    assert d.rate_provider.windowPeriods() == 84


def test_deploy_broker__constant_product__has_no_rate_provider(admin, treasury, create_token):
    payment, energy = create_token("PAY", 18), create_token("NRG", 3)
    params = BrokerParameters(formula=Formula.CONSTANT_PRODUCT)
    d = deploy_broker(admin, payment, energy, treasury, params)
    assert d.rate_provider is None
    assert d.pool.formula() == Formula.CONSTANT_PRODUCT
    assert "FixedRateProvider" not in d.addresses()


def test_deploy_broker__constant_sum_without_rate__raises(admin, treasury, watt, energy):
    with pytest.raises(ValueError, match="fixed_rate or dynamic_rate"):
        deploy_broker(admin, watt, energy, treasury, BrokerParameters())


def test_deployment_addresses__name_every_contract(deployed):
    assert set(deployed.addresses()) == {
        "EnergyBrokerFactory",
        "EnergyBrokerRouter",
        "EnergyBrokerPool",
        "PaymentToken",
        "EnergyToken",
        "FixedRateProvider",
    }


def test_ops__add_swap_remove__report_what_the_chain_did(deployed, alice):
    d = deployed
    energy, payment, router = d.energy_token, d.payment_token, d.router

    added = ops.add_liquidity(router, alice, energy, payment, 10**7, 10**21)
    assert (added.amount_a, added.amount_b) == (10**7, 10**21)
    assert d.pool.balanceOf(alice) == added.liquidity

    before = payment.balanceOf(alice)
    quoted = ops.quote_exact_in(router, 10**5, [energy, payment])
    sold = ops.swap_exact_in(router, alice, 10**5, [energy, payment])
    assert (sold.amount_in, sold.amount_out) == (10**5, quoted[-1])
    assert payment.balanceOf(alice) - before == sold.amount_out

    bought = ops.swap_exact_out(router, alice, 10**4, [payment, energy])
    assert bought.amount_out == 10**4

    state = ops.pool_state(router, energy, payment)
    assert (state.reserve_a, state.reserve_b) == (
        energy.balanceOf(d.pool),
        payment.balanceOf(d.pool),
    )
    removed = ops.remove_liquidity(router, alice, energy, payment, added.liquidity // 2)
    assert removed.liquidity == added.liquidity // 2
    assert removed.amount_a > 0
    assert removed.amount_b > 0


def test_ops__expected_deposit__matches_router_rule(cp_pool, router, watt, grid):
    assert ops.expected_deposit(router, watt, grid, 10**20, 5 * 10**20) == (10**20, 10**20)
    assert ops.expected_deposit(router, watt, grid, 5 * 10**20, 10**20) == (10**20, 10**20)


def test_ops__conversions_and_slippage():
    assert ops.to_base_units("1.5", 3) == 1500
    assert ops.from_base_units(1500, 3) == Decimal("1.5")
    with pytest.raises(ValueError, match="3 decimals"):
        ops.to_base_units("0.0001", 3)
    assert ops.min_with_slippage(10_000, 50) == 9_950
    assert ops.max_with_slippage(10_001, 50) == 10_052
    with pytest.raises(ValueError, match="slippage"):
        ops.min_with_slippage(1, 10_001)
    book = {"EnergyToken": "0x" + "1" * 40}
    assert ops.resolve_address("energytoken", book) == book["EnergyToken"]
    assert ops.resolve_address("0x" + "2" * 40, book) == "0x" + "2" * 40
    with pytest.raises(KeyError, match="EnergyToken"):
        ops.resolve_address("WATT", book)


def test_units__price_per_kwh__round_trips_through_rate():
    assert rate_from_price_per_kwh(25 * 10**16) == RATE
    assert price_per_kwh_from_rate(RATE) == 25 * 10**16
    with pytest.raises(ValueError, match="positive"):
        rate_from_price_per_kwh(0)


@pytest.fixture(scope="module")
def broker_cli():
    spec = importlib.util.spec_from_file_location("broker_script", ROOT / "scripts" / "broker.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.cli


def test_cli__add_quote_swap_remove__print_what_happened(
    broker_cli, deployed, admin, alice, tmp_path
):
    book = write_address_book(
        AddressBook(
            network="local",
            chain_id=chain.chain_id,
            block=chain.blocks.head.number,
            deployer=admin.address,
            contracts=deployed.addresses(),
        ),
        tmp_path,
    )
    runner = CliRunner()
    common = ["--network", "ethereum:local:test", "--deployment", str(book)]
    sender = [*common, "--account", cast_alias("alice")]

    def run(*args: str) -> str:
        result = runner.invoke(broker_cli, list(args))
        assert result.exit_code == 0, result.output
        return result.output

    assert "deposited 10000 NRG + 1000 PAY" in run(
        "add", *sender, "EnergyToken", "PaymentToken", "10000", "1000"
    )
    quoted = run("quote", *common, "10", "EnergyToken", "PaymentToken")
    assert "10 NRG -> 2.475 PAY" in quoted
    assert "constant_sum, fee 100 bps): 10000 NRG / 1000 PAY" in quoted
    assert "swapped 10 NRG for 2.475 PAY" in run(
        "swap", *sender, "10", "EnergyToken", "PaymentToken"
    )
    assert "swapped 0.002525252525252526 PAY for 0.01 NRG" in run(
        "swap", *sender, "--exact-out", "0.01", "PaymentToken", "EnergyToken"
    )
    assert "burned 1 LP for" in run("remove", *sender, "EnergyToken", "PaymentToken", "1")
    unknown = runner.invoke(broker_cli, ["quote", *common, "10", "Nope", "PaymentToken"])
    assert unknown.exit_code != 0
    assert "neither an address nor one of" in unknown.output
