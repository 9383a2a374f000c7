"""End-to-end flows of the web page in headless Chromium, through the injected test wallet."""

from __future__ import annotations

import pytest

from gridset.dapp.devchain import INSTALLER_ROLE, NAMED_ACCOUNTS, OPERATOR_ROLE
from gridset.deploy.local_node import ANVIL_CHAIN_ID
from gridset.units import WATT

from .conftest import advance, chain_now
from .pages import (
    BrokerScreen,
    CdaScreen,
    DashboardScreen,
    GovernanceScreen,
    LegScreen,
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


def watt_exact(amount: int) -> str:
    """What the page shows for a WATT amount it signs for (``watt(amount, 18)``, no truncation)."""
    whole, frac = divmod(amount, WATT)
    digits = f"{frac:018d}".rstrip("0")
    return f"{whole}{'.' + digits if digits else ''} WATT"


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


def test_dev_chain__suite_markets__governed_recorded_and_a_hub_offers(community):
    """The suite deploy's CDA may encumber stake, every admin power of the CDA, GridStaking and the
    LEG contracts and of the vault is the timelock's, the deployer holds none, and the book
    records it; carol's hub offers compute."""
    from gridset.dapp.devchain import HUB_OFFER_PRICE, HUB_OFFER_WH

    book = community.dev.book
    timelock, deployer = book["contracts"]["GovernanceTimelock"], book["deployer"]
    vault = community.contract("StakingVault")
    cda = book["contracts"]["CdaMarket"]
    assert vault.hasRole(vault.ENCUMBRANCER_ROLE(), cda)
    assert cda in book["roles"]["StakingVault.ENCUMBRANCER_ROLE"]
    for name in ("CdaMarket", "GridStaking", "LegHubRegistry", "HeatCredit", "LegMarketplace"):
        assert book["roles"][f"{name}.DEFAULT_ADMIN_ROLE"] == [timelock]
    assert book["roles"]["StakingVault.DEFAULT_ADMIN_ROLE"] == [timelock]
    assert book["roles"]["LegMarketplace.ARBITER_ROLE"] == [timelock]
    assert not [role for role, holders in book["roles"].items() if deployer in holders]
    leg, hubs = community.contract("LegMarketplace"), community.contract("LegHubRegistry")
    hub = int(hubs.hubOf(community.dev.accounts["carol"]))
    offer = leg.offer(leg.offerOf(hub, 0))
    assert (offer.available, offer.priceLevel * leg.tick(0)) == (HUB_OFFER_WH, HUB_OFFER_PRICE)
    assert community.contract("GridStaking").hasLicence(community.dev.accounts["carol"])


def test_screens__markets_missing_from_the_address_book__stay_dark(open_app, community, tmp_path):
    """A community whose book lacks the CDA and the LEG marketplace: their screens stay dark."""
    import json
    import shutil

    from gridset.dapp.site import publish_deployment, serve

    app, _ = open_app("alice")
    assert app.screen_enabled("cda") and app.screen_enabled("leg")
    book = {**community.dev.book}
    book["contracts"] = {
        k: v for k, v in book["contracts"].items() if k not in ("CdaMarket", "LegMarketplace")
    }
    site = tmp_path / "site"
    shutil.copytree(community.site, site)
    book_path = tmp_path / "local-31337.json"
    book_path.write_text(json.dumps(book))
    publish_deployment(book_path, community.rpc_url, site)
    with serve(site) as url:
        app, _ = open_app("alice", url=url)
        assert not app.screen_enabled("cda")
        assert not app.screen_enabled("leg")
        assert app.screen_enabled("broker")


def _cda_slot(community) -> int:
    """A slot whose intraday book is open now: chain time moved to its auction's gate closure
    (the auction cleared if it had orders)."""
    from ape import accounts

    market = community.contract("EnergyMarket")
    slot_len, lead = int(market.slotLength()), int(market.gateClosureLead())
    slot = (chain_now() // slot_len + 4) * slot_len
    advance(slot - lead)
    if market.getClearing(slot).isStarted:
        market.clearAuction(slot, sender=accounts.test_accounts[NAMED_ACCOUNTS["deployer"]])
    return slot


def test_cda__take_rest_cancel_claim_withdraw__escrow_shown_before_signing_money_moves(
    open_app, community
):
    """bob rests an ask of 1 kWh at 0.100 WATT/kWh; alice bids 1.5 kWh at that price in the page:
    1 kWh trades at once, 0.5 kWh rests; she cancels the rest (refunded to her CDA balance) and
    withdraws it in the page; bob claims his fill (credited to his CDA balance)."""
    from ape import accounts

    cda = community.contract("CdaMarket")
    watt = community.contract("PaymentToken", "WattToken")
    alice, bob = community.dev.accounts["alice"], community.dev.accounts["bob"]
    slot = _cda_slot(community)
    price = 100 * WATT // 1000  # base units per kWh
    ask = cda.placeOrder(
        slot, False, price, 1_000, False, sender=accounts.test_accounts[NAMED_ACCOUNTS["bob"]]
    )
    ask_id = int(ask.events.filter(cda.OrderPlaced)[0].orderId)
    balance = int(watt.balanceOf(alice))

    app, wallet = open_app("alice")
    app.connect()
    screen = CdaScreen(app)
    assert app.page.inner_text(f"[data-testid=cda-book-{slot}]").count("1.000 kWh") == 1
    assert app.text(f"cda-phase-{slot}") == "open for continuous trading"
    preview = screen.fill("bid", "0.100", "1.5")
    escrow = 1_500 * price // 1000
    assert preview.startswith(f"This bid takes at most {watt_text(escrow)} from your wallet")
    screen.submit()
    app.wait_mined(2)  # approve the CDA, then place
    assert int(watt.balanceOf(alice)) == balance - escrow
    assert cda.getOrder(ask_id).filled == 1_000
    rest_id = int(cda.OrderPlaced.query("*", start_block=0).iloc[-1].event_arguments["orderId"])
    rest = cda.getOrder(rest_id)
    assert (rest.trader, rest.isBid, rest.quantity, rest.filled) == (alice, True, 500, 0)
    assert screen.status(rest_id) == "resting"
    assert app.text(f"cda-position-{slot}") == "bought 1.000 kWh, sold 0.000 kWh, 1 open"
    app.screenshot("cda-book")

    screen.click(f"cda-cancel-{rest_id}")
    app.wait_mined(3)
    app.page.wait_for_function(
        "id => document.querySelector(`[data-testid=cda-status-${id}]`).textContent"
        " === 'cancelled'",
        arg=str(rest_id),
    )
    refund = 500 * price // 1000
    assert int(watt.balanceOf(alice)) == balance - escrow  # the refund is credited, not sent
    assert int(cda.internalBalanceOf(alice)) == refund
    assert int(cda.getPosition(slot, alice).openOrders) == 0
    screen = CdaScreen(app)
    app.page.wait_for_function(
        "t => document.querySelector('[data-testid=cda-balance]').textContent === t",
        arg=watt_exact(refund),
    )
    assert app.text("cda-withdraw-preview") == (
        f"Withdrawing sends {watt_exact(refund)} from the CDA to your wallet in one transfer;"
        " your bids spend this balance first."
    )
    screen.click("cda-withdraw")
    app.wait_mined(1)
    app.page.wait_for_function(
        "() => document.querySelector('[data-testid=cda-balance]').textContent === '0 WATT'"
    )
    assert int(watt.balanceOf(alice)) == balance - 1_000 * price // 1000
    assert int(cda.internalBalanceOf(alice)) == 0
    assert app.page.is_disabled("[data-testid=cda-withdraw]")

    # The page's own grid check and the market's error in words, nothing sent.
    sent = len(wallet.sent)
    screen = CdaScreen(app)
    assert "is not on this slot's grid" in screen.fill("bid", "0.101", "1")
    screen.submit()
    app.wait_error()
    assert app.error_name() == "CdaMarketPriceOffGrid"
    assert app.page.inner_text("[data-testid=error-text]") == (
        "The price 0.101 WATT/kWh is not on the slot's intraday grid "
        "(from 0.050 WATT/kWh in steps of 0.002 WATT/kWh)."
    )
    assert len(wallet.sent) == sent

    bob_balance = int(watt.balanceOf(bob))
    app, _ = open_app("bob", screen="cda")
    app.connect()
    screen = CdaScreen(app)
    assert screen.status(ask_id) == "filled 1.000 kWh: claim it"
    screen.click(f"cda-claim-{ask_id}")
    app.wait_mined(1)
    assert int(watt.balanceOf(bob)) == bob_balance  # credited to his CDA balance
    assert int(cda.internalBalanceOf(bob)) == 1_000 * price // 1000
    assert int(cda.getPosition(slot, bob).sold) == 1_000
    app.page.wait_for_function(
        "id => document.querySelector(`[data-testid=cda-status-${id}]`).textContent"
        " === 'filled and claimed'",
        arg=str(ask_id),
    )
    app.screenshot("cda-claimed")

    # Once the slot is among the dashboard's, its intraday volume and bob's sale are charted.
    advance(slot)
    app.open("dashboard")
    app.reconnected()
    titles = app.page.locator("svg.chart rect title").evaluate_all(
        "els => els.map(e => e.textContent)"
    )
    assert any(t.endswith(" traded intraday: 1.000 kWh") for t in titles)
    assert any(t.endswith(" sold: 1.000 kWh") for t in titles)


def test_leg__hub_licensed_offers_household_buys_usage_confirmed_settled_hub_withdraws(
    open_app, community
):
    """dave stakes GRID for a hub licence, registers a hub and offers 5 kWh of compute at 0.120
    WATT/kWh; alice orders 2 kWh at up to 0.150 (escrow shown, matched at once); dave records
    1.5 kWh used and 0.5 kWh of heat; alice confirms; after the dispute window she settles and
    claims the job's heat credits (minted to dave); the hub's credited proceeds (paid less the
    fee) are shown to dave, who withdraws exactly them."""
    leg = community.contract("LegMarketplace")
    hubs = community.contract("LegHubRegistry")
    staking = community.contract("GridStaking")
    heat = community.contract("HeatCredit")
    watt = community.contract("PaymentToken", "WattToken")
    alice, dave = community.dev.accounts["alice"], community.dev.accounts["dave"]
    threshold = int(staking.licenceThreshold())

    app, wallet = open_app("dave", screen="leg")
    app.connect()
    screen = LegScreen(app)
    assert app.text("licence-status") == f"no: stake {threshold // WATT} GRID more"
    screen.click("licence-submit")
    app.wait_mined(2)  # approve GRID, then deposit
    assert int(staking.balanceOf(dave)) == threshold
    screen.wait_text("licence-status", "yes")
    # The stake counts from the next block (GridStaking.settledStakeOf); anvil mines on demand.
    rpc(community.rpc_url, "evm_mine", [])
    screen.fill({"hub-zone": "zone-1", "hub-capacity-compute": "10"})
    screen.click("hub-register")
    app.wait_mined(3)
    hub_id = int(hubs.hubOf(dave))
    assert hub_id > 0 and hubs.hub(hub_id).capacity[0] == 10_000
    assert staking.hasLicence(dave)
    screen.fill({"offer-amount": "5", "offer-price": "0.120"})
    screen.click("offer-submit")
    app.wait_mined(4)
    offer_id = int(leg.offerOf(hub_id, 0))
    assert leg.offer(offer_id).available == 5_000
    screen.wait_text("my-offer-compute", f"#{offer_id} compute")
    sent = len(wallet.sent)
    screen.fill({"offer-amount": "50"})
    screen.click("offer-submit")
    app.wait_error()
    assert app.error_name() == "LegMarketExceedsCapacity"
    assert app.page.inner_text("[data-testid=error-text]") == (
        f"Hub #{hub_id} can offer at most 10.000 kWh of compute (50.000 kWh asked)."
    )
    assert len(wallet.sent) == sent

    balance = int(watt.balanceOf(alice))
    app_a, _ = open_app("alice", screen="leg")
    app_a.connect()
    buyer = LegScreen(app_a)
    buyer.fill({"leg-order-amount": "2", "leg-order-price": "0.150"})
    escrow = 2_000 * (150 * WATT // 1000) // 1000
    assert app_a.text("leg-order-escrow").startswith(
        f"This order escrows {watt_text(escrow)} from your wallet"
    )
    buyer.click("leg-order-submit")
    app_a.wait_mined(2)  # approve WATT, then the order (matched at once)
    trade_id = int(leg.TradeMatched.query("*", start_block=0).iloc[-1].event_arguments["tradeId"])
    trade = leg.trade(trade_id)
    assert (trade.buyer, trade.amount, trade.price, trade.status) == (
        alice,
        2_000,
        120 * WATT // 1000,
        1,
    )
    assert int(watt.balanceOf(alice)) == balance - escrow
    buyer.wait_text(f"leg-trade-status-{trade_id}", "pending")
    app_a.screenshot("leg-order")

    app.open("leg")
    app.reconnected()
    screen = LegScreen(app)
    screen.fill({f"usage-used-{trade_id}": "1.5", f"usage-heat-{trade_id}": "0.5"})
    screen.click(f"usage-submit-{trade_id}")
    app.wait_mined(1)
    assert (leg.trade(trade_id).used, leg.trade(trade_id).heatWh) == (1_500, 500)

    app_a.open("leg")
    app_a.reconnected()
    buyer = LegScreen(app_a)
    buyer.click(f"trade-confirm-{trade_id}")
    app_a.wait_mined(1)
    assert leg.trade(trade_id).status == 2
    advance(int(leg.trade(trade_id).confirmedAt) + int(leg.params().disputeWindow))
    app_a.open("leg")
    app_a.reconnected()
    buyer = LegScreen(app_a)
    buyer.click(f"trade-settle-{trade_id}")
    app_a.wait_mined(1)
    paid = 1_500 * (120 * WATT // 1000) // 1000  # Wh used x the seller's price
    fee = paid * int(leg.params().feeBps) // 10_000  # LegMarketplace._settle: the network fee
    assert leg.trade(trade_id).status == 4
    assert int(watt.balanceOf(alice)) == balance - paid
    text = buyer.wait_text(f"leg-trade-status-{trade_id}", "settled")
    assert f"{watt_text(escrow - paid)} back to the buyer" in text
    assert f"{watt_text(paid - fee)} credited to the hub's proceeds, fee {watt_text(fee)}" in text
    app_a.screenshot("leg-settled")
    # The job's heat credits wait in the trade; a claim (alice's here: anyone's) mints them to dave.
    assert int(heat.balanceOf(dave)) == 0 and int(leg.trade(trade_id).heatWh) == 500
    buyer.click(f"trade-claim-heat-{trade_id}")
    app_a.wait_mined(2)  # the settlement, then the claim
    assert int(heat.balanceOf(dave)) == 500 and int(leg.trade(trade_id).heatWh) == 0

    # The settlement credited the hub inside the marketplace; dave sees it and withdraws it.
    assert int(leg.proceeds(hub_id)) == paid - fee
    dave_balance = int(watt.balanceOf(dave))
    app.open("leg")
    app.reconnected()
    screen = LegScreen(app)
    assert app.text("hub-proceeds") == watt_exact(paid - fee)
    assert app.text("hub-withdraw-preview") == (
        f"Withdrawing sends {watt_exact(paid - fee)} from the marketplace to the hub's operator"
        " (your wallet) in one transfer."
    )
    screen.click("hub-withdraw")
    app.wait_mined(1)
    screen.wait_text("hub-proceeds", "0 WATT")
    assert int(watt.balanceOf(dave)) == dave_balance + paid - fee
    assert int(leg.proceeds(hub_id)) == 0
    withdrawn = leg.ProceedsWithdrawn.query("*", start_block=0)
    assert [
        (int(a["hubId"]), a["operator"], int(a["amount"])) for a in withdrawn.event_arguments
    ] == [(hub_id, dave, paid - fee)]
    assert app.page.is_disabled("[data-testid=hub-withdraw]")
    assert app.text("hub-withdraw-preview").startswith("Nothing to withdraw")
    app.screenshot("leg-withdrawn")
