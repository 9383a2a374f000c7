"""GRID: fixed supply from the distribution, timestamp-clock votes, permit."""

from __future__ import annotations

import ape
import pytest
from eth_account import Account
from eth_account.messages import encode_typed_data

from gridset.governance import delegate_votes
from gridset.units import GRID

from .conftest import reverts


@pytest.fixture
def deploy_grid(project, deployer):
    def deploy_grid(recipients, amounts):
        return deployer.deploy(
            project.GridToken, "GridSet Governance Token", "GRID", recipients, amounts
        )

    return deploy_grid


def test_constructor__mints_distribution__supply_fixed(grid, timelock, alice, bob, carol):
    assert grid.totalSupply() == 1000 * GRID
    assert [grid.balanceOf(a) for a in (alice, bob, carol, timelock)] == [
        300 * GRID,
        250 * GRID,
        50 * GRID,
        400 * GRID,
    ]
    assert (grid.name(), grid.symbol(), grid.decimals()) == ("GridSet Governance Token", "GRID", 18)
    mutable = {m.name for m in grid.contract_type.mutable_methods}
    assert not mutable & {"mint", "burn", "burnFrom"}


def test_constructor__emits_one_mint_transfer_per_recipient(deploy_grid, alice, bob):
    token = deploy_grid([alice, bob], [1, 2])

    receipt = ape.chain.get_receipt(token.txn_hash)
    zero = "0x0000000000000000000000000000000000000000"
    assert receipt.events == [token.Transfer(zero, alice, 1), token.Transfer(zero, bob, 2)]


def test_constructor__length_mismatch__reverts(project, deploy_grid, alice):
    with reverts(project.GridToken.GridTokenDistributionLengthMismatch, recipients=1, amounts=2):
        deploy_grid([alice], [1, 2])


def test_constructor__empty_distribution__reverts(project, deploy_grid):
    with reverts(project.GridToken.GridTokenEmptyDistribution):
        deploy_grid([], [])


def test_constructor__zero_allocation__reverts(project, deploy_grid, alice, bob):
    with reverts(project.GridToken.GridTokenZeroAllocation, recipient=bob):
        deploy_grid([alice, bob], [1, 0])


def test_constructor__zero_address_recipient__reverts(project, deploy_grid):
    zero = "0x0000000000000000000000000000000000000000"
    with reverts(project.GridToken.ERC20InvalidReceiver, receiver=zero):
        deploy_grid([zero], [1])


def test_constructor__supply_beyond_uint208__reverts(project, deploy_grid, alice, bob):
    cap = 2**208 - 1
    with reverts(project.GridToken.ERC20ExceededSafeSupply, increasedSupply=cap + 1, cap=cap):
        deploy_grid([alice, bob], [cap, 1])


def test_delegate__activates_votes_and_emits_events(grid, alice, dave):
    grid.transfer(dave, 10 * GRID, sender=alice)
    zero = "0x0000000000000000000000000000000000000000"
    assert grid.getVotes(dave) == 0

    receipt = delegate_votes(grid, dave)

    assert receipt.events == [
        grid.DelegateChanged(dave, zero, dave),
        grid.DelegateVotesChanged(dave, 0, 10 * GRID),
    ]
    assert grid.delegates(dave) == dave.address


def test_transfer__between_delegates__moves_votes_with_checkpoints(grid, alice, bob):
    before = ape.chain.blocks.head.timestamp
    receipt = grid.transfer(bob, 30 * GRID, sender=alice)
    at = ape.chain.blocks[receipt.block_number].timestamp
    ape.chain.mine()

    assert receipt.events == [
        grid.Transfer(alice, bob, 30 * GRID),
        grid.DelegateVotesChanged(alice, 300 * GRID, 270 * GRID),
        grid.DelegateVotesChanged(bob, 250 * GRID, 280 * GRID),
    ]
    assert grid.getPastVotes(alice, before) == 300 * GRID
    assert grid.getPastVotes(alice, at) == 270 * GRID
    assert grid.checkpoints(alice, grid.numCheckpoints(alice) - 1) == (at, 270 * GRID)


def test_get_past_votes__current_or_future_time__reverts(grid, alice):
    now = grid.clock()
    with reverts(grid.ERC5805FutureLookup, timepoint=now, clock=now):
        grid.getPastVotes(alice, now)


def test_permit__signed_approval__sets_allowance(grid, alice, outsider):
    deadline = ape.chain.blocks.head.timestamp + 3600
    message = encode_typed_data(
        full_message={
            "types": {
                "EIP712Domain": [
                    {"name": "name", "type": "string"},
                    {"name": "version", "type": "string"},
                    {"name": "chainId", "type": "uint256"},
                    {"name": "verifyingContract", "type": "address"},
                ],
                "Permit": [
                    {"name": "owner", "type": "address"},
                    {"name": "spender", "type": "address"},
                    {"name": "value", "type": "uint256"},
                    {"name": "nonce", "type": "uint256"},
                    {"name": "deadline", "type": "uint256"},
                ],
            },
            "primaryType": "Permit",
            "domain": {
                "name": grid.name(),
                "version": "1",
                "chainId": ape.chain.chain_id,
                "verifyingContract": grid.address,
            },
            "message": {
                "owner": alice.address,
                "spender": outsider.address,
                "value": 5 * GRID,
                "nonce": grid.nonces(alice),
                "deadline": deadline,
            },
        }
    )
    signed = Account.sign_message(message, alice.private_key)

    grid.permit(
        alice,
        outsider,
        5 * GRID,
        deadline,
        signed.v,
        signed.r.to_bytes(32, "big"),
        signed.s.to_bytes(32, "big"),
        sender=outsider,
    )

    assert grid.allowance(alice, outsider) == 5 * GRID
    assert grid.nonces(alice) == 1
