"""End-to-end flows of the web page in headless Chromium, through the injected test wallet."""

from __future__ import annotations

import pytest

from gridset.deploy.local_node import ANVIL_CHAIN_ID
from .pages import DashboardScreen

pytestmark = [pytest.mark.anvil, pytest.mark.browser, pytest.mark.xdist_group("browser")]

FIRST_RENDER_LIMIT_MS = 2_000
BUNDLE_LIMIT_GZIP = 300 * 1024


def test_page__loaded__renders_dashboard_within_2_s_and_bundle_within_300_kb(
    open_app, community
):
    app, _ = open_app("alice")
    first_render_ms = app.open("dashboard")  # second load: what a returning household sees
    gzip_bytes = community.build["gzip_bytes"]
    print(f"\nfirst render {first_render_ms:.0f} ms; bundle {gzip_bytes / 1024:.1f} kB gzipped")
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
