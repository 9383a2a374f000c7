"""The index tables: cursor, orders, trades, offers.

Revision ID: 0001_initial
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

MONEY = sa.String(80)


def upgrade() -> None:
    """Create the tables."""
    op.create_table(
        "leg_cursor",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("last_block", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "leg_orders",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("buyer", sa.String(42), nullable=False, index=True),
        sa.Column("resource", sa.Integer, nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("remaining", sa.BigInteger, nullable=False),
        sa.Column("max_price", MONEY, nullable=False),
        sa.Column("months", sa.Integer, nullable=False),
        sa.Column("preferred_hub", sa.BigInteger, nullable=False),
        sa.Column("min_level", sa.Integer, nullable=False),
        sa.Column("escrow", MONEY, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("block", sa.BigInteger, nullable=False),
        sa.Column("tx_hash", sa.String(66), nullable=False),
    )
    op.create_table(
        "leg_trades",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("order_id", sa.BigInteger, nullable=False, index=True),
        sa.Column("offer_id", sa.BigInteger, nullable=False),
        sa.Column("seller_hub", sa.BigInteger, nullable=False, index=True),
        sa.Column("buyer", sa.String(42), nullable=False),
        sa.Column("buyer_hub", sa.BigInteger, nullable=False, index=True),
        sa.Column("resource", sa.Integer, nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("price", MONEY, nullable=False),
        sa.Column("months", sa.Integer, nullable=False),
        sa.Column("used", sa.BigInteger, nullable=True),
        sa.Column("heat_wh", sa.BigInteger, nullable=False),
        sa.Column("billed_months", sa.Integer, nullable=False),
        sa.Column("paid", MONEY, nullable=False),
        sa.Column("fee", MONEY, nullable=False),
        sa.Column("refund", MONEY, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("escalated", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("block", sa.BigInteger, nullable=False),
        sa.Column("tx_hash", sa.String(66), nullable=False),
    )
    op.create_table(
        "leg_offers",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("hub_id", sa.BigInteger, nullable=False, index=True),
        sa.Column("resource", sa.Integer, nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("available", sa.BigInteger, nullable=False),
        sa.Column("price", MONEY, nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    """Drop the tables."""
    for table in ("leg_offers", "leg_trades", "leg_orders", "leg_cursor"):
        op.drop_table(table)
