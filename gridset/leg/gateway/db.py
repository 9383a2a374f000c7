"""The event index: SQLAlchemy 2 typed models (the same on SQLite and PostgreSQL) and the
Alembic migration entry point.

Money is stored as decimal text of payment-token base units (it outgrows 64-bit integers);
amounts are integers in the chain's units (Wh, GB).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import BigInteger, Boolean, DateTime, Integer, String, create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")


class Base(DeclarativeBase):
    """Declarative base of the index tables."""


class Cursor(Base):
    """The last block whose events are in the index, per indexed contract."""

    __tablename__ = "leg_cursor"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_block: Mapped[int] = mapped_column(BigInteger)


class OrderRow(Base):
    """An order as the chain's events describe it."""

    __tablename__ = "leg_orders"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    buyer: Mapped[str] = mapped_column(String(42), index=True)
    resource: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)
    remaining: Mapped[int] = mapped_column(BigInteger)
    max_price: Mapped[str] = mapped_column(String(80))
    months: Mapped[int] = mapped_column(Integer)
    preferred_hub: Mapped[int] = mapped_column(BigInteger)
    min_level: Mapped[int] = mapped_column(Integer)
    escrow: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(16))  # open, filled, cancelled
    block: Mapped[int] = mapped_column(BigInteger)
    tx_hash: Mapped[str] = mapped_column(String(66))


class TradeRow(Base):
    """A matched trade (the API's "transaction")."""

    __tablename__ = "leg_trades"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    order_id: Mapped[int] = mapped_column(BigInteger, index=True)
    offer_id: Mapped[int] = mapped_column(BigInteger)
    seller_hub: Mapped[int] = mapped_column(BigInteger, index=True)
    buyer: Mapped[str] = mapped_column(String(42))
    buyer_hub: Mapped[int] = mapped_column(BigInteger, index=True)  # 0: the buyer runs no hub
    resource: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)
    price: Mapped[str] = mapped_column(String(80))
    months: Mapped[int] = mapped_column(Integer)
    used: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    heat_wh: Mapped[int] = mapped_column(BigInteger, default=0)
    billed_months: Mapped[int] = mapped_column(Integer, default=0)
    paid: Mapped[str] = mapped_column(String(80), default="0")
    fee: Mapped[str] = mapped_column(String(80), default="0")
    refund: Mapped[str] = mapped_column(String(80), default="0")
    status: Mapped[str] = mapped_column(String(16), index=True)
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    block: Mapped[int] = mapped_column(BigInteger)
    tx_hash: Mapped[str] = mapped_column(String(66))


class OfferRow(Base):
    """An offer and what is left of it."""

    __tablename__ = "leg_offers"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    hub_id: Mapped[int] = mapped_column(BigInteger, index=True)
    resource: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)
    available: Mapped[int] = mapped_column(BigInteger)
    price: Mapped[str] = mapped_column(String(80))
    level: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean)


def make_engine(url: str) -> Engine:
    """Create the engine for ``url`` (SQLite files get ``check_same_thread=False`` for the
    server's worker threads)."""
    kwargs = {"connect_args": {"check_same_thread": False}} if url.startswith("sqlite") else {}
    return create_engine(url, **kwargs)


def migrate(url: str) -> None:
    """Bring the database at ``url`` to the latest schema with Alembic (idempotent)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(config, "head")


def session_factory(engine: Engine) -> sessionmaker:
    """Sessions that keep loaded attributes after commit (responses read them)."""
    return sessionmaker(engine, expire_on_commit=False)
