# ruff: noqa: N802 (handlers are named after the Solidity events)
"""The marketplace's events, folded into the index tables.

Each sync reads the logs of whole blocks (last indexed block + 1 .. target), applies them in
order and moves the cursor, all in one database transaction: a crash before the commit leaves
the index at its previous cursor (the next sync redoes those blocks), a crash after it leaves
nothing to redo. So after any restart the index resumes from its last block and neither loses
nor duplicates an event. The chain is the source of truth; the index can be dropped and rebuilt.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gridset.leg.gateway.chain import LegChain
from gridset.leg.gateway.db import Cursor, OfferRow, OrderRow, TradeRow

CURSOR = "LegMarketplace"
#: Blocks per eth_getLogs request.
MAX_RANGE = 2_000


def _add(text: str, value: int) -> str:
    return str(int(text) + int(value))


class Indexer:
    """Folds LegMarketplace events into the index; one instance per gateway."""

    def __init__(self, chain: LegChain, sessions: sessionmaker, start_block: int = 0):
        self.chain = chain
        self.sessions = sessions
        self.start_block = start_block
        self._timestamps: dict[int, int] = {}

    def last_block(self) -> int:
        """The last block in the index (``start_block - 1`` before the first sync)."""
        with self.sessions() as session:
            cursor = session.get(Cursor, CURSOR)
            return cursor.last_block if cursor else self.start_block - 1

    def sync(self, to_block: int | None = None, confirmations: int = 0) -> int:
        """Index every block up to ``to_block`` (default: the head minus ``confirmations``).

        Returns:
            The number of events applied.
        """
        from ape import chain as ape_chain
        from ape.types import LogFilter

        market = self.chain.marketplace
        applied = 0
        with self.chain.lock:
            head = ape_chain.blocks.height - confirmations
            target = head if to_block is None else min(to_block, head)
            start = self.last_block() + 1
            while start <= target:
                stop = min(start + MAX_RANGE - 1, target)
                log_filter = LogFilter(
                    addresses=[market.address],
                    events=list(market.contract_type.events),
                    start_block=start,
                    stop_block=stop,
                )
                logs = list(ape_chain.provider.get_contract_logs(log_filter))
                logs.sort(key=lambda log: (log.block_number, log.log_index))
                with self.sessions.begin() as session:
                    for log in logs:
                        self._apply(session, log)
                    cursor = session.get(Cursor, CURSOR)
                    if cursor is None:
                        session.add(Cursor(name=CURSOR, last_block=stop))
                    else:
                        cursor.last_block = stop
                applied += len(logs)
                start = stop + 1
        return applied

    # ------------------------------------------------------------ event handlers

    def _timestamp(self, block: int) -> datetime:
        from ape import chain as ape_chain

        if block not in self._timestamps:
            self._timestamps[block] = ape_chain.provider.get_block(block).timestamp
        return datetime.fromtimestamp(self._timestamps[block], tz=UTC)

    def _apply(self, session: Session, log: Any) -> None:
        handler = getattr(self, f"_on_{log.event_name}", None)
        if handler is not None:
            handler(session, log, log.event_arguments)

    def _on_OfferPosted(self, session: Session, log: Any, a: dict) -> None:
        session.add(
            OfferRow(
                id=a["offerId"],
                hub_id=a["hubId"],
                resource=a["resource"],
                amount=a["amount"],
                available=a["amount"],
                price=str(a["price"]),
                level=a["level"],
                active=True,
            )
        )

    def _on_OfferCancelled(self, session: Session, log: Any, a: dict) -> None:
        offer = session.get(OfferRow, a["offerId"])
        if offer is not None:
            offer.active = False
            offer.available = 0

    def _on_OrderPosted(self, session: Session, log: Any, a: dict) -> None:
        session.add(
            OrderRow(
                id=a["orderId"],
                buyer=str(a["buyer"]),
                resource=a["resource"],
                amount=a["amount"],
                remaining=a["amount"],
                max_price=str(a["maxPrice"]),
                months=a["months"],
                preferred_hub=a["preferredHub"],
                min_level=a["minLevel"],
                escrow=str(a["escrow"]),
                status="open",
                block=log.block_number,
                tx_hash=str(log.transaction_hash),
            )
        )

    def _on_OrderCancelled(self, session: Session, log: Any, a: dict) -> None:
        order = session.get(OrderRow, a["orderId"])
        order.status = "cancelled"
        order.remaining = 0

    def _on_TradeMatched(self, session: Session, log: Any, a: dict) -> None:
        order = session.get(OrderRow, a["orderId"])
        order.remaining -= a["amount"]
        if order.remaining == 0:
            order.status = "filled"
        offer = session.get(OfferRow, a["offerId"])
        if offer is not None:
            offer.available = max(offer.available - a["amount"], 0)
        buyer = str(a["buyer"])
        session.add(
            TradeRow(
                id=a["tradeId"],
                order_id=a["orderId"],
                offer_id=a["offerId"],
                seller_hub=a["sellerHub"],
                buyer=buyer,
                buyer_hub=int(self.chain.registry.hubOf(buyer)),
                resource=a["resource"],
                amount=a["amount"],
                price=str(a["price"]),
                months=order.months,
                used=None,
                heat_wh=0,
                billed_months=0,
                paid="0",
                fee="0",
                refund="0",
                status="pending",
                escalated=False,
                created_at=self._timestamp(log.block_number),
                block=log.block_number,
                tx_hash=str(log.transaction_hash),
            )
        )

    def _trade(self, session: Session, a: dict) -> TradeRow:
        return session.get(TradeRow, a["tradeId"])

    def _on_UsageRecorded(self, session: Session, log: Any, a: dict) -> None:
        trade = self._trade(session, a)
        trade.used = a["used"]
        trade.heat_wh = a["heatWh"]

    def _on_TradeConfirmed(self, session: Session, log: Any, a: dict) -> None:
        self._trade(session, a).status = "confirmed"

    def _on_DisputeOpened(self, session: Session, log: Any, a: dict) -> None:
        self._trade(session, a).status = "disputed"

    def _on_DisputeEscalated(self, session: Session, log: Any, a: dict) -> None:
        self._trade(session, a).escalated = True

    def _on_TradeSettled(self, session: Session, log: Any, a: dict) -> None:
        trade = self._trade(session, a)
        trade.status = "settled"
        trade.paid = _add(trade.paid, a["paid"])
        trade.fee = _add(trade.fee, a["fee"])
        trade.refund = _add(trade.refund, a["refund"])

    def _on_TradeCancelled(self, session: Session, log: Any, a: dict) -> None:
        trade = self._trade(session, a)
        trade.status = "cancelled"
        trade.refund = _add(trade.refund, a["refund"])

    def _on_StorageBilled(self, session: Session, log: Any, a: dict) -> None:
        trade = self._trade(session, a)
        trade.billed_months += a["months"]
        trade.paid = _add(trade.paid, a["paid"])
        trade.fee = _add(trade.fee, a["fee"])

    def _on_StorageNoticeGiven(self, session: Session, log: Any, a: dict) -> None:
        trade = self._trade(session, a)
        trade.months = a["endMonth"]
        trade.refund = _add(trade.refund, a["refund"])


def trades(session: Session, hub_id: int | None, status: str | None) -> list[TradeRow]:
    """Index rows of trades where ``hub_id`` sells or buys (all if None), with ``status``."""
    query = select(TradeRow).order_by(TradeRow.id)
    if hub_id is not None:
        query = query.where((TradeRow.seller_hub == hub_id) | (TradeRow.buyer_hub == hub_id))
    if status is not None:
        query = query.where(TradeRow.status == status)
    return list(session.scalars(query))
