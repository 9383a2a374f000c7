"""WATT issuance: the one place the tooling mints WATT (attest reserves, then mint).

WATT mints are bounded by reserves attested by a quorum of attestors no older than the governed
maximum age, and by each minter's allowance. Local deployments make each issuer a minter with an
unlimited allowance and an attestor (quorum 1), so the issuer's on-ramp attests the reserves that
back a deposit and mints it in two transactions, as a real issuer's back office would.
"""

from __future__ import annotations

from typing import Any

UNLIMITED = 2**256 - 1


def setup_issuer(watt: Any, issuer: str, admin: Any, allowance: int = UNLIMITED) -> None:
    """Give ``issuer`` MINTER_ROLE with ``allowance`` (WATT base units) and make it a reserve
    attestor; ``admin`` holds WATT's DEFAULT_ADMIN_ROLE."""
    watt.grantRole(watt.MINTER_ROLE(), issuer, sender=admin)
    watt.configureMinter(issuer, allowance, sender=admin)
    if not watt.isAttestor(issuer):
        watt.addAttestor(issuer, sender=admin)


def issue_watt(watt: Any, issuer: Any, to: Any, amount: int) -> Any:
    """Mint ``amount`` WATT base units to ``to`` from ``issuer`` (a minter); if the attested
    reserves would not cover the supply after the mint and ``issuer`` is an attestor, it first
    attests reserves equal to that supply. Returns the mint receipt.

    Raises:
        ape.exceptions.ContractLogicError: WattReservesExceeded / WattStaleAttestation when the
            issuer cannot attest and the reserves are short or stale; WattMinterAllowanceExceeded.
    """
    needed = watt.totalSupply() + amount
    reserves, _ = watt.attestedReserves()
    if reserves < needed and watt.isAttestor(issuer):
        watt.attestReserves(needed, sender=issuer)
    return watt.mint(to, amount, sender=issuer)
