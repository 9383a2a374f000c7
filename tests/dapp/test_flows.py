"""End-to-end flows of the web page in headless Chromium, through the injected test wallet."""

from __future__ import annotations

import pytest

from gridset.dapp.devchain import INSTALLER_ROLE, NAMED_ACCOUNTS, OPERATOR_ROLE
from gridset.deploy.local_node import ANVIL_CHAIN_ID
from gridset.units import WATT

from .conftest import advance, chain_now
from .pages import (
    BrokerScreen,
    DashboardScreen,
    GovernanceScreen,
    OrdersScreen,
    SlotsScreen,
    StakeScreen,
    TradeScreen,
)
from .wallet import rpc

pytestmark = [pytest.mark.anvil, pytest.mark.browser, pytest.mark.xdist_group("browser")]

FIRST_RENDER_LIMIT_MS = 2_000
BUNDLE_LIMIT_GZIP = 300 * 1024


def watt_text(amount: int) -> str:
    """What the page shows for a WATT amount (format.js ``watt``: up to 4 decimals, truncated)."""
    whole, frac = divmod(abs(amount), WATT)
    digits = f"{frac:018d}"[:4].rstrip("0")
    return f"{'-' if amount < 0 else ''}{whole}{'.' + digits if digits else ''} WATT"


def orders_of(market, trader: str) -> list[int]:
    from ape import chain

    logs = market.OrderPlaced.query("*", start_block=0, stop_block=chain.blocks.head.number)
    return [
        int(r.event_arguments["orderId"])
        for _, r in logs.iterrows()
        if r.event_arguments["trader"] == trader
    ]


def test_page__loaded__renders_dashboard_within_2_s_and_bundle_within_300_kb(open_app, community):
    import time

    app, _ = open_app("alice")
    started = time.monotonic()
    first_render_ms = app.open("dashboard")  # second load: what a returning household sees
    seen_ms = (time.monotonic() - started) * 1000
    gzip_bytes = community.build["gzip_bytes"]
    print(
        f"\nfirst render {first_render_ms:.0f} ms (page), {seen_ms:.0f} ms (test, load to ready);"
        f" bundle {gzip_bytes / 1024:.1f} kB gzipped"
    )
    assert seen_ms <= FIRST_RENDER_LIMIT_MS
    assert first_render_ms <= FIRST_RENDER_LIMIT_MS
    assert gzip_bytes <= BUNDLE_LIMIT_GZIP
    charts = DashboardScreen(app).charts()
    assert charts == ["chart-community", "chart-household", "chart-prices"]
    app.screenshot("dashboard-disconnected")


def test_connect__eip6963_wallet__shows_account_and_chain(open_app, community):
    app, wallet = open_app("alice")
    app.connect()
    assert app.account_text() == f"{wallet.address[:6]}…{wallet.address[-4:]}"
    assert app.wallet_chain_text() == f"chain {ANVIL_CHAIN_ID}"
    assert not app.wrong_chain_visible()
    assert wallet.requests[:2] == ["eth_requestAccounts", "eth_chainId"]
    app.screenshot("connected")


def test_connect__window_ethereum_only__fallback_connects(open_app):
    app, wallet = open_app("dave", announce=False, inject_window_ethereum=True)
    assert app.page.inner_text("[data-testid=connect]") == "Connect Browser wallet"
    app.connect()
    assert app.account_text() == f"{wallet.address[:6]}…{wallet.address[-4:]}"


def test_wrong_chain__switch__wallet_moves_to_the_community_chain(open_app):
    app, wallet = open_app("bob", chain_id=1, screen="trade")
    app.connect()
    assert app.wrong_chain_visible()
    assert "chain 1;" in app.page.inner_text("[data-testid=wrong-chain]")
    assert app.page.is_disabled("[data-testid=trade-submit]")
    app.screenshot("wrong-chain")
    app.switch_chain()
    assert wallet.chain_id == ANVIL_CHAIN_ID
    assert "wallet_switchEthereumChain" in wallet.requests
    assert app.wallet_chain_text() == f"chain {ANVIL_CHAIN_ID}"
    app.page.wait_for_selector("[data-testid=trade-submit]:not([disabled])")


def test_stake__deposit__approves_then_stakes_and_shows_free_stake(open_app, community):
    vault = community.contract("StakingVault")
    alice = community.dev.accounts["alice"]
    before = int(vault.getStake(alice))
    app, wallet = open_app("alice", screen="stake")
    app.connect()
    screen = StakeScreen(app)
    screen.deposit("10")
    app.wait_mined(2)  # the seeded allowance is spent: approve, then deposit
    assert int(vault.getStake(alice)) == before + 10 * WATT
    app.page.wait_for_function(
        "t => document.querySelector('[data-testid=stake-total]').textContent === t",
        arg=watt_text(before + 10 * WATT),
    )
    assert screen.free() == watt_text(int(vault.freeStake(alice)))
    assert len(wallet.sent) == 2
    app.screenshot("stake")


def test_bid__escrow_shown_before_signing__taken_on_chain(open_app, community):
    market, watt = (
        community.contract("EnergyMarket"),
        community.contract("PaymentToken", "WattToken"),
    )
    bob = community.dev.accounts["bob"]
    balance = int(watt.balanceOf(bob))
    app, wallet = open_app("bob")
    app.connect()
    trade = TradeScreen(app)
    preview = trade.fill("bid", "0.100", "1.5")
    sent = len(wallet.sent)
    escrow = 1_500 * (100 * WATT // 1000) // 1000  # Wh x base units per kWh / 1000
    assert preview.startswith(f"This bid escrows {watt_text(escrow)} from your wallet")
    slot = trade.slot()
    trade.submit()
    app.wait_mined(1)
    assert int(watt.balanceOf(bob)) == balance - escrow
    assert len(wallet.sent) == sent + 1  # the seeded allowance covers the escrow: no approval
    order_id = orders_of(market, bob)[-1]
    order = market.getOrder(order_id)
    assert (order.timeSlot, order.isBid, order.price, order.quantity) == (
        slot,
        True,
        100 * WATT // 1000,
        1_500,
    )
    orders = OrdersScreen(app)
    assert orders.status(order_id) == "open"
    app.screenshot("bid")


def test_ask__collateral_shown_before_signing__encumbered_on_chain(open_app, community):
    vault = community.contract("StakingVault")
    alice = community.dev.accounts["alice"]
    encumbered = int(vault.encumberedStake(alice))
    app, _ = open_app("alice")
    app.connect()
    trade = TradeScreen(app)
    preview = trade.fill("ask", "0.090", "1")
    collateral = 1_000 * (600 * WATT // 1000) // 1000
    assert preview.startswith(f"This ask encumbers {watt_text(collateral)} of your stake")
    trade.submit()
    app.wait_mined(1)
    assert int(vault.encumberedStake(alice)) == encumbered + collateral
    app.screenshot("ask")


def test_bid__signature_rejected__nothing_sent_nothing_changed(open_app, community):
    market, watt = (
        community.contract("EnergyMarket"),
        community.contract("PaymentToken", "WattToken"),
    )
    carol = community.dev.accounts["carol"]
    balance, orders = int(watt.balanceOf(carol)), orders_of(market, carol)
    nonce = int(rpc(community.rpc_url, "eth_getTransactionCount", [carol, "latest"]), 16)
    app, wallet = open_app("carol", reject=True)
    app.connect()
    trade = TradeScreen(app)
    trade.fill("bid", "0.100", "1")
    trade.submit()
    text = app.wait_error()
    assert "declined the request in your wallet: nothing was sent" in text
    assert "eth_sendTransaction" in wallet.requests
    assert wallet.sent == []
    assert app.mined_count() == 0
    assert int(watt.balanceOf(carol)) == balance
    assert orders_of(market, carol) == orders
    assert int(rpc(community.rpc_url, "eth_getTransactionCount", [carol, "latest"]), 16) == nonce
    app.screenshot("rejected")


def test_ask__beyond_free_stake__vault_error_decoded_in_words_before_signing(open_app, community):
    vault = community.contract("StakingVault")
    dave = community.dev.accounts["dave"]
    free = int(vault.freeStake(dave))
    app, wallet = open_app("dave")
    app.connect()
    trade = TradeScreen(app)
    trade.fill("ask", "0.090", "1000")  # 1000 kWh needs 600 WATT of stake
    trade.submit()
    app.wait_error()
    assert app.error_name() == "StakingVaultInsufficientFreeStake"
    assert app.page.inner_text("[data-testid=error-text]") == (
        f"Not enough free stake: {watt_text(free)} free, {watt_text(600 * WATT)} needed."
    )
    assert "eth_sendTransaction" not in wallet.requests
    assert wallet.sent == []
    app.screenshot("revert-decoded")


def test_bid__price_off_the_grid__market_error_in_words_nothing_sent(open_app):
    app, wallet = open_app("bob")
    app.connect()
    trade = TradeScreen(app)
    preview = trade.fill("bid", "0.101", "1")
    assert "Note: 0.101 WATT/kWh is not on the price grid" in preview
    trade.submit()
    app.wait_error()
    assert app.error_name() == "EnergyMarketPriceOffGrid"
    assert app.page.inner_text("[data-testid=error-text]") == (
        "The price 0.101 WATT/kWh is not on the slot's price grid "
        "(from 0.050 WATT/kWh in steps of 0.002 WATT/kWh)."
    )
    assert wallet.sent == []


def test_transaction__not_yet_mined__shown_pending_until_mined(open_app, community):
    app, wallet = open_app("bob")
    app.connect()
    trade = TradeScreen(app)
    trade.fill("bid", "0.080", "0.5")
    rpc(community.rpc_url, "evm_setAutomine", [False])
    try:
        trade.submit()
        app.page.wait_for_selector("[data-testid=tx][data-status=pending]")
        assert app.pending_texts()[0].startswith("Place bid: pending…")
        app.screenshot("pending")
        rpc(community.rpc_url, "evm_mine", [])
    finally:
        rpc(community.rpc_url, "evm_setAutomine", [True])
    app.wait_mined(1)
    assert app.pending_texts() == []
    assert len(wallet.sent) == 1


def test_slot__cleared_and_settled_in_the_page__result_shown(open_app, community):
    from ape import accounts

    market = community.contract("EnergyMarket")
    settlement = community.contract("SettlementEngine")
    oracle = community.contract("EnergyOracle")
    named = {n: accounts.test_accounts[i] for n, i in NAMED_ACCOUNTS.items()}
    slot_len, lead = int(market.slotLength()), int(market.gateClosureLead())
    slot = (chain_now() // slot_len + 3) * slot_len
    floor, tick = market.marketParameters()[:2]
    ask = market.placeAsk(slot, floor + 10 * tick, 1_000, sender=named["bob"])
    bid = market.placeBid(slot, floor + 30 * tick, 1_000, sender=named["carol"])
    ask_id = int(ask.events.filter(market.OrderPlaced)[0].orderId)
    bid_id = int(bid.events.filter(market.OrderPlaced)[0].orderId)
    advance(slot - lead)

    app, _ = open_app("bob", screen="slots")
    app.connect()
    slots = SlotsScreen(app)
    slots.clear(slot)
    app.wait_mined(1)
    clearing = market.getClearing(slot)
    assert clearing.isCleared and clearing.volume == 1_000
    price = f"{clearing.clearingPrice / WATT:.3f}"
    assert slots.result(slot) == f"Cleared at {price} WATT/kWh: 1.000 kWh matched."
    app.screenshot("cleared")

    orders = OrdersScreen(app)
    orders.click(f"claim-{ask_id}")
    app.wait_mined(2)
    market.claimOrder(bid_id, sender=named["deployer"])
    advance(slot + slot_len)
    panel = community.dev.panels["bob"][0]
    for i in range(int(oracle.quorum())):
        operator = community.role(OPERATOR_ROLE, i)
        oracle.reportProductionBatch(slot, [panel], [1_100], sender=operator)
    advance(int(oracle.reportingDeadline(slot)))
    oracle.finalizeTimeSlot(slot, sender=named["deployer"])
    advance(int(settlement.settlementReadyAt(slot)))

    app.open("orders")
    orders = OrdersScreen(app)
    orders.click(f"settle-{slot}")
    app.wait_mined(1)
    app.page.wait_for_selector(f"[data-testid=settled-{slot}]")
    record = settlement.getSettlementRecord(slot, community.dev.accounts["bob"])
    assert record.isSettled and record.paymentAmount > 0
    assert app.text(f"delivered-{slot}") == "1.000 kWh"
    assert app.text(f"payment-{slot}") == f"received {watt_text(int(record.paymentAmount))}"
    assert orders.status(ask_id) == "filled 1.000 kWh"
    app.screenshot("settled")


def test_broker__sell_credits_with_slippage__min_out_signed_and_paid(open_app, community):
    import eth_abi

    energy = community.contract("EnergyToken")
    watt = community.contract("PaymentToken", "WattToken")
    router = community.contract("EnergyBrokerRouter")
    alice = community.dev.accounts["alice"]
    credits, balance = int(energy.getEnergyBalance(alice).available), int(watt.balanceOf(alice))
    assert credits >= 100
    quote = int(router.getAmountsOut(100, [energy.address, watt.address])[-1])
    minimum = quote * 9_900 // 10_000
    app, wallet = open_app("alice")
    app.connect()
    broker = BrokerScreen(app)
    text = broker.quote("0.100", "1")
    assert text == (
        f"You receive about {watt_text(quote)} for 0.100 kWh; the sale reverts below "
        f"{watt_text(minimum)} (1 % slippage)."
    )
    broker.sell()
    app.wait_mined(2)  # approve the credits, then swap
    swap = rpc(community.rpc_url, "eth_getTransactionByHash", [wallet.sent[-1]])
    amount_in, amount_out_min, path, to, _deadline = eth_abi.decode(
        ["uint256", "uint256", "address[]", "address", "uint256"], bytes.fromhex(swap["input"][10:])
    )
    assert (amount_in, amount_out_min, to.lower()) == (100, minimum, alice.lower())
    assert [a.lower() for a in path] == [energy.address.lower(), watt.address.lower()]
    assert int(energy.getEnergyBalance(alice).available) == credits - 100
    assert int(watt.balanceOf(alice)) == balance + quote
    app.screenshot("broker-sale")


def test_vote__open_proposal__vote_counted(open_app, community):
    from ape import accounts

    from gridset.governance.proposals import Action, Proposal, propose

    dao = community.contract("GovernanceDAO")
    timelock = community.contract("GovernanceTimelock")
    bob = accounts.test_accounts[NAMED_ACCOUNTS["bob"]]
    proposal = Proposal.create(
        dao, [Action.from_contract(timelock, "updateDelay", 60)], "Keep the timelock delay at 60 s"
    )
    propose(dao, proposal, sender=bob)
    advance(chain_now() + 2)
    key = str(proposal.proposal_id)[:10]

    app, _ = open_app("alice", screen="governance")
    app.connect()
    screen = GovernanceScreen(app)
    assert screen.state(key) == "active"
    screen.vote(key, "for")
    app.wait_mined(1)
    app.page.wait_for_selector(f"[data-testid=voted-{key}]")
    alice = community.dev.accounts["alice"]
    assert dao.hasVoted(proposal.proposal_id, alice)
    assert dao.proposalVotes(proposal.proposal_id)[1] == 10_000 * WATT
    assert app.text(f"votes-for-{key}") == "10000 GRID"
    app.screenshot("vote")


def test_wallet_and_panels__household__balances_and_production_from_chain(open_app, community):
    energy = community.contract("EnergyToken")
    alice = community.dev.accounts["alice"]
    app, _ = open_app("alice", screen="wallet")
    app.connect()
    app.go("wallet")
    balance = energy.getEnergyBalance(alice)
    assert app.text("balance-credits").startswith(f"{balance.total / 1000:.3f} kWh")
    assert app.text("balance-grid") == "10000 GRID"
    app.screenshot("wallet")
    app.go("panels")
    panel = community.dev.panels["alice"][0]
    assert app.text(f"panel-registered-{panel}") == "yes"
    app.screenshot("panels")
    app.go("dashboard")
    assert DashboardScreen(app).last_price().startswith("Last: ")
    app.screenshot("dashboard")


def test_screens__cda_and_leg_not_in_the_address_book__stay_dark(open_app):
    app, _ = open_app("alice")
    assert not app.screen_enabled("cda")
    assert not app.screen_enabled("leg")
    assert app.screen_enabled("broker")


def test_unbond__request_then_withdraw_when_matured__stake_back_in_wallet(open_app, community):
    vault = community.contract("StakingVault")
    dave = community.dev.accounts["dave"]
    app, _ = open_app("dave", screen="stake")
    app.connect()
    StakeScreen(app).unbond("5")
    app.wait_mined(1)
    amount, release_at = vault.unbondingOf(dave)
    assert amount == 5 * WATT
    assert release_at == chain_now() + int(vault.unbondingDelay())
    app.page.wait_for_function(
        "() => document.querySelector('[data-testid=stake-unbonding]').textContent"
        ".startsWith('5 WATT · released ')"
    )
    app.screenshot("unbond")

    watt = community.contract("PaymentToken", "WattToken")
    balance = int(watt.balanceOf(dave))
    advance(int(release_at))
    app.open("stake")
    app.page.click("[data-testid=withdraw]")
    app.wait_mined(1)
    assert vault.unbondingOf(dave)[0] == 0
    assert int(watt.balanceOf(dave)) == balance + 5 * WATT
    app.page.wait_for_function(
        "() => document.querySelector('[data-testid=stake-unbonding]').textContent === 'none'"
    )


def test_cancel__open_auction_bid__escrow_refunded(open_app, community):
    from ape import accounts

    market, watt = (
        community.contract("EnergyMarket"),
        community.contract("PaymentToken", "WattToken"),
    )
    carol_account = accounts.test_accounts[NAMED_ACCOUNTS["carol"]]
    carol = carol_account.address
    slot_len = int(market.slotLength())
    slot = (chain_now() // slot_len + 2) * slot_len
    floor, tick = market.marketParameters()[:2]
    balance = int(watt.balanceOf(carol))
    placed = market.placeBid(slot, floor + 5 * tick, 2_000, sender=carol_account)
    order_id = int(placed.events.filter(market.OrderPlaced)[0].orderId)
    assert int(watt.balanceOf(carol)) < balance

    app, _ = open_app("carol", screen="orders")
    app.connect()
    orders = OrdersScreen(app)
    orders.click(f"cancel-{order_id}")
    app.wait_mined(1)
    app.page.wait_for_function(
        "id => document.querySelector(`[data-testid=order-status-${id}]`).textContent"
        " === 'cancelled'",
        arg=str(order_id),
    )
    assert not market.getOrder(order_id).isActive
    assert int(watt.balanceOf(carol)) == balance
    app.screenshot("cancel")


def test_panels__installer_minted__household_registers_in_the_page(open_app, community):

    nft, registry = community.contract("PanelNFT"), community.contract("PanelRegistry")
    installer = community.role(INSTALLER_ROLE)
    dave = community.dev.accounts["dave"]
    tx = nft.mint(dave, "ipfs://gridset-dev/dave", 3_000, sender=installer)
    panel = int(tx.events.filter(nft.PanelMinted)[0].tokenId)

    app, _ = open_app("dave", screen="panels")
    app.connect()
    app.page.click(f"[data-testid=register-{panel}]")
    app.wait_mined(1)
    app.page.wait_for_function(
        "id => document.querySelector(`[data-testid=panel-registered-${id}]`).textContent"
        " === 'yes'",
        arg=str(panel),
    )
    record = registry.getPanelRecord(panel)
    assert (record.owner, record.capacityWatt, record.isRegistered) == (dave, 3_000, True)
    app.screenshot("panel-registered")


def test_wallet__transfer_watt__balances_move(open_app, community):
    watt = community.contract("PaymentToken", "WattToken")
    alice, dave = community.dev.accounts["alice"], community.dev.accounts["dave"]
    before = int(watt.balanceOf(alice)), int(watt.balanceOf(dave))
    app, _ = open_app("alice", screen="wallet")
    app.connect()
    app.go("wallet")
    app.page.select_option("[data-testid=transfer-token]", "WATT")
    app.page.fill("[data-testid=transfer-to]", dave)
    app.page.fill("[data-testid=transfer-amount]", "1.5")
    app.page.click("[data-testid=transfer-submit]")
    app.wait_mined(1)
    assert (int(watt.balanceOf(alice)), int(watt.balanceOf(dave))) == (
        before[0] - 3 * WATT // 2,
        before[1] + 3 * WATT // 2,
    )
    app.page.wait_for_function(
        "t => document.querySelector('[data-testid=balance-watt]').textContent === t",
        arg=watt_text(before[0] - 3 * WATT // 2),
    )


def test_screens__intraday_contract_recorded__cda_screen_lights_up_and_sends(
    open_app, community, tmp_path
):
    """The CDA module lights up for any recorded contract of its names whose ABI is in abi/.
    Stand-in until the CDA branch lands: the auction market's own address and ABI recorded as
    `EnergyCDA`, so the screen's ABI-driven forms place and cancel a real order."""
    import json
    import shutil

    from gridset.dapp.site import ABI_DIR, build_site, publish_deployment, serve

    market = community.contract("EnergyMarket")
    abi_dir = tmp_path / "abi"
    shutil.copytree(ABI_DIR, abi_dir)
    shutil.copyfile(abi_dir / "EnergyMarket.json", abi_dir / "EnergyCDA.json")
    book = {**community.dev.book}
    book["contracts"] = {**book["contracts"], "EnergyCDA": market.address}
    book_path = tmp_path / "local-31337.json"
    book_path.write_text(json.dumps(book))
    site = tmp_path / "site"
    build_site(abi_dir=abi_dir, out_dir=site)
    publish_deployment(book_path, community.rpc_url, site)
    slot_len = int(market.slotLength())
    slot = (chain_now() // slot_len + 2) * slot_len
    price = int(market.marketParameters()[0])
    with serve(site) as url:
        app, _ = open_app("carol", screen="cda", url=url)
        assert app.screen_enabled("cda") and not app.screen_enabled("leg")
        app.connect()
        app.go("cda")
        page = app.page
        page.fill("[data-testid=cda-placeBid-slot]", str(slot))
        page.fill("[data-testid=cda-placeBid-price]", str(price))
        page.fill("[data-testid=cda-placeBid-quantity]", "500")
        page.click("[data-testid=cda-placeBid]")
        app.wait_mined(1)
        carol = community.dev.accounts["carol"]
        order_id = orders_of(market, carol)[-1]
        assert market.getOrder(order_id).isActive
        page.wait_for_selector("#screen table td:text('OrderPlaced')")
        page.fill("[data-testid=cda-cancelOrder-orderId]", str(order_id))
        page.click("[data-testid=cda-cancelOrder]")
        app.wait_mined(2)
        assert not market.getOrder(order_id).isActive
        # Twice: the market's own error, in words (the form was drawn anew after the first).
        page.fill("[data-testid=cda-cancelOrder-orderId]", str(order_id))
        page.click("[data-testid=cda-cancelOrder]")
        app.wait_error()
        assert app.error_name() == "EnergyMarketOrderNotActive"
        assert page.inner_text("[data-testid=error-text]") == (
            f"Energy market: order not active (order id {order_id})."
        )
        app.screenshot("cda-module")
