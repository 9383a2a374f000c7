"""Multi-party trusted setup (Groth16 phase 1 + phase 2 ceremony) for the netting circuits.

Keys from the demo setup (:data:`gridset.netting.zk.DEMO_ENTROPY`) can be forged by anyone; a
ceremony's keys are sound as long as one contributor was honest and destroyed its entropy.
snarkjs 0.7 (npm) runs the ceremony on the R1CS that zokrates-js exports (``snarkjs: true``);
``zk/ceremony.mjs`` is the Node side. The exported verifier is ZoKrates' own (MIT) verifier
filled with the ceremony's verification key, so ``DUtility``, the proof format and the
verification gas stay those of the ZoKrates setup (snarkjs's own Solidity template is GPL-3.0;
it is not used).

Steps (``python -m gridset.netting.ceremony <step> --seats N``; each prints what to attest):

1. ``init``: compile the circuit, take phase 1 from a public ``.ptau`` (``--ptau``, e.g. the
   perpetual powers of tau) or run a small local one, and create the initial phase-2 key.
2. ``contribute``: any participant adds its own entropy; prints the contribution hash.
3. ``beacon``: the coordinator seals the key with a public random value (e.g. a future block
   hash) announced in advance.
4. ``verify``: anyone checks every contribution against the circuit and phase 1, and that the
   key's contributions and beacon are the ones recorded in the transcript.
5. ``export``: write ``NettingVerifier<N>.sol`` and the transcript ``NettingCeremony<N>.json``
   (phase 1, contribution hashes, beacon, verification-key sha256) beside it.

Work files (R1CS, ``.ptau``, the successive ``.zkey``) live in ``zk/ceremony/netting<N>/``
(git-ignored); the final ``.zkey`` is the proving key the netting entity proves with
(:func:`prove`).
"""

from __future__ import annotations

import hashlib
import json
import math
import secrets
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from gridset.netting import build, zk

NODE_SCRIPT = zk.ZK_DIR / "ceremony.mjs"
#: Default work folder of the ceremonies (git-ignored).
CEREMONY_DIR = zk.ZK_DIR / "ceremony"
#: Iterations of the beacon's hash chain, as a power of two (snarkjs' default is 10).
BEACON_ITERATIONS_EXP = 10
#: The ceremony's running transcript in its work folder.
TRANSCRIPT = "transcript.json"


class CeremonyError(RuntimeError):
    """A ceremony step is out of order, or the ceremony failed verification."""


def work_dir(seats: int, root: Path = CEREMONY_DIR) -> Path:
    """Work folder of the ``seats`` circuit's ceremony under ``root``."""
    zk.circuit_source(seats)  # rejects unknown sizes
    return root / f"netting{seats}"


def transcript_path(seats: int, out_dir: Path = build.GENERATED_DIR) -> Path:
    """The exported transcript, committed beside ``NettingVerifier<seats>.sol``."""
    return out_dir / f"NettingCeremony{seats}.json"


def sha256(path: Path) -> str:
    """Hex sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def phase1_power(constraints: int, seats: int) -> int:
    """Smallest powers-of-tau size (2^power) that fits a circuit: snarkjs needs a domain of at
    least constraints + public inputs (2 * seats + 1) + 1."""
    return math.ceil(math.log2(constraints + 2 * seats + 2))


def _run(command: str, request: dict[str, Any]) -> dict[str, Any]:
    return zk.run_node(command, request, timeout=7200, script=NODE_SCRIPT)


def _load(work: Path) -> dict[str, Any]:
    path = work / TRANSCRIPT
    if not path.exists():
        raise CeremonyError(f"no ceremony in {work}: run `init` first")
    return json.loads(path.read_text())


def _save(work: Path, transcript: dict[str, Any]) -> None:
    (work / TRANSCRIPT).write_text(json.dumps(transcript, indent=2) + "\n")


def _zkey(work: Path, transcript: dict[str, Any]) -> Path:
    """The current (latest) phase-2 key."""
    return work / f"key{len(transcript['contributions']) + bool(transcript['beacon']):04d}.zkey"


def init(
    seats: int,
    work: Path,
    ptau: Path | None = None,
    phase1_entropy: str | None = None,
) -> dict[str, Any]:
    """Start the ceremony of the ``seats`` circuit in ``work`` (replacing any there).

    Args:
        seats: circuit size.
        work: work folder (see :func:`work_dir`).
        ptau: a prepared phase-1 transcript (``.ptau``, phase 2 ready) of sufficient power; without
            it a local phase 1 of the smallest fitting power is run (one contribution with
            ``phase1_entropy`` or fresh randomness, and a beacon): fine for tests, but a real
            community should use a public one.

    Returns:
        The transcript so far (phase 1 and the circuit's R1CS hash).

    Raises:
        ZkError: compilation or a snarkjs step failed (e.g. a ``.ptau`` too small).
    """
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    built = zk.circuit_dir(seats)
    files = ("program.bin", "abi.json", "circuit.r1cs")
    if all((built / f).exists() for f in files):  # the demo build compiled it already
        for name in files:
            shutil.copyfile(built / name, work / name)
        constraints = json.loads((built / "meta.json").read_text())["constraints"]
    else:
        source = str(zk.circuit_source(seats))
        constraints = _run("compile", {"source": source, "outDir": str(work)})["constraints"]
    power = phase1_power(constraints, seats)
    phase1 = work / "phase1.ptau"
    if ptau is None:
        local = _run(
            "phase1",
            {
                "power": power,
                "out": str(phase1),
                "entropy": phase1_entropy or secrets.token_hex(32),
                "beacon": secrets.token_hex(32),
            },
        )
        source = {"local": True, "power": power, "contribution": local["contribution"]}
        seconds = local["seconds"]
    else:
        shutil.copyfile(ptau, phase1)
        source = {"local": False, "file": ptau.name}
        seconds = 0.0
    new = _run(
        "new",
        {
            "r1cs": str(work / "circuit.r1cs"),
            "ptau": str(phase1),
            "out": str(work / "key0000.zkey"),
        },
    )
    transcript = {
        "seats": seats,
        "circuit": f"zk/netting{seats}.zok",
        "constraints": constraints,
        "r1csSha256": sha256(work / "circuit.r1cs"),
        "phase1": {**source, "sha256": sha256(phase1)},
        "contributions": [],
        "beacon": None,
        "verificationKeySha256": None,
        "seconds": {"phase1": round(seconds, 1), "newKey": round(new["seconds"], 1)},
    }
    _save(work, transcript)
    return transcript


def contribute(work: Path, name: str, entropy: str | None = None) -> dict[str, Any]:
    """Add one participant's contribution (``entropy``: its secret randomness; fresh random
    bytes when omitted). The participant publishes the returned hash.

    Returns:
        ``{"name", "hash", "seconds"}``.

    Raises:
        CeremonyError: no ceremony, or it is already sealed by the beacon.
    """
    transcript = _load(work)
    if transcript["beacon"]:
        raise CeremonyError("the ceremony is sealed by its beacon: no more contributions")
    old = _zkey(work, transcript)
    answer = _run(
        "contribute",
        {
            "old": str(old),
            "out": str(old.with_name(f"key{int(old.stem[3:]) + 1:04d}.zkey")),
            "name": name,
            "entropy": entropy or secrets.token_hex(32),
        },
    )
    entry = {"name": name, "hash": answer["hash"], "seconds": round(answer["seconds"], 1)}
    transcript["contributions"].append(entry)
    _save(work, transcript)
    return entry


def beacon(work: Path, value: str) -> dict[str, Any]:
    """Seal the key with the public random ``value`` (hex, e.g. a block hash announced before
    the ceremony closed).

    Raises:
        CeremonyError: no contribution yet, or already sealed.
        ValueError: ``value`` is not hex.
    """
    transcript = _load(work)
    if transcript["beacon"] or not transcript["contributions"]:
        raise CeremonyError("the beacon comes once, after at least one contribution")
    value = value.removeprefix("0x").lower()
    bytes.fromhex(value)
    old = _zkey(work, transcript)
    answer = _run(
        "beacon",
        {
            "old": str(old),
            "out": str(old.with_name(f"key{int(old.stem[3:]) + 1:04d}.zkey")),
            "name": "beacon",
            "beacon": value,
            "iterationsExp": BEACON_ITERATIONS_EXP,
        },
    )
    transcript["beacon"] = {
        "value": value,
        "iterationsExp": BEACON_ITERATIONS_EXP,
        "hash": answer["hash"],
        "seconds": round(answer["seconds"], 1),
    }
    _save(work, transcript)
    return transcript["beacon"]


def inspect(work: Path, zkey: Path | None = None) -> dict[str, Any]:
    """What a phase-2 key (``zkey``, default the latest in ``work``) holds, checked by snarkjs
    against the circuit's R1CS and phase 1 in ``work``.

    Returns:
        ``{"valid", "r1csSha256", "contributions": [{"name", "hash", "beacon"}] (oldest first),
        "verificationKeySha256", "seconds"}``.
    """
    zkey = zkey or _zkey(work, _load(work))
    answer = _run(
        "verify",
        {"r1cs": str(work / "circuit.r1cs"), "ptau": str(work / "phase1.ptau"), "zkey": str(zkey)},
    )
    return {
        "valid": answer["valid"],
        "r1csSha256": sha256(work / "circuit.r1cs"),
        "contributions": list(reversed(answer["contributions"])),  # snarkjs: latest first
        "verificationKeySha256": _vk_sha256(_run("export", {"zkey": str(zkey)})["vk"]),
        "seconds": answer["seconds"],
    }


def problems(transcript: dict[str, Any], inspection: dict[str, Any]) -> list[str]:
    """Differences between a transcript and an inspected key (:func:`inspect`); empty when the
    key is valid and is exactly the transcript's (contributions, beacon and, once exported, the
    verification key)."""
    found = []
    if inspection["r1csSha256"] != transcript["r1csSha256"]:
        found.append("the R1CS is not the transcript's circuit")
    if not inspection["valid"]:
        found.append("the key does not verify against the circuit and phase 1")
        return found
    expected = [(c["name"], c["hash"], None) for c in transcript["contributions"]]
    if transcript["beacon"]:
        b = transcript["beacon"]
        expected.append(("beacon", b["hash"], b["value"]))
    if [(c["name"], c["hash"], c["beacon"]) for c in inspection["contributions"]] != expected:
        found.append("the key's contributions differ from the transcript's")
    recorded = transcript["verificationKeySha256"]
    if recorded and recorded != inspection["verificationKeySha256"]:
        found.append("the final verification key differs from the transcript's")
    return found


def verify(
    work: Path, transcript: dict[str, Any] | None = None, zkey: Path | None = None
) -> list[str]:
    """Check the ceremony: every contribution of the key (``zkey``, default the latest in
    ``work``) is valid for the circuit's R1CS and phase 1, and the contributions, beacon and (once
    exported) verification key are the ones ``transcript`` records (default: the work folder's).

    Returns:
        The problems found; empty when the ceremony checks out.
    """
    return problems(transcript or _load(work), inspect(work, zkey))


def _vk_sha256(vk: dict[str, Any]) -> str:
    """sha256 of a verification key as the build stores it (compact JSON)."""
    return hashlib.sha256(json.dumps(vk, separators=(",", ":")).encode()).hexdigest()


def export(work: Path, out_dir: Path = build.GENERATED_DIR) -> Path:
    """Write the sealed ceremony's verifier and transcript into ``out_dir``.

    Returns:
        The verifier's path (``NettingVerifier<N>.sol``; the transcript is beside it).

    Raises:
        CeremonyError: not sealed by a beacon, or it fails :func:`verify`.
    """
    transcript = _load(work)
    if not transcript["beacon"]:
        raise CeremonyError("seal the ceremony with `beacon` before exporting")
    problems = verify(work, transcript)
    if problems:
        raise CeremonyError("; ".join(problems))
    exported = _run("export", {"zkey": str(_zkey(work, transcript))})
    vk_sha256 = _vk_sha256(exported["vk"])
    (work / "verification.key.json").write_text(json.dumps(exported["vk"], separators=(",", ":")))
    transcript["verificationKeySha256"] = vk_sha256
    _save(work, transcript)
    seats = transcript["seats"]
    names = ", ".join(c["name"] for c in transcript["contributions"])
    setup = (
        f"multi-party ceremony (snarkjs; {len(transcript['contributions'])} contributions: "
        f"{names}; beacon {transcript['beacon']['value'][:16]}...), transcript "
        f"{transcript_path(seats).name}"
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    path = build.export_verifier(
        seats,
        exported["verifier"],
        exported["zokratesVersion"],
        setup,
        vk_sha256,
        out_dir,
        f"python -m gridset.netting.ceremony export --seats {seats}",
    )
    public = {k: v for k, v in transcript.items() if k != "seconds"}
    transcript_path(seats, out_dir).write_text(json.dumps(public, indent=2) + "\n")
    return path


def prove(work: Path, args: list[Any]) -> zk.Proof:
    """Witness (ZoKrates) and Groth16 proof (snarkjs) with the ceremony's final key, in
    ZoKrates' proof format (``zk.Proof``, same ``contract_proof()``).

    Raises:
        CeremonyError: the ceremony is not sealed.
        ZkError: an assertion of the circuit fails (the netting is not valid).
    """
    transcript = _load(work)
    if not transcript["beacon"]:
        raise CeremonyError("the ceremony is not sealed: no final key to prove with")
    answer = _run("prove", {"dir": str(work), "zkey": str(_zkey(work, transcript)), "args": args})
    return zk.proof_from_answer(answer)


@click.group()
def cli() -> None:
    """Multi-party trusted setup of the netting circuits (see the module docstring)."""


_seats = click.option("--seats", type=click.Choice([str(s) for s in zk.SEATS]), required=True)
_root = click.option(
    "--dir", "root", type=click.Path(path_type=Path), default=CEREMONY_DIR, show_default=True
)


@cli.command("init")
@_seats
@_root
@click.option("--ptau", type=click.Path(exists=True, path_type=Path), help="public phase 1")
def _init(seats: str, root: Path, ptau: Path | None) -> None:
    """Compile, phase 1 (given or local), initial phase-2 key."""
    click.echo(json.dumps(init(int(seats), work_dir(int(seats), root), ptau), indent=2))


@cli.command("contribute")
@_seats
@_root
@click.option("--name", required=True, help="your public name in the transcript")
def _contribute(seats: str, root: Path, name: str) -> None:
    """Add your contribution (asks for entropy; publish the printed hash)."""
    entropy = click.prompt("entropy (type random text)", hide_input=True) + secrets.token_hex(32)
    entry = contribute(work_dir(int(seats), root), name, entropy)
    click.echo(f"contribution hash of {name} (publish it): {entry['hash']}")


@cli.command("beacon")
@_seats
@_root
@click.option("--value", required=True, help="public random value, hex (e.g. a block hash)")
def _beacon(seats: str, root: Path, value: str) -> None:
    """Seal the ceremony with a public random beacon."""
    click.echo(json.dumps(beacon(work_dir(int(seats), root), value)))


@cli.command("verify")
@_seats
@_root
@click.option("--transcript", type=click.Path(exists=True, path_type=Path), default=None)
def _verify(seats: str, root: Path, transcript: Path | None) -> None:
    """Check every contribution and the final key against the circuit and the transcript."""
    recorded = json.loads(transcript.read_text()) if transcript else None
    problems = verify(work_dir(int(seats), root), recorded)
    for problem in problems:
        click.echo(f"FAIL: {problem}")
    if problems:
        raise SystemExit(1)
    click.echo("ceremony OK")


@cli.command("export")
@_seats
@_root
@click.option(
    "--out", type=click.Path(path_type=Path), default=build.GENERATED_DIR, show_default=True
)
def _export(seats: str, root: Path, out: Path) -> None:
    """Write NettingVerifier<N>.sol and NettingCeremony<N>.json."""
    click.echo(f"wrote {export(work_dir(int(seats), root), out)}")


def main(argv: Sequence[str] | None = None) -> None:
    """Command line entry (``python -m gridset.netting.ceremony``)."""
    cli.main(args=argv, prog_name="python -m gridset.netting.ceremony")


if __name__ == "__main__":
    main()
