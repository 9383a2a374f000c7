"""EnergyToken: ERC-20 credits in Wh with escrow locks."""

import ape
import pytest
from eip712.common import create_permit_def

MAX = 2**256 - 1


@pytest.fixture(scope="module", autouse=True)
def escrow(accounts, token, deployer):
    account = accounts[10]
    token.grantRole(token.ESCROW_ROLE(), account, sender=deployer)
    return account


@pytest.fixture(scope="module", autouse=True)
def minter(accounts, token, deployer):
    account = accounts[11]
    token.grantRole(token.MINTER_ROLE(), account, sender=deployer)
    return account


def test_metadata__three_decimals_one_wh_per_unit(token):
    assert token.decimals() == 3
    assert token.symbol() == "GEC"


def test_mint__by_minter__credits_and_emits(token, alice, minter):
    tx = token.mint(alice, 1500, sender=minter)
    assert token.balanceOf(alice) == 1500
    assert token.totalSupply() == 1500
    assert tx.events == [
        token.Transfer(ape.utils.ZERO_ADDRESS, alice, 1500),
        token.Mint(alice, 1500),
    ]


def test_mint__without_role__reverts(token, attacker):
    with ape.reverts(
        token.AccessControlUnauthorizedAccount, account=attacker, neededRole=token.MINTER_ROLE()
    ):
        token.mint(attacker, 1, sender=attacker)


def test_mint__zero__reverts(token, alice, minter):
    with ape.reverts(token.EnergyTokenZeroAmount):
        token.mint(alice, 0, sender=minter)


def test_lock__reduces_available_not_balance(token, alice, minter, escrow):
    token.mint(alice, 1000, sender=minter)
    tx = token.lock(alice, 600, sender=escrow)
    assert tx.events == [token.Lock(alice, 600, escrow)]
    assert token.getEnergyBalance(alice) == (1000, 600, 400)
    assert token.lockedBalanceOf(alice) == 600


def test_lock__more_than_available__reverts(token, alice, minter, escrow):
    token.mint(alice, 1000, sender=minter)
    token.lock(alice, 600, sender=escrow)
    with ape.reverts(
        token.EnergyTokenInsufficientAvailable, account=alice, available=400, needed=401
    ):
        token.lock(alice, 401, sender=escrow)


def test_lock__zero__reverts(token, alice, escrow):
    with ape.reverts(token.EnergyTokenZeroAmount):
        token.lock(alice, 0, sender=escrow)


def test_lock__without_escrow_role__reverts(token, attacker, alice):
    with ape.reverts(token.AccessControlUnauthorizedAccount):
        token.lock(alice, 1, sender=attacker)


def test_transfer__of_locked_part__reverts(token, alice, bob, minter, escrow):
    token.mint(alice, 1000, sender=minter)
    token.lock(alice, 600, sender=escrow)
    with ape.reverts(
        token.EnergyTokenInsufficientAvailable, account=alice, available=400, needed=401
    ):
        token.transfer(bob, 401, sender=alice)
    token.transfer(bob, 400, sender=alice)
    assert token.getEnergyBalance(alice) == (600, 600, 0)


def test_transfer__beyond_balance_without_lock__reverts_with_erc20_error(token, alice, bob):
    with ape.reverts(token.ERC20InsufficientBalance):
        token.transfer(bob, 1, sender=alice)


def test_unlock__releases_lock(token, alice, minter, escrow):
    token.mint(alice, 1000, sender=minter)
    token.lock(alice, 600, sender=escrow)
    tx = token.unlock(alice, 200, sender=escrow)
    assert tx.events == [token.Unlock(alice, 200, escrow)]
    assert token.getEnergyBalance(alice) == (1000, 400, 600)


def test_unlock__more_than_locked__reverts(token, alice, minter, escrow):
    token.mint(alice, 1000, sender=minter)
    token.lock(alice, 100, sender=escrow)
    with ape.reverts(token.EnergyTokenInsufficientLocked, account=alice, locked=100, needed=101):
        token.unlock(alice, 101, sender=escrow)


def test_unlock__zero__reverts(token, alice, escrow):
    with ape.reverts(token.EnergyTokenZeroAmount):
        token.unlock(alice, 0, sender=escrow)


def test_transfer_locked__moves_locked_credits_unlocked(token, alice, bob, minter, escrow):
    token.mint(alice, 1000, sender=minter)
    token.lock(alice, 600, sender=escrow)
    tx = token.transferLocked(alice, bob, 500, sender=escrow)
    assert tx.events == [token.Unlock(alice, 500, escrow), token.Transfer(alice, bob, 500)]
    assert token.getEnergyBalance(alice) == (500, 100, 400)
    assert token.getEnergyBalance(bob) == (500, 0, 500)


def test_transfer_locked__more_than_locked__reverts(token, alice, bob, minter, escrow):
    token.mint(alice, 1000, sender=minter)
    token.lock(alice, 100, sender=escrow)
    with ape.reverts(token.EnergyTokenInsufficientLocked, account=alice, locked=100, needed=200):
        token.transferLocked(alice, bob, 200, sender=escrow)


def test_burn__own_available_credits(token, alice, minter):
    token.mint(alice, 1000, sender=minter)
    tx = token.burn(alice, 300, sender=alice)
    assert tx.events == [token.Transfer(alice, ape.utils.ZERO_ADDRESS, 300), token.Burn(alice, 300)]
    assert token.totalSupply() == 700


def test_burn__locked_part__reverts(token, alice, minter, escrow):
    token.mint(alice, 1000, sender=minter)
    token.lock(alice, 900, sender=escrow)
    with ape.reverts(
        token.EnergyTokenInsufficientAvailable, account=alice, available=100, needed=101
    ):
        token.burn(alice, 101, sender=alice)


def test_burn__by_spender__consumes_allowance(token, alice, bob, minter):
    token.mint(alice, 1000, sender=minter)
    token.approve(bob, 400, sender=alice)
    token.burn(alice, 300, sender=bob)
    assert token.allowance(alice, bob) == 100
    with ape.reverts(token.ERC20InsufficientAllowance, spender=bob, allowance=100, needed=200):
        token.burn(alice, 200, sender=bob)


def test_burn__zero__reverts(token, alice):
    with ape.reverts(token.EnergyTokenZeroAmount):
        token.burn(alice, 0, sender=alice)


def test_infinite_allowance__stays_infinite(token, alice, bob, carol, minter):
    token.mint(alice, 1000, sender=minter)
    token.approve(bob, MAX, sender=alice)
    token.transferFrom(alice, carol, 400, sender=bob)
    token.burn(alice, 100, sender=bob)
    assert token.allowance(alice, bob) == MAX


def test_permit__sets_allowance_by_signature(token, alice, bob, chain):
    permit_type = create_permit_def(
        eip=2612,
        name="GridSet Energy Credit",
        version="1",
        chainId=chain.chain_id,
        verifyingContract=token.address,
    )
    deadline = chain.pending_timestamp + 3600
    message = permit_type(
        owner=alice.address, spender=bob.address, value=77, nonce=0, deadline=deadline
    )
    signature = alice.sign_message(message)
    token.permit(
        alice,
        bob,
        77,
        deadline,
        signature.v,
        signature.r.rjust(32, b"\0"),
        signature.s.rjust(32, b"\0"),
        sender=bob,
    )
    assert token.allowance(alice, bob) == 77
    assert token.nonces(alice) == 1
