"""Build the netting circuits: compile, trusted setup, export the verifiers into the contracts tree.

Run ``python -m gridset.netting.build [--seats 2 4 8 16] [--entropy TEXT]``.

For each size the build compiles ``zk/netting<N>.zok``, runs the Groth16 setup, keeps program and
keys in ``zk/build/netting<N>/`` (git-ignored; with ``meta.json``: constraints, compile and setup
seconds) and writes ``contracts/netting/generated/NettingVerifier<N>.sol``: ZoKrates' verifier
with ``Verifier`` renamed to ``NettingVerifier<N>``, its ``Pairing`` library moved to
``NettingPairing.sol`` (shared by all sizes), and a generated-file header with the ZoKrates
version and the sha256 of the verification key. The default entropy is
:data:`gridset.netting.zk.DEMO_ENTROPY`: a reproducible, insecure demo setup.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from gridset.netting import zk

GENERATED_DIR = zk.ROOT / "contracts" / "netting" / "generated"
PRAGMA = "pragma solidity 0.8.28;"
_VK_HASH_RE = re.compile(r"^// Verification key sha256: ([0-9a-f]{64})$", re.MULTILINE)


def zokrates_js_version() -> str:
    """Version of the installed zokrates-js npm package."""
    package = zk.ROOT / "node_modules" / "zokrates-js" / "package.json"
    return json.loads(package.read_text())["version"]


def vk_hash(seats: int) -> str:
    """sha256 (hex) of the cached verification key of the ``seats`` circuit.

    Raises:
        FileNotFoundError: the circuit is not built.
    """
    key = zk.circuit_dir(seats) / "verification.key.json"
    return hashlib.sha256(key.read_bytes()).hexdigest()


def verifier_path(seats: int) -> Path:
    """Path of the committed verifier contract for ``seats`` seats."""
    return GENERATED_DIR / f"NettingVerifier{seats}.sol"


def uses_demo_keys(seats: int) -> bool:
    """True when the committed ``NettingVerifier<seats>.sol`` comes from the demo setup."""
    return DEMO_SETUP_LABEL in verifier_path(seats).read_text()


def committed_vk_hash(seats: int) -> str | None:
    """The verification-key hash recorded in the committed verifier, or None if there is none."""
    path = verifier_path(seats)
    match = _VK_HASH_RE.search(path.read_text()) if path.exists() else None
    return match.group(1) if match else None


def is_built(seats: int) -> bool:
    """True when the cache holds keys for ``seats`` that match the committed verifier."""
    if not (zk.circuit_dir(seats) / "proving.key").exists():
        return False
    return committed_vk_hash(seats) == vk_hash(seats)


def _header(lines: Sequence[str]) -> str:
    return "".join(f"// {line}\n" if line else "//\n" for line in lines)


#: Command that writes the demo verifiers (the ceremony's: ``python -m gridset.netting.ceremony``).
BUILD_COMMAND = "python -m gridset.netting.build"


def _common_header(zokrates_version: str, command: str = BUILD_COMMAND) -> list[str]:
    return [
        "SPDX-License-Identifier: MIT",
        f"Generated - do not edit. Regenerate with `{command}`.",
        f"Exported by ZoKrates {zokrates_version} (zokrates-js {zokrates_js_version()}).",
    ]


def setup_label(entropy: str) -> str:
    """How a ZoKrates setup with ``entropy`` is described in the verifier header (the demo
    entropy is labelled insecure)."""
    return DEMO_SETUP_LABEL if entropy == zk.DEMO_ENTROPY else "setup with private entropy"


#: Header label of the demo setup; :mod:`gridset.netting.deploy` refuses it off development chains.
DEMO_SETUP_LABEL = (
    "demo setup from public entropy: NOT secure, anyone can forge proofs (see docs/netting.md)"
)


def verifier_header(
    seats: int, zokrates_version: str, setup: str, vk_sha256: str, command: str = BUILD_COMMAND
) -> str:
    """The generated-file header of ``NettingVerifier<seats>.sol`` (``//`` comment lines).

    ``zokrates_version`` is the ZoKrates version the verifier was exported by, ``setup`` the
    description of the trusted setup (:func:`setup_label`, or a ceremony's), ``vk_sha256`` the
    hex sha256 of the verification key. A fresh build writes exactly this header, so the
    committed verifiers must carry it too (a test checks it: a build in CI must not rewrite
    tracked files). ``command`` is the command that regenerates the file.
    """
    return _header(
        [
            *_common_header(zokrates_version, command),
            f"Groth16 verifier of zk/netting{seats}.zok ({seats} seats; public inputs:"
            f" round, before[{seats}], after[{seats}]).",
            f"Trusted setup: {setup}.",
            f"Verification key sha256: {vk_sha256}",
        ]
    )


def export_verifier(
    seats: int,
    raw: str,
    zokrates_version: str,
    setup: str,
    vk_sha256: str,
    out_dir: Path = GENERATED_DIR,
    command: str = BUILD_COMMAND,
) -> Path:
    """Write ``NettingVerifier<seats>.sol`` and ``NettingPairing.sol`` from ZoKrates' verifier
    into ``out_dir`` (``setup`` and ``vk_sha256`` as in :func:`verifier_header`).

    Returns:
        The verifier's path.

    Raises:
        ValueError: ``raw`` does not have the layout of a ZoKrates 0.8 Groth16 verifier.
    """
    license_text, sep, body = raw.partition("pragma solidity ^0.8.0;\n")
    library, sep2, contract = body.partition("contract Verifier {")
    if not sep or not sep2 or not library.lstrip().startswith("library Pairing {"):
        raise ValueError("unexpected ZoKrates verifier layout")
    common = _common_header(zokrates_version)
    rename = re.compile(r"\bPairing\b")
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "NettingPairing.sol").write_text(
        _header([*common, "BN254 pairing library shared by the NettingVerifier<N> contracts."])
        + license_text
        + PRAGMA
        + "\n\n"
        + rename.sub("NettingPairing", library.strip())
        + "\n"
    )
    verifier = rename.sub("NettingPairing", f"contract NettingVerifier{seats} {{{contract}")
    path = out_dir / verifier_path(seats).name
    path.write_text(
        verifier_header(seats, zokrates_version, setup, vk_sha256, command)
        + license_text
        + PRAGMA
        + "\n\n"
        + 'import {NettingPairing} from "./NettingPairing.sol";\n\n'
        + verifier.strip()
        + "\n"
    )
    return path


def build_commitment_program() -> None:
    """Compile ``zk/commitment.zok`` into the cache (no setup: it is only executed).

    Raises:
        ZkError: the compilation failed.
    """
    zk.run_node(
        "build",
        {"source": str(zk.ZK_DIR / "commitment.zok"), "outDir": str(zk.BUILD_DIR / "commitment")},
    )


def build_circuit(seats: int, entropy: str = zk.DEMO_ENTROPY) -> dict:
    """Compile and set up the ``seats`` circuit and export its verifier.

    Returns:
        ``{"seats", "constraints", "compileSeconds", "setupSeconds", "zokratesVersion",
        "vkSha256"}``, also saved as ``zk/build/netting<seats>/meta.json``.

    Raises:
        ZkError: compilation or setup failed.
        ValueError: no circuit of that size.
    """
    out_dir = zk.circuit_dir(seats)
    meta = zk.run_node(
        "build",
        {"source": str(zk.circuit_source(seats)), "outDir": str(out_dir), "entropy": entropy},
    )
    export_verifier(
        seats,
        (out_dir / "verifier.sol").read_text(),
        meta["zokratesVersion"],
        setup_label(entropy),
        vk_hash(seats),
    )
    meta = {"seats": seats, **meta, "vkSha256": vk_hash(seats)}
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    return meta


def ensure_built(seats: int) -> None:
    """Build the commitment program and the ``seats`` circuit unless the cache is current.

    Raises:
        ZkError: the build failed.
        RuntimeError: the rebuilt verifier differs from the committed one (recompile contracts).
    """
    with _build_lock():
        _ensure_commitment_program()
        if is_built(seats):
            return
        before = committed_vk_hash(seats)
        build_circuit(seats)
    if before is not None and before != committed_vk_hash(seats):
        raise RuntimeError(
            f"rebuilt netting{seats} verifier differs from the committed one; run `ape compile`"
        )


def ensure_commitment_program() -> None:
    """Build the commitment program unless it is cached (commitments need it whichever keys
    prove the netting).

    Raises:
        ZkError: the build failed.
    """
    with _build_lock():
        _ensure_commitment_program()


def _ensure_commitment_program() -> None:
    if not (zk.BUILD_DIR / "commitment" / "program.bin").exists():
        build_commitment_program()


@contextmanager
def _build_lock() -> Iterator[None]:
    """Serialise builds across processes (parallel test workers, a simulation next to tests):
    an exclusive lock on ``zk/build/.lock`` held for the whole check-and-build."""
    zk.BUILD_DIR.mkdir(parents=True, exist_ok=True)
    with open(zk.BUILD_DIR / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: build the given circuit sizes (default: all) and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seats", type=int, nargs="+", default=list(zk.SEATS))
    parser.add_argument("--entropy", default=zk.DEMO_ENTROPY, help="setup entropy (secret!)")
    args = parser.parse_args(argv)
    build_commitment_program()
    for seats in args.seats:
        print(json.dumps(build_circuit(seats, args.entropy)))


if __name__ == "__main__":
    main()
