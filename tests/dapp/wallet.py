"""An injected EIP-1193 test wallet for the browser tests.

The page sees a provider announced by EIP-6963 (and, if asked, also assigned to
``window.ethereum``); every request goes to Python through a Playwright binding. Python signs
with anvil dev keys (``eth_account``), can be told to reject (EIP-1193 error 4001) or to start on
another chain, forwards reads to the node, and keeps a log of what it signed and sent.
"""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eth_account import Account

USER_REJECTED = 4001
UNRECOGNIZED_CHAIN = 4902

#: The page side: an EIP-1193 provider forwarding to the ``__gridsetWallet`` binding.
_INIT_SCRIPT = (Path(__file__).with_name("wallet_provider.js")).read_text()


class RpcError(Exception):
    """A JSON-RPC error answered by the node (code, message, data as the node sent them)."""

    def __init__(self, error: dict[str, Any]):
        super().__init__(error.get("message", "RPC error"))
        self.error = error


def rpc(url: str, method: str, params: list | None = None) -> Any:
    """Send one JSON-RPC request to the node at ``url``; return its result.

    Raises:
        RpcError: the node answered with an error.
    """
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params or []})
    request = urllib.request.Request(
        url, data=body.encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.loads(response.read())
    if "error" in answer:
        raise RpcError(answer["error"])
    return answer["result"]


@dataclass
class TestWallet:
    """Wallet state: which key signs, which chain it says it is on, whether it rejects.

    Attributes:
        rpc_url: The node the wallet sends to (anvil).
        private_key: The anvil dev key that signs (hex).
        chain_id: The chain the wallet claims to be on (start on a wrong one to test switching).
        node_chain_id: The node's real chain id (the only chain it can switch to).
        reject: Answer every signing request with error 4001 (user rejected).
        requests: Every method the page called, in order.
        sent: Hashes of the transactions the wallet signed and sent.
    """

    __test__ = False  # not a pytest class

    rpc_url: str
    private_key: str
    chain_id: int
    node_chain_id: int
    reject: bool = False
    announce: bool = True
    inject_window_ethereum: bool = False
    requests: list[str] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    connected: bool = False

    @property
    def address(self) -> str:
        return Account.from_key(self.private_key).address

    def install(self, page: Any) -> None:
        """Expose the wallet to ``page`` (call before the page loads)."""
        page.expose_function("__gridsetWallet", self._handle)
        script = _INIT_SCRIPT.replace("ANNOUNCE", json.dumps(self.announce)).replace(
            "INJECT", json.dumps(self.inject_window_ethereum)
        )
        page.add_init_script(script)

    def _handle(self, raw: str) -> str:
        call = json.loads(raw)
        method, params = call["method"], call["params"]
        self.requests.append(method)
        try:
            answer: dict[str, Any] = self._answer(method, params)
        except RpcError as err:
            answer = {"error": err.error}
        except WalletError as err:
            answer = {"error": {"code": err.code, "message": str(err)}}
        return json.dumps(answer)

    def _answer(self, method: str, params: list) -> dict[str, Any]:
        if method == "eth_requestAccounts":
            self.connected = True
            return {"result": [self.address]}
        if method == "eth_accounts":
            return {"result": [self.address] if self.connected else []}
        if method == "eth_chainId":
            return {"result": hex(self.chain_id)}
        if method == "net_version":
            return {"result": str(self.chain_id)}
        if method == "wallet_switchEthereumChain":
            wanted = int(params[0]["chainId"], 16)
            if wanted != self.node_chain_id:
                raise WalletError(UNRECOGNIZED_CHAIN, f"unrecognized chain {wanted}")
            self.chain_id = wanted
            return {"result": None, "emit": ["chainChanged", hex(wanted)]}
        if method == "eth_sendTransaction":
            self._check_signing()
            return {"result": self._send(params[0])}
        if method in ("eth_signTypedData_v4", "eth_signTypedData"):
            self._check_signing()
            data = params[1] if isinstance(params[1], dict) else json.loads(params[1])
            signed = Account.sign_typed_data(self.private_key, full_message=data)
            return {"result": "0x" + signed.signature.hex().removeprefix("0x")}
        if method == "personal_sign":
            self._check_signing()
            from eth_account.messages import encode_defunct

            message = encode_defunct(hexstr=params[0])
            signed = Account.sign_message(message, self.private_key)
            return {"result": "0x" + signed.signature.hex().removeprefix("0x")}
        return {"result": rpc(self.rpc_url, method, params)}

    def _check_signing(self) -> None:
        if self.reject:
            raise WalletError(USER_REJECTED, "User rejected the request.")
        if self.chain_id != self.node_chain_id:
            raise WalletError(4100, f"the wallet is on chain {self.chain_id}")

    def _send(self, tx: dict[str, Any]) -> str:
        node = self.rpc_url
        call = {k: v for k, v in tx.items() if k in ("from", "to", "data", "value")}
        gas = int(tx["gas"], 16) if tx.get("gas") else int(rpc(node, "eth_estimateGas", [call]), 16)
        price = int(rpc(node, "eth_gasPrice"), 16)
        nonce = int(rpc(node, "eth_getTransactionCount", [self.address, "pending"]), 16)
        unsigned = {
            "type": 2,
            "chainId": self.chain_id,
            "nonce": nonce,
            "to": tx.get("to"),
            "data": tx.get("data", "0x"),
            "value": int(tx.get("value", "0x0"), 16),
            "gas": gas + gas // 5,
            "maxFeePerGas": 2 * price + 1,
            "maxPriorityFeePerGas": 1,
        }
        signed = Account.sign_transaction(unsigned, self.private_key)
        raw = signed.raw_transaction.hex()
        tx_hash = rpc(node, "eth_sendRawTransaction", ["0x" + raw.removeprefix("0x")])
        self.sent.append(tx_hash)
        return tx_hash


class WalletError(Exception):
    """An EIP-1193 provider error the wallet itself raises (rejection, unknown chain)."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
