"""Hand every admin power of AccessControl contracts to the governance timelock, and prove it.

Roles are discovered from each contract's ABI (every argument-less ``*_ROLE`` view returning
``bytes32``, which includes ``DEFAULT_ADMIN_ROLE``) and their holders are reconstructed from the
contract's ``RoleGranted`` logs, each confirmed with ``hasRole``, so the check covers accounts
nobody thought of, not only the deployer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ape import chain

#: Roles that, besides DEFAULT_ADMIN_ROLE, are governance actions wherever a contract defines
#: them: the timelock holds them and nobody else does.
GOVERNANCE_ROLES: tuple[str, ...] = ("ARBITER_ROLE", "SLASHER_ROLE")
#: The guardian's role: pausing (unpausing is an admin action, i.e. governance).
PAUSER_ROLE = "PAUSER_ROLE"
DEFAULT_ADMIN_ROLE = "DEFAULT_ADMIN_ROLE"


class HandOverError(RuntimeError):
    """Admin powers are not exactly where governance needs them.

    Attributes:
        violations: One line per problem, e.g. ``"Market@0x..: deployer 0x.. holds PAUSER_ROLE"``.
    """

    def __init__(self, violations: Sequence[str]):
        self.violations = list(violations)
        listing = "\n".join(f"  - {v}" for v in self.violations)
        super().__init__(f"governance hand-over incomplete ({len(self.violations)}):\n{listing}")


def address_of(account: Any) -> str:
    """The address of a contract instance, an account, or an address given as such."""
    return str(getattr(account, "address", account))


def role_constants(contract: Any) -> dict[str, bytes]:
    """Return ``{role name: role id}`` for every ``*_ROLE`` constant in ``contract``'s ABI."""
    roles = {}
    for abi in contract.contract_type.view_methods:
        outputs = [o.type for o in abi.outputs]
        if abi.name.endswith("_ROLE") and not abi.inputs and outputs == ["bytes32"]:
            roles[abi.name] = bytes(getattr(contract, abi.name)())
    return roles


def role_holders(contract: Any, from_block: int = 0) -> dict[bytes, set[str]]:
    """Return ``{role id: current holders}`` from ``RoleGranted`` logs since ``from_block``.

    Every account ever granted a role is a candidate; ``hasRole`` decides whether it still
    holds it (so revocations and renouncements need no log bookkeeping).
    """
    candidates: dict[bytes, set[str]] = defaultdict(set)
    for log in contract.RoleGranted.range(from_block, chain.blocks.height + 1):
        candidates[bytes(log.role)].add(str(log.account))
    return {
        role: {account for account in accounts if contract.hasRole(role, account)}
        for role, accounts in candidates.items()
    }


def hand_over(
    contracts: Iterable[Any],
    timelock: Any,
    deployer: Any,
    guardian: str | None = None,
    governance_roles: Sequence[str] = GOVERNANCE_ROLES,
) -> list[Any]:
    """Give ``timelock`` every admin power of ``contracts`` and strip ``deployer`` of all roles.

    For each contract: grant the timelock DEFAULT_ADMIN_ROLE and each of ``governance_roles``
    the contract defines, grant PAUSER_ROLE (if defined) to ``guardian`` (default: the
    timelock), then have the deployer renounce every role it holds. Grants already in place
    are skipped, so the call is idempotent.

    Args:
        contracts: AccessControl contract instances whose roles the deployer administers.
        timelock: The governance timelock (contract instance or address).
        deployer: The account that deployed them (Ape account; it signs every transaction).
        guardian: Address allowed to pause, e.g. a multisig; None means the timelock.
        governance_roles: Role names, besides DEFAULT_ADMIN_ROLE, that only governance holds.

    Returns:
        The receipts of the transactions sent, in order.

    Raises:
        ValueError: ``guardian`` is the deployer, which must end up holding nothing.
        ape.exceptions.ContractLogicError: the deployer lacks the admin role of a role to grant.
    """
    timelock_address = address_of(timelock)
    guardian_address = guardian or timelock_address
    if guardian_address == address_of(deployer):
        raise ValueError(f"the guardian {guardian_address} is the deployer, which keeps no role")
    receipts = []
    for contract in contracts:
        roles = role_constants(contract)
        grants = [(roles[DEFAULT_ADMIN_ROLE], timelock_address)]
        grants += [(roles[name], timelock_address) for name in governance_roles if name in roles]
        if PAUSER_ROLE in roles:
            grants.append((roles[PAUSER_ROLE], guardian_address))
        for role, account in grants:
            if not contract.hasRole(role, account):
                receipts.append(contract.grantRole(role, account, sender=deployer))
        for role in roles.values():
            if contract.hasRole(role, deployer):
                receipts.append(contract.renounceRole(role, deployer, sender=deployer))
    return receipts


def verify_hand_over(
    contracts: Iterable[Any],
    timelock: Any,
    deployer: Any,
    guardian: str | None = None,
    governance_roles: Sequence[str] = GOVERNANCE_ROLES,
    from_block: int = 0,
    wiring: Mapping[str, Iterable[str]] | None = None,
) -> None:
    """Check on chain that governance, and only governance, holds every admin power.

    Per contract: the deployer holds no role; DEFAULT_ADMIN_ROLE, every role that is the admin
    of another role, and each of ``governance_roles`` are held by the timelock alone;
    PAUSER_ROLE, where defined, is held by the guardian (default: the timelock) and nobody but
    the guardian and the timelock. A contract without AccessControl roles is reported too (it
    cannot be governed).

    Args:
        contracts: The contracts that must be governed (the timelock itself may be included).
        timelock: The governance timelock (contract instance or address).
        deployer: The deploying account (or its address).
        guardian: The pausing guardian's address; None means the timelock.
        governance_roles: Role names, besides DEFAULT_ADMIN_ROLE, that only governance holds.
        from_block: First block to read ``RoleGranted`` logs from (the deployment block).
        wiring: Declared contract-to-contract holders of exclusive roles, as
            ``{"Contract.ROLE_NAME": addresses}`` (e.g. the settlement engine holding the vault's
            SLASHER_ROLE for arbiter penalties); they are not violations.

    Raises:
        HandOverError: listing every violation found, across all contracts.
    """
    timelock_address = address_of(timelock)
    deployer_address = address_of(deployer)
    guardian_address = guardian or timelock_address
    declared = {key: {address_of(a) for a in accounts} for key, accounts in (wiring or {}).items()}
    # The deployer is reported once per role it holds (last check), not again among "others".
    violations: list[str] = []
    for contract in contracts:
        where = f"{contract.contract_type.name}@{contract.address}"
        roles = role_constants(contract)
        if DEFAULT_ADMIN_ROLE not in roles:
            violations.append(f"{where}: has no AccessControl DEFAULT_ADMIN_ROLE")
            continue
        names = {role: name for name, role in roles.items()}
        holders = role_holders(contract, from_block)
        exclusive = {roles[DEFAULT_ADMIN_ROLE]}
        exclusive |= {bytes(contract.getRoleAdmin(role)) for role in roles.values()}
        exclusive |= {roles[name] for name in governance_roles if name in roles}
        for role in sorted(exclusive):
            label = names.get(role, f"role 0x{role.hex()}")
            wired = declared.get(f"{contract.contract_type.name}.{label}", set())
            others = holders.get(role, set()) - {timelock_address, deployer_address} - wired
            if not contract.hasRole(role, timelock_address):
                violations.append(f"{where}: the timelock does not hold {label}")
            if others:
                violations.append(f"{where}: {label} also held by {', '.join(sorted(others))}")
        if PAUSER_ROLE in roles:
            pauser = roles[PAUSER_ROLE]
            if not contract.hasRole(pauser, guardian_address):
                violations.append(f"{where}: the guardian {guardian_address} lacks PAUSER_ROLE")
            allowed = {guardian_address, timelock_address, deployer_address}
            others = holders.get(pauser, set()) - allowed
            if others:
                violations.append(f"{where}: PAUSER_ROLE also held by {', '.join(sorted(others))}")
        for name, role in sorted(roles.items()):
            if contract.hasRole(role, deployer_address):
                violations.append(f"{where}: deployer {deployer_address} holds {name}")
    if violations:
        raise HandOverError(violations)
