"""Drive market slots on a local chain: funding, orders, clearing, claims, oracle data, settlement.

Used by the tests, the gas benchmark, the simulation's market stage and tools that replay slots.
Time moves only forward (``gridset.chain_time``), so it needs a local chain whose clock can be
set (eth-tester, anvil).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from gridset.chain_time import advance_to, next_slot_start
from gridset.market.relay import OrderRequest, relay_orders
from gridset.reference.clearing import price_of
from gridset.signatures import sign_permit, vrs_arguments
from gridset.tokens.balances import withdraw_internal_balance
from gridset.tokens.watt import issue_watt

MAX_UINT256 = 2**256 - 1


class SlotDriver:
    """One deployed suite seen from the market's side, with its parameters read once.

    Attributes:
        price_floor, tick_size: the price grid for auctions opened from now on (base units/kWh).
        collateral_per_kwh: stake encumbered per kWh offered (stake-token base units).
        slot_seconds, gate_lead, reporting_window, dispute_window, settlement_timeout: seconds.
    """

    def __init__(self, chain: Any, suite: Any, operators: Sequence[Any], keeper: Any) -> None:
        """``operators``: oracle operators (the first ``quorum`` report); ``keeper``: the account
        that sends permissionless calls (clearing, claims, finalisation, settlement)."""
        self.chain, self.suite, self.keeper = chain, suite, keeper
        self.market, self.settlement = suite.energy_market, suite.settlement_engine
        self.oracle, self.watt, self.vault = (
            suite.energy_oracle,
            suite.payment_token,
            suite.staking_vault,
        )
        floor, tick, collateral, _, _ = self.market.marketParameters()
        self.price_floor, self.tick_size, self.collateral_per_kwh = (
            int(floor),
            int(tick),
            int(collateral),
        )
        self.slot_seconds = int(self.market.slotLength())
        self.gate_lead = int(self.market.gateClosureLead())
        self.reporting_window = int(self.oracle.reportingWindow())
        params = self.settlement.parameters()
        self.dispute_window = int(params.disputeWindow)
        self.settlement_timeout = int(params.settlementTimeout)
        self.operators = list(operators)[: int(self.oracle.quorum())]

    # ---------------------------------------------------------------- accounts

    def fund(
        self,
        issuer: Any,
        trader: Any,
        watt: int,
        stake: int = 0,
        disputes: bool = True,
        approve_market: bool = True,
    ) -> None:
        """Issue ``watt`` base units to ``trader`` (``issuer`` holds WATT's MINTER_ROLE), approve
        the market (escrow; unless ``approve_market`` is false: the trader funds bids by permit)
        and, if ``disputes``, the settlement engine (dispute bonds) without limit, and deposit
        ``stake`` of it in the StakingVault."""
        issue_watt(self.watt, issuer, trader, watt)
        if approve_market:
            self.watt.approve(self.market, MAX_UINT256, sender=trader)
        if disputes:
            self.watt.approve(self.settlement, MAX_UINT256, sender=trader)
        if stake:
            self.watt.approve(self.vault, stake, sender=trader)
            self.vault.depositStake(stake, sender=trader)

    # ---------------------------------------------------------------- schedule (Unix s)

    def next_slot(self, lead: int | None = None) -> int:
        """The first slot starting more than ``lead`` seconds (default: one slot) from now."""
        return next_slot_start(
            self.chain.pending_timestamp + (lead or self.slot_seconds), self.slot_seconds
        )

    def gate_closure(self, slot: int) -> int:
        return slot - self.gate_lead

    def reporting_deadline(self, slot: int) -> int:
        return slot + self.slot_seconds + self.reporting_window

    def timeout_at(self, slot: int) -> int:
        """When the slot settles in timeout mode if the oracle has not finalised it."""
        return self.reporting_deadline(slot) + self.settlement_timeout

    # ---------------------------------------------------------------- trading

    def price(self, tick: int) -> int:
        return price_of(tick, self.price_floor, self.tick_size)

    def place(self, trader: Any, slot: int, is_bid: bool, price: int, quantity: int) -> Any:
        """Place a bid (``is_bid``) or an ask of ``quantity`` Wh at ``price`` (payment-token base
        units per kWh, on the slot's price grid); return the receipt (``order_id`` reads the
        order's id from it)."""
        place = self.market.placeBid if is_bid else self.market.placeAsk
        return place(slot, price, quantity, sender=trader)

    def bid(self, trader: Any, slot: int, tick: int, quantity: int) -> int:
        """Place a bid of ``quantity`` Wh at ``tick``; return its order id."""
        return self.order_id(self.place(trader, slot, True, self.price(tick), quantity))

    def bid_with_permit(self, trader: Any, slot: int, tick: int, quantity: int) -> Any:
        """Place a bid of ``quantity`` Wh at ``tick`` with an EIP-2612 permit for its escrow (no
        approval transaction); return the receipt."""
        return self.place_with_permit(trader, slot, True, self.price(tick), quantity)

    def place_with_permit(
        self, trader: Any, slot: int, is_bid: bool, price: int, quantity: int
    ) -> Any:
        """``place``, a bid carrying an EIP-2612 permit for exactly its escrow (no approval);
        return the receipt."""
        if not is_bid:
            return self.market.placeAsk(slot, price, quantity, sender=trader)
        escrow = quantity * price // 1000
        deadline = self.chain.pending_timestamp + 3600
        signature = sign_permit(self.watt, trader, self.market, escrow, deadline)
        return self.market.placeBidWithPermit(
            slot, price, quantity, deadline, *vrs_arguments(signature), sender=trader
        )

    def relay(self, relayer: Any, requests: Sequence[OrderRequest]) -> Any:
        """Households' signed orders placed in one ``OrderRelay.placeOrders`` call by
        ``relayer`` (a licence holder); return the receipt (``order_ids`` reads the placed ids).
        """
        return relay_orders(self.suite.order_relay, self.watt, requests, relayer)

    def order_ids(self, receipt: Any) -> list[int]:
        """The ids of the orders a receipt placed, in order."""
        return [int(e.orderId) for e in receipt.events.filter(self.market.OrderPlaced)]

    def ask(self, trader: Any, slot: int, tick: int, quantity: int) -> int:
        """Place an ask of ``quantity`` Wh at ``tick``; return its order id."""
        return self.order_id(self.place(trader, slot, False, self.price(tick), quantity))

    def order_id(self, receipt: Any) -> int:
        """The id of the order a placing receipt created."""
        # Read from the event: return values of transactions are unreliable on eth-tester.
        return int(receipt.events.filter(self.market.OrderPlaced)[0].orderId)

    def clear(self, slot: int) -> Any:
        """Move to gate closure (if not past it) and clear the slot; return the receipt."""
        advance_to(self.chain, self.gate_closure(slot))
        return self.market.clearAuction(slot, sender=self.keeper)

    def claim(self, order_ids: Iterable[int]) -> list[Any]:
        """Claim orders in batches of the market's maximum; return the receipts."""
        ids, size = list(order_ids), int(self.market.MAX_BATCH_SIZE())
        return [
            self.market.claimOrders(ids[i : i + size], sender=self.keeper)
            for i in range(0, len(ids), size)
        ]

    # ---------------------------------------------------------------- oracle

    def report(self, slot: int, production: Mapping[int, int]) -> None:
        """Report ``{panel id: Wh}`` for the slot from a quorum of operators (after the slot)."""
        if not production:
            return
        advance_to(self.chain, slot + self.slot_seconds)
        panels, values = list(production), list(production.values())
        for operator in self.operators:
            self.oracle.reportProductionBatch(slot, panels, values, sender=operator)

    def finalize_oracle(self, slot: int) -> Any:
        """Move to the reporting deadline and finalise the slot's oracle data."""
        advance_to(self.chain, self.reporting_deadline(slot))
        return self.oracle.finalizeTimeSlot(slot, sender=self.keeper)

    def open_settlement(self, slot: int) -> None:
        """Move to the end of the dispute window after the oracle's finalisation."""
        advance_to(self.chain, int(self.oracle.finalizedAt(slot)) + self.dispute_window)

    def time_out(self, slot: int) -> None:
        """Move to the moment the slot may settle in timeout mode."""
        advance_to(self.chain, self.timeout_at(slot))

    def keep(self, slot: int, max_calls: int = 1_000) -> list[Any]:
        """Call the keeper entry point ``settleTimeSlot`` until the slot is settled (at most
        ``max_calls`` times); return the receipts."""
        receipts = []
        while not self.settlement.isTimeSlotSettled(slot) and len(receipts) < max_calls:
            receipts.append(self.settlement.settleTimeSlot(slot, sender=self.keeper))
        return receipts

    def settle(
        self, slot: int, participants: Sequence[Any], to_balances: bool = False
    ) -> list[Any]:
        """Settle ``participants`` (sellers first!) in batches, then close the slot. Settlement
        claims each participant's orders itself. With ``to_balances`` the batches are
        ``settleBatch`` calls (money booked to internal balances in the market, energy credits in
        the engine; withdraw with ``withdraw_all``), else ``settleParticipants`` (transfers)."""
        size = int(self.settlement.MAX_BATCH_SIZE())
        if not participants:  # the keeper entry point settles the traders and closes the slot
            return self.keep(slot)
        settle = self.settlement.settleBatch if to_balances else self.settlement.settleParticipants
        receipts = [
            settle(slot, participants[i : i + size], sender=self.keeper)
            for i in range(0, len(participants), size)
        ]
        receipts.append(self.settlement.finalizeTimeSlot(slot, sender=self.keeper))
        return receipts

    def withdraw_all(self, owners: Iterable[Any]) -> list[Any]:
        """Each owner withdraws its whole internal balance (WATT, from the market) and its energy
        credits (from the engine), where non-zero; returns the receipts."""
        receipts = []
        for owner in owners:
            _, receipt = withdraw_internal_balance(self.market, owner)
            if receipt is not None:
                receipts.append(receipt)
            credits = int(self.settlement.energyCreditOf(owner))
            if credits:
                receipts.append(self.settlement.withdrawEnergy(credits, sender=owner))
        return receipts
