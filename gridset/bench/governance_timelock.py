"""Timelock operations for the governance benchmark: ids of the DAO's queued operations, and
direct calls on a stand-alone GovernanceTimelock.

In the deployment only the DAO may schedule, execute and cancel (it always uses the batch
forms, inside ``GovernanceDAO.queue`` / ``execute``). The direct figures come from a second
timelock whose proposer, canceller and executor is one account, as a team running the timelock
without a Governor would use it; each operation is the timelock re-setting its own delay.
"""

from __future__ import annotations

from typing import Any

from ape import project
from eth_utils import to_bytes

from gridset.bench import GasTable
from gridset.governance import Proposal, chain_time, wait_until

_NO_PREDECESSOR = bytes(32)
_ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"


def timelock_operation_id(dao: Any, timelock: Any, proposal: Proposal) -> bytes:
    """The timelock operation id ``proposal`` gets when the DAO queues it (known beforehand):
    ``hashOperationBatch`` with no predecessor and salt ``bytes20(dao) ^ descriptionHash``."""
    dao_prefix = to_bytes(hexstr=dao.address).ljust(32, b"\0")
    salt = bytes(a ^ b for a, b in zip(dao_prefix, proposal.description_hash, strict=True))
    targets, values, calldatas = proposal.call_arguments
    return bytes(timelock.hashOperationBatch(targets, values, calldatas, _NO_PREDECESSOR, salt))


def record_direct_timelock_calls(table: GasTable, operator: Any, delay: int) -> None:
    """Deploy a stand-alone timelock (``delay`` s, ``operator`` as its only proposer, canceller
    and executor) and record schedule, scheduleBatch, cancel, execute and executeBatch, each
    for one call ``updateDelay(delay)`` on the timelock itself."""
    timelock = operator.deploy(
        project.GovernanceTimelock, delay, [operator], [operator], _ZERO_ADDRESS
    )
    call = (timelock.address, 0, timelock.updateDelay.encode_input(delay))
    batch = tuple([part] for part in call)
    single, batched, dropped = (n.to_bytes(32, "big") for n in (1, 2, 3))

    def direct(case: str, receipt: Any) -> None:
        table.record(
            f"GovernanceTimelock.{case}", receipt, note="direct call, stand-alone timelock"
        )

    direct(
        "schedule[1 call, direct]",
        timelock.schedule(*call, _NO_PREDECESSOR, single, delay, sender=operator),
    )
    direct(
        "scheduleBatch[1 call, direct]",
        timelock.scheduleBatch(*batch, _NO_PREDECESSOR, batched, delay, sender=operator),
    )
    timelock.schedule(*call, _NO_PREDECESSOR, dropped, delay, sender=operator)
    dropped_id = timelock.hashOperation(*call, _NO_PREDECESSOR, dropped)
    direct("cancel[pending, direct]", timelock.cancel(dropped_id, sender=operator))
    wait_until(chain_time() + delay)
    direct(
        "execute[1 call, direct]", timelock.execute(*call, _NO_PREDECESSOR, single, sender=operator)
    )
    direct(
        "executeBatch[1 call, direct]",
        timelock.executeBatch(*batch, _NO_PREDECESSOR, batched, sender=operator),
    )
