"""FastAPI dependencies: the database session, the chain connection and the index."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from gridset.leg.gateway.chain import LegChain
from gridset.leg.gateway.indexer import Indexer


@dataclass
class GatewayState:
    """What the routers need, created once by the app factory."""

    chain: LegChain
    sessions: sessionmaker
    indexer: Indexer
    decimals: int
    zone: str | None = None  # orders' zone when the account runs no hub (LEG_ZONE)


def state(request: Request) -> GatewayState:
    """The gateway's state (chain, index)."""
    return request.app.state.gateway


def db_session(request: Request) -> Iterator[Session]:
    """A database session for one request."""
    with request.app.state.gateway.sessions() as session:
        yield session


#: Route parameter types (FastAPI's Annotated dependencies).
State = Annotated[GatewayState, Depends(state)]
DbSession = Annotated[Session, Depends(db_session)]
