"""A third-party client of a GridSet deployment: web3.py, ``abi/`` and the address book only.

It imports nothing from the ``gridset`` package (``test_deploy_anvil.py`` runs it in its own
process and checks that): contracts are built from ``abi/<Contract>.json`` at the addresses
of ``deployments/<network>-<chain id>.json``, role holders are read from the book's ``roles``,
and every revert is decoded with ``abi/GridSetErrors.json`` alone. On a development chain
(anvil) it runs one whole slot and a broker swap, moving chain time with anvil's RPC:

stake -> bid with an EIP-2612 permit -> ask -> clear -> report (three operators) -> finalise
-> settle (seller, buyer)
-> add WATT liquidity to the broker pool -> the seller sells its surplus credits.

Usage: ``python anvil_client.py RPC_URL BOOK ABI_DIR ACCOUNTS_JSON`` (ACCOUNTS_JSON:
``{"keys": {address: private key}, "traders": [seller, buyer, keeper]}`` with anvil's dev
accounts); prints one JSON object with what the chain reports.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from eth_account import Account
from eth_utils import function_abi_to_4byte_selector
from web3 import Web3
from web3.exceptions import ContractCustomError

WATT = 10**18
MAX_UINT256 = 2**256 - 1
#: Address-book name -> ABI file, where they differ (the suite's payment token is WATT).
ABI_OF = {"PaymentToken": "WattToken"}


class Client:
    """Contracts from abi/ and the address book; transactions signed with local keys."""

    def __init__(self, rpc: str, book: dict[str, Any], abi_dir: Path, keys: dict[str, str]):
        self.w3 = Web3(Web3.HTTPProvider(rpc))
        self.book = book
        self.keys = {Web3.to_checksum_address(a): k for a, k in keys.items()}
        self.c = {
            name: self.w3.eth.contract(
                address=address,
                abi=json.loads((abi_dir / f"{ABI_OF.get(name, name)}.json").read_text()),
            )
            for name, address in book["contracts"].items()
        }
        self.errors = {
            function_abi_to_4byte_selector(e): e
            for e in json.loads((abi_dir / "GridSetErrors.json").read_text())
            if e["type"] == "error"
        }

    # ---------------------------------------------------------------- roles and accounts

    def holders(self, role: str) -> list[str]:
        """Holders of ``<Contract>.<ROLE>`` recorded in the address book."""
        return self.book["roles"][role]

    # ---------------------------------------------------------------- transactions

    def decode_error(self, data: str) -> tuple[str, list[Any]]:
        """Name and arguments of a custom error from its revert data (GridSetErrors.json)."""
        raw = bytes.fromhex(data.removeprefix("0x"))
        entry = self.errors[raw[:4]]
        types = [i["type"] for i in entry["inputs"]]
        return entry["name"], list(self.w3.codec.decode(types, raw[4:]))

    def send(self, sender: str, call: Any) -> Any:
        """Sign and send ``call`` from ``sender``; return the receipt (status 1).

        Raises:
            RuntimeError: the call reverts; the message is the decoded custom error.
        """
        try:
            tx = call.build_transaction(
                {"from": sender, "nonce": self.w3.eth.get_transaction_count(sender)}
            )
        except ContractCustomError as err:
            name, args = self.decode_error(err.data)
            raise RuntimeError(f"{name}{tuple(args)}") from None
        signed = Account.sign_transaction(tx, self.keys[sender])
        receipt = self.w3.eth.wait_for_transaction_receipt(
            self.w3.eth.send_raw_transaction(signed.raw_transaction)
        )
        assert receipt.status == 1, receipt
        return receipt

    def event(self, contract: str, name: str, receipt: Any) -> Any:
        """The first ``name`` event of ``contract`` in ``receipt``."""
        return getattr(self.c[contract].events, name)().process_receipt(receipt)[0].args

    # ---------------------------------------------------------------- chain time (anvil)

    def now(self) -> int:
        return self.w3.eth.get_block("latest").timestamp

    def warp(self, timestamp: int) -> None:
        """Mine a block at ``timestamp`` (Unix s) if the chain is not there yet."""
        if self.now() < timestamp:
            self.w3.provider.make_request("evm_setNextBlockTimestamp", [timestamp])
            self.w3.provider.make_request("evm_mine", [])

    # ---------------------------------------------------------------- steps

    def sign_permit(self, owner: str, spender: str, value: int, deadline: int) -> tuple:
        """EIP-2612 permit of ``value`` WATT base units from ``owner`` to ``spender``, signed
        with the owner's key against WATT's own EIP-712 domain; returns ``(v, r, s)``."""
        watt = self.c["PaymentToken"]
        _, name, version, chain_id, contract, _, _ = watt.functions.eip712Domain().call()
        signed = Account.sign_typed_data(
            self.keys[owner],
            {"name": name, "version": version, "chainId": chain_id, "verifyingContract": contract},
            {
                "Permit": [
                    {"name": "owner", "type": "address"},
                    {"name": "spender", "type": "address"},
                    {"name": "value", "type": "uint256"},
                    {"name": "nonce", "type": "uint256"},
                    {"name": "deadline", "type": "uint256"},
                ]
            },
            {
                "owner": owner,
                "spender": spender,
                "value": value,
                "nonce": watt.functions.nonces(owner).call(),
                "deadline": deadline,
            },
        )
        return signed.v, signed.r.to_bytes(32, "big"), signed.s.to_bytes(32, "big")

    def place_bid(self, buyer: str, slot: int, price: int, quantity: int) -> int:
        """Place a bid in one transaction, its escrow (``price * quantity / 1000`` WATT base
        units) allowed by an EIP-2612 permit signed off chain
        (``EnergyMarket.placeBidWithPermit``); return the order id."""
        market = self.c["EnergyMarket"]
        deadline = self.now() + 600
        v, r, s = self.sign_permit(buyer, market.address, price * quantity // 1000, deadline)
        call = market.functions.placeBidWithPermit(slot, price, quantity, deadline, v, r, s)
        receipt = self.send(buyer, call)
        return self.event("EnergyMarket", "OrderPlaced", receipt).orderId


def run(client: Client, seller: str, buyer: str, keeper: str) -> dict[str, Any]:
    """One slot and one broker swap; returns the figures a test checks."""
    c, send = client.c, client.send
    issuer = client.holders("PaymentToken.MINTER_ROLE")[0]
    installer = client.holders("PanelNFT.INSTALLER_ROLE")[0]
    operators = client.holders("EnergyOracle.operator")
    market, vault, oracle = c["EnergyMarket"], c["StakingVault"], c["EnergyOracle"]
    watt, energy = c["PaymentToken"], c["EnergyToken"]
    slot_seconds = c["PanelRegistry"].functions.slotLength().call()

    # WATT for everyone, a panel for the seller, and the seller's stake.
    # WATT is minted only against attested reserves: the issuer (an attestor on a dev
    # deployment) attests the supply after the mints first.
    funding = ((seller, 10 * WATT), (buyer, 10 * WATT), (issuer, 20 * WATT))
    supply = watt.functions.totalSupply().call() + sum(amount for _, amount in funding)
    send(issuer, watt.functions.attestReserves(supply))
    for account, amount in funding:
        send(issuer, watt.functions.mint(account, amount))
    minted = send(installer, c["PanelNFT"].functions.mint(seller, "ipfs://client-panel", 5000))
    panel = client.event("PanelNFT", "PanelMinted", minted).tokenId
    send(seller, c["PanelRegistry"].functions.registerPanel(panel, seller, 5000))
    send(seller, watt.functions.approve(vault.address, 2 * WATT))
    send(seller, vault.functions.depositStake(2 * WATT))

    # Orders for the next slot whose gate is still open: 1 kWh bid at 0.12, ask at 0.10 WATT/kWh.
    slot = (client.now() + 2 * slot_seconds) // slot_seconds * slot_seconds
    bid = client.place_bid(buyer, slot, 120 * WATT // 1000, 1000)
    placed = send(seller, market.functions.placeAsk(slot, 100 * WATT // 1000, 1000))
    ask = client.event("EnergyMarket", "OrderPlaced", placed).orderId

    gate_closure = slot - market.functions.gateClosureLead().call()
    client.warp(gate_closure)
    try:  # a late bid: the revert decodes with GridSetErrors.json alone
        client.place_bid(buyer, slot, 120 * WATT // 1000, 1000)
        late_bid_error = None
    except RuntimeError as err:
        late_bid_error = str(err)
    cleared = client.event(
        "EnergyMarket", "AuctionCleared", send(keeper, market.functions.clearAuction(slot))
    )

    # The slot passes; three operators report 1000, 1100, 1210 Wh (median 1100); finalise.
    client.warp(slot + slot_seconds)
    for operator, wh in zip(operators, (1000, 1100, 1210), strict=True):
        send(operator, oracle.functions.reportProductionBatch(slot, [panel], [wh]))
    client.warp(oracle.functions.reportingDeadline(slot).call())
    send(keeper, oracle.functions.finalizeTimeSlot(slot))

    settlement = c["SettlementEngine"]
    client.warp(settlement.functions.settlementReadyAt(slot).call())  # dispute window over
    watt_before = {a: watt.functions.balanceOf(a).call() for a in (seller, buyer)}
    for participant in (seller, buyer):  # sellers first
        send(keeper, settlement.functions.settleParticipant(slot, participant))
    record = settlement.functions.getSettlementRecord
    fields = [o["name"] for o in record.abi["outputs"][0]["components"]]
    settled = {a: record(slot, a).call()[fields.index("isSettled")] for a in (seller, buyer)}

    # The broker: the issuer provides WATT liquidity, the seller sells its surplus credits.
    router = c["EnergyBrokerRouter"]
    # The dynamic rate is fixed per period: quote and swap inside one period (a boundary between
    # them may move the rate by up to the LP fee, and the test compares the fill with the quote).
    period = c["DynamicRateProvider"].functions.periodLength().call()
    client.warp((client.now() // period + 1) * period + 1)
    deadline = client.now() + 600
    send(issuer, watt.functions.approve(router.address, 10 * WATT))
    send(
        issuer,
        router.functions.addLiquidity(
            watt.address, energy.address, 10 * WATT, 0, 0, 0, issuer, deadline
        ),
    )
    surplus = energy.functions.balanceOf(seller).call()
    path = [energy.address, watt.address]
    quoted = router.functions.getAmountsOut(surplus, path).call()[-1]
    send(seller, energy.functions.approve(router.address, surplus))
    watt_pre_swap = watt.functions.balanceOf(seller).call()
    send(
        seller,
        router.functions.swapExactTokensForTokens(
            surplus, quoted * 99 // 100, path, seller, deadline
        ),
    )
    return {
        "slot": slot,
        "orders": [bid, ask],
        "clearing_price": cleared.clearingPrice,
        "cleared_wh": cleared.totalQuantity,
        "late_bid_error": late_bid_error,
        "buyer_permits_used": watt.functions.nonces(buyer).call(),
        "accepted_wh": oracle.functions.getProductionReport(panel, slot).call()[2],
        "settled": [settled[seller], settled[buyer]],
        "seller_watt_gain": watt.functions.balanceOf(seller).call() - watt_before[seller],
        "buyer_watt_change": watt.functions.balanceOf(buyer).call() - watt_before[buyer],
        "buyer_credits_wh": energy.functions.balanceOf(buyer).call(),
        "seller_surplus_wh": surplus,
        "swap_quote": quoted,
        "swap_received": watt.functions.balanceOf(seller).call() - watt_pre_swap,
        "seller_credits_after_swap": energy.functions.balanceOf(seller).call(),
    }


def main(argv: list[str]) -> None:
    rpc, book_path, abi_dir, keys_path = argv
    book = json.loads(Path(book_path).read_text())
    accounts = json.loads(Path(keys_path).read_text())
    client = Client(rpc, book, Path(abi_dir), accounts["keys"])
    seller, buyer, keeper = (Web3.to_checksum_address(a) for a in accounts["traders"])
    print(json.dumps(run(client, seller, buyer, keeper)))


if __name__ == "__main__":
    main(sys.argv[1:])
