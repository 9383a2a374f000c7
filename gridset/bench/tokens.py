"""Gas of the payment token WattToken (ERC-20 with burn and EIP-2612 permit), and the permit
signature shared with the EnergyToken cases of :mod:`gridset.bench.core`.

Amounts are WATT base units (1 WATT = 10**18, about one unit of the local currency): deposits of a
few hundred WATT, as a household tops up its trading account.
"""

from __future__ import annotations

from typing import Any

from ape import chain

from gridset.bench import GasTable
from gridset.bench.signatures import sign_permit, vrs_arguments
from gridset.units import WATT

MAX_UINT256 = 2**256 - 1


def permit_args(token: Any, owner: Any, spender: Any, value: int) -> tuple[Any, ...]:
    """``(owner, spender, value, deadline, v, r, s)`` for ``token.permit``: an EIP-2612 permit
    signed by ``owner`` at its current nonce, valid for one hour."""
    deadline = chain.pending_timestamp + 3600
    signature = sign_permit(token, owner, spender, value, deadline)
    return owner, spender, value, deadline, *vrs_arguments(signature)


def watt(table: GasTable, token: Any, issuer: Any, alice: Any, bob: Any, carol: Any) -> None:
    """Issue, move, approve, burn, permit, redeem and govern WATT; ``issuer`` holds
    DEFAULT_ADMIN_ROLE. Mints run with three attestors (quorum 2), attestations already fresh."""
    token.grantRole(token.MINTER_ROLE(), issuer, sender=issuer)
    table.record(
        "WattToken.configureMinter[allowance]",
        token.configureMinter(issuer, 1_000_000 * WATT, sender=issuer),
    )
    table.record("WattToken.addAttestor[first]", token.addAttestor(issuer, sender=issuer))
    token.addAttestor(bob, sender=issuer)
    token.addAttestor(carol, sender=issuer)
    table.record(
        "WattToken.setAttestationRules[quorum 2]",
        token.setAttestationRules(2, 24 * 3600, sender=issuer),
    )
    table.record(
        "WattToken.attestReserves[first]", token.attestReserves(100_000 * WATT, sender=issuer)
    )
    token.attestReserves(100_000 * WATT, sender=bob)
    table.record(
        "WattToken.attestReserves[update]", token.attestReserves(100_000 * WATT, sender=issuer)
    )
    table.record("WattToken.mint[new holder]", token.mint(alice, 500 * WATT, sender=issuer))
    table.record("WattToken.mint[existing holder]", token.mint(alice, 500 * WATT, sender=issuer))
    table.record("WattToken.transfer[new holder]", token.transfer(bob, 200 * WATT, sender=alice))
    table.record(
        "WattToken.transfer[existing holder]", token.transfer(bob, 50 * WATT, sender=alice)
    )
    table.record("WattToken.approve[new allowance]", token.approve(bob, 100 * WATT, sender=alice))
    table.record(
        "WattToken.transferFrom[finite allowance, new holder]",
        token.transferFrom(alice, carol, 40 * WATT, sender=bob),
    )
    table.record(
        "WattToken.burnFrom[finite allowance]", token.burnFrom(alice, 10 * WATT, sender=bob)
    )
    # The market and the settlement engine are approved without limit (SlotDriver.fund).
    table.record(
        "WattToken.approve[unlimited, replaces allowance]",
        token.approve(bob, MAX_UINT256, sender=alice),
    )
    table.record(
        "WattToken.transferFrom[unlimited allowance, existing holder]",
        token.transferFrom(alice, carol, 40 * WATT, sender=bob),
    )
    table.record("WattToken.burn[part of the balance]", token.burn(20 * WATT, sender=carol))
    table.record(
        "WattToken.permit[first nonce, new allowance]",
        token.permit(*permit_args(token, alice, carol, 25 * WATT), sender=carol),
    )
    ref = b"iban-hash".ljust(32, b"\x00")
    table.record("WattToken.redeem[first request]", token.redeem(10 * WATT, ref, sender=alice))
    token.grantRole(token.REDEEMER_ROLE(), issuer, sender=issuer)
    table.record("WattToken.fulfilRedemption[open]", token.fulfilRedemption(0, sender=issuer))
    token.grantRole(token.BLACKLISTER_ROLE(), issuer, sender=issuer)
    table.record("WattToken.setBlacklisted[add]", token.setBlacklisted(carol, True, sender=issuer))
    token.setBlacklisted(carol, False, sender=issuer)
    token.grantRole(token.PAUSER_ROLE(), issuer, sender=issuer)
    table.record("WattToken.pause[]", token.pause(sender=issuer))
    table.record("WattToken.unpause[]", token.unpause(sender=issuer))
    table.record("WattToken.removeAttestor[last]", token.removeAttestor(carol, sender=issuer))
