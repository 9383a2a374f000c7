"""Proposal lifecycle helpers for the GovernanceDAO: build, propose, vote, queue, execute.

A proposal is a list of :class:`Action` (target, calldata, value) and a description; its id is
the Governor's ``hashProposal`` of both, so queue and execute need the same actions and text
(:func:`load_proposal` recovers them from the ``ProposalCreated`` log by id). Times are Unix
seconds: a proposal is Pending until its snapshot, Active until its deadline (inclusive),
then Succeeded or Defeated; queued, it is executable from its eta.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

import eth_abi
from eth_abi.grammar import BasicType, TupleType, normalize, parse
from eth_utils import function_signature_to_4byte_selector, keccak, to_checksum_address
from hexbytes import HexBytes

from gridset.chain_time import wait_until

_SIGNATURE_RE = re.compile(r"^([A-Za-z_$][A-Za-z0-9_$]*)\((.*)\)$")


class Support(IntEnum):
    """Vote values of GovernorCountingSimple."""

    AGAINST = 0
    FOR = 1
    ABSTAIN = 2

    @classmethod
    def parse(cls, text: str | int) -> Support:
        """``"for"``/``"against"``/``"abstain"`` (any case) or ``0``/``1``/``2``.

        Raises:
            ValueError: anything else.
        """
        key = str(text).strip().upper()
        if key in cls.__members__:
            return cls[key]
        if key.isdigit() and int(key) in {s.value for s in cls}:
            return cls(int(key))
        raise ValueError(f"vote must be for, against or abstain, got {text!r}")


class ProposalState(IntEnum):
    """``IGovernor.ProposalState``."""

    PENDING = 0
    ACTIVE = 1
    CANCELED = 2
    DEFEATED = 3
    SUCCEEDED = 4
    QUEUED = 5
    EXPIRED = 6
    EXECUTED = 7


class ProposalNotPassedError(RuntimeError):
    """The vote ended and the proposal did not succeed (quorum or majority missing)."""

    def __init__(self, info: ProposalInfo):
        self.info = info
        super().__init__(
            f"proposal {info.proposal_id} ended {info.state.name}: for {info.for_votes}, "
            f"against {info.against_votes}, abstain {info.abstain_votes}, quorum {info.quorum}"
        )


@dataclass(frozen=True)
class Action:
    """One call the timelock makes when the proposal executes.

    Attributes:
        target: Checksummed address called.
        calldata: ABI-encoded call (selector + arguments).
        value: Wei sent with the call.
    """

    target: str
    calldata: bytes
    value: int = 0

    @classmethod
    def from_signature(
        cls, target: str, signature: str, args: Sequence[Any], value: int = 0
    ) -> Action:
        """Encode ``signature`` (e.g. ``"setQuorum(uint256)"``) with Python ``args``.

        Raises:
            ValueError: a malformed signature or a wrong number of arguments.
            eth_abi.exceptions.EncodingError: an argument that does not fit its type.
        """
        canonical, types = parse_signature(signature)
        if len(types) != len(args):
            raise ValueError(f"{canonical} takes {len(types)} argument(s), got {len(args)}")
        selector = function_signature_to_4byte_selector(canonical)
        return cls(to_checksum_address(target), selector + eth_abi.encode(types, list(args)), value)

    @classmethod
    def from_contract(cls, contract: Any, method: str, *args: Any, value: int = 0) -> Action:
        """Encode ``contract.<method>(*args)`` with the contract's own ABI (Ape instance)."""
        calldata = getattr(contract, method).encode_input(*args)
        return cls(to_checksum_address(contract.address), bytes(calldata), value)


@dataclass(frozen=True)
class Proposal:
    """Actions + description, and the id the Governor derives from them."""

    proposal_id: int
    actions: tuple[Action, ...]
    description: str

    @classmethod
    def create(cls, dao: Any, actions: Iterable[Action], description: str) -> Proposal:
        """Bundle ``actions`` and ``description``; the id comes from ``dao.hashProposal``.

        Raises:
            ValueError: no actions.
        """
        actions = tuple(actions)
        if not actions:
            raise ValueError("a proposal needs at least one action")
        proposal_id = dao.hashProposal(
            [a.target for a in actions],
            [a.value for a in actions],
            [a.calldata for a in actions],
            keccak(text=description),
        )
        return cls(int(proposal_id), actions, description)

    @property
    def call_arguments(self) -> tuple[list[str], list[int], list[bytes]]:
        """``(targets, values, calldatas)`` as the Governor takes them."""
        return (
            [a.target for a in self.actions],
            [a.value for a in self.actions],
            [a.calldata for a in self.actions],
        )

    @property
    def description_hash(self) -> bytes:
        """keccak256 of the description (what queue, execute and cancel take)."""
        return keccak(text=self.description)


@dataclass(frozen=True)
class ProposalInfo:
    """On-chain status from ``GovernanceDAO.getProposal``: times Unix s, votes GRID base units."""

    proposal_id: int
    proposer: str
    description: str
    state: ProposalState
    start_time: int
    end_time: int
    for_votes: int
    against_votes: int
    abstain_votes: int
    quorum: int
    eta: int
    executable: bool


def parse_signature(signature: str) -> tuple[str, list[str]]:
    """Split ``"name(type,...)"`` into its canonical form and its normalized ABI types.

    Raises:
        ValueError: not of the form ``name(types)`` or an unknown type.
    """
    match = _SIGNATURE_RE.match(signature.replace(" ", ""))
    if not match:
        raise ValueError(f"function signature must look like name(type,...), got {signature!r}")
    name, inner = match.groups()
    try:
        parameters = parse(normalize(f"({inner})"))
        parameters.validate()
        types = [c.to_type_str() for c in parameters.components]
    except Exception as exc:  # eth_abi raises several parse error types
        raise ValueError(f"bad parameter types in {signature!r}: {exc}") from None
    return f"{name}({','.join(types)})", types


def action_from_text(
    target: str, signature: str, raw_args: Sequence[str], value: int = 0
) -> Action:
    """Build an :class:`Action` from command-line text: each argument converted to its type.

    Integers accept decimal, ``0x`` hex and ``_`` separators; booleans ``true``/``false``;
    arrays and tuples are JSON (``[1,2]``, ``["0xab..", true]``).

    Raises:
        ValueError: a malformed signature, a wrong argument count or an unconvertible value.
    """
    _, types = parse_signature(signature)
    if len(types) != len(raw_args):
        raise ValueError(f"{signature} takes {len(types)} argument(s), got {len(raw_args)}")
    values = [_coerce(parse(t), raw) for t, raw in zip(types, raw_args, strict=True)]
    return Action.from_signature(target, signature, values, value)


def _coerce(abi_type: BasicType | TupleType, raw: Any) -> Any:
    if isinstance(abi_type, TupleType) or abi_type.is_array:
        items = json.loads(raw) if isinstance(raw, str) else raw
        if not isinstance(items, list):
            raise ValueError(f"{abi_type.to_type_str()} needs a JSON list, got {raw!r}")
        if isinstance(abi_type, TupleType):
            return tuple(_coerce(c, v) for c, v in zip(abi_type.components, items, strict=True))
        return [_coerce(abi_type.item_type, v) for v in items]
    base = abi_type.base
    text = raw if isinstance(raw, str) else json.dumps(raw)
    if base in ("uint", "int"):
        return raw if isinstance(raw, int) else int(text.replace("_", ""), 0)
    if base == "bool":
        if text.lower() in ("true", "1"):
            return True
        if text.lower() in ("false", "0"):
            return False
        raise ValueError(f"bool must be true or false, got {raw!r}")
    if base == "address":
        return to_checksum_address(text)
    if base == "bytes":
        return bytes(HexBytes(text))
    return str(raw)


def delegate_votes(grid: Any, holder: Any, delegatee: Any = None) -> Any:
    """Delegate ``holder``'s GRID votes to ``delegatee`` (default: itself); return the receipt.

    GRID balances vote only once delegated; the delegation also carries future balance changes.
    (Called through ``invoke_transaction`` because Ape contract instances have a ``delegate``
    attribute of their own, for EIP-7702.)
    """
    return grid.invoke_transaction("delegate", delegatee or holder, sender=holder)


def propose(dao: Any, proposal: Proposal, sender: Any) -> Any:
    """Submit ``proposal``; needs ``proposalThreshold()`` votes at the previous second.

    Returns the receipt (``ProposalCreated`` event). Reverts ``GovernorInsufficientProposerVotes``
    below the threshold, ``GovernorUnexpectedProposalState`` if it exists already.
    """
    targets, values, calldatas = proposal.call_arguments
    return dao.propose(targets, values, calldatas, proposal.description, sender=sender)


def vote(
    dao: Any, proposal_id: int, voter: Any, support: Support = Support.FOR, reason: str = ""
) -> Any:
    """Cast ``voter``'s vote (its GRID votes at the snapshot) while the proposal is Active.

    Returns the receipt (``VoteCast``). Reverts ``GovernorUnexpectedProposalState`` outside
    the voting window and ``GovernorAlreadyCastVote`` on a second vote.
    """
    if reason:
        return dao.castVoteWithReason(proposal_id, int(support), reason, sender=voter)
    return dao.castVote(proposal_id, int(support), sender=voter)


def queue(dao: Any, proposal: Proposal, sender: Any) -> Any:
    """Queue a Succeeded proposal in the timelock (eta = now + delay); return the receipt."""
    targets, values, calldatas = proposal.call_arguments
    return dao.queue(targets, values, calldatas, proposal.description_hash, sender=sender)


def execute(dao: Any, proposal: Proposal, sender: Any) -> Any:
    """Execute a queued proposal whose eta has passed (the timelock makes the calls).

    Sends the actions' total ``value`` along. Returns the receipt (``ProposalExecuted`` and the
    targets' events). Reverts ``TimelockUnexpectedOperationState`` before the eta.
    """
    targets, values, calldatas = proposal.call_arguments
    return dao.execute(
        targets, values, calldatas, proposal.description_hash, sender=sender, value=sum(values)
    )


def cancel(dao: Any, proposal: Proposal, sender: Any) -> Any:
    """Cancel a Pending proposal (its proposer only). Returns the receipt (``ProposalCanceled``)."""
    targets, values, calldatas = proposal.call_arguments
    return dao.cancel(targets, values, calldatas, proposal.description_hash, sender=sender)


def veto(dao: Any, proposal: Proposal, guardian: Any) -> Any:
    """Veto ``proposal`` as the DAO's guardian, at the latest one second before its eta.

    Returns the receipt (``ProposalCanceled``, ``ProposalVetoed``; the timelock's ``Cancelled``
    for a queued proposal). Reverts ``GovernanceDAONotGuardian`` for another sender and
    ``GovernanceDAOVetoTooLate`` once the eta is reached.
    """
    targets, values, calldatas = proposal.call_arguments
    return dao.veto(targets, values, calldatas, proposal.description_hash, sender=guardian)


def proposal_info(dao: Any, proposal_id: int) -> ProposalInfo:
    """Read ``getProposal`` and ``isProposalExecutable``.

    Raises:
        ape.exceptions.ContractLogicError: ``GovernorNonexistentProposal`` for an unknown id.
    """
    p = dao.getProposal(proposal_id)
    return ProposalInfo(
        proposal_id=int(p.proposalId),
        proposer=str(p.proposer),
        description=str(p.description),
        state=ProposalState(p.state),
        start_time=p.startTime,
        end_time=p.endTime,
        for_votes=p.forVotes,
        against_votes=p.againstVotes,
        abstain_votes=p.abstainVotes,
        quorum=p.quorum,
        eta=p.eta,
        executable=dao.isProposalExecutable(proposal_id),
    )


def load_proposal(dao: Any, proposal_id: int, from_block: int = 0) -> Proposal:
    """Recover a proposal's actions and description from its ``ProposalCreated`` log.

    Raises:
        LookupError: no such proposal was created since ``from_block``.
    """
    from ape import chain

    for log in dao.ProposalCreated.range(from_block, chain.blocks.height + 1):
        args = log.event_arguments
        if int(args["proposalId"]) == int(proposal_id):
            actions = tuple(
                Action(to_checksum_address(t), bytes(c), int(v))
                for t, v, c in zip(args["targets"], args["values"], args["calldatas"], strict=True)
            )
            return Proposal(int(proposal_id), actions, args["description"])
    raise LookupError(f"no ProposalCreated log for proposal {proposal_id} since block {from_block}")


def pass_proposal(
    dao: Any, proposal: Proposal, proposer: Any, voters: Sequence[Any], wait: bool = False
) -> Any:
    """Run the whole lifecycle: propose, vote For with each voter, queue, execute.

    Chain time is moved forward between the steps on development chains (see
    :func:`gridset.chain_time.wait_until`); on live networks the call waits if
    ``wait`` is set and raises otherwise.

    Returns:
        The receipt of ``execute`` (the executed actions' events are in it).

    Raises:
        ProposalNotPassedError: the vote ended Defeated (quorum not reached or majority against).
        ChainTimeError: a live network's clock would have to be awaited and ``wait`` is False.
    """
    propose(dao, proposal, proposer)
    wait_until(dao.proposalSnapshot(proposal.proposal_id) + 1, wait=wait)
    for voter in voters:
        vote(dao, proposal.proposal_id, voter, Support.FOR)
    wait_until(dao.proposalDeadline(proposal.proposal_id) + 1, wait=wait)
    info = proposal_info(dao, proposal.proposal_id)
    if info.state != ProposalState.SUCCEEDED:
        raise ProposalNotPassedError(info)
    queue(dao, proposal, proposer)
    wait_until(dao.proposalEta(proposal.proposal_id), wait=wait)
    return execute(dao, proposal, proposer)
