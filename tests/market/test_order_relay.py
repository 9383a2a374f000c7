"""OrderRelay: households' EIP-712 orders placed in batches by a (licensed) relayer.

Attacks: a replayed signature (same batch, later batch), a reordered one, a forged or tampered
one, an expired one, a relayer without licence, a direct call of the market's relayed entry point,
a bad permit, a bid whose internal balance and allowance together fall short. Each bad entry is
skipped with its named reason and never blocks the batch.
"""

from __future__ import annotations

import pytest
from ape.exceptions import ContractLogicError
from eth_utils import keccak

from gridset.market.relay import NO_PERMIT, Order, OrderRequest, relay_orders, sign_order
from gridset.signatures import contract_domain
from gridset.testing import reverts
from gridset.tokens.watt import issue_watt
from gridset.units import GRID, WATT

LICENCE = 10_000 * GRID
#: The typed-data schema as docs/market.md states it.
ORDER_TYPE = (
    "Order(address trader,uint256 slot,bool isBid,uint256 price,uint256 quantity,uint256 index,"
    "uint256 deadline)"
)
HOUR = 3600


def selector(error) -> bytes:
    """The 4-byte selector of an Ape contract error."""
    return keccak(text=error.abi.selector)[:4]


@pytest.fixture
def request_for(driver, chain):
    """Factory: an OrderRequest (defaults: a bid of 100 Wh at tick 10, index 0, one hour)."""

    def request_for(trader, slot, is_bid=True, tick=10, wh=100, index=0, **fields):
        fields.setdefault("deadline", chain.pending_timestamp + HOUR)
        return OrderRequest(trader, slot, is_bid, driver.price(tick), wh, index, **fields)

    return request_for


@pytest.fixture
def sign(relay, watt):
    def sign(request):
        return sign_order(relay, watt, request)

    return sign


def _escrow(driver, tick, wh):
    return wh * driver.price(tick) // 1000


# ---------------------------------------------------------------- placement


def test_place_orders__bid_and_ask__placed_for_their_traders_with_exact_events(
    relay, market, watt, vault, driver, request_for, alice, bob, attacker, slot
):
    collateral = 200 * driver.collateral_per_kwh // 1000
    tx = relay_orders(
        relay,
        watt,
        [request_for(alice, slot, tick=12), request_for(bob, slot, False, tick=8, wh=200)],
        attacker,
    )
    assert tx.events == [
        market.AuctionStarted(slot, tx.timestamp, driver.gate_closure(slot)),
        market.OrderPlaced(slot << 32, slot, alice, True, driver.price(12), 100),
        watt.Transfer(alice, market, _escrow(driver, 12, 100)),
        market.OrderPlaced(slot << 32 | 1, slot, bob, False, driver.price(8), 200),
        vault.StakeEncumbered(bob, slot, collateral),
    ]
    assert market.escrowOf(slot) == _escrow(driver, 12, 100)
    assert market.getOrder(slot << 32).trader == alice
    assert market.getOrder(slot << 32 | 1).trader == bob


def test_place_orders__with_permit__funds_escrow_without_prior_approval(
    relay, market, watt, driver, request_for, alice, attacker, slot
):
    watt.approve(market, 0, sender=alice)
    escrow = _escrow(driver, 10, 100)
    tx = relay_orders(relay, watt, [request_for(alice, slot, permit_value=escrow)], attacker)
    assert tx.events == [
        watt.Approval(alice, market, escrow),
        market.AuctionStarted(slot, tx.timestamp, driver.gate_closure(slot)),
        market.OrderPlaced(slot << 32, slot, alice, True, driver.price(10), 100),
        watt.Transfer(alice, market, escrow),
    ]
    assert watt.allowance(alice, market) == 0


def test_place_orders__permit_front_run__still_placed_with_the_allowance_it_set(
    relay, market, watt, driver, request_for, sign, alice, attacker, slot
):
    watt.approve(market, 0, sender=alice)
    escrow = _escrow(driver, 10, 100)
    entry = sign(request_for(alice, slot, permit_value=escrow))
    watt.permit(alice, market, *entry[7], sender=attacker)  # someone submits the permit first
    tx = relay.placeOrders([entry], sender=attacker)
    assert tx.events.filter(market.OrderPlaced)[0].trader == alice
    assert market.escrowOf(slot) == escrow


def test_place_orders__second_index__placed_after_a_direct_order(
    relay, market, market_lens, watt, driver, request_for, alice, attacker, slot
):
    driver.bid(alice, slot, 10, 100)  # index 0, placed by alice herself
    assert market_lens.getOrderCount(slot, alice) == 1
    tx = relay_orders(relay, watt, [request_for(alice, slot, index=1)], attacker)
    assert tx.events.filter(market.OrderPlaced)[0].orderId == slot << 32 | 1
    assert market_lens.getOrderCount(slot, alice) == 2


# ---------------------------------------------------------------- funding from the internal balance


@pytest.fixture
def refunded(driver, book, deliver, market, settlement, alice, bob, carol, dave, attacker, slot):
    """The standard book settled by ``settleBatch``: carol's claim and shortfall refunds sit in
    her internal balance in the market. Returns (a later slot open for orders, that balance)."""
    driver.clear(slot)
    deliver(slot, {alice: 700, bob: 300})
    settlement.settleBatch(slot, [alice, bob, carol, dave], sender=attacker)
    balance = market.internalBalanceOf(carol)
    assert balance > _escrow(driver, 10, 100)  # covers the 100 Wh bid at tick 10 below
    return driver.next_slot(), balance


def test_relayed_bid__internal_balance_covers_escrow__debited_without_allowance_or_transfer(
    relay, market, watt, driver, request_for, refunded, carol, attacker
):
    later, balance = refunded
    watt.approve(market, 0, sender=carol)
    wallet, held = watt.balanceOf(carol), watt.balanceOf(market)
    escrow = _escrow(driver, 10, 100)
    tx = relay_orders(relay, watt, [request_for(carol, later)], attacker)
    assert tx.events == [
        market.AuctionStarted(later, tx.timestamp, driver.gate_closure(later)),
        market.OrderPlaced(later << 32, later, carol, True, driver.price(10), 100),
        market.InternalBalanceDebited(carol, escrow),
    ]
    assert market.internalBalanceOf(carol) == balance - escrow
    assert market.escrowOf(later) == escrow
    # The escrow moved from carol's balance to the slot inside the market: no token moved.
    assert (watt.balanceOf(carol), watt.balanceOf(market)) == (wallet, held)


def test_relayed_bid__internal_balance_short__rest_pulled_by_transfer_from(
    relay, market, watt, driver, request_for, refunded, carol, attacker
):
    later, balance = refunded
    wallet, held = watt.balanceOf(carol), watt.balanceOf(market)
    escrow = _escrow(driver, 10, 1000)
    assert escrow > balance
    tx = relay_orders(relay, watt, [request_for(carol, later, wh=1000)], attacker)
    assert tx.events == [
        market.AuctionStarted(later, tx.timestamp, driver.gate_closure(later)),
        market.OrderPlaced(later << 32, later, carol, True, driver.price(10), 1000),
        market.InternalBalanceDebited(carol, balance),
        watt.Transfer(carol, market, escrow - balance),
    ]
    assert market.internalBalanceOf(carol) == 0
    assert market.escrowOf(later) == escrow
    assert (watt.balanceOf(carol), watt.balanceOf(market)) == (
        wallet - (escrow - balance),
        held + escrow - balance,
    )


def test_relayed_bid__balance_plus_allowance_short__skipped_and_balance_unchanged(
    relay, market, watt, driver, request_for, sign, refunded, carol, dave, attacker
):
    later, balance = refunded
    escrow = _escrow(driver, 10, 1000)
    watt.approve(market, escrow - balance - 1, sender=carol)  # one base unit short of the rest
    good = sign(request_for(dave, later, tick=3))
    tx = relay.placeOrders([sign(request_for(carol, later, wh=1000)), good], sender=attacker)
    reason = selector(watt.ERC20InsufficientAllowance)
    assert tx.events.filter(relay.OrderSkipped) == [relay.OrderSkipped(carol, later, 0, reason)]
    # Only dave's bid (funded from his own settlement refunds) touched an internal balance.
    assert [e.account for e in tx.events.filter(market.InternalBalanceDebited)] == [dave.address]
    assert [e.trader for e in tx.events.filter(market.OrderPlaced)] == [dave.address]
    assert market.internalBalanceOf(carol) == balance
    assert watt.allowance(carol, market) == escrow - balance - 1
    assert market.escrowOf(later) == _escrow(driver, 3, 100)


# ---------------------------------------------------------------- replay and reorder


def test_replayed_signature__same_batch_and_later_batch__skipped(
    relay, market, watt, driver, request_for, sign, alice, attacker, slot
):
    entry = sign(request_for(alice, slot))
    tx = relay.placeOrders([entry, entry], sender=attacker)
    reason = selector(market.EnergyMarketUnexpectedOrderIndex)
    assert tx.events.filter(relay.OrderSkipped) == [relay.OrderSkipped(alice, slot, 0, reason)]
    again = relay.placeOrders([entry], sender=attacker)
    assert again.events == [relay.OrderSkipped(alice, slot, 0, reason)]
    assert market.escrowOf(slot) == _escrow(driver, 10, 100)


def test_replayed_signature__after_cancellation__skipped(
    relay, market, watt, driver, request_for, sign, alice, attacker, slot
):
    entry = sign(request_for(alice, slot))
    relay.placeOrders([entry], sender=attacker)
    market.cancelOrder(slot << 32, sender=alice)
    tx = relay.placeOrders([entry], sender=attacker)
    reason = selector(market.EnergyMarketUnexpectedOrderIndex)
    assert tx.events == [relay.OrderSkipped(alice, slot, 0, reason)]
    assert market.escrowOf(slot) == 0


def test_reordered_signatures__later_index_first__skipped_then_placed_in_turn(
    relay, market, watt, request_for, sign, alice, attacker, slot
):
    first, second = (sign(request_for(alice, slot, index=i, wh=100 + i)) for i in (0, 1))
    tx = relay.placeOrders([second, first], sender=attacker)
    reason = selector(market.EnergyMarketUnexpectedOrderIndex)
    assert tx.events.filter(relay.OrderSkipped) == [relay.OrderSkipped(alice, slot, 1, reason)]
    assert [e.quantity for e in tx.events.filter(market.OrderPlaced)] == [100]
    tx = relay.placeOrders([second, first], sender=attacker)
    assert [e.quantity for e in tx.events.filter(market.OrderPlaced)] == [101]
    assert tx.events.filter(relay.OrderSkipped) == [relay.OrderSkipped(alice, slot, 0, reason)]


def test_market_relayed_entry__called_directly__reverts(market, attacker, alice, slot, driver):
    with reverts(
        market.AccessControlUnauthorizedAccount,
        account=attacker.address,
        neededRole=market.RELAYER_ROLE(),
    ):
        market.placeOrderFor(alice, slot, True, driver.price(1), 100, 0, sender=attacker)


# ---------------------------------------------------------------- bad entries are skipped


def _skip_case(name):
    return pytest.param(name, id=name)


@pytest.mark.parametrize(
    "case",
    [
        _skip_case(c)
        for c in (
            "expired",
            "wrong_signer",
            "tampered",
            "off_grid",
            "too_small",
            "no_allowance",
            "bad_permit",
            "no_stake",
            "misaligned",
        )
    ],
)
def test_bad_entry__skipped_with_named_reason__rest_of_batch_placed(
    case,
    relay,
    market,
    watt,
    vault,
    driver,
    request_for,
    sign,
    chain,
    alice,
    bob,
    dave,
    attacker,
    slot,
):
    trader = alice
    if case == "expired":
        entry, reason = (
            sign(request_for(alice, slot, deadline=chain.pending_timestamp - 1)),
            relay.OrderRelayOrderExpired,
        )
    elif case == "wrong_signer":
        forged = list(sign(request_for(bob, slot)))
        forged[0] = alice.address  # bob's signature presented as alice's order
        entry, reason = tuple(forged), relay.OrderRelayInvalidSignature
    elif case == "tampered":
        tampered = list(sign(request_for(alice, slot, wh=100)))
        tampered[4] = 10_000  # the relayer raises the quantity alice signed
        entry, reason = tuple(tampered), relay.OrderRelayInvalidSignature
    elif case == "off_grid":
        bad = request_for(alice, slot)
        entry = sign(OrderRequest(alice, slot, True, bad.price + 1, 100, 0, bad.deadline))
        reason = market.EnergyMarketPriceOffGrid
    elif case == "too_small":
        entry, reason = sign(request_for(alice, slot, wh=0)), market.EnergyMarketQuantityOutOfRange
    elif case == "no_allowance":
        watt.approve(market, 0, sender=alice)
        entry, reason = sign(request_for(alice, slot)), watt.ERC20InsufficientAllowance
    elif case == "bad_permit":
        watt.approve(market, 0, sender=alice)
        signed = list(sign(request_for(alice, slot, permit_value=_escrow(driver, 10, 100))))
        value, deadline, v, r, s = signed[7]
        signed[7] = (value + 1, deadline, v, r, s)  # not what alice permitted
        entry, reason = tuple(signed), relay.OrderRelayPermitFailed
    elif case == "no_stake":
        trader = attacker  # no stake in the vault
        entry, reason = (
            sign(request_for(attacker, slot, False)),
            vault.StakingVaultInsufficientFreeStake,
        )
    else:  # misaligned slot
        entry = sign(request_for(alice, slot + 1))
        reason = market.EnergyMarketSlotMisaligned
    good = sign(request_for(dave, slot, tick=3))
    tx = relay.placeOrders([entry, good], sender=bob)
    skipped_slot = slot + 1 if case == "misaligned" else slot
    assert tx.events.filter(relay.OrderSkipped) == [
        relay.OrderSkipped(trader, skipped_slot, 0, selector(reason))
    ]
    placed = tx.events.filter(market.OrderPlaced)
    assert [(e.trader, e.quantity) for e in placed] == [(dave.address, 100)]
    assert market.escrowOf(slot) == _escrow(driver, 3, 100)


def test_bad_entry__gate_closed__skipped(
    relay, market, watt, driver, request_for, sign, warp, alice, attacker, slot
):
    entry = sign(request_for(alice, slot, deadline=slot))
    warp(driver.gate_closure(slot))
    tx = relay.placeOrders([entry], sender=attacker)
    reason = selector(market.EnergyMarketGateClosed)
    assert tx.events == [relay.OrderSkipped(alice, slot, 0, reason)]


def test_bad_entry__market_paused__skipped(
    relay, market, watt, request_for, sign, deployer, alice, attacker, slot
):
    entry = sign(request_for(alice, slot))
    market.pause(sender=deployer)
    tx = relay.placeOrders([entry], sender=attacker)
    assert tx.events == [relay.OrderSkipped(alice, slot, 0, selector(market.EnforcedPause))]


def test_place_orders__out_of_gas_in_market__reverts_placement_failed_never_skips(
    relay, market, request_for, sign, isolated, alice, attacker, slot
):
    """Whatever gas the relayer gives, the entry is placed or the whole call fails: a relayer
    cannot starve one entry into a skip. Some limit leaves the relay enough gas to name it."""
    entry = sign(request_for(alice, slot, False))  # an ask: the market also calls the vault
    assert relay.OrderRelayPlacementFailed  # the named error below
    outcomes = set()
    for gas_limit in range(150_000, 300_001, 10_000):
        with isolated():
            try:
                tx = relay.placeOrders([entry], sender=attacker, gas_limit=gas_limit)
            except ContractLogicError as error:
                if type(error).__name__ == "OrderRelayPlacementFailed":
                    assert error.inputs == {"trader": alice.address}
                    outcomes.add("named")
                else:
                    outcomes.add("out of gas")
                continue
            assert [e.event_name for e in tx.events] == [
                "AuctionStarted",
                "OrderPlaced",
                "StakeEncumbered",
            ]
            outcomes.add("placed")
    assert {"named", "placed"} <= outcomes


# ---------------------------------------------------------------- relayers and governance


def test_place_orders__empty_or_oversized_batch__reverts(relay, attacker):
    with reverts(relay.OrderRelayInvalidBatchSize, size=0, maxSize=200):
        relay.placeOrders([], sender=attacker)


@pytest.fixture
def staking(project, deployer, relay, attacker, bob):
    grid = deployer.deploy(project.GridToken, "GRID", "GRID", [bob], [LICENCE])
    staking = deployer.deploy(project.GridStaking, grid, deployer, LICENCE)
    grid.approve(staking, LICENCE, sender=bob)
    staking.deposit(LICENCE, bob, sender=bob)
    tx = relay.setGridStaking(staking, sender=deployer)
    assert tx.events == [relay.GridStakingUpdated(staking)]
    return staking


def test_unlicensed_relayer__reverts_licensed_one_places(
    relay, staking, market, watt, request_for, sign, chain, alice, bob, attacker, slot
):
    entry = sign(request_for(alice, slot))
    with reverts(relay.OrderRelayNotLicensed, caller=attacker.address):
        relay.placeOrders([entry], sender=attacker)
    chain.mine()  # bob's stake counts from the block after its deposit
    tx = relay.placeOrders([entry], sender=bob)
    assert tx.events.filter(market.OrderPlaced)[0].trader == alice


def test_set_grid_staking__not_admin__reverts(relay, attacker):
    with reverts(
        relay.AccessControlUnauthorizedAccount, account=attacker.address, neededRole=bytes(32)
    ):
        relay.setGridStaking(attacker, sender=attacker)


def test_constructor__zero_market__reverts(project, deployer):
    with reverts(project.OrderRelay.OrderRelayInvalidParameter, name=b"market".ljust(32, b"\0")):
        deployer.deploy(project.OrderRelay, deployer, "0x" + "00" * 20, "0x" + "00" * 20)


def test_views__market_staking_domain_and_digest(relay, market, request_for, sign, alice, slot):
    assert relay.market() == market.address
    assert relay.gridStaking() == "0x" + "00" * 20
    domain = relay.eip712Domain()
    assert (domain.name, domain.version) == ("GridSet OrderRelay", "1")
    request = request_for(alice, slot)
    entry = sign(request)
    assert entry[7] == NO_PERMIT
    # The digest the relay checks is the EIP-712 hash of the Python typed data, field by field.
    message = Order(
        trader=alice.address,
        slot=slot,
        isBid=True,
        price=request.price,
        quantity=request.quantity,
        index=0,
        deadline=request.deadline,
        eip712_domain=contract_domain(relay),
    ).signable_message
    digest = keccak(b"\x19" + message.version + message.header + message.body)
    assert relay.orderDigest(entry) == digest
    assert relay.ORDER_TYPEHASH() == keccak(text=ORDER_TYPE)


# ---------------------------------------------------------------- ERC-1271 wallets


class _WalletSigner:
    """A smart-contract wallet as an order's trader: its owner signs for it (ERC-1271)."""

    def __init__(self, wallet, owner):
        self.address, self._owner = wallet.address, owner

    def sign_message(self, message):
        return self._owner.sign_message(message)


@pytest.fixture
def wallet(project, deployer, installer, watt, market, alice):
    """An ERC-1271 wallet owned by alice, holding 100 WATT, the market approved."""
    wallet = deployer.deploy(project.ERC1271TestWallet, alice)
    issue_watt(watt, installer, wallet, 100 * WATT)
    wallet.approve(watt, market, 2**256 - 1, sender=alice)
    return wallet


def test_place_orders__erc1271_wallet_signed_by_owner__placed_for_the_wallet(
    relay, market, watt, driver, request_for, wallet, alice, attacker, slot
):
    tx = relay_orders(relay, watt, [request_for(_WalletSigner(wallet, alice), slot)], attacker)
    assert tx.events.filter(market.OrderPlaced)[0].trader == wallet.address
    assert market.escrowOf(slot) == _escrow(driver, 10, 100)


def test_place_orders__erc1271_wallet_signed_by_another__skipped(
    relay, watt, request_for, wallet, bob, attacker, slot
):
    tx = relay_orders(relay, watt, [request_for(_WalletSigner(wallet, bob), slot)], attacker)
    reason = selector(relay.OrderRelayInvalidSignature)
    assert tx.events == [relay.OrderSkipped(wallet, slot, 0, reason)]
