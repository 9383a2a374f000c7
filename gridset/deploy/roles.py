"""Role hand-over: after wiring, the deployer gives every admin power away and keeps nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

DEFAULT_ADMIN_ROLE = b"\x00" * 32


class HandOverError(RuntimeError):
    """The deployer still holds a role, or the new admin lacks DEFAULT_ADMIN_ROLE."""


def role_ids(contract: Any) -> dict[str, bytes]:
    """Return ``{role name: role id}`` for every ``*_ROLE()`` constant in ``contract``'s ABI."""
    names = [
        abi.name
        for abi in contract.contract_type.view_methods
        if abi.name.endswith("_ROLE") and not abi.inputs
    ]
    return {name: bytes(getattr(contract, name)()) for name in names}


def hand_over(contracts: Mapping[str, Any], new_admin: str, deployer: Any) -> None:
    """Grant DEFAULT_ADMIN_ROLE on every contract to ``new_admin``, then renounce every role the
    deployer holds (admin last). No-op for a contract where ``new_admin`` is the deployer."""
    if str(new_admin).lower() == deployer.address.lower():
        return
    for contract in contracts.values():
        contract.grantRole(DEFAULT_ADMIN_ROLE, new_admin, sender=deployer)
        for role in sorted(role_ids(contract).values(), key=lambda r: r == DEFAULT_ADMIN_ROLE):
            if contract.hasRole(role, deployer):
                contract.renounceRole(role, deployer, sender=deployer)


def hand_over_violations(contracts: Mapping[str, Any], admin: str, deployer: str) -> list[str]:
    """List what is wrong with a hand-over: each role the deployer still holds, and each
    contract where ``admin`` lacks DEFAULT_ADMIN_ROLE. Empty when the hand-over is complete."""
    problems: list[str] = []
    for name, contract in contracts.items():
        if not contract.hasRole(DEFAULT_ADMIN_ROLE, admin):
            problems.append(f"{name}: {admin} lacks DEFAULT_ADMIN_ROLE")
        if str(admin).lower() == str(deployer).lower():
            continue
        for role_name, role in role_ids(contract).items():
            if contract.hasRole(role, deployer):
                problems.append(f"{name}: deployer {deployer} still holds {role_name}")
    return problems


def verify_hand_over(contracts: Mapping[str, Any], admin: str, deployer: str) -> None:
    """Raise HandOverError listing every violation found by ``hand_over_violations``."""
    problems = hand_over_violations(contracts, admin, deployer)
    if problems:
        raise HandOverError("role hand-over incomplete:\n  " + "\n  ".join(problems))


def grant_all(contract: Any, role: bytes, accounts: Iterable[str], sender: Any) -> None:
    """Grant ``role`` on ``contract`` to each address in ``accounts``."""
    for account in accounts:
        contract.grantRole(role, account, sender=sender)
