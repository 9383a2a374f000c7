"""The gateway's app factory: routers, error handlers, and the index poller's lifespan."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from gridset.leg.gateway.chain import ChainRevertError, LegChain
from gridset.leg.gateway.db import make_engine, migrate, session_factory
from gridset.leg.gateway.deps import GatewayState
from gridset.leg.gateway.indexer import Indexer
from gridset.leg.gateway.routers import hubs, offers, orders, transactions
from gridset.leg.gateway.settings import GatewaySettings


def create_app(settings: GatewaySettings, chain: LegChain, decimals: int = 18) -> FastAPI:
    """Build the gateway for ``chain``'s account, migrating the index database first.

    A background thread syncs the index every ``settings.poll_seconds``; the first sync runs
    before the server accepts requests (so a restarted gateway answers from a caught-up index).
    """
    migrate(settings.database_url)
    engine = make_engine(settings.database_url)
    sessions = session_factory(engine)
    indexer = Indexer(chain, sessions, settings.start_block)
    stop = threading.Event()

    def poll() -> None:
        while not stop.wait(settings.poll_seconds):
            try:
                indexer.sync(confirmations=settings.confirmations)
            except Exception:
                continue

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        indexer.sync(confirmations=settings.confirmations)
        thread = threading.Thread(target=poll, name="leg-indexer", daemon=True)
        thread.start()
        yield
        stop.set()
        thread.join(timeout=5)
        engine.dispose()

    app = FastAPI(
        title="GridSet LEG gateway",
        summary="The LEG marketplace API (seed 004) for one hub, backed by the chain",
        version="1.0.0",
        lifespan=lifespan,
    )
    app.state.gateway = GatewayState(
        chain=chain, sessions=sessions, indexer=indexer, decimals=decimals, zone=settings.zone
    )

    @app.exception_handler(ChainRevertError)
    async def revert_handler(request: Request, error: ChainRevertError) -> JSONResponse:
        return JSONResponse(
            status_code=409, content={"success": False, "error": error.name, "args": error.args_}
        )

    @app.get("/health", tags=["health"])
    def health() -> dict:
        """Liveness and the index position."""
        return {"success": True, "hubId": str(chain.hub_id()), "lastBlock": indexer.last_block()}

    for module in (orders, offers, transactions, hubs):
        app.include_router(module.router)
    return app


def serve(settings: GatewaySettings, chain: LegChain, host: str, port: int) -> None:
    """Run the gateway with uvicorn until interrupted (one process, worker threads)."""
    import uvicorn

    decimals = int(chain.payment.decimals())
    uvicorn.run(create_app(settings, chain, decimals), host=host, port=port, log_level="warning")
