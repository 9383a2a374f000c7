"""The accounts of a simulated community: deployer, installer, oracle operators, households."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Test accounts 0..4 play deployer, installer and three oracle operators; households follow.
FIRST_HOUSEHOLD_ACCOUNT = 5
HOUSEHOLD_FUNDING_WEI = 10**19  # 10 ETH of gas money per generated account (200 households fit)


@dataclass
class Actors:
    """Accounts (Ape account objects) of one community.

    Attributes:
        deployer: deploys and wires the suite, then hands admin powers over.
        installer: mints PanelNFTs (INSTALLER_ROLE).
        operators: oracle operators (meter data providers).
        households: one account per household, in household id order.
    """

    deployer: Any
    installer: Any
    operators: list[Any]
    households: list[Any]


def make_actors(test_accounts: Any, n_households: int, n_operators: int = 3) -> Actors:
    """Take the roles from Ape's test accounts, generating and funding extra household accounts.

    Raises:
        ValueError: fewer than 1 household or operators outside 1..3.
    """
    if n_households < 1:
        raise ValueError(f"need at least one household, got {n_households}")
    if not 1 <= n_operators <= FIRST_HOUSEHOLD_ACCOUNT - 2:
        raise ValueError(f"operators must be 1..3, got {n_operators}")
    fixed = list(test_accounts)
    deployer, installer = fixed[0], fixed[1]
    households = fixed[FIRST_HOUSEHOLD_ACCOUNT : FIRST_HOUSEHOLD_ACCOUNT + n_households]
    while len(households) < n_households:
        account = test_accounts.generate_test_account()
        deployer.transfer(account, HOUSEHOLD_FUNDING_WEI)
        households.append(account)
    return Actors(
        deployer=deployer,
        installer=installer,
        operators=fixed[2 : 2 + n_operators],
        households=households,
    )
