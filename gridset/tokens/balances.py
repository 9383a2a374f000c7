"""Withdrawing internal balances (IInternalBalances): the one helper for every contract that books
what it owes in the payment token instead of transferring it (EnergyMarket, CdaMarket)."""

from __future__ import annotations

from typing import Any


def withdraw_internal_balance(contract: Any, account: Any) -> tuple[int, Any | None]:
    """Withdraw ``account``'s whole internal balance held by ``contract`` (any IInternalBalances).

    Returns ``(amount, receipt)``: the amount in payment-token base units and the ``withdraw``
    receipt, or ``(0, None)`` when nothing is owed (no transaction is sent).

    Raises:
        ape.exceptions.ContractLogicError: the payment token's errors (e.g. a blacklisted account).
    """
    owed = int(contract.internalBalanceOf(account))
    if not owed:
        return 0, None
    return owed, contract.withdraw(owed, sender=account)
