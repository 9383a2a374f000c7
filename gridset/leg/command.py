"""What ``ape run leg`` does: serve one hub's gateway (the LEG is deployed with the suite by
``ape run deploy`` and found in its address book), play the demo."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gridset.leg.deploy import (
    LegParams,
    deploy_dev_licensing,
    deploy_leg,
    take_licence,
)
from gridset.leg.gateway.chain import LegChain
from gridset.leg.gateway.settings import GatewaySettings
from gridset.leg.units import zone_bytes
from gridset.tokens.watt import issue_watt, setup_issuer
from gridset.units import GRID, WATT

#: Application Host licence of the demo and of a `--licensing deploy` deployment: 1,000 GRID.
DEV_LICENCE = 1_000 * GRID
#: The demo's grid zone (both hubs and the company).
DEMO_ZONE = "zone-1"


def marketplace_address(book_path: Path | None = None) -> str:
    """The LegMarketplace of the connected network's suite address book (what ``ape run deploy``
    wrote; ``book_path`` for another file).

    Raises:
        AddressBookError: no book for this network, or it records no LEG (deployed with the
            ``leg:`` section of the deployment parameters).
    """
    from gridset.deploy.addresses import connected_address_book

    return connected_address_book(book_path).address_of("LegMarketplace")


@contextmanager
def running_gateway(
    settings: GatewaySettings, chain: LegChain, host: str = "127.0.0.1", port: int = 0
) -> Iterator[str]:
    """Run a gateway in a thread of this process for the ``with`` block; yields its base URL.

    Raises:
        RuntimeError: the server did not start within 30 s.
    """
    import socket

    import uvicorn

    from gridset.leg.gateway.app import create_app

    if port == 0:
        with socket.socket() as sock:
            sock.bind((host, 0))
            port = sock.getsockname()[1]
    app = create_app(settings, chain, int(chain.payment.decimals()))
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name=f"leg-gateway-{port}", daemon=True)
    thread.start()
    for _ in range(300):
        if server.started:
            break
        thread.join(0.1)
    else:
        raise RuntimeError(f"gateway on port {port} did not start")
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@dataclass
class DemoResult:
    """The demo's two scenarios (see :mod:`gridset.leg.scenarios`)."""

    compute: Any
    storage: Any


def demo(accounts: list[Any]) -> DemoResult:
    """Deploy WATT and the LEG on the connected (local) chain, start three gateways (hub A, hub B,
    a company without a hub) in this process, and play the seed's two scenarios over HTTP.

    Time is advanced with the local provider's ``pending_timestamp``, so this runs on a local
    development chain only.
    """
    import httpx
    from ape import chain, project

    from gridset.leg.scenarios import scenario_compute, scenario_storage

    admin, hub_a, hub_b, company = accounts[:4]
    start = chain.blocks.height + 1
    payment = admin.deploy(project.WattToken, admin)
    setup_issuer(payment, admin.address, admin)
    params = LegParams()
    licensing = deploy_dev_licensing(admin, DEV_LICENCE)
    contracts = deploy_leg(admin, payment, admin.address, licensing, params)
    for account in (hub_b, company):
        issue_watt(payment, admin, account, 10_000 * WATT)
    for hub in (hub_a, hub_b):
        take_licence(licensing, hub, admin)
        contracts.registry.registerHub(
            zone_bytes(DEMO_ZONE), (1_000_000, 2_000, 500_000), sender=hub
        )

    def advance(seconds: int) -> None:
        chain.pending_timestamp = chain.pending_timestamp + seconds
        chain.mine()

    lock = threading.RLock()
    market = str(contracts.marketplace.address)
    with tempfile.TemporaryDirectory(prefix="leg-demo-") as folder:
        gateways = []
        for name, account in (("hub-a", hub_a), ("hub-b", hub_b), ("company", company)):
            settings = GatewaySettings(
                database_url=f"sqlite:///{folder}/{name}.db",
                marketplace=market,
                start_block=start,
                poll_seconds=3600,
                zone=DEMO_ZONE,
            )
            leg_chain = LegChain.connect(account, market)
            leg_chain.lock = lock
            gateways.append(running_gateway(settings, leg_chain))
        with (
            gateways[0] as url_a,
            gateways[1] as url_b,
            gateways[2] as url_c,
            httpx.Client(base_url=url_a, timeout=60) as client_a,
            httpx.Client(base_url=url_b, timeout=60) as client_b,
            httpx.Client(base_url=url_c, timeout=60) as client_c,
        ):
            compute = scenario_compute(client_a, client_b, advance, params.dispute_window)
            storage = scenario_storage(client_a, client_c, advance)
    return DemoResult(compute=compute, storage=storage)
