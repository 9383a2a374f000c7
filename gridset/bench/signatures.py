"""EIP-712 messages the benchmark signs: Governor ballots, GRID delegations, EIP-2612 permits.

Each message is signed by an Ape test account over the contract's own domain, read from its
ERC-5267 ``eip712Domain()``; the struct layouts are OpenZeppelin 5's type hashes.
"""

from __future__ import annotations

from typing import Any

from eip712.common import create_permit_def
from eip712.messages import EIP712Domain, EIP712Message
from eth_pydantic_types import abi


class Ballot(EIP712Message):
    """``Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)`` (castVoteBySig)."""

    proposalId: abi.uint256  # noqa: N815 (the EIP-712 struct's field name)
    support: abi.uint8
    voter: abi.address
    nonce: abi.uint256


class ExtendedBallot(Ballot):
    """``Ballot`` plus ``string reason,bytes params`` (castVoteWithReasonAndParamsBySig)."""

    reason: abi.string
    params: abi.bytes


class Delegation(EIP712Message):
    """``Delegation(address delegatee,uint256 nonce,uint256 expiry)`` (delegateBySig)."""

    delegatee: abi.address
    nonce: abi.uint256
    expiry: abi.uint256


def contract_domain(contract: Any) -> EIP712Domain:
    """The EIP-712 domain ``contract`` verifies against (name, version, chain id, address)."""
    domain = contract.eip712Domain()
    return EIP712Domain(
        name=domain.name,
        version=domain.version,
        chainId=domain.chainId,
        verifyingContract=domain.verifyingContract,
    )


def sign_ballot(
    dao: Any, proposal_id: int, support: int, voter: Any, reason: str | None = None, params=b""
) -> bytes:
    """``voter``'s 65-byte (r, s, v) signature of a Ballot, or of an ExtendedBallot when
    ``reason`` is given, at the voter's current Governor nonce."""
    fields = {
        "proposalId": proposal_id,
        "support": int(support),
        "voter": voter.address,
        "nonce": dao.nonces(voter),
        "eip712_domain": contract_domain(dao),
    }
    if reason is None:
        message: EIP712Message = Ballot(**fields)
    else:
        message = ExtendedBallot(**fields, reason=reason, params=params)
    return voter.sign_message(message).encode_rsv()


def sign_delegation(grid: Any, holder: Any, delegatee: Any, expiry: int) -> Any:
    """``holder``'s signature (v, r, s) delegating its GRID votes to ``delegatee`` until
    ``expiry`` (Unix s), at the holder's current GRID nonce."""
    message = Delegation(
        delegatee=delegatee.address,
        nonce=grid.nonces(holder),
        expiry=expiry,
        eip712_domain=contract_domain(grid),
    )
    return holder.sign_message(message)


def sign_permit(token: Any, owner: Any, spender: Any, value: int, deadline: int) -> Any:
    """``owner``'s EIP-2612 signature (v, r, s) allowing ``spender`` ``value`` base units."""
    domain = contract_domain(token)
    permit_type = create_permit_def(eip=2612, **domain.model_dump(exclude_none=True))
    message = permit_type(
        owner=owner.address,
        spender=spender.address,
        value=value,
        nonce=token.nonces(owner),
        deadline=deadline,
    )
    return owner.sign_message(message)


def vrs_arguments(signature: Any) -> tuple[int, bytes, bytes]:
    """``(v, r, s)`` with ``r`` and ``s`` padded to 32 bytes, as ``permit``/``delegateBySig``
    take them."""
    return signature.v, signature.r.rjust(32, b"\0"), signature.s.rjust(32, b"\0")
