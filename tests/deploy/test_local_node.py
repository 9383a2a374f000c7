"""The anvil context manager: a free loopback port, ready when it answers, stopped afterwards."""

from __future__ import annotations

import socket

import pytest

from gridset.deploy.local_node import (
    ANVIL_CHAIN_ID,
    LocalNodeError,
    anvil_binary,
    anvil_node,
    free_port,
    rpc_call,
)


def test_free_port__bindable_on_loopback():
    port = free_port()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))


def test_anvil_binary__no_node_modules__error_says_make_setup(tmp_path):
    with pytest.raises(LocalNodeError, match="make setup"):
        anvil_binary(tmp_path)
    with pytest.raises(LocalNodeError, match="make setup"), anvil_node(project_root=tmp_path):
        pass


@pytest.mark.anvil
def test_anvil_node__started__answers_then_stops():
    with anvil_node(accounts=3) as url:
        assert url.startswith("http://127.0.0.1:")
        assert int(rpc_call(url, "eth_chainId"), 16) == ANVIL_CHAIN_ID
        assert len(rpc_call(url, "eth_accounts")) == 3
    with pytest.raises(OSError):
        rpc_call(url, "eth_chainId", timeout=1)


@pytest.mark.anvil
def test_anvil_node__bad_argument__error_with_anvil_output():
    with (
        pytest.raises(LocalNodeError, match="exited with code"),
        anvil_node(extra_args=("--no-such-flag",)),
    ):
        pass


@pytest.mark.anvil
def test_rpc_call__json_rpc_error__local_node_error():
    with anvil_node() as url, pytest.raises(LocalNodeError, match="no_such_method"):
        rpc_call(url, "no_such_method")
