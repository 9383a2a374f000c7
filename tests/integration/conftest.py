"""Helpers for tests that run the project's commands as a user types them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APE = str(Path(sys.executable).with_name("ape"))


@pytest.fixture(scope="session")
def run_ape():
    """Run this environment's `ape` CLI in the project root; returns the CompletedProcess.

    The child gets a new session without a controlling terminal, so a hidden prompt (passphrase,
    private key) reads ``stdin`` instead of waiting on /dev/tty.
    """

    def run_ape(*args: str, env: dict[str, str], stdin: str | None = None):
        return subprocess.run(
            [APE, *args],
            cwd=ROOT,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=180,
            start_new_session=True,
        )

    return run_ape
