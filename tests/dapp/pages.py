"""Page objects of the web page, one class per screen; ``App`` holds what every screen shares
(header, wallet connection, navigation, the error box, the transaction list, screenshots)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

TIMEOUT_MS = 15_000


class App:
    """The page as a whole."""

    def __init__(self, page: Any, url: str, shots: Path):
        self.page, self.url, self.shots = page, url, shots
        page.set_default_timeout(TIMEOUT_MS)

    def open(self, screen: str = "dashboard") -> float:
        """Load the page on ``screen``; return the first render time the page measured (ms from
        navigation start until the first screen is drawn from chain data)."""
        target = f"{self.url}#{screen}"
        if self.page.url.split("#")[0] == self.url:
            self.page.goto(target)
            self.page.reload()  # a hash change alone does not load the page again
        else:
            self.page.goto(target)
        self.page.wait_for_selector("body[data-ready]")
        assert self.page.get_attribute("body", "data-ready") == "true", self.error_text()
        return float(self.page.evaluate("window.gridsetFirstRenderMs"))

    # ------------------------------------------------------------------ header
    def connect(self) -> None:
        """Connect the wallet and wait for the screen to be drawn again with the account."""
        before = self.rendered()
        self.page.click("[data-testid=connect]")
        self.page.wait_for_selector("[data-testid=account]")
        self.page.wait_for_function(
            "n => Number(document.querySelector('#screen').dataset.rendered || 0) > n", arg=before
        )

    def reconnected(self) -> None:
        """After a reload of a connected page: wait until the wallet is reconnected and the
        screen drawn with the account (no render in flight)."""
        self.page.wait_for_selector("[data-testid=account]")
        self.page.wait_for_selector("#screen[data-busy='0']")

    def account_text(self) -> str:
        return self.page.inner_text("[data-testid=account]")

    def wallet_chain_text(self) -> str:
        return self.page.inner_text("[data-testid=wallet-chain]")

    def wrong_chain_visible(self) -> bool:
        return self.page.is_visible("[data-testid=wrong-chain]")

    def switch_chain(self) -> None:
        self.page.click("[data-testid=switch-chain]")
        self.page.wait_for_selector("#chain-banner", state="hidden")

    # ------------------------------------------------------------------ navigation
    def go(self, screen: str) -> None:
        """Open ``screen`` from the navigation and wait until it is drawn anew."""
        before = self.rendered()
        self.page.click(f"nav button[data-screen={screen}]")
        self.page.wait_for_function(
            "([s, n]) => document.querySelector('#screen').dataset.screen === s"
            " && Number(document.querySelector('#screen').dataset.rendered) > n",
            arg=[screen, before],
        )

    def rendered(self) -> int:
        return int(self.page.get_attribute("#screen", "data-rendered") or 0)

    def screen_enabled(self, screen: str) -> bool:
        return self.page.is_enabled(f"nav button[data-screen={screen}]")

    # ------------------------------------------------------------------ feedback
    def error_name(self) -> str:
        return self.page.inner_text("[data-testid=error-name]")

    def error_text(self) -> str:
        if not self.page.is_visible("#error"):
            return ""
        return self.page.inner_text("#error")

    def wait_error(self) -> str:
        self.page.wait_for_selector("#error:not([hidden])")
        return self.error_text()

    def mined_count(self) -> int:
        return self.page.locator("[data-testid=tx][data-status=mined]").count()

    def wait_mined(self, count: int) -> None:
        """Wait until ``count`` transactions show as mined and the screen re-rendered."""
        self.page.wait_for_function(
            "n => document.querySelectorAll('[data-testid=tx][data-status=mined]').length >= n",
            arg=count,
        )

    def pending_texts(self) -> list[str]:
        return self.page.locator("[data-testid=tx][data-status=pending]").all_inner_texts()

    def text(self, testid: str) -> str:
        return self.page.inner_text(f"[data-testid='{testid}']")

    def screenshot(self, name: str) -> Path:
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


class DashboardScreen:
    def __init__(self, app: App):
        self.app = app

    def charts(self) -> list[str]:
        return self.app.page.locator("svg.chart").evaluate_all(
            "els => els.map(e => e.dataset.testid)"
        )

    def last_price(self) -> str:
        return self.app.text("last-price")


class TradeScreen:
    def __init__(self, app: App):
        self.app = app
        app.go("trade")

    def fill(self, side: str, price_watt_per_kwh: str, kwh: str, slot_index: int = 0) -> str:
        """Fill the order form; return the escrow/collateral preview shown before signing."""
        page = self.app.page
        page.select_option("[data-testid=trade-side]", side)
        options = page.locator("[data-testid=trade-slot] option").evaluate_all(
            "els => els.map(e => e.value)"
        )
        page.select_option("[data-testid=trade-slot]", options[slot_index])
        page.fill("[data-testid=trade-price]", price_watt_per_kwh)
        page.fill("[data-testid=trade-quantity]", kwh)
        return self.app.text("trade-escrow")

    def slot(self) -> int:
        return int(self.app.page.input_value("[data-testid=trade-slot]"))

    def submit(self) -> None:
        self.app.page.click("[data-testid=trade-submit]")


class OrdersScreen:
    def __init__(self, app: App):
        self.app = app
        app.go("orders")

    def status(self, order_id: int) -> str:
        return self.app.text(f"order-status-{order_id}")

    def click(self, testid: str) -> None:
        self.app.page.click(f"[data-testid='{testid}']")


class SlotsScreen:
    def __init__(self, app: App):
        self.app = app
        app.go("slots")

    def clear(self, slot: int) -> None:
        self.app.page.click(f"[data-testid=clear-{slot}]")

    def result(self, slot: int) -> str:
        return self.app.text(f"result-{slot}")


class StakeScreen:
    def __init__(self, app: App):
        self.app = app
        app.go("stake")

    def deposit(self, watt: str) -> None:
        self.app.page.fill("[data-testid=stake-amount]", watt)
        self.app.page.click("[data-testid=stake-submit]")

    def unbond(self, watt: str) -> None:
        self.app.page.fill("[data-testid=unbond-amount]", watt)
        self.app.page.click("[data-testid=unbond-submit]")

    def free(self) -> str:
        return self.app.text("stake-free")


class BrokerScreen:
    def __init__(self, app: App):
        self.app = app
        app.go("broker")

    def quote(self, kwh: str, slippage_percent: str) -> str:
        page = self.app.page
        page.fill("[data-testid=broker-amount]", kwh)
        page.fill("[data-testid=broker-slippage]", slippage_percent)
        # Wait for the quote of this amount and slippage (an earlier amount's may still show).
        page.wait_for_function(
            "([kwh, pct]) => { const t = document.querySelector('[data-testid=broker-quote]')"
            ".textContent; return t.includes(`for ${kwh} kWh`) && t.includes(`(${pct} %`); }",
            arg=[kwh, slippage_percent],
        )
        return self.app.text("broker-quote")

    def sell(self) -> None:
        self.app.page.click("[data-testid=broker-submit]")


class GovernanceScreen:
    def __init__(self, app: App):
        self.app = app
        app.go("governance")

    def vote(self, key: str, support: str) -> None:
        self.app.page.click(f"[data-testid=vote-{support}-{key}]")

    def state(self, key: str) -> str:
        return self.app.text(f"proposal-state-{key}")


class CdaScreen:
    """The intraday market (CdaMarket)."""

    def __init__(self, app: App):
        self.app = app
        app.go("cda")

    def fill(self, side: str, price_watt_per_kwh: str, kwh: str) -> str:
        """Fill the order form (the first open slot); return the escrow/stake preview shown
        before signing, once it is computed for these values."""
        page = self.app.page
        page.select_option("[data-testid=cda-side]", side)
        page.fill("[data-testid=cda-price]", price_watt_per_kwh)
        page.fill("[data-testid=cda-quantity]", kwh)
        page.wait_for_function(
            "k => document.querySelector('[data-testid=cda-escrow]').textContent.includes(k)",
            arg=f"{float(kwh):.3f} kWh at {price_watt_per_kwh}" if side == "bid" else "encumbers",
        )
        return self.app.text("cda-escrow")

    def submit(self) -> None:
        self.app.page.click("[data-testid=cda-submit]")

    def status(self, order_id: int) -> str:
        return self.app.text(f"cda-status-{order_id}")

    def click(self, testid: str) -> None:
        self.app.page.click(f"[data-testid='{testid}']")


class LegScreen:
    """Hubs of the LEG marketplace."""

    def __init__(self, app: App):
        self.app = app
        app.go("leg")

    def fill(self, values: dict[str, str]) -> None:
        """Fill inputs by test id (``{"hub-zone": "zone-1", ...}``)."""
        for testid, value in values.items():
            self.app.page.fill(f"[data-testid='{testid}']", value)

    def click(self, testid: str) -> None:
        self.app.page.click(f"[data-testid='{testid}']")

    def wait_text(self, testid: str, start: str) -> str:
        """Wait until the element's text starts with ``start``; return the text."""
        self.app.page.wait_for_function(
            "([id, t]) => (document.querySelector(`[data-testid='${id}']`)?.textContent || '')"
            ".startsWith(t)",
            arg=[testid, start],
        )
        return self.app.text(testid)
