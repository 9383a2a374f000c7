"""Gas of the payment token WattToken: its own entry points (issuance under attested reserves,
redemption, blacklist, pause) and the transfer a household makes; the ERC-20 functions it
inherits from OpenZeppelin (approve, transferFrom, burn, permit) are not measured.

Amounts are WATT base units (1 WATT = 10**18, about one unit of the local currency): deposits of a
few hundred WATT, as a household tops up its trading account.
"""

from __future__ import annotations

from typing import Any

from gridset.bench import GasTable
from gridset.units import WATT


def watt(table: GasTable, token: Any, issuer: Any, alice: Any, bob: Any, carol: Any) -> None:
    """Issue, move, redeem and govern WATT; ``issuer`` holds DEFAULT_ADMIN_ROLE. Mints run with
    three attestors (quorum 2), attestations already fresh."""
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
