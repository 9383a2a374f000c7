"""The ZoKrates side of the private netting, driven from Python.

``zk/zokrates.mjs`` (Node 20, zokrates-js from ``node_modules``) does the ZoKrates work; this
module calls it through a subprocess with JSON requests and turns balances into its arguments.

Files: circuits ``zk/netting<N>.zok`` (N = 2, 4, 8, 16, 32 seats), the commitment program
``zk/commitment.zok``, and the build cache ``zk/build/`` (git-ignored: compiled programs, proving
and verification keys, raw verifier). The exported verifiers are committed under
``contracts/netting/generated/`` (see :mod:`gridset.netting.build`).
"""

from __future__ import annotations

import json
import secrets
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ZK_DIR = ROOT / "zk"
BUILD_DIR = ZK_DIR / "build"
NODE_SCRIPT = ZK_DIR / "zokrates.mjs"

#: Circuit sizes (seats) provided in ``zk/``.
SEATS: tuple[int, ...] = (2, 4, 8, 16, 32)
#: Order of the BN254 scalar field, where ZoKrates computes.
FIELD_MODULUS = 21888242871839275222246405745257275088548364400416034343698204186575808495617
#: Largest |balance| (Ws) a circuit accepts: magnitudes are u64.
MAX_MAGNITUDE = 2**64 - 1
#: Entropy of the demo trusted setup. Public, so the setup is reproducible (a clone rebuilds the
#: committed verifiers byte for byte) and NOT secure: anyone can derive its toxic waste and forge
#: proofs. Production needs a secret entropy or, better, a multi-party ceremony.
DEMO_ENTROPY = "gridset-netting-demo-setup-v1"


class ZkError(RuntimeError):
    """zokrates.mjs failed: missing build artifacts, a compile error or a failed assertion."""


@dataclass(frozen=True)
class Proof:
    """A Groth16 proof from ZoKrates and the public inputs it was made for.

    ``a``, ``b``, ``c`` are BN254 points as ZoKrates emits them (hex strings); ``inputs`` are
    ``[round, before[N], after[N]]`` as integers.
    """

    a: tuple[str, str]
    b: tuple[tuple[str, str], tuple[str, str]]
    c: tuple[str, str]
    inputs: tuple[int, ...]
    witness_seconds: float
    proving_seconds: float

    def contract_proof(self) -> tuple:
        """The proof as the ``IDUtility.Proof`` struct argument ``(a, b, c)`` (integers)."""
        return (
            tuple(int(v, 16) for v in self.a),
            tuple(tuple(int(v, 16) for v in pair) for pair in self.b),
            tuple(int(v, 16) for v in self.c),
        )


def run_node(
    command: str, request: dict[str, Any], timeout: float = 900, script: Path = NODE_SCRIPT
) -> dict[str, Any]:
    """Run ``node <script> <command>`` (default ``zk/zokrates.mjs``; the ceremony's is
    ``zk/ceremony.mjs``) with ``request`` as JSON on stdin.

    Returns:
        The decoded JSON answer.

    Raises:
        ZkError: the script failed (its error message is in the exception).
    """
    proc = subprocess.run(
        ["node", str(script), command],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    try:
        answer = json.loads(proc.stdout) if proc.stdout else {}
    except json.JSONDecodeError as exc:
        raise ZkError(f"{script.name} {command}: unreadable output {proc.stdout[:200]!r}") from exc
    if proc.returncode != 0 or "error" in answer:
        raise ZkError(answer.get("error") or proc.stderr.strip() or f"exit {proc.returncode}")
    return answer


def circuit_source(seats: int) -> Path:
    """Path of the circuit for ``seats`` seats.

    Raises:
        ValueError: no circuit of that size.
    """
    if seats not in SEATS:
        raise ValueError(f"no netting circuit for {seats} seats; sizes: {SEATS}")
    return ZK_DIR / f"netting{seats}.zok"


def circuit_dir(seats: int) -> Path:
    """Build-cache folder of the circuit for ``seats`` seats."""
    return BUILD_DIR / f"netting{seats}"


def seats_for(households: int) -> int:
    """Circuit size for ``households`` households (as ``DUtility.seatsFor``).

    Raises:
        ValueError: more households than the largest circuit has seats, or none.
    """
    if households < 1:
        raise ValueError("a netting needs at least one household")
    for seats in SEATS:
        if seats >= households:
            return seats
    raise ValueError(f"{households} households exceed the largest circuit ({SEATS[-1]} seats)")


def encode(balance: int) -> int:
    """Field encoding of a signed balance (Ws): ``balance mod p``.

    Raises:
        ValueError: ``|balance|`` exceeds :data:`MAX_MAGNITUDE`.
    """
    if abs(balance) > MAX_MAGNITUDE:
        raise ValueError(f"|balance| {abs(balance)} Ws exceeds the circuit bound {MAX_MAGNITUDE}")
    return balance % FIELD_MODULUS


def random_salt() -> int:
    """A fresh uniformly random salt (a BN254 field element) for one commitment."""
    return secrets.randbelow(FIELD_MODULUS)


def commitments(openings: Sequence[tuple[int, int]]) -> list[int]:
    """Poseidon commitments (``zk/commitment.zok``) of ``(balance in Ws, salt)`` pairs.

    Raises:
        ZkError: the commitment program is not built (run :func:`gridset.netting.build.build`).
        ValueError: a balance exceeds the circuit bound.
    """
    cases = [[str(encode(balance)), str(salt)] for balance, salt in openings]
    if not cases:
        return []
    answer = run_node("run", {"dir": str(BUILD_DIR / "commitment"), "cases": cases})
    return [int(value) for value in answer["outputs"]]


def witness_args(
    seats: int,
    round_id: int,
    before: Sequence[tuple[int, int]],
    after: Sequence[tuple[int, int]],
    before_commitments: Sequence[int],
    after_commitments: Sequence[int],
) -> list[Any]:
    """Arguments of ``netting<seats>``'s ``main`` for a community padded to ``seats`` seats.

    Args:
        seats: circuit size.
        round_id: netting round id.
        before: ``(balance Ws, salt)`` per household before netting, in seat order.
        after: ``(balance Ws, salt)`` per household after netting, in seat order.
        before_commitments: commitments of ``before`` (what the contract stores).
        after_commitments: commitments of ``after``.

    Raises:
        ValueError: lists of different lengths, more households than seats, or a balance out
            of range.
    """
    n = len(before)
    if not n == len(after) == len(before_commitments) == len(after_commitments):
        raise ValueError("before, after and their commitments need one entry per household")
    if n > seats:
        raise ValueError(f"{n} households do not fit a {seats}-seat circuit")
    pad = seats - n

    def signs(openings: Sequence[tuple[int, int]]) -> list[bool]:
        return [balance < 0 for balance, _ in openings] + [False] * pad

    def magnitudes(openings: Sequence[tuple[int, int]]) -> list[str]:
        for balance, _ in openings:
            encode(balance)  # range check
        return [str(abs(balance)) for balance, _ in openings] + ["0"] * pad

    def salts(openings: Sequence[tuple[int, int]]) -> list[str]:
        return [str(salt) for _, salt in openings] + ["0"] * pad

    def padded(values: Sequence[int]) -> list[str]:
        return [str(v) for v in values] + ["0"] * pad

    return [
        str(round_id),
        padded(before_commitments),
        padded(after_commitments),
        signs(before),
        magnitudes(before),
        salts(before),
        signs(after),
        magnitudes(after),
        salts(after),
    ]


def check_witnesses(seats: int, cases: Sequence[list[Any]]) -> list[str | None]:
    """Compute the witness of each argument list; no proof.

    Returns:
        Per case, None when every assertion held, else ZoKrates' error message (it names the
        failed assertion, e.g. ``"weak fairness"``).

    Raises:
        ZkError: the circuit is not built.
    """
    answer = run_node("witness", {"dir": str(circuit_dir(seats)), "cases": list(cases)})
    return [None if r["ok"] else r["error"] for r in answer["results"]]


def prove(seats: int, args: list[Any]) -> Proof:
    """Compute the witness and a Groth16 proof with the cached proving key.

    Raises:
        ZkError: the circuit is not built, or an assertion fails (the netting is not valid).
    """
    return proof_from_answer(run_node("prove", {"dir": str(circuit_dir(seats)), "args": args}))


def proof_from_answer(answer: dict[str, Any]) -> Proof:
    """A :class:`Proof` from a node script's ``prove`` answer (ZoKrates' proof format)."""
    proof = answer["proof"]
    return Proof(
        a=tuple(proof["a"]),
        b=(tuple(proof["b"][0]), tuple(proof["b"][1])),
        c=tuple(proof["c"]),
        inputs=tuple(int(v, 16) for v in answer["inputs"]),
        witness_seconds=answer["witnessSeconds"],
        proving_seconds=answer["provingSeconds"],
    )
