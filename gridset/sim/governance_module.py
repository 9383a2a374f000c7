"""Mid-day governance: the households pass a real proposal through the GovernanceDAO.

At set-up the deployer's GRID is shared out equally among the households, each delegating to
itself, so the community holds the votes. At the proposal slot (default: the slot starting at
12:00 local time, else the middle of the simulated range) a household proposes one change in
two actions: raise the SettlementEngine's shortfall penalty price (``setParameters``, default
+20 %) and add a fourth EnergyOracle operator (``addOperator``; a spare test account, which the
oracle module then has report every later slot). Households vote, the proposal is queued and
then executed through the timelock, all on the suite's own GRID/DAO/timelock and chain clock.

Timing. The steps are events at their earliest chain times: proposing two minutes into the
slot (after the report, finalisation and settlement transactions due at its start), voting
once the snapshot has passed, queueing after the deadline, executing at the eta. Each step
first makes sure its time has come (other events may delay it by a few blocks), so the
per-slot schedule keeps its order; with the local governance defaults (delay 1 s, period
300 s, timelock 60 s) the whole lifecycle fits in the proposal slot. Every household casts one
vote, one block (1 s) each; turnout is capped so the votes fit in the voting period.

Effect. A slot's shortfall penalties are assessed when it settles, at the penalty price in
effect then, so the ``penalty_price`` column is read just before each slot's settlement:
the slots settled after the execution (including ones traded before it) show and use the new
price. ``oracle_operators`` is the operator count when the slot's reports are due.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gridset.governance import (
    Action,
    Proposal,
    ProposalState,
    Support,
    chain_time,
    delegate_votes,
    execute,
    proposal_info,
    propose,
    queue,
    vote,
    wait_until,
)
from gridset.sim.market_module import RANK_SETTLE, settle_time
from gridset.sim.oracle_module import RANK_REPORT, OracleModule
from gridset.sim.scheduler import Event
from gridset.sim.simulation import Column, Series, Simulation
from gridset.sim.tally import Tally
from gridset.units import WATT

#: Seconds into the proposal slot at which the proposal is made: after the reports and
#: finalisations due at the slot start and the settlements due a minute later.
PROPOSE_OFFSET = 120
#: Seconds of the voting period left unused by the capped turnout (room for other events).
VOTE_MARGIN = 30
#: Ranks: observations just before the transactions they explain; the proposal steps after
#: anything due at the same second.
RANK_OBSERVE_OPERATORS = RANK_REPORT - 1
RANK_OBSERVE_PRICE = RANK_SETTLE - 1
RANK_GOVERNANCE = 60
#: Gas money for the added oracle operator (wei).
OPERATOR_FUNDING_WEI = 10**20
#: Local time of the default proposal slot.
DEFAULT_PROPOSAL_TIME = "12:00"


def _price(price: Any) -> str:
    return f"{price / WATT:.3f}"


#: How a proposal state reads in the per-slot table.
_STEP_NAMES = {"pending": "proposed", "active": "voting", "succeeded": "passed"}


def _steps(states: Any) -> str:
    """The last state the proposal reached during the slot (all of them are in the JSON)."""
    return _STEP_NAMES.get(states[-1], states[-1]) if states else "-"


@dataclass(frozen=True)
class Ballot:
    """One household's vote: household id and choice."""

    household: int
    support: Support


@dataclass
class GovernanceSlot:
    """Governance as one slot saw it.

    Attributes:
        oracle_operators: EnergyOracle operators when the slot's reports were due.
        penalty_price: SettlementEngine penalty price when the slot settled, payment-token base
            units per kWh.
        governance: the proposal states reached during the slot, in order (empty: none).
    """

    oracle_operators: int | None = None
    penalty_price: int | None = None
    governance: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class GovernanceSummary:
    """The proposal (None fields: it was never made) and the transactions and gas per step.

    Attributes:
        proposal_id: decimal string.
        actions: the calls proposed, with their values.
        state: final state name; ``states``: each change with chain time (Unix s) and slot.
        votes: tallies For/Against/Abstain and the quorum, GRID base units.
        voters: households per choice; ``votes_missed``: ballots left out by the deadline.
        executed_at_slot_index, first_slot_settled_at_new_price, proposal_slot_index: day slot
            indices.
        before, after: penalty price (base units per kWh) and operator count around execution.
    """

    proposal_id: str | None = None
    description: str | None = None
    proposer: str | None = None
    actions: list[dict[str, Any]] | None = None
    state: str | None = None
    states: list[dict[str, Any]] | None = None
    votes: dict[str, int] | None = None
    voters: dict[str, int] | None = None
    votes_missed: int | None = None
    executed_at_slot_index: int | None = None
    first_slot_settled_at_new_price: int | None = None
    before: dict[str, int] | None = None
    after: dict[str, int] | None = None
    proposal_slot_index: int | None = None
    transactions: dict[str, int] = field(default_factory=dict)
    gas: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """The line(s) printed after the slot table (Rich markup)."""
        if not self.proposal_id:
            return []
        votes, before, after = self.votes or {}, self.before or {}, self.after
        executed = self.executed_at_slot_index
        effect = (
            f"penalty {before['penalty_price_per_kwh'] / 10**18:.3f} -> "
            f"{after['penalty_price_per_kwh'] / 10**18:.3f} WATT/kWh from slot "
            f"{self.first_slot_settled_at_new_price}, oracle operators "
            f"{before['oracle_operators']} -> {after['oracle_operators']}"
            if after
            else "no change"
        )
        return [
            f"Governance: proposal {self.state} (For {votes['for'] / 10**18:,.0f}, "
            f"Against {votes['against'] / 10**18:,.0f}, "
            f"Abstain {votes['abstain'] / 10**18:,.0f} GRID), "
            f"{'executed in slot ' + str(executed) if executed is not None else 'not executed'}; "
            f"{effect}; transactions {sum(self.transactions.values())}, "
            f"gas {sum(self.gas.values()):,}"
        ]


class GovernanceModule:
    """The community votes a penalty-price rise and a fourth oracle operator mid-day.

    Records per slot: ``penalty_price`` (SettlementEngine penalty price when the slot settled,
    payment-token base units per kWh), ``oracle_operators`` (EnergyOracle operators when the
    slot's reports were due) and ``governance`` (the proposal steps taken during the slot).
    Summary (``sim.summary["governance"]``): the proposal (id, description, proposer, actions),
    its state transitions with chain times and slots, tallies and voter counts, the slot of
    execution, the first slot settled at the new price, the values before and after, and the
    transactions and gas of each step.

    Args:
        proposal_slot: Day slot index (as ``SimConfig.start_slot``) of the proposal; None = the
            slot starting at 12:00 local time if simulated, else the middle simulated slot.
        penalty_raise_bps: Rise of the penalty price, basis points (2000 = +20 %); the new
            price is rounded down to a multiple of 1000 base units (the contract's unit).
        against_share: Probability that a household other than the proposer votes Against.
        abstain_share: Probability that it abstains (it votes For otherwise).
        proposer: Household id of the proposer (it always votes For).
    """

    name = "governance"
    columns = (
        Column("penalty_price", "penalty WATT/kWh", _price),
        Column("oracle_operators", "operators"),
        Column("governance", "governance", _steps),
    )
    chart = (Series("penalty_price", "penalty price at\nsettlement, WATT/kWh", 1 / WATT),)

    def __init__(
        self,
        proposal_slot: int | None = None,
        penalty_raise_bps: int = 2000,
        against_share: float = 0.2,
        abstain_share: float = 0.1,
        proposer: int = 0,
    ) -> None:
        if penalty_raise_bps <= 0:
            raise ValueError(f"penalty_raise_bps must be positive, got {penalty_raise_bps}")
        if min(against_share, abstain_share) < 0 or against_share + abstain_share > 1:
            raise ValueError("against_share and abstain_share must be >= 0 and sum to <= 1")
        self.proposal_slot = proposal_slot
        self.penalty_raise_bps = penalty_raise_bps
        self.against_share = against_share
        self.abstain_share = abstain_share
        self.proposer = proposer
        self.k: int | None = None  # simulated slot (index into sim.records) of the proposal
        self.new_operator: Any = None
        self.ballots: list[Ballot] = []
        self.proposal: Proposal | None = None
        self.proposed_price: int | None = None
        self.cast: list[Ballot] = []
        self.first_slot_at_new_price: int | None = None
        self.timing: dict[str, int] = {}
        self.states: list[dict[str, Any]] = []
        self.before: dict[str, int] = {}
        self.after: dict[str, int] = {}
        self.votes_missed = 0
        self.slots: list[GovernanceSlot] = []
        self.tally = Tally.of("distribute", "delegate", "propose", "castVote", "queue", "execute")

    # ------------------------------------------------------------------ set-up

    def setup(self, sim: Simulation) -> None:
        """Share the deployer's GRID among the households (each delegates to itself), fund the
        spare operator account, pick the proposal slot and draw the ballots.

        Raises:
            ValueError: the suite has no governance (``admin`` is not ``governance``), the
                proposal slot is not simulated, the proposer is not a household, or GRID
                would leave a household below the proposal threshold.
        """
        from ape import accounts

        governance = sim.suite.governance
        if governance is None:
            raise ValueError("the governance module needs a suite deployed with admin: governance")
        if not 0 <= self.proposer < sim.config.households:
            raise ValueError(f"proposer {self.proposer} is not a household id")
        self.k = self._proposal_index(sim)
        self.slots = [GovernanceSlot() for _ in sim.records]
        grid, dao, timelock = governance.grid, governance.dao, governance.timelock
        self.timing = {
            "voting_delay": int(dao.votingDelay()),
            "voting_period": int(dao.votingPeriod()),
            "timelock_delay": int(timelock.getMinDelay()),
        }

        deployer, households = sim.actors.deployer, sim.actors.households
        supply = int(grid.balanceOf(deployer))
        share, rest = divmod(supply, len(households))
        if share < int(dao.proposalThreshold()):
            raise ValueError(
                f"{len(households)} households get {share} GRID base units each, below the "
                f"proposal threshold {int(dao.proposalThreshold())}"
            )
        for h, account in enumerate(households):
            amount = share + (rest if h == 0 else 0)  # no dust left with the deployer
            self.tally.count("distribute", grid.transfer(account, amount, sender=deployer))
            self.tally.count("delegate", delegate_votes(grid, account))

        self.new_operator = accounts.test_accounts.generate_test_account()
        deployer.transfer(self.new_operator, OPERATOR_FUNDING_WEI)
        self.ballots = self._draw_ballots(sim)

    def _proposal_index(self, sim: Simulation) -> int:
        if self.proposal_slot is not None:
            if self.proposal_slot not in sim.slot_indices:
                first, last = sim.slot_indices[0], sim.slot_indices[-1]
                raise ValueError(
                    f"proposal slot {self.proposal_slot} is outside the simulated slots "
                    f"{first}..{last}"
                )
            return sim.slot_indices.index(self.proposal_slot)
        for k, record in enumerate(sim.records):
            if record.local_time == DEFAULT_PROPOSAL_TIME:
                return k
        return len(sim.records) // 2

    def _draw_ballots(self, sim: Simulation) -> list[Ballot]:
        """Every household's vote (seeded), proposer first; capped to fit the voting period."""
        rng = np.random.default_rng((sim.config.seed, 23))
        draws = rng.random(sim.config.households)
        order = [self.proposer] + [h for h in range(sim.config.households) if h != self.proposer]
        ballots = []
        for h in order:
            if h == self.proposer or draws[h] >= self.against_share + self.abstain_share:
                support = Support.FOR
            elif draws[h] < self.against_share:
                support = Support.AGAINST
            else:
                support = Support.ABSTAIN
            ballots.append(Ballot(h, support))
        turnout = max(1, self.timing["voting_period"] - VOTE_MARGIN)
        return ballots[:turnout]

    # ------------------------------------------------------------------ events

    def slot_record(self, k: int) -> GovernanceSlot:
        """The module's figures of simulated slot ``k``."""
        return self.slots[k]

    def slot_events(self, sim: Simulation, k: int) -> list[Event]:
        """Per slot: read the operator count before its reports and the penalty price before its
        settlement; in the proposal slot also propose, vote, queue and execute."""
        end = sim.chain_slot(k) + sim.config.slot_seconds
        events = [
            Event(
                end,
                RANK_OBSERVE_OPERATORS,
                k,
                "read operators",
                lambda: self.observe_operators(sim, k),
            ),
            Event(
                settle_time(sim, k),
                RANK_OBSERVE_PRICE,
                k,
                "read penalty price",
                lambda: self.observe_price(sim, k),
            ),
        ]
        if k != self.k:
            return events
        t = self.timing
        propose_at = sim.chain_slot(k) + PROPOSE_OFFSET
        vote_at = propose_at + t["voting_delay"] + 1
        queue_at = propose_at + t["voting_delay"] + t["voting_period"] + 1
        execute_at = queue_at + t["timelock_delay"] + 1
        steps: list[tuple[int, str, Callable[[], None]]] = [
            (propose_at, "propose", lambda: self.propose(sim)),
            (vote_at, "vote", lambda: self.vote(sim)),
            (queue_at, "queue", lambda: self.queue(sim)),
            (execute_at, "execute", lambda: self.execute(sim)),
        ]
        return events + [Event(at, RANK_GOVERNANCE, k, label, act) for at, label, act in steps]

    def observe_operators(self, sim: Simulation, k: int) -> None:
        """Record the oracle's operator count as slot ``k``'s reports fall due."""
        self.slots[k].oracle_operators = len(sim.suite.energy_oracle.getOperators())

    def observe_price(self, sim: Simulation, k: int) -> None:
        """Record the penalty price slot ``k`` is about to be settled with."""
        price = int(sim.suite.settlement_engine.parameters().penaltyPricePerKWh)
        self.slots[k].penalty_price = price
        if self.after and self.first_slot_at_new_price is None:
            self.first_slot_at_new_price = sim.slot_indices[k]

    def propose(self, sim: Simulation) -> None:
        """The proposer submits the two actions (penalty price, fourth operator)."""
        settlement, oracle = sim.suite.settlement_engine, sim.suite.energy_oracle
        dao = self._dao(sim)
        current = settlement.parameters()
        self.before = {
            "penalty_price_per_kwh": int(current.penaltyPricePerKWh),
            "oracle_operators": len(oracle.getOperators()),
        }
        raised = int(current.penaltyPricePerKWh) * (10_000 + self.penalty_raise_bps) // 10_000
        raised -= raised % 1000
        self.proposed_price = raised
        new_parameters = (
            int(current.disputeWindow),
            int(current.settlementTimeout),
            int(current.feeBps),
            raised,
            int(current.disputeBond),
        )
        actions = [
            Action.from_contract(settlement, "setParameters", new_parameters),
            Action.from_contract(oracle, "addOperator", self.new_operator.address),
        ]
        description = (
            f"Raise the shortfall penalty from {_price(current.penaltyPricePerKWh)} to "
            f"{_price(raised)} WATT/kWh and add oracle operator {self.new_operator.address}"
        )
        self.proposal = Proposal.create(dao, actions, description)
        self.tally.count("propose", propose(dao, self.proposal, self._proposer(sim)))
        self._state(sim, dao)

    def vote(self, sim: Simulation) -> None:
        """Each household in the turnout votes (one block each) while voting is open."""
        dao, proposal_id = self._dao(sim), self._proposal_id()
        wait_until(dao.proposalSnapshot(proposal_id) + 1)
        self._state(sim, dao)
        deadline = int(dao.proposalDeadline(proposal_id))
        for i, ballot in enumerate(self.ballots):
            if sim.chain.pending_timestamp > deadline:
                self.votes_missed = len(self.ballots) - i
                break
            voter = sim.actors.households[ballot.household]
            self.tally.count("castVote", vote(dao, proposal_id, voter, ballot.support))
            self.cast.append(ballot)

    def queue(self, sim: Simulation) -> None:
        """After the deadline: queue the proposal in the timelock if it succeeded."""
        dao, proposal_id = self._dao(sim), self._proposal_id()
        wait_until(dao.proposalDeadline(proposal_id) + 1)
        if self._state(sim, dao) != ProposalState.SUCCEEDED:
            return
        assert self.proposal is not None
        self.tally.count("queue", queue(dao, self.proposal, self._proposer(sim)))
        self._state(sim, dao)

    def execute(self, sim: Simulation) -> None:
        """At the eta: execute; the new operator starts reporting with the next slot report."""
        dao, proposal_id = self._dao(sim), self._proposal_id()
        if ProposalState(dao.state(proposal_id)) != ProposalState.QUEUED:
            return
        wait_until(dao.proposalEta(proposal_id))
        assert self.proposal is not None
        self.tally.count("execute", execute(dao, self.proposal, self._proposer(sim)))
        self._state(sim, dao)
        self.after = {
            "penalty_price_per_kwh": int(
                sim.suite.settlement_engine.parameters().penaltyPricePerKWh
            ),
            "oracle_operators": len(sim.suite.energy_oracle.getOperators()),
        }
        for module in sim.modules:
            if isinstance(module, OracleModule):
                module.add_operator(sim, self.new_operator)

    # ------------------------------------------------------------------ summary

    def finish(self, sim: Simulation) -> GovernanceSummary:
        """Summarise the proposal: id, actions, states, tallies, effect, gas."""
        proposal_slot = sim.slot_indices[self.k] if self.k is not None else None
        tally = {"transactions": dict(self.tally.transactions), "gas": dict(self.tally.gas)}
        if self.proposal is None:
            return GovernanceSummary(proposal_slot_index=proposal_slot, **tally)
        info = proposal_info(self._dao(sim), self.proposal.proposal_id)
        executed = next((s for s in self.states if s["state"] == "executed"), None)
        return GovernanceSummary(
            proposal_id=str(self.proposal.proposal_id),
            description=self.proposal.description,
            proposer=str(self._proposer(sim).address),
            actions=[
                {
                    "contract": "SettlementEngine",
                    "call": "setParameters",
                    "penalty_price_per_kwh": self.proposed_price,
                },
                {
                    "contract": "EnergyOracle",
                    "call": "addOperator",
                    "operator": str(self.new_operator.address),
                },
            ],
            state=info.state.name.lower(),
            states=self.states,
            votes={
                "for": info.for_votes,
                "against": info.against_votes,
                "abstain": info.abstain_votes,
                "quorum": info.quorum,
            },
            voters={
                support.name.lower(): sum(b.support == support for b in self.cast)
                for support in Support
            },
            votes_missed=self.votes_missed,
            executed_at_slot_index=executed["slot_index"] if executed else None,
            first_slot_settled_at_new_price=self.first_slot_at_new_price,
            before=self.before,
            after=self.after,
            proposal_slot_index=proposal_slot,
            **tally,
        )

    # ------------------------------------------------------------------ helpers

    def _dao(self, sim: Simulation) -> Any:
        assert sim.suite.governance is not None
        return sim.suite.governance.dao

    def _proposer(self, sim: Simulation) -> Any:
        return sim.actors.households[self.proposer]

    def _proposal_id(self) -> int:
        assert self.proposal is not None
        return self.proposal.proposal_id

    def _state(self, sim: Simulation, dao: Any) -> ProposalState:
        """Read the proposal's state; log it (with chain time and slot) when it changed."""
        state = ProposalState(dao.state(self._proposal_id()))
        if not self.states or self.states[-1]["state"] != state.name.lower():
            now = chain_time()
            k = self._slot_at(sim, now)
            self.states.append(
                {
                    "state": state.name.lower(),
                    "time": now,
                    "slot_index": sim.slot_indices[k] if k is not None else None,
                    "slot_local_time": sim.records[k].local_time if k is not None else None,
                }
            )
            if k is not None:
                self.slots[k].governance.append(state.name.lower())
        return state

    @staticmethod
    def _slot_at(sim: Simulation, timestamp: int) -> int | None:
        """The simulated slot (index into ``sim.records``) whose interval holds ``timestamp``."""
        for k in range(len(sim.records)):
            start = sim.chain_slot(k)
            if start <= timestamp < start + sim.config.slot_seconds:
                return k
        return None
