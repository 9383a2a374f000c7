"""What `ape run deploy` does, in process on the eth-tester chain: parameters, roles for a
development chain and the refusal elsewhere, network names, the deployment with its address
book (contracts of every area, roles), the admin hand-over, the printed summary."""

from __future__ import annotations

import pytest
import yaml

from gridset.deploy.addresses import network_label, read_address_book
from gridset.deploy.command import (
    DeployError,
    assign_roles,
    deploy_and_record,
    load_deploy_params,
    print_summary,
)
from gridset.deploy.core import BROKER_CONTRACTS, SUITE_CONTRACTS, deploy_suite, load_suite
from gridset.deploy.params import (
    DEFAULT_PARAMS_FILE,
    CdaParams,
    DeployParams,
    GovernanceParams,
    NettingParams,
    OracleParams,
)
from gridset.governance.roles import verify_hand_over
from gridset.testing import cast_alias

SEPOLIA = 11155111


@pytest.fixture
def params_path(tmp_path, installer, operators):
    def params_path(**changes):
        data = yaml.safe_load(DEFAULT_PARAMS_FILE.read_text())
        data["installers"] = [installer.address]
        data["oracle"]["operators"] = [op.address for op in operators]
        data.update(changes)
        path = tmp_path / "deploy.yaml"
        path.write_text(yaml.safe_dump(data))
        return path

    return params_path


def test_load_deploy_params__committed_file__valid():
    params = load_deploy_params()
    assert params.slot_seconds == 900
    assert params.admin == "governance"
    assert params.governance is not None
    assert params.broker is not None


def test_load_deploy_params__admin_override__replaces_file_admin(params_path, alice):
    assert (
        load_deploy_params(params_path(leg=None, staking=None), alice.address).admin
        == alice.address
    )


@pytest.mark.parametrize(
    ("changes", "admin", "message"),
    [
        ({"slot_seconds": 7}, None, "slot_seconds: 7 out of range"),
        ({}, "0x1234", "admin: '0x1234' is not an address"),
        ({"registrars": ["alice"]}, None, "registrars[0]: 'alice' is not an address"),
        ({"oracle": {"quorom": 2}}, None, "oracle: unknown key(s) quorom"),
        ({"broker": {"rate": {"capacity_wh": 0}}}, None, "broker.rate.capacity_wh: 0 out of"),
        ({"leg": {"fee_bps": 600}}, None, "leg.fee_bps: 600 out of"),
    ],
)
def test_load_deploy_params__invalid__one_line_deploy_error(params_path, changes, admin, message):
    with pytest.raises(DeployError) as info:
        load_deploy_params(params_path(**changes), admin)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_load_deploy_params__staking_without_governance__refused(params_path, alice):
    # GridStaking stakes the suite's GRID, which only `admin: governance` deploys.
    with pytest.raises(DeployError, match="staking: needs admin: governance"):
        load_deploy_params(params_path(leg=None), alice.address)


def test_load_deploy_params__leg_without_staking__refused(params_path):
    # LEG hubs need the Application Host licence, which GridStaking gives.
    with pytest.raises(DeployError, match="leg: needs the staking: section"):
        load_deploy_params(params_path(staking=None))


def test_load_deploy_params__unquoted_yaml_address__asks_for_quotes(tmp_path):
    path = tmp_path / "deploy.yaml"
    path.write_text("installers: [0x70997970C51812dc3A010C7d01b50e0d17dc79C8]\n")
    with pytest.raises(DeployError, match="must be quoted in YAML"):
        load_deploy_params(path)


def test_load_deploy_params__missing_file__deploy_error(tmp_path):
    with pytest.raises(DeployError, match=r"no-such\.yaml"):
        load_deploy_params(tmp_path / "no-such.yaml")


def test_assign_roles__development_chain__test_accounts_fill_empty_roles(
    accounts, installer, operators, registrar
):
    params = assign_roles(DeployParams(), 31337, accounts)

    assert params.watt_issuers == params.installers == (installer.address,)
    assert params.registrars == (registrar.address,)
    assert params.oracle.operators == tuple(a.address for a in operators)
    assert params.oracle.quorum == 2


def test_assign_roles__development_chain__netting_operator_only_with_netting(accounts, installer):
    assert assign_roles(DeployParams(), 31337, accounts).netting is None
    params = assign_roles(DeployParams(netting=NettingParams()), 31337, accounts)
    assert params.netting.operators == (installer.address,)


def test_load_deploy_params__netting_size_without_circuit__one_line_error(params_path):
    with pytest.raises(DeployError, match=r"netting\.seats\[0\]"):
        load_deploy_params(params_path(netting={"seats": [3]}))


def test_assign_roles__development_chain__zone_registrar_only_with_a_cda(accounts, registrar):
    assert assign_roles(DeployParams(), 31337, accounts).cda is None
    params = assign_roles(DeployParams(cda=CdaParams()), 31337, accounts)
    assert params.cda.zone_registrars == (registrar.address,)


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"cda": {"tick_size": 1500}}, "cda.tick_size: 1500 is not a multiple of 1000"),
        (
            {"staking": {"fee_tiers": [{"threshold": 10, "discount_bps": 100}] * 2}},
            "staking: fee_tiers: thresholds must rise and discounts not fall",
        ),
        ({"staking": {"licence_threshold": 0}}, "staking.licence_threshold: must be > 0 GRID"),
    ],
)
def test_load_deploy_params__bad_cda_or_staking_section__one_line_error(
    params_path, section, message
):
    with pytest.raises(DeployError) as info:
        load_deploy_params(params_path(**section))
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_assign_roles__development_chain__roles_in_the_file_kept(accounts, alice):
    params = DeployParams(installers=(alice.address,))

    assert assign_roles(params, 1337, accounts).installers == (alice.address,)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (DeployParams(), "watt_issuers (WattToken MINTER_ROLE: issues WATT against fiat"),
        (
            DeployParams(watt_issuers=("0x" + "11" * 20,), installers=("0x" + "22" * 20,)),
            "registrars (PanelRegistry REGISTRAR_ROLE",
        ),
        (
            DeployParams(
                payment_token="0x" + "33" * 20,
                installers=("0x" + "22" * 20,),
                registrars=("0x" + "22" * 20,),
            ),
            "oracle.operators (EnergyOracle operators: report production) has no holder",
        ),
        (
            DeployParams(
                watt_issuers=("0x" + "11" * 20,),
                installers=("0x" + "22" * 20,),
                registrars=("0x" + "22" * 20,),
                oracle=OracleParams(operators=("0x" + "44" * 20,), quorum=1),
                cda=CdaParams(),
            ),
            "cda.zone_registrars (CdaMarket ZONE_REGISTRAR_ROLE: assigns traders to grid zones)",
        ),
        (
            DeployParams(
                watt_issuers=("0x" + "11" * 20,),
                installers=("0x" + "22" * 20,),
                registrars=("0x" + "22" * 20,),
                oracle=OracleParams(operators=("0x" + "44" * 20,), quorum=1),
            ),
            None,
        ),
    ],
)
def test_assign_roles__public_chain__refuses_naming_first_role_without_holder(params, message):
    if message is None:
        assert assign_roles(params, SEPOLIA, []) is params
        return
    with pytest.raises(DeployError) as info:
        assign_roles(params, SEPOLIA, [])
    text = str(info.value)
    assert text.startswith(f"refusing to deploy on chain {SEPOLIA}: ")
    assert message in text
    assert "\n" not in text


def test_assign_roles__public_chain_fewer_operators_than_quorum__refuses():
    params = DeployParams(
        watt_issuers=("0x" + "11" * 20,),
        installers=("0x" + "22" * 20,),
        registrars=("0x" + "22" * 20,),
        oracle=OracleParams(operators=("0x" + "44" * 20,), quorum=1),
    )
    # A quorum above the operators listed is rejected when the parameters are built...
    with pytest.raises(ValueError, match="quorum 2 exceeds the 1 operator"):
        params.oracle.replaced(quorum=2)
    # ... and the default quorum of 2 without operators is a missing role, not a silent 0.
    with pytest.raises(DeployError, match=r"oracle\.operators"):
        assign_roles(params.replaced(oracle=OracleParams()), SEPOLIA, [])


def test_network_label__local_chain__local(networks):
    assert network_label(networks.provider.network, 1337) == "local"


def test_network_label__url_of_public_chain__public_name(networks):
    # `--network https://...` connects Ape's "custom" network; the chain id tells which it is.
    custom = networks.ethereum.custom_network
    assert custom.name == "custom"
    assert network_label(custom, SEPOLIA) == "sepolia"
    assert network_label(custom, 1) == "mainnet"


def test_network_label__url_of_unknown_chain__custom(networks):
    assert network_label(networks.ethereum.custom_network, 424242) == "custom"


def test_network_label__named_network__its_name(networks):
    assert network_label(networks.ethereum.sepolia, SEPOLIA) == "sepolia"


def test_deploy_and_record__admin_address__local_book_and_hand_over(
    chain, networks, deployer, alice, operators, params_path, tmp_path, capsys
):
    # Without governance there is no GRID to stake: no `staking:` and no `leg:` section.
    params = load_deploy_params(params_path(leg=None, staking=None), admin=alice.address)
    result = deploy_and_record(
        networks.provider.network, deployer, params, deployments_dir=tmp_path
    )

    assert result.path == tmp_path / "local-1337.json"
    book = read_address_book("local", 1337, tmp_path)
    assert book == result.book
    assert book.deployer == deployer.address
    assert book.block == chain.blocks.head.number
    assert result.admin == alice.address
    expected = {name for name, _ in SUITE_CONTRACTS.values()} | set(BROKER_CONTRACTS.values())
    # No governance, so no GRID: the CDA is deployed without GridStaking; netting as by default.
    netting = {"Utility", "DUtility"} | {f"NettingVerifier{n}" for n in (2, 4, 8, 16, 32)}
    assert set(book.contracts) == expected | {"CdaMarket"} | netting

    suite = load_suite(book)
    verify_hand_over(
        [*suite.governed().values(), *suite.broker_governed()],
        alice.address,
        deployer.address,
        wiring=suite.wiring(),
    )
    assert book.roles["EnergyOracle.operator"] == tuple(op.address for op in operators)
    assert book.roles["PanelNFT.DEFAULT_ADMIN_ROLE"] == (alice.address,)
    assert book.roles["EnergyBrokerFactory.DEFAULT_ADMIN_ROLE"] == (alice.address,)
    assert deployer.address not in {h for holders in book.roles.values() for h in holders}

    print_summary(result)
    out = capsys.readouterr().out
    for address in book.contracts.values():
        assert address in out
    assert "local-1337.json" in out


def test_deploy_and_record__default_file_on_dev_chain__community_ready_to_trade(
    networks, deployer, installer, operators, registrar, tmp_path, capsys
):
    result = deploy_and_record(
        networks.provider.network, deployer, load_deploy_params(), deployments_dir=tmp_path
    )
    book = result.book
    roles = book.roles
    contracts = book.contracts

    assert {"GovernanceDAO", "GovernanceTimelock", "GridToken", "EnergyBrokerRouter"} <= set(
        contracts
    )
    assert result.admin == contracts["GovernanceTimelock"]
    assert roles["PaymentToken.MINTER_ROLE"] == (installer.address,)
    assert roles["PanelNFT.INSTALLER_ROLE"] == (installer.address,)
    assert roles["PanelRegistry.REGISTRAR_ROLE"] == (registrar.address,)
    assert roles["EnergyOracle.operator"] == tuple(a.address for a in operators)
    assert roles["SettlementEngine.ARBITER_ROLE"] == (contracts["GovernanceTimelock"],)
    assert roles["EnergyMarket.PAUSER_ROLE"] == (contracts["GovernanceTimelock"],)
    assert "GovernanceDAO.guardian" not in roles  # no guardian in the committed file
    suite = load_suite(book)
    assert suite.energy_oracle.quorum() == 2
    dao = suite.governance.dao
    assert (dao.votingPeriod(), suite.governance.timelock.getMinDelay()) == (300, 60)
    assert suite.broker.rate_provider.pool() == contracts["EnergyBrokerPool"]
    # GridStaking over GRID (before anything that needs its address); the CDA and the LEG read it.
    staking, cda, timelock = suite.grid_staking, suite.cda_market, contracts["GovernanceTimelock"]
    assert staking.asset() == contracts["GridToken"]
    assert staking.licenceThreshold() == 1_000 * 10**18
    assert roles["GridStaking.DEFAULT_ADMIN_ROLE"] == (timelock,)
    assert cda.gridStaking() == contracts["GridStaking"]
    assert cda.energyMarket() == contracts["EnergyMarket"]
    assert roles["CdaMarket.ZONE_REGISTRAR_ROLE"] == (registrar.address,)
    assert roles["CdaMarket.PAUSER_ROLE"] == (timelock,)
    assert contracts["CdaMarket"] in roles["StakingVault.ENCUMBRANCER_ROLE"]
    # The OrderRelay places signed orders; relayers need the GridStaking licence.
    assert roles["EnergyMarket.RELAYER_ROLE"] == (contracts["OrderRelay"],)
    assert roles["OrderRelay.DEFAULT_ADMIN_ROLE"] == (timelock,)
    assert suite.order_relay.gridStaking() == contracts["GridStaking"]
    assert suite.order_relay.market() == contracts["EnergyMarket"]
    # The LEG, licensed by the suite's GridStaking, paid in the suite's WATT.
    market = contracts["LegMarketplace"]
    assert suite.leg.registry.licensing() == contracts["GridStaking"]
    assert suite.leg.marketplace.paymentToken() == contracts["PaymentToken"]
    assert suite.leg.marketplace.params().feeBps == 500
    assert roles["LegMarketplace.ARBITER_ROLE"] == (timelock,)
    assert roles["LegMarketplace.DEFAULT_ADMIN_ROLE"] == (timelock,)
    assert roles["LegHubRegistry.MARKET_ROLE"] == (market,)
    assert roles["HeatCredit.MINTER_ROLE"] == (market,)
    assert set(roles["LegHubRegistry.ATTESTER_ROLE"]) == {a.address for a in operators}
    # Netting: Utility and DUtility governed, a verifier per size registered, the installer nets.
    dutility, netter = suite.netting.dutility, (installer.address,)
    assert {n: dutility.verifierOf(n) for n in (2, 4, 8, 16, 32)} == {
        n: contracts[f"NettingVerifier{n}"] for n in (2, 4, 8, 16, 32)
    }
    assert roles["DUtility.NETTING_ROLE"] == roles["Utility.OPERATOR_ROLE"] == netter
    for name in ("Utility", "DUtility"):
        assert roles[f"{name}.DEFAULT_ADMIN_ROLE"] == (timelock,)

    print_summary(result)
    out = capsys.readouterr().out
    assert f"{installer.address} ({cast_alias('installer')})" in out
    assert "EnergyOracle.operator" in out and "PanelRegistry.REGISTRAR_ROLE" in out


def test_deploy_suite__not_a_development_chain__production_governance_unless_file_says(
    monkeypatch, deployer, accounts, installer, operators, registrar
):
    # eth-tester stands in for a public chain: the chain-kind check is the only difference.
    monkeypatch.setattr("gridset.deploy.core.is_development_chain", lambda chain_id: False)
    base = dict(
        installers=(installer.address,),
        registrars=(registrar.address,),
        watt_issuers=(installer.address,),
        oracle=OracleParams(operators=tuple(op.address for op in operators)),
    )
    production = deploy_suite(deployer, DeployParams(**base)).governance
    section = yaml.safe_load(DEFAULT_PARAMS_FILE.read_text())["governance"]
    section["voting_period_seconds"] = 600
    explicit = deploy_suite(
        deployer, DeployParams(**base, governance=GovernanceParams.from_mapping(section))
    ).governance

    assert production.dao.votingDelay() == 86_400
    assert production.dao.votingPeriod() == 7 * 86_400
    assert production.timelock.getMinDelay() == 2 * 86_400
    assert production.dao.quorumNumerator() == 10
    assert explicit.dao.votingPeriod() == 600  # the file's value wins
    assert explicit.timelock.getMinDelay() == 2 * 86_400  # the rest stays production
