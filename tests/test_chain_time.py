"""Chain time control on Ape's eth-tester provider (the same calls reach anvil over JSON-RPC: see
tests/integration/test_deploy_anvil.py)."""

from __future__ import annotations

import pytest

from gridset.chain_time import advance_time, mine_block, next_slot_start, set_next_block_time


def test_next_slot_start__aligned_and_strictly_after():
    assert next_slot_start(0, 900) == 900
    assert next_slot_start(899, 900) == 900
    assert next_slot_start(900, 900) == 1800


def test_advance_time__future__head_block_carries_time(chain):
    target = chain.pending_timestamp + 5000
    head = chain.blocks.head.number
    advance_time(chain, target)
    assert chain.blocks.head.timestamp == target
    assert chain.blocks.head.number > head


def test_advance_time__past__value_error(chain):
    with pytest.raises(ValueError, match="cannot move chain time back"):
        advance_time(chain, chain.blocks.head.timestamp - 100)


def test_set_next_block_time__then_mine__block_at_that_time(chain):
    target = chain.pending_timestamp + 77
    set_next_block_time(chain, target)
    mine_block(chain)
    assert chain.blocks.head.timestamp == target
