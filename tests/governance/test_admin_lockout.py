"""After ``deploy_suite(admin="governance")`` the deployer can call no restricted function.

Every state-changing function of every deployed contract is classified here: restricted (with
the check that stops the deployer) or open to anyone (with why). The classification is checked
against the ABIs, so a function added later fails the test until it is classified.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest

from .conftest import reverts

DEFAULT_ADMIN_ROLE = bytes(32)
REASON = "governance test"
PARAMS = (900, 6 * 3600, 25, 500 * 10**15, 10 * 10**18)  # SettlementEngine.Params


@dataclass(frozen=True)
class Restricted:
    """A restricted call: contract (address-book name), function, its arguments built from
    the test context, and the error the deployer meets: a role name (AccessControl's
    ``AccessControlUnauthorizedAccount(deployer, role)``) or another error taking the caller."""

    contract: str
    function: str
    args: Callable[[Any], tuple]
    role: str | None = None
    error: str | None = None
    error_input: str = "account"

    @property
    def id(self) -> str:
        return f"{self.contract}.{self.function}"


def _admin_grants(contract: str) -> list[Restricted]:
    """Re-granting itself admin, or revoking the timelock's, needs DEFAULT_ADMIN_ROLE."""
    admin = "DEFAULT_ADMIN_ROLE"
    return [
        Restricted(contract, "grantRole", lambda c: (DEFAULT_ADMIN_ROLE, c.deployer), admin),
        Restricted(contract, "revokeRole", lambda c: (DEFAULT_ADMIN_ROLE, c.timelock), admin),
    ]


RESTRICTED: list[Restricted] = [
    # EnergyToken: credits are minted by settlement only; locks belong to an escrow contract.
    Restricted("EnergyToken", "mint", lambda c: (c.someone, 1), "MINTER_ROLE"),
    Restricted("EnergyToken", "lock", lambda c: (c.someone, 1), "ESCROW_ROLE"),
    Restricted("EnergyToken", "unlock", lambda c: (c.someone, 1), "ESCROW_ROLE"),
    Restricted(
        "EnergyToken", "transferLocked", lambda c: (c.someone, c.deployer, 1), "ESCROW_ROLE"
    ),
    *_admin_grants("EnergyToken"),
    # PanelNFT
    Restricted("PanelNFT", "setRegistry", lambda c: (c.someone,), "DEFAULT_ADMIN_ROLE"),
    Restricted("PanelNFT", "mint", lambda c: (c.deployer, "ipfs://x", 5000), "INSTALLER_ROLE"),
    *_admin_grants("PanelNFT"),
    # PanelRegistry: the oracle and the NFT call it back; the rest is admin.
    Restricted("PanelRegistry", "setOracle", lambda c: (c.someone,), "DEFAULT_ADMIN_ROLE"),
    Restricted(
        "PanelRegistry",
        "reportProduction",
        lambda c: (1, c.slot, 0, 1),
        error="PanelRegistryNotOracle",
        error_input="caller",
    ),
    Restricted(
        "PanelRegistry",
        "onPanelRetired",
        lambda c: (1,),
        error="PanelRegistryNotPanelNFT",
        error_input="caller",
    ),
    *_admin_grants("PanelRegistry"),
    # EnergyOracle: operators are seated by governance; only seated operators report.
    Restricted("EnergyOracle", "addOperator", lambda c: (c.deployer,), "DEFAULT_ADMIN_ROLE"),
    Restricted("EnergyOracle", "removeOperator", lambda c: (c.operator,), "DEFAULT_ADMIN_ROLE"),
    Restricted("EnergyOracle", "setQuorum", lambda c: (1,), "DEFAULT_ADMIN_ROLE"),
    Restricted("EnergyOracle", "setReportingWindow", lambda c: (3600,), "DEFAULT_ADMIN_ROLE"),
    Restricted("EnergyOracle", "setDeviationTolerance", lambda c: (100, 1), "DEFAULT_ADMIN_ROLE"),
    Restricted(
        "EnergyOracle",
        "reportProduction",
        lambda c: (1, c.slot, 1),
        error="EnergyOracleNotOperator",
        error_input="caller",
    ),
    Restricted(
        "EnergyOracle",
        "reportProductionBatch",
        lambda c: (c.slot, [1], [1]),
        error="EnergyOracleNotOperator",
        error_input="caller",
    ),
    Restricted(
        "EnergyOracle",
        "updateOracle",
        lambda c: (c.deployer,),
        error="EnergyOracleNotOperator",
        error_input="caller",
    ),
    *_admin_grants("EnergyOracle"),
    # WATT: issued by the configured issuers only.
    Restricted("PaymentToken", "mint", lambda c: (c.deployer, 1), "MINTER_ROLE"),
    Restricted("PaymentToken", "configureMinter", lambda c: (c.deployer, 1), "DEFAULT_ADMIN_ROLE"),
    Restricted("PaymentToken", "addAttestor", lambda c: (c.deployer,), "DEFAULT_ADMIN_ROLE"),
    Restricted("PaymentToken", "removeAttestor", lambda c: (c.someone,), "DEFAULT_ADMIN_ROLE"),
    Restricted("PaymentToken", "setAttestationRules", lambda c: (1, 3600), "DEFAULT_ADMIN_ROLE"),
    Restricted("PaymentToken", "attestReserves", lambda c: (1,), error="WattNotAttestor"),
    Restricted("PaymentToken", "fulfilRedemption", lambda c: (0,), "REDEEMER_ROLE"),
    Restricted("PaymentToken", "setBlacklisted", lambda c: (c.someone, True), "BLACKLISTER_ROLE"),
    Restricted("PaymentToken", "pause", lambda c: (), "PAUSER_ROLE"),
    Restricted("PaymentToken", "unpause", lambda c: (), "DEFAULT_ADMIN_ROLE"),
    *_admin_grants("PaymentToken"),
    # StakingVault
    Restricted("StakingVault", "encumber", lambda c: (c.someone, 1, 900), "ENCUMBRANCER_ROLE"),
    Restricted("StakingVault", "release", lambda c: (c.someone, 1, 900), "ENCUMBRANCER_ROLE"),
    Restricted("StakingVault", "applyPenalty", lambda c: (c.someone, 1, REASON), "PENALIZER_ROLE"),
    Restricted("StakingVault", "slash", lambda c: (c.someone, 1, REASON), "SLASHER_ROLE"),
    Restricted("StakingVault", "lockStake", lambda c: (c.someone, 60), "LOCKER_ROLE"),
    Restricted("StakingVault", "setTreasury", lambda c: (c.deployer,), "DEFAULT_ADMIN_ROLE"),
    Restricted("StakingVault", "setUnbondingDelay", lambda c: (86_400,), "DEFAULT_ADMIN_ROLE"),
    *_admin_grants("StakingVault"),
    # EnergyMarket: the guardian pauses, governance unpauses and sets the market's terms.
    Restricted("EnergyMarket", "pause", lambda c: (), "PAUSER_ROLE"),
    Restricted("EnergyMarket", "unpause", lambda c: (), "DEFAULT_ADMIN_ROLE"),
    Restricted("EnergyMarket", "startAuction", lambda c: (c.slot, 60), "AUCTIONEER_ROLE"),
    Restricted(
        "EnergyMarket", "releaseEscrow", lambda c: (c.slot, c.deployer, 1), "SETTLEMENT_ROLE"
    ),
    Restricted(
        "EnergyMarket", "creditEscrow", lambda c: (c.slot, c.deployer, 1), "SETTLEMENT_ROLE"
    ),
    Restricted(
        "EnergyMarket", "claimAllToBalance", lambda c: (c.slot, c.deployer), "SETTLEMENT_ROLE"
    ),
    Restricted("EnergyMarket", "setPriceGrid", lambda c: (10**15, 10**15), "DEFAULT_ADMIN_ROLE"),
    Restricted(
        "EnergyMarket", "setCollateralRequirement", lambda c: (10**18,), "DEFAULT_ADMIN_ROLE"
    ),
    Restricted("EnergyMarket", "setGateClosureLead", lambda c: (600,), "DEFAULT_ADMIN_ROLE"),
    Restricted("EnergyMarket", "setMaxLeadTime", lambda c: (86_400,), "DEFAULT_ADMIN_ROLE"),
    Restricted("EnergyMarket", "setMinOrderQuantity", lambda c: (1,), "DEFAULT_ADMIN_ROLE"),
    Restricted(
        "EnergyMarket",
        "placeOrderFor",
        lambda c: (c.someone, c.slot, True, 10**15, 1, 0),
        "RELAYER_ROLE",
    ),
    *_admin_grants("EnergyMarket"),
    # OrderRelay: governance chooses whose licence admits relayers.
    Restricted("OrderRelay", "setGridStaking", lambda c: (c.someone,), "DEFAULT_ADMIN_ROLE"),
    *_admin_grants("OrderRelay"),
    # SettlementEngine: disputes and arbiter penalties are governance decisions.
    Restricted(
        "SettlementEngine",
        "resolveDispute",
        lambda c: (c.slot, c.someone, True, 1),
        "ARBITER_ROLE",
    ),
    Restricted(
        "SettlementEngine", "assessPenalty", lambda c: (c.someone, 1, REASON), "ARBITER_ROLE"
    ),
    Restricted("SettlementEngine", "setParameters", lambda c: (PARAMS,), "DEFAULT_ADMIN_ROLE"),
    Restricted("SettlementEngine", "setTreasury", lambda c: (c.deployer,), "DEFAULT_ADMIN_ROLE"),
    Restricted("SettlementEngine", "setCdaMarket", lambda c: (c.deployer,), "DEFAULT_ADMIN_ROLE"),
    Restricted(
        "SettlementEngine", "setDisputeParameters", lambda c: (86_400, 0), "DEFAULT_ADMIN_ROLE"
    ),
    *_admin_grants("SettlementEngine"),
    # GovernanceTimelock: only the DAO schedules, cancels and executes; only itself re-times.
    Restricted(
        "GovernanceTimelock",
        "schedule",
        lambda c: (c.someone, 0, b"", bytes(32), bytes(32), 60),
        "PROPOSER_ROLE",
    ),
    Restricted(
        "GovernanceTimelock",
        "scheduleBatch",
        lambda c: ([c.someone], [0], [b""], bytes(32), bytes(32), 60),
        "PROPOSER_ROLE",
    ),
    Restricted("GovernanceTimelock", "cancel", lambda c: (bytes(32),), "CANCELLER_ROLE"),
    Restricted(
        "GovernanceTimelock",
        "execute",
        lambda c: (c.someone, 0, b"", bytes(32), bytes(32)),
        "EXECUTOR_ROLE",
    ),
    Restricted(
        "GovernanceTimelock",
        "executeBatch",
        lambda c: ([c.someone], [0], [b""], bytes(32), bytes(32)),
        "EXECUTOR_ROLE",
    ),
    Restricted(
        "GovernanceTimelock",
        "updateDelay",
        lambda c: (0,),
        error="TimelockUnauthorizedCaller",
        error_input="caller",
    ),
    *_admin_grants("GovernanceTimelock"),
    # GovernanceDAO: its settings and relay are executed through a proposal only.
    *(
        Restricted("GovernanceDAO", name, args, error="GovernorOnlyExecutor")
        for name, args in (
            ("setVotingDelay", lambda c: (1,)),
            ("setVotingPeriod", lambda c: (60,)),
            ("setProposalThreshold", lambda c: (0,)),
            ("updateQuorumNumerator", lambda c: (1,)),
            ("updateTimelock", lambda c: (c.someone,)),
            ("relay", lambda c: (c.someone, 0, b"")),
            ("setGuardian", lambda c: (c.deployer,)),
        )
    ),
    # The veto belongs to the guardian alone.
    Restricted(
        "GovernanceDAO",
        "veto",
        lambda c: ([c.someone], [0], [b""], bytes(32)),
        error="GovernanceDAONotGuardian",
        error_input="caller",
    ),
]

#: Functions anyone may call (the caller acts on its own assets, or on public schedules).
OPEN: dict[str, set[str]] = {
    # ERC-20 / ERC-2612: own balances and allowances; renounceRole: the caller's own roles.
    "EnergyToken": {"approve", "burn", "permit", "renounceRole", "transfer", "transferFrom"},
    "PaymentToken": {
        "approve",
        "burn",
        "burnFrom",
        "permit",
        "redeem",
        "renounceRole",
        "transfer",
        "transferFrom",
    },
    "GridToken": {"approve", "delegate", "delegateBySig", "permit", "transfer", "transferFrom"},
    # ERC-721: own tokens; retire: the panel's owner.
    "PanelNFT": {
        "approve",
        "renounceRole",
        "retire",
        "safeTransferFrom",
        "setApprovalForAll",
        "transferFrom",
    },
    # The panel's owner (or a registrar) registers and deregisters it.
    "PanelRegistry": {"deregisterPanel", "registerPanel", "renounceRole"},
    # Finalising after the window, flagging against the accepted value and discarding removed
    # operators' reports are public duties; aggregated reports and deviation proofs carry their
    # authority in the operators' signatures, a median dispute in the report's own readings.
    "EnergyOracle": {
        "discardReports",
        "disputeMedian",
        "finalizeTimeSlot",
        "flagDeviation",
        "proveDeviation",
        "renounceRole",
        "reportAggregated",
    },
    # Own stake.
    "StakingVault": {"depositStake", "renounceRole", "requestUnbonding", "withdrawStake"},
    # Read-only: the market's order-book views and the settlement engine's views.
    "EnergyMarketLens": set(),
    "SettlementLens": set(),
    # Own orders; clearing and claims are permissionless keeper work.
    "EnergyMarket": {
        "cancelOrder",
        "claimAll",
        "claimOrder",
        "claimOrders",
        "clearAuction",
        "placeAsk",
        "placeBid",
        "placeBidWithPermit",
        "renounceRole",
        # Own internal balance.
        "withdraw",
    },
    # Licensed relayers place orders their traders signed (each signature checked).
    "OrderRelay": {"placeOrders", "renounceRole"},
    # Settlement is keeper work; a dispute is open to anyone who posts the bond.
    "SettlementEngine": {
        "finalizeTimeSlot",
        "raiseDispute",
        "renounceRole",
        "settleBatch",
        "settleParticipant",
        "settleParticipants",
        "settleTimeSlot",
        # Own energy credits.
        "withdrawEnergy",
    },
    "GovernanceTimelock": {
        "onERC1155BatchReceived",
        "onERC1155Received",
        "onERC721Received",
        "renounceRole",
    },
    # The Governor's own lifecycle: proposing needs votes, cancel the proposer (checked there).
    "GovernanceDAO": {
        "cancel",
        "castVote",
        "castVoteBySig",
        "castVoteWithReason",
        "castVoteWithReasonAndParams",
        "castVoteWithReasonAndParamsBySig",
        "execute",
        "onERC1155BatchReceived",
        "onERC1155Received",
        "onERC721Received",
        "propose",
        "queue",
    },
}


@pytest.fixture
def context(governed_suite, deployer, outsider, operators, chain):
    contracts = governed_suite.contracts()
    return SimpleNamespace(
        contracts=contracts,
        deployer=deployer,
        someone=outsider,
        operator=operators[0],
        timelock=contracts["GovernanceTimelock"],
        slot=(chain.pending_timestamp // 900 - 2) * 900,  # a past slot
    )


def test_restricted_and_open__cover_every_state_changing_function(governed_suite):
    for name, contract in governed_suite.contracts().items():
        mutable = {abi.name for abi in contract.contract_type.mutable_methods}
        restricted = {case.function for case in RESTRICTED if case.contract == name}

        assert not restricted & OPEN[name], name
        assert restricted | OPEN[name] == mutable, name


@pytest.mark.parametrize("case", RESTRICTED, ids=lambda case: case.id)
def test_restricted_function__called_by_deployer_after_hand_over__reverts(case, context):
    contract = context.contracts[case.contract]
    if case.role is not None:
        expected = reverts(
            contract.AccessControlUnauthorizedAccount,
            account=context.deployer,
            neededRole=getattr(contract, case.role)(),
        )
    else:
        expected = reverts(
            getattr(contract, case.error), **{case.error_input: context.deployer.address}
        )

    with expected:
        getattr(contract, case.function)(*case.args(context), sender=context.deployer)
