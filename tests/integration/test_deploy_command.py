"""`ape run deploy` input errors: one line on stderr, a non-zero exit, nothing deployed."""

from __future__ import annotations

import os

import pytest


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "slot_seconds: 7\n",
            "slot_seconds: 7 out of range (input should be greater than or equal to 60)",
        ),
        ("slot_seconds: [\n", "while parsing a flow node"),
    ],
    ids=["out-of-range", "broken-yaml"],
)
def test_deploy__bad_params_file__one_line_error_and_nonzero_exit(
    tmp_path, run_ape, content, message
):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    result = run_ape(
        "run",
        "deploy",
        "--network",
        "ethereum:local:test",
        "--params",
        str(bad),
        "--deployments-dir",
        str(tmp_path / "deployments"),
        env=dict(os.environ),
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: invalid deployment parameters: ")
    assert message in lines[0]
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "deployments").exists()
