"""Deploy and wire the GRIDSET suite: energy credits, panels, oracle, stake, market, settlement,
governance, the Energy Broker and the LEG marketplace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from gridset.broker.deploy import (
    ZERO_ADDRESS,
    BrokerDeployment,
    BrokerParameters,
    DynamicRateConfig,
)
from gridset.broker.deploy import deploy_broker as _deploy_broker
from gridset.broker.units import Formula, rate_from_price_per_kwh
from gridset.cda.deploy import deploy_intraday
from gridset.deploy.addresses import AddressBook, is_development_chain, load_contract
from gridset.deploy.params import (
    BrokerParams,
    DeployParams,
    FeeTier,
    LegSuiteParams,
    NettingParams,
    load_governance_params,
)
from gridset.governance.deploy import GovernanceContracts, deploy_governance
from gridset.governance.roles import hand_over, role_constants, role_holders, verify_hand_over
from gridset.leg.deploy import LegContracts, LegParams, deploy_leg
from gridset.leg.units import DEFAULT_TICK, to_base_units
from gridset.netting.deploy import NettingContracts
from gridset.tokens.watt import setup_issuer

#: Suite attribute -> (address-book name, project contract type that gives its ABI).
SUITE_CONTRACTS: dict[str, tuple[str, str]] = {
    "energy_token": ("EnergyToken", "EnergyToken"),
    "panel_nft": ("PanelNFT", "PanelNFT"),
    "panel_registry": ("PanelRegistry", "PanelRegistry"),
    "energy_oracle": ("EnergyOracle", "EnergyOracle"),
    # Any fee-less ERC-20 may be the payment token; WATT's ABI covers ERC-20.
    "payment_token": ("PaymentToken", "WattToken"),
    "staking_vault": ("StakingVault", "StakingVault"),
    "energy_market": ("EnergyMarket", "EnergyMarket"),
    # The market's order-book views (depth, best prices, open orders); no roles.
    "energy_market_lens": ("EnergyMarketLens", "EnergyMarketLens"),
    # Places households' EIP-712 signed orders in batches (the market's RELAYER_ROLE).
    "order_relay": ("OrderRelay", "OrderRelay"),
    "settlement_engine": ("SettlementEngine", "SettlementEngine"),
    # Read-only views of the engine for clients (slot status, previews, records); no roles.
    "settlement_lens": ("SettlementLens", "SettlementLens"),
}
#: BrokerDeployment attribute -> address-book name (= contract type) of the broker's contracts.
BROKER_CONTRACTS: dict[str, str] = {
    "factory": "EnergyBrokerFactory",
    "router": "EnergyBrokerRouter",
    "pool": "EnergyBrokerPool",
    "rate_provider": "DynamicRateProvider",
}
#: Suite attribute -> address-book name (= contract type) of the intraday contracts.
INTRADAY_CONTRACTS: dict[str, str] = {"grid_staking": "GridStaking", "cda_market": "CdaMarket"}
#: LegContracts attribute -> address-book name (= contract type) of the LEG's contracts.
LEG_CONTRACTS: dict[str, str] = {
    "registry": "LegHubRegistry",
    "heat": "HeatCredit",
    "marketplace": "LegMarketplace",
}


@dataclass
class Suite:
    """The deployed contracts (Ape ContractInstances) of one community."""

    energy_token: Any
    panel_nft: Any
    panel_registry: Any
    energy_oracle: Any
    payment_token: Any
    staking_vault: Any
    energy_market: Any
    energy_market_lens: Any
    order_relay: Any
    settlement_engine: Any
    settlement_lens: Any
    governance: GovernanceContracts | None = None
    broker: BrokerDeployment | None = None
    grid_staking: Any = None
    cda_market: Any = None
    leg: LegContracts | None = None
    netting: NettingContracts | None = None

    def contracts(self) -> dict[str, Any]:
        """Return ``{address-book name: instance}`` for every suite contract (a foreign payment
        token included) and, if deployed, the governance, broker, GridStaking and LEG contracts."""
        contracts = {name: getattr(self, attr) for attr, (name, _) in SUITE_CONTRACTS.items()}
        if self.governance is not None:
            contracts.update(
                GridToken=self.governance.grid,
                GovernanceTimelock=self.governance.timelock,
                GovernanceDAO=self.governance.dao,
            )
        if self.broker is not None:
            contracts.update(
                {name: getattr(self.broker, attr) for attr, name in BROKER_CONTRACTS.items()}
            )
        contracts.update(self.intraday())
        if self.leg is not None:
            contracts.update(
                {name: getattr(self.leg, attr) for attr, name in LEG_CONTRACTS.items()}
            )
        if self.netting is not None:
            contracts.update(self.netting_governed())
            contracts.update(
                {f"NettingVerifier{n}": v for n, v in sorted(self.netting.verifiers.items())}
            )
        return contracts

    def netting_governed(self) -> dict[str, Any]:
        """``{address-book name: instance}`` of Utility and DUtility (the verifiers hold no
        roles); governed like the core contracts."""
        if self.netting is None:
            return {}
        return {"Utility": self.netting.utility, "DUtility": self.netting.dutility}

    def intraday(self) -> dict[str, Any]:
        """``{address-book name: instance}`` of the deployed intraday contracts (GridStaking,
        CdaMarket); governed like the core contracts."""
        found = {name: getattr(self, attr) for attr, name in INTRADAY_CONTRACTS.items()}
        return {name: contract for name, contract in found.items() if contract is not None}

    def leg_governed(self) -> list[Any]:
        """The LEG contracts whose admin roles the deployer hands over."""
        return [] if self.leg is None else self.leg.governed()

    def broker_governed(self) -> list[Any]:
        """The broker contracts whose admin roles the deployer hands over (not the pool, which
        the factory administers)."""
        if self.broker is None:
            return []
        return [self.broker.factory, self.broker.router, self.broker.rate_provider]

    def roles(self, from_block: int = 0) -> dict[str, list[str]]:
        """Who holds what now: ``{"<Contract>.<ROLE>": [holders]}`` for every AccessControl
        role held since ``from_block`` (from ``RoleGranted`` logs, confirmed with ``hasRole``),
        plus ``EnergyOracle.operator`` and, with governance, ``GovernanceDAO.guardian``."""
        held: dict[str, list[str]] = {}
        for name, contract in self.contracts().items():
            if name == "PaymentToken" and not _has_role_admin(contract):
                continue
            if not any(abi.name == "RoleGranted" for abi in contract.contract_type.events):
                continue
            names = {role: role_name for role_name, role in role_constants(contract).items()}
            for role, holders in sorted(role_holders(contract, from_block).items()):
                if holders:
                    label = names.get(role, f"0x{role.hex()}")
                    held[f"{name}.{label}"] = sorted(holders)
        held["EnergyOracle.operator"] = [str(a) for a in self.energy_oracle.getOperators()]
        if self.governance is not None:
            guardian = str(self.governance.dao.guardian())
            if int(guardian, 16):
                held["GovernanceDAO.guardian"] = [guardian]
        return held

    def governed(self) -> dict[str, Any]:
        """The suite contracts whose admin roles the deployer hands over (not a foreign token,
        nor the role-less lenses)."""
        contracts = {name: getattr(self, attr) for attr, (name, _) in SUITE_CONTRACTS.items()}
        contracts = {name: c for name, c in contracts.items() if _has_role_admin(c)}
        contracts.update(self.intraday())
        contracts.update(self.netting_governed())
        return contracts

    def wiring(self) -> dict[str, list[str]]:
        """Contract-to-contract holders of governance-exclusive roles, for ``verify_hand_over``:
        the settlement engine slashes through the vault for arbiter penalties (``assessPenalty``,
        itself ARBITER_ROLE-gated, i.e. governance)."""
        return {"StakingVault.SLASHER_ROLE": [str(self.settlement_engine.address)]}

    def addresses(self) -> dict[str, str]:
        """Return ``{contract name: address}``."""
        return {name: str(c.address) for name, c in self.contracts().items()}


def _has_role_admin(contract: Any) -> bool:
    return any(abi.name == "DEFAULT_ADMIN_ROLE" for abi in contract.contract_type.view_methods)


def load_suite(book: AddressBook) -> Suite:
    """Return the Suite recorded in ``book`` (instances bound to the connected provider), with
    its governance and broker contracts when the book has them.

    Raises:
        AddressBookError: a core contract is missing from the book, or has no code.
    """
    suite = Suite(
        **{
            attr: load_contract(book, name, type_name)
            for attr, (name, type_name) in SUITE_CONTRACTS.items()
        }
    )
    if "GovernanceDAO" in book.contracts:
        suite.governance = GovernanceContracts(
            *(load_contract(book, n) for n in ("GridToken", "GovernanceTimelock", "GovernanceDAO"))
        )
    if "EnergyBrokerRouter" in book.contracts:
        suite.broker = BrokerDeployment(
            payment_token=suite.payment_token,
            energy_token=suite.energy_token,
            **{attr: load_contract(book, name) for attr, name in BROKER_CONTRACTS.items()},
        )
    for attr, name in INTRADAY_CONTRACTS.items():
        if name in book.contracts:
            setattr(suite, attr, load_contract(book, name))
    if "LegMarketplace" in book.contracts:
        suite.leg = LegContracts(
            payment=suite.payment_token,
            **{attr: load_contract(book, name) for attr, name in LEG_CONTRACTS.items()},
        )
    if "DUtility" in book.contracts:
        verifiers = {
            int(name.removeprefix("NettingVerifier")): load_contract(book, name)
            for name in book.contracts
            if name.startswith("NettingVerifier")
        }
        suite.netting = NettingContracts(
            load_contract(book, "Utility"), load_contract(book, "DUtility"), verifiers
        )
    return suite


def deploy_broker(deployer: Any, suite: Suite, treasury: str, params: BrokerParams) -> None:
    """Deploy the Energy Broker for ``suite`` (factory, router, the energy-credit / payment-token
    constant-sum pool and its dynamic rate) and attach it as ``suite.broker``; the deployer
    keeps its roles until the hand-over."""
    rate = params.rate
    config = DynamicRateConfig(
        initial_rate=rate_from_price_per_kwh(rate.initial_price_per_kwh),
        budget_per_period=rate.budget_per_period,
        min_rate=rate_from_price_per_kwh(rate.min_price_per_kwh),
        max_rate=rate_from_price_per_kwh(rate.max_price_per_kwh),
        capacity=rate.capacity_wh,
        period_length=rate.period_seconds,
        window_periods=rate.window_periods,
    )
    suite.broker = _deploy_broker(
        deployer,
        suite.payment_token,
        suite.energy_token,
        treasury,
        BrokerParameters(
            pool_setup_fee=params.pool_setup_fee,
            lp_fee_bps=params.lp_fee_bps,
            withdrawal_fee_bps=params.withdrawal_fee_bps,
            max_path_length=params.max_path_length,
            formula=Formula.CONSTANT_SUM,
            dynamic_rate=config,
        ),
    )


def deploy_grid_staking(
    deployer: Any, grid: Any, licence_threshold: int, fee_tiers: Sequence[FeeTier] = ()
) -> Any:
    """Deploy GridStaking (sGRID: GRID staked 1:1) over the GRID token ``grid``; the deployer is
    its admin until the hand-over.

    Args:
        licence_threshold: sGRID base units an Application Host (CDA relayer, LEG hub) must stake
            for ``hasLicence``.
        fee_tiers: The stakers' discounts on the CDA's grid fee (thresholds in sGRID base units,
            ascending; see :class:`gridset.deploy.params.StakingParams`).
    """
    from ape import project

    staking = deployer.deploy(project.GridStaking, grid, deployer.address, licence_threshold)
    if fee_tiers:
        staking.setFeeTiers(
            [t.threshold for t in fee_tiers], [t.discount_bps for t in fee_tiers], sender=deployer
        )
    return staking


def deploy_suite_leg(
    deployer: Any, suite: Suite, treasury: str, params: LegSuiteParams, attesters: Iterable[str]
) -> None:
    """Deploy the LEG marketplace for ``suite`` (``gridset.leg.deploy.deploy_leg``: hub registry,
    heat credits, marketplace) paid in the suite's payment token, its hubs licensed by
    ``suite.grid_staking`` (:func:`deploy_grid_staking`, deployed first); attach it as
    ``suite.leg``. ``attesters``
    (the community's operators) attest hub uptime. Price ticks (0.001 per kWh or GB-month) and the
    dispute bond (1 token) follow the payment token's decimals. The deployer keeps the admin
    roles and ARBITER_ROLE until the hand-over."""
    decimals = int(suite.payment_token.decimals())
    tick = to_base_units(DEFAULT_TICK, decimals)
    leg_params = LegParams(
        fee_bps=params.fee_bps,
        dispute_bond=10**decimals,
        ticks=(tick, tick, tick),
        attesters=tuple(attesters),
    )
    suite.leg = deploy_leg(deployer, suite.payment_token, treasury, suite.grid_staking, leg_params)


def deploy_suite_netting(deployer: Any, suite: Suite, params: NettingParams) -> None:
    """Deploy Utility, DUtility and a verifier per size in ``params.seats``
    (:func:`gridset.netting.deploy.deploy`; demo-key verifiers are refused off development chains)
    and give ``params.operators`` the netting entity's roles (Utility OPERATOR_ROLE, DUtility
    NETTING_ROLE); attach them as ``suite.netting``. Households are added by the admin (the
    timelock after the hand-over).

    Raises:
        gridset.netting.deploy.DemoKeysError: a verifier has the demo keys on a chain that is not
            a development chain.
    """
    from gridset.netting.deploy import deploy as deploy_netting

    netting = deploy_netting(deployer, params.seats)
    grant_all(netting.utility, netting.utility.OPERATOR_ROLE(), params.operators, deployer)
    grant_all(netting.dutility, netting.dutility.NETTING_ROLE(), params.operators, deployer)
    suite.netting = netting


def grant_all(contract: Any, role: bytes, accounts: Iterable[str], sender: Any) -> None:
    """Grant ``role`` on ``contract`` to each address in ``accounts``."""
    for account in accounts:
        contract.grantRole(role, account, sender=sender)


def deploy_suite(deployer: Any, params: DeployParams) -> Suite:
    """Deploy the suite, wire its contract-to-contract roles, hand admin powers over, verify.

    Wiring: the PanelNFT links the registry (transfer lock, retirement hook), the registry links the
    oracle (its only production writer); the market may encumber stake; the OrderRelay may place
    signed orders (its relayers need GridStaking's licence when ``params.staking`` deploys one);
    the settlement engine may release market escrow, encumber/penalise stake, slash for arbiter
    penalties and mint credits.

    With ``params.broker``, the Energy Broker is deployed too and handed over like the rest.
    With ``params.staking`` (``admin: governance``), GridStaking over GRID is deployed after
    governance (:func:`deploy_grid_staking`); with ``params.cda``, the intraday CdaMarket reading
    it (:func:`gridset.cda.deploy.deploy_intraday`); with ``params.leg``, the LEG marketplace
    licensed by it (:func:`deploy_suite_leg`); with ``params.netting``, Utility, DUtility and their
    verifiers (:func:`deploy_suite_netting`). All are handed over like the rest.

    Hand-over by ``params.admin``:
      * ``"governance"``: GRID, the GovernanceTimelock and the GovernanceDAO are deployed from
        ``params.governance`` (default: the ``governance:`` section of ``config/deploy.yaml``;
        timings the section leaves out take development values on a development chain and
        production values elsewhere);
        the timelock receives every admin role and the governance roles (vault SLASHER_ROLE,
        settlement ARBITER_ROLE), the guardian (default: the timelock) the market's PAUSER_ROLE;
      * an address (e.g. a multisig): the same with that address in the timelock's place;
      * ``"deployer"``: the deployer keeps everything (unit tests and local tinkering only).
    Afterwards the deployer holds no role (except in ``"deployer"`` mode); this is verified on
    chain from every contract's role constants and ``RoleGranted`` logs.

    Raises:
        HandOverError: an admin power is not exactly where it must be (lists every violation).
    """
    from ape import chain, project

    me = deployer.address
    start_block = chain.blocks.height + 1
    treasury = me if params.treasury == "deployer" else params.treasury
    token = deployer.deploy(project.EnergyToken, me)
    nft = deployer.deploy(project.PanelNFT, me)
    registry = deployer.deploy(project.PanelRegistry, me, nft, params.slot_seconds)
    oracle = deployer.deploy(project.EnergyOracle, me, registry, params.oracle.reporting_window)
    if params.payment_token == "deploy":
        payment = deployer.deploy(project.WattToken, me)
        for issuer in params.watt_issuers:
            setup_issuer(payment, issuer, deployer)  # minter + reserve attestor
    else:
        payment = project.WattToken.at(params.payment_token)  # any ERC-20 ABI suffices
    market_p, settle_p = params.market, params.settlement
    vault = deployer.deploy(project.StakingVault, payment, me, treasury, settle_p.unbonding_delay)
    market = deployer.deploy(
        project.EnergyMarket, me, payment, vault, params.slot_seconds, market_p.constructor_args()
    )
    market_lens = deployer.deploy(project.EnergyMarketLens, market)
    # Anyone relays until a GridStaking exists (below); then only its licence holders.
    relay = deployer.deploy(project.OrderRelay, me, market, ZERO_ADDRESS)
    settlement = deployer.deploy(
        project.SettlementEngine,
        me,
        market,
        oracle,
        token,
        treasury,
        (
            settle_p.dispute_window,
            settle_p.settlement_timeout,
            settle_p.fee_bps,
            settle_p.penalty_price_per_kwh,
            settle_p.dispute_bond,
        ),
    )
    lens = deployer.deploy(project.SettlementLens, settlement, market, oracle)

    nft.setRegistry(registry, sender=deployer)
    registry.setOracle(oracle, sender=deployer)
    grant_all(nft, nft.INSTALLER_ROLE(), params.installers, deployer)
    grant_all(registry, registry.REGISTRAR_ROLE(), params.registrars, deployer)
    for operator in params.oracle.operators:
        oracle.addOperator(operator, sender=deployer)
    if params.oracle.operators:
        oracle.setQuorum(params.oracle.quorum, sender=deployer)
    oracle.setDeviationTolerance(
        params.oracle.deviation_tolerance_bps, params.oracle.min_tolerance_wh, sender=deployer
    )
    grant_all(vault, vault.ENCUMBRANCER_ROLE(), [market.address, settlement.address], deployer)
    vault.grantRole(vault.PENALIZER_ROLE(), settlement, sender=deployer)
    vault.grantRole(vault.SLASHER_ROLE(), settlement, sender=deployer)
    market.grantRole(market.SETTLEMENT_ROLE(), settlement, sender=deployer)
    market.grantRole(market.RELAYER_ROLE(), relay, sender=deployer)
    token.grantRole(token.MINTER_ROLE(), settlement, sender=deployer)

    suite = Suite(
        energy_token=token,
        panel_nft=nft,
        panel_registry=registry,
        energy_oracle=oracle,
        payment_token=payment,
        staking_vault=vault,
        energy_market=market,
        energy_market_lens=market_lens,
        order_relay=relay,
        settlement_engine=settlement,
        settlement_lens=lens,
    )
    if params.broker is not None:
        deploy_broker(deployer, suite, treasury, params.broker)
    if params.netting is not None:
        deploy_suite_netting(deployer, suite, params.netting)
    if params.admin == "deployer":
        if params.cda is not None:
            deploy_intraday(deployer, suite, params.cda)  # no GRID: no GridStaking
        # Development mode: the deployer also takes the governance roles.
        vault.grantRole(vault.SLASHER_ROLE(), deployer, sender=deployer)
        settlement.grantRole(settlement.ARBITER_ROLE(), deployer, sender=deployer)
        market.grantRole(market.PAUSER_ROLE(), deployer, sender=deployer)
        return suite
    if params.admin == "governance":
        governance_params = (params.governance or load_governance_params()).for_chain(
            is_development_chain(chain.chain_id)
        )
        suite.governance = deploy_governance(deployer, governance_params)
        admin, guardian = suite.governance.timelock.address, governance_params.guardian
    else:
        admin = guardian = params.admin
    if params.staking is not None:
        suite.grid_staking = deploy_grid_staking(
            deployer,
            suite.governance.grid,
            params.staking.licence_threshold,
            params.staking.fee_tiers,
        )
        relay.setGridStaking(suite.grid_staking, sender=deployer)
    if params.cda is not None:
        deploy_intraday(deployer, suite, params.cda)
    if params.leg is not None:
        deploy_suite_leg(deployer, suite, treasury, params.leg, params.oracle.operators)
    governed = list(suite.governed().values()) + suite.broker_governed() + suite.leg_governed()
    hand_over(governed, admin, deployer, guardian=guardian)
    checked = governed + ([suite.governance.timelock] if suite.governance else [])
    verify_hand_over(
        checked,
        admin,
        me,
        guardian=guardian,
        from_block=start_block,
        wiring=suite.wiring(),
    )
    return suite
