"""EIP-712 messages signed by the market driver, benchmarks and tests: Governor ballots and
EIP-2612 permits.

Each message is signed by an Ape test account over the contract's own domain, read from its
ERC-5267 ``eip712Domain()``; the struct layouts are OpenZeppelin 5's type hashes.
"""

from __future__ import annotations

from typing import Any

from ape import chain
from eip712.common import create_permit_def
from eip712.messages import EIP712Domain, EIP712Message
from eth_pydantic_types import abi


class Ballot(EIP712Message):
    """``Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)`` (castVoteBySig)."""

    proposalId: abi.uint256  # noqa: N815 (the EIP-712 struct's field name)
    support: abi.uint8
    voter: abi.address
    nonce: abi.uint256


def contract_domain(contract: Any) -> EIP712Domain:
    """The EIP-712 domain ``contract`` verifies against (name, version, chain id, address)."""
    domain = contract.eip712Domain()
    return EIP712Domain(
        name=domain.name,
        version=domain.version,
        chainId=domain.chainId,
        verifyingContract=domain.verifyingContract,
    )


def sign_ballot(dao: Any, proposal_id: int, support: int, voter: Any) -> bytes:
    """``voter``'s 65-byte (r, s, v) signature of a Ballot at its current Governor nonce."""
    message = Ballot(
        proposalId=proposal_id,
        support=int(support),
        voter=voter.address,
        nonce=dao.nonces(voter),
        eip712_domain=contract_domain(dao),
    )
    return voter.sign_message(message).encode_rsv()


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
    """``(v, r, s)`` with ``r`` and ``s`` padded to 32 bytes, as ``permit`` takes them."""
    return signature.v, signature.r.rjust(32, b"\0"), signature.s.rjust(32, b"\0")


def permit_args(token: Any, owner: Any, spender: Any, value: int) -> tuple[Any, ...]:
    """``(owner, spender, value, deadline, v, r, s)`` for ``token.permit``: an EIP-2612 permit
    signed by ``owner`` at its current nonce, valid for one hour."""
    deadline = chain.pending_timestamp + 3600
    signature = sign_permit(token, owner, spender, value, deadline)
    return owner, spender, value, deadline, *vrs_arguments(signature)
