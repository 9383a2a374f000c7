"""The gateway's chain connection: the hub's account, the LEG contracts, transactions sent one at
a time, and reverts turned into the contract's custom error.

Ape is the connection (the ``ape run leg serve`` process is connected to the chosen network);
every chain access goes through one lock, so the HTTP worker threads and the index poller never
interleave nonces or provider calls.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class ChainRevertError(Exception):
    """A transaction would revert; nothing was sent.

    Attributes:
        name: The custom error's name (e.g. ``LegMarketNoEligibleOffer``), or ``"Revert"``.
        args_: The error's arguments by name (integers as decimal text when beyond 2**53).
        message: The revert message as the node gave it.
    """

    def __init__(self, name: str, args_: dict[str, Any], message: str):
        super().__init__(f"{name}({args_})")
        self.name = name
        self.args_ = args_
        self.message = message


def _json_value(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value if abs(value) < 2**53 else str(value)
    if isinstance(value, bytes):
        return "0x" + value.hex()
    return str(value)


def decode_revert(error: Exception) -> ChainRevertError:
    """Turn an Ape ContractLogicError into a ChainRevertError (custom error name and values)."""
    abi = getattr(error, "abi", None)
    inputs = getattr(error, "inputs", None) or {}
    name = getattr(abi, "name", None) or "Revert"
    args = {key: _json_value(value) for key, value in dict(inputs).items()}
    return ChainRevertError(name, args, str(getattr(error, "message", error)))


@dataclass
class LegChain:
    """The hub's account and the contracts it talks to (Ape instances)."""

    account: Any
    marketplace: Any
    registry: Any
    payment: Any
    lock: threading.RLock = field(default_factory=threading.RLock)

    @classmethod
    def connect(cls, account: Any, marketplace: str) -> LegChain:
        """Load the marketplace at ``marketplace`` and, from it, the registry and payment token."""
        from ape import project

        market = project.LegMarketplace.at(marketplace)
        return cls(
            account=account,
            marketplace=market,
            registry=project.LegHubRegistry.at(market.hubRegistry()),
            payment=project.WattToken.at(market.paymentToken()),  # any ERC-20 ABI suffices
        )

    def send(self, method: str, *args: Any, contract: Any = None) -> Any:
        """Send ``contract.method(*args)`` from the hub's account and wait for the receipt.

        Ape estimates gas first, so a call that would revert raises before anything is sent.

        Raises:
            ChainRevertError: the call would revert (decoded custom error).
        """
        from ape.exceptions import ContractLogicError

        target = contract if contract is not None else self.marketplace
        with self.lock:
            try:
                return getattr(target, method)(*args, sender=self.account)
            except ContractLogicError as error:
                raise decode_revert(error) from error

    def call(self, fn: Callable[[], Any]) -> Any:
        """Run a read-only chain call under the lock."""
        with self.lock:
            return fn()

    def ensure_allowance(self, needed: int) -> None:
        """Approve the marketplace for the payment token without limit if the hub's allowance is
        below ``needed`` base units (one transaction, once)."""
        with self.lock:
            allowance = self.payment.allowance(self.account, self.marketplace)
            if allowance < needed:
                self.send("approve", self.marketplace.address, 2**256 - 1, contract=self.payment)

    def hub_id(self) -> int:
        """The hub id of the gateway's account (0 if it runs none, e.g. a company)."""
        return int(self.call(lambda: self.registry.hubOf(self.account)))
