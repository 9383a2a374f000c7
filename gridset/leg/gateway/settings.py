"""Gateway settings from the environment (prefix ``LEG_``) or the command line."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class GatewaySettings(BaseSettings):
    """Where the gateway keeps its index and which contracts it serves.

    Attributes:
        database_url: SQLAlchemy URL of the index: a SQLite file by default, PostgreSQL as
            ``postgresql+psycopg://user@host/db``.
        marketplace: LegMarketplace address.
        start_block: First block to index (the marketplace's deployment block).
        poll_seconds: Interval of the background index poll, seconds.
        confirmations: Blocks behind the head the index stays (0 on dev chains).
        zone: Grid zone of this gateway's orders when its account runs no hub (a company) and an
            order names no ``constraints.location``; a hub always orders in its own zone.
    """

    model_config = SettingsConfigDict(env_prefix="LEG_")

    database_url: str = "sqlite:///leg-gateway.db"
    marketplace: str
    start_block: int = 0
    poll_seconds: float = 2.0
    confirmations: int = 0
    zone: str | None = None
