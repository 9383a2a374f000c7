"""A throw-away anvil node on 127.0.0.1: the JSON-RPC dev chain for integration runs.

anvil comes from npm (``@foundry-rs/anvil``, pinned in ``package-lock.json``); ``make setup``
installs it into ``node_modules``. The node listens on a free loopback port only, derives its
dev accounts from anvil's default mnemonic (the same one as ``ape-config.yaml``'s ``test:``
section) and is stopped when the context ends.
"""

from __future__ import annotations

import json
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ANVIL_RELATIVE = Path("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil")
ANVIL_CHAIN_ID = 31337
HOST = "127.0.0.1"


class LocalNodeError(RuntimeError):
    """anvil is missing, did not start in time, or exited early."""


def anvil_binary(project_root: Path = PROJECT_ROOT) -> Path:
    """Return the path of the anvil executable installed by ``npm ci`` in ``project_root``.

    Raises:
        LocalNodeError: ``node_modules`` lacks anvil (``make setup`` was not run).
    """
    path = project_root / ANVIL_RELATIVE
    if not path.is_file():
        raise LocalNodeError(
            f"anvil not found at {path}: run `make setup` (npm ci installs @foundry-rs/anvil)"
        )
    return path


def free_port(host: str = HOST) -> int:
    """Return a TCP port on ``host`` that is free right now (the OS picks it for port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def rpc_call(url: str, method: str, params: list | None = None, timeout: float = 2.0) -> object:
    """Send one JSON-RPC request to ``url`` and return its ``result``.

    Raises:
        OSError: the node is not reachable (connection refused, timeout).
        LocalNodeError: the node answered with a JSON-RPC error.
    """
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params or []})
    request = urllib.request.Request(
        url, data=body.encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        answer = json.loads(response.read())
    if "error" in answer:
        raise LocalNodeError(f"{method} failed: {answer['error']}")
    return answer["result"]


def _wait_until_ready(process: subprocess.Popen, url: str, timeout: float, log: IO[str]) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            log.seek(0)
            output = log.read()
            raise LocalNodeError(
                f"anvil exited with code {process.returncode} before answering: {output.strip()}"
            )
        try:
            rpc_call(url, "eth_chainId", timeout=0.5)
            return
        except (OSError, urllib.error.URLError):
            if time.monotonic() > deadline:
                raise LocalNodeError(
                    f"anvil did not answer eth_chainId at {url} in {timeout} s"
                ) from None
            time.sleep(0.05)


def _stop(process: subprocess.Popen, timeout: float) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def anvil_node(
    *,
    accounts: int = 12,
    project_root: Path = PROJECT_ROOT,
    start_timeout: float = 10.0,
    stop_timeout: float = 5.0,
    extra_args: tuple[str, ...] = (),
) -> Iterator[str]:
    """Run anvil on 127.0.0.1 at a free port for the duration of the ``with`` block.

    Args:
        accounts: Number of funded dev accounts (from anvil's default mnemonic).
        project_root: Folder whose ``node_modules`` holds anvil.
        start_timeout: Seconds to wait for the node to answer ``eth_chainId``.
        stop_timeout: Seconds to wait after SIGTERM before killing the node.
        extra_args: Further anvil command-line arguments.

    Yields:
        The node's JSON-RPC URL, ``http://127.0.0.1:<port>``.

    Raises:
        LocalNodeError: anvil is not installed, exited early, or did not answer in time.
    """
    binary = anvil_binary(project_root)
    port = free_port()
    url = f"http://{HOST}:{port}"
    command = [
        str(binary),
        "--host",
        HOST,
        "--port",
        str(port),
        "--accounts",
        str(accounts),
        "--chain-id",
        str(ANVIL_CHAIN_ID),
        "--quiet",
        *extra_args,
    ]
    # Output goes to a temporary file, not a pipe: an unread pipe could fill up and stall the node.
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        try:
            _wait_until_ready(process, url, start_timeout, log)
            yield url
        finally:
            _stop(process, stop_timeout)
