"""The netting algorithm of the seed's ``Utility.settle()``, in Python: the one reference.

Both the on-chain ``Utility`` contract (``contracts/netting/Utility.sol``) and the private netting
(computed off chain, proven with ZoKrates) follow this function; tests run the contract and this
reference on many random communities and require identical balances and deeds.

Balances are signed integers in Ws (1 kWh = 3,600,000 Ws): positive = produced and unspent
renewable energy, negative = renewable energy still required. Households are identified by their
position in insertion order.

Algorithm (integer arithmetic, Solidity truncation, which for the non-negative operands used here
equals Python's ``//``):

1. Split households, in order, into consumers (balance < 0) and producers (balance > 0);
   ``available`` = sum of producers' balances, ``needed`` = total - available (<= 0).
2. If the total <= 0, consumers claim from producers: ``distribute(A=consumers, B=producers)``;
   otherwise producers give to consumers: ``distribute(A=producers, B=consumers)``.
3. ``distribute``: ``more = available + needed > 0``; ``ref`` and ``share`` are the totals of A
   and B. Each household x of A takes the proportional part ``prop`` of B's total, walking B in
   order from a needle: from a y with ``|y| > prop`` (strict) it takes ``prop`` and stops;
   otherwise it takes all of y (y becomes 0, the needle moves on) and continues with
   ``prop - |y|``. Each non-zero transfer is a deed, oriented producer -> consumer.

``prop`` is where the two callers differ:

- ``exact_shares=False`` (the contract, as specified): a truncated integer percentage,
  ``factor = |x| * 100 // |ref|``, ``prop = |share| * factor // 100``. The seed's example
  200, 100, -100, -100 ends at 68, 34, 0, -2.
- ``exact_shares=True`` (the private netting): ``prop = |share| * |x| // |ref|``. Truncating to a
  whole percent first leaves up to about 1% of the smaller group's total per household of the
  larger group unsettled (2 Ws in the seed's example, but 20 kWh of a 1,000 kWh day), which
  would break the zero-net bound the circuit proves. Exact shares leave a residue of less than
  one Ws per household of the larger group, so every household of the smaller group ends within
  ``epsilon = households - 1`` of zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class Deed(NamedTuple):
    """One transfer of renewable energy: ``amount`` Ws (> 0) from ``producer`` to ``consumer``.

    ``producer`` and ``consumer`` are household positions in insertion order.
    """

    producer: int
    consumer: int
    amount: int


class Settlement(NamedTuple):
    """Result of :func:`settle`: balances after netting (Ws, same order) and the deeds."""

    after: list[int]
    deeds: list[Deed]

    def requests(self) -> list[tuple[int, int]]:
        """Households still short of renewable energy after a settlement of a total <= 0.

        Returns:
            ``(household position, |balance| in Ws)`` for each negative balance, in order, when
            the community's total is <= 0 (the contract's ``RequestNonRenewableEnergy`` events);
            an empty list otherwise.
        """
        if sum(self.after) > 0:
            return []
        return [(i, -b) for i, b in enumerate(self.after) if b < 0]


def settle(balances: Sequence[int], *, exact_shares: bool = False) -> Settlement:
    """Net the renewable balances of a community (see the module docstring).

    Args:
        balances: signed balances in Ws, in household insertion order.
        exact_shares: False for the contract's truncated-percent shares, True for the exact
            proportional shares of the private netting.

    Returns:
        The balances after netting (Ws) and the deeds, in the order the contract records them.
    """
    after = [int(b) for b in balances]
    consumers = [i for i, b in enumerate(after) if b < 0]
    producers = [i for i, b in enumerate(after) if b > 0]
    available = sum(after[i] for i in producers)
    needed = sum(after[i] for i in consumers)
    deeds: list[Deed] = []
    if available + needed <= 0:
        a_side, b_side = consumers, producers
    else:
        a_side, b_side = producers, consumers
    more = available + needed > 0
    ref, share = (available, needed) if more else (needed, available)
    needle = 0
    for x in a_side:
        if exact_shares:
            prop = abs(share) * abs(after[x]) // abs(ref)
        else:
            prop = abs(share) * (abs(after[x]) * 100 // abs(ref)) // 100
        for y in b_side[needle:]:
            if abs(after[y]) > prop:
                _transfer(after, deeds, x, y, prop, more)
                break
            taken = abs(after[y])
            _transfer(after, deeds, x, y, taken, more)
            prop -= taken
            needle += 1
    return Settlement(after, deeds)


def _transfer(after: list[int], deeds: list[Deed], x: int, y: int, amount: int, more: bool) -> None:
    """Move ``amount`` Ws (>= 0) between A-household ``x`` and B-household ``y``, toward zero.

    With ``more`` x is a producer giving to consumer y; otherwise y is a producer giving to x.
    """
    if amount == 0:
        return
    producer, consumer = (x, y) if more else (y, x)
    after[producer] -= amount
    after[consumer] += amount
    deeds.append(Deed(producer, consumer, amount))
