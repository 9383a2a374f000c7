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
   (phase 1, contribution hashes, beacon, verification-key sha256, proving-key sha256) beside
   it, and the final proving key to publish, named by its sha256
   (``NettingProvingKey<N>-<sha256>.zkey``, :func:`publish_key`).
6. ``check``: anyone checks a deployed verifier (:func:`check_code`) and a downloaded proving key
   (:func:`check_key`) against the committed transcript.

Work files (R1CS, ``.ptau``, the successive ``.zkey``) live in ``zk/ceremony/netting<N>/``
(git-ignored); the final ``.zkey`` is the proving key the netting entity proves with
(:func:`prove`).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import secrets
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from ape.cli import ConnectedProviderCommand

from gridset.netting import build, zk
from gridset.toolchain import solc

NODE_SCRIPT = zk.ZK_DIR / "ceremony.mjs"
#: Default work folder of the ceremonies (git-ignored).
CEREMONY_DIR = zk.ZK_DIR / "ceremony"
#: Iterations of the beacon's hash chain, as a power of two (snarkjs' default is 10).
BEACON_ITERATIONS_EXP = 10
#: The ceremony's running transcript in its work folder.
TRANSCRIPT = "transcript.json"
#: The project's own ceremonies, committed: verifiers and transcripts (``export --out``).
KEYS_DIR = zk.ZK_DIR / "keys"
#: Folder (in the work folder) of the proving key to publish (tens of MB: never in git).
PUBLISH = "publish"
_VK_CONSTANT_RE = re.compile(r"uint256\(0x([0-9a-f]{64})\)")


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


def local_phase1(power: int, out: Path, entropy: str | None = None) -> dict[str, Any]:
    """Run a local phase 1 (powers of tau on bn128, 2^``power``) into ``out``: a new
    accumulator, one contribution with ``entropy`` (fresh randomness when omitted), a beacon of
    fresh randomness, prepared for phase 2. One file serves every circuit up to 2^``power``
    constraints (:func:`phase1_power`: 2^15 covers 32 seats). Sound only if this machine's
    contribution was honest: a real community uses a public ``.ptau`` (e.g. the perpetual powers
    of tau).

    Returns:
        ``{"power", "contribution" (hex hash to publish), "sha256" (of ``out``), "seconds"}``.

    Raises:
        ZkError: snarkjs failed.
    """
    answer = _run(
        "phase1",
        {
            "power": power,
            "out": str(out),
            "entropy": entropy or secrets.token_hex(32),
            "beacon": secrets.token_hex(32),
        },
    )
    record = {
        "power": power,
        "contribution": answer["contribution"],
        "sha256": sha256(out),
        "seconds": round(answer["seconds"], 1),
    }
    _phase1_record(out).write_text(json.dumps(record, indent=2) + "\n")
    return record


def _phase1_record(ptau: Path) -> Path:
    """Where :func:`local_phase1` records a phase 1 it ran (beside the ``.ptau``)."""
    return ptau.with_name(ptau.name + ".json")


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
        ptau: a prepared phase-1 transcript (``.ptau``, phase 2 ready) of sufficient power
            (one serves all sizes up to its power; a local one from :func:`local_phase1` is
            recorded as such, with its contribution hash); without it a local phase 1 of the
            smallest fitting power is run (one contribution with ``phase1_entropy`` or fresh
            randomness, and a beacon): fine for tests, but a real community should use a
            public one.

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
        local = local_phase1(power, phase1, phase1_entropy)
        source = {"local": True, "power": power, "contribution": local["contribution"]}
        seconds = local["seconds"]
    else:
        shutil.copyfile(ptau, phase1)
        source = {"local": False, "file": ptau.name}
        seconds = 0.0
        record = _phase1_record(ptau)
        if record.exists() and json.loads(record.read_text())["sha256"] == sha256(phase1):
            local = json.loads(record.read_text())  # a shared phase 1 run by `phase1`
            source = {"local": True, "file": ptau.name, "power": local["power"]}
            source["contribution"] = local["contribution"]
            seconds = local["seconds"]
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


def key_archive_name(seats: int, sha256_hex: str) -> str:
    """File name of a published proving key: content-addressed by its sha256 (hex, the
    transcript's ``provingKeySha256``), so a download names the hash it must have."""
    return f"NettingProvingKey{seats}-{sha256_hex}.zkey"


def publish_key(work: Path, out_dir: Path | None = None) -> Path:
    """Copy the sealed ceremony's final proving key into ``out_dir`` (default
    ``<work>/publish``) under its content-addressed name (:func:`key_archive_name`), ready to
    upload as is (any static host, IPFS, a release asset). A ``.zkey`` is curve points, which
    do not compress, so the archive is the key file itself.

    Returns:
        The archive's path.

    Raises:
        CeremonyError: not exported yet (the transcript records no proving-key sha256), or
            the final key is not the one the transcript records.
    """
    transcript = _load(work)
    recorded = transcript.get("provingKeySha256")
    if not recorded:
        raise CeremonyError("export the ceremony before publishing its proving key")
    zkey = _zkey(work, transcript)
    if sha256(zkey) != recorded:
        raise CeremonyError(f"{zkey.name} is not the proving key the transcript records")
    out_dir = out_dir or work / PUBLISH
    out_dir.mkdir(parents=True, exist_ok=True)
    archive = out_dir / key_archive_name(transcript["seats"], recorded)
    partial = archive.with_suffix(f".{os.getpid()}.tmp")
    shutil.copyfile(zkey, partial)
    partial.replace(archive)  # never a half-written file under the final name
    return archive


def export(
    work: Path, out_dir: Path = build.GENERATED_DIR, publish_dir: Path | None = None
) -> Path:
    """Write the sealed ceremony's verifier and transcript into ``out_dir`` (and a copy into
    ``work``, which :mod:`gridset.netting.keys` deploys from), and the final proving key to
    publish into ``publish_dir`` (default ``<work>/publish``, :func:`publish_key`).

    The public transcript holds the phase 1, the contribution hashes, the beacon, the
    verification key (ZoKrates format), its sha256 and the final proving key's sha256 (whoever
    proves checks the ``.zkey`` it downloaded against it: :func:`check_key`).

    Returns:
        The verifier's path (``NettingVerifier<N>.sol``; the transcript is beside it).

    Raises:
        CeremonyError: not sealed by a beacon, or it fails :func:`verify`.
    """
    transcript = _load(work)
    if not transcript["beacon"]:
        raise CeremonyError("seal the ceremony with `beacon` before exporting")
    inspection = inspect(work)
    problems_found = problems(transcript, inspection)
    if problems_found:
        raise CeremonyError("; ".join(problems_found))
    transcript["seconds"]["verify"] = round(inspection["seconds"], 1)
    zkey = _zkey(work, transcript)
    exported = _run("export", {"zkey": str(zkey)})
    vk_sha256 = _vk_sha256(exported["vk"])
    (work / "verification.key.json").write_text(json.dumps(exported["vk"], separators=(",", ":")))
    transcript["verificationKeySha256"] = vk_sha256
    transcript["verificationKey"] = exported["vk"]
    transcript["provingKeySha256"] = sha256(zkey)
    _save(work, transcript)
    seats = transcript["seats"]
    names = ", ".join(c["name"] for c in transcript["contributions"])
    setup = (
        f"multi-party ceremony (snarkjs; {len(transcript['contributions'])} contributions: "
        f"{names}; beacon {transcript['beacon']['value'][:16]}...), transcript "
        f"{transcript_path(seats).name}"
    )
    public = {k: v for k, v in transcript.items() if k != "seconds"}
    for folder in (work, out_dir):
        folder.mkdir(parents=True, exist_ok=True)
        path = build.export_verifier(
            seats,
            exported["verifier"],
            exported["zokratesVersion"],
            setup,
            vk_sha256,
            folder,
            f"ape run netting ceremony export --seats {seats}",
        )
        transcript_path(seats, folder).write_text(json.dumps(public, indent=2) + "\n")
    publish_key(work, publish_dir)
    return path


def verifier_artifact(seats: int, folder: Path) -> dict[str, Any]:
    """``NettingVerifier<seats>`` compiled from the exported sources in ``folder`` (with its
    ``NettingPairing.sol``) by the project's solc and settings, cached by source hash.

    Returns:
        ``{"abi", "bytecode", "runtime"}`` (hex strings).

    Raises:
        FileNotFoundError: ``folder`` holds no exported verifier for ``seats``.
        ToolchainError: the compilation failed.
    """
    files = {
        name: (folder / name).read_text()
        for name in (f"NettingVerifier{seats}.sol", "NettingPairing.sol")
    }
    digest = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()
    cache = CEREMONY_DIR / ".compiled" / f"{digest}.json"
    if cache.exists():
        return json.loads(cache.read_text())
    artifact = solc.compile_files(zk.ROOT, files, f"NettingVerifier{seats}")
    cache.parent.mkdir(parents=True, exist_ok=True)
    partial = cache.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(artifact))
    partial.replace(cache)  # atomic: parallel test workers share the cache
    return artifact


def strip_metadata(code: bytes) -> bytes:
    """Runtime code without solc's trailing CBOR metadata (it hashes the source path, so one
    source compiled in two places differs only there): the last two bytes give its length."""
    if len(code) < 2:
        return code
    length = int.from_bytes(code[-2:], "big") + 2
    return code[:-length] if length <= len(code) else code


def _vk_constants(vk: dict[str, Any]) -> list[int]:
    """Every coordinate of a ZoKrates verification key, in the order of its verifier source."""
    values = [*vk["alpha"], *[v for pair in vk["beta"] for v in pair]]
    values += [v for pair in vk["gamma"] for v in pair] + [v for pair in vk["delta"] for v in pair]
    values += [v for point in vk["gamma_abc"] for v in point]
    return [int(v, 16) for v in values]


def check_source(seats: int, folder: Path = KEYS_DIR) -> list[str]:
    """Check the ceremony committed in ``folder`` (``NettingCeremony<seats>.json`` beside
    ``NettingVerifier<seats>.sol``): the transcript's verification key hashes to its recorded
    ``verificationKeySha256``, and the verifier source names that hash and holds exactly that
    key's coordinates, in order, in ``verifyingKey()``.

    Returns:
        The problems found; empty when the verifier source is the transcript's.

    Raises:
        FileNotFoundError: no committed ceremony for ``seats`` in ``folder``.
    """
    transcript = json.loads(transcript_path(seats, folder).read_text())
    source = (folder / f"NettingVerifier{seats}.sol").read_text()
    found = []
    vk = transcript.get("verificationKey")
    if vk is None or _vk_sha256(vk) != transcript["verificationKeySha256"]:
        found.append("the transcript's verification key does not match its recorded sha256")
    else:
        body = source.partition("function verifyingKey()")[2].partition("}")[0]
        if _VK_CONSTANT_RE.findall(body) != [f"{v:064x}" for v in _vk_constants(vk)]:
            found.append("the verifier source does not hold the transcript's verification key")
    if transcript["verificationKeySha256"] not in source:
        found.append("the verifier source's header names another verification key")
    return found


def check_code(seats: int, code: bytes, folder: Path = KEYS_DIR) -> list[str]:
    """Check a deployed verifier against the ceremony committed in ``folder``: the source
    checks of :func:`check_source`, and ``code`` (the deployed runtime code, ``eth_getCode``)
    is that source compiled by the project's solc and settings (compared without the metadata).

    Returns:
        The problems found; empty when the deployed verifier is the transcript's.

    Raises:
        FileNotFoundError: no committed ceremony for ``seats`` in ``folder``.
        ToolchainError: the verifier source does not compile.
    """
    found = check_source(seats, folder)
    if not code:
        found.append("no contract at that address")
    elif strip_metadata(code) != strip_metadata(
        bytes.fromhex(verifier_artifact(seats, folder)["runtime"][2:])
    ):
        found.append("the deployed code is not the transcript's verifier")
    return found


def check_key(seats: int, zkey: Path, folder: Path = KEYS_DIR) -> list[str]:
    """Check a proving key (e.g. downloaded from where the community published it) against the
    ceremony committed in ``folder``: its sha256 is the transcript's ``provingKeySha256`` (it is
    the sealed key, every contribution and the beacon included) and the verification key it
    holds is the transcript's (hashes to ``verificationKeySha256``: the one the deployed
    verifier holds, see :func:`check_code`, so its proofs verify there).

    Returns:
        The problems found; empty when ``zkey`` is the ceremony's proving key.

    Raises:
        FileNotFoundError: no committed ceremony for ``seats`` in ``folder``, or no ``zkey``.
    """
    transcript = json.loads(transcript_path(seats, folder).read_text())
    found = []
    recorded = transcript.get("provingKeySha256")
    if not recorded:
        found.append("the transcript records no proving-key sha256")
    elif sha256(zkey) != recorded:
        found.append("the proving key's sha256 is not the transcript's")
    try:
        vk = _run("export", {"zkey": str(zkey)})["vk"]
    except zk.ZkError:
        found.append("the proving key cannot be read (not a Groth16 .zkey)")
        return found
    if _vk_sha256(vk) != transcript["verificationKeySha256"]:
        found.append("the proving key's verification key is not the transcript's")
    return found


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


@cli.command("phase1")
@click.option("--power", type=click.IntRange(8, 28), required=True, help="2^power constraints")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="the .ptau to write")
def _phase1(power: int, out: Path) -> None:
    """A local phase 1 for all circuit sizes up to 2^power (then `init --ptau`)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    click.echo(json.dumps(local_phase1(power, out)))


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
@click.option(
    "--publish",
    type=click.Path(path_type=Path),
    default=None,
    help="folder for the proving key to publish [default: <dir>/netting<N>/publish]",
)
def _export(seats: str, root: Path, out: Path, publish: Path | None) -> None:
    """Write NettingVerifier<N>.sol, NettingCeremony<N>.json and the proving key to publish."""
    work = work_dir(int(seats), root)
    click.echo(f"wrote {export(work, out, publish)}")
    transcript = _load(work)
    archive = (publish or work / PUBLISH) / key_archive_name(
        int(seats), transcript["provingKeySha256"]
    )
    click.echo(f"publish {archive} (sha256 {transcript['provingKeySha256']})")


@cli.command("check", cls=ConnectedProviderCommand)
@_seats
@click.option("--address", default=None, help="the verifier (default: the address book's)")
@click.option(
    "--keys",
    type=click.Path(path_type=Path),
    default=KEYS_DIR,
    show_default=True,
    help="folder of the committed verifier and transcript",
)
@click.option(
    "--zkey",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="also check this proving key (e.g. a downloaded NettingProvingKey<N>-<sha256>.zkey)",
)
def _check(seats: str, address: str | None, keys: Path, zkey: Path | None) -> None:
    """Check that a deployed NettingVerifier<N> (and a proving key) is the committed ceremony's."""
    from ape import chain

    from gridset.deploy.addresses import connected_address_book

    name = f"NettingVerifier{seats}"
    address = address or connected_address_book().contracts.get(name)
    if not address:
        raise click.UsageError(f"no {name} in the address book: pass --address")
    problems = check_code(int(seats), bytes(chain.provider.get_code(address)), keys)
    if zkey is not None:
        problems += check_key(int(seats), zkey, keys)
    for problem in problems:
        click.echo(f"FAIL: {problem}")
    if problems:
        raise SystemExit(1)
    transcript = json.loads(transcript_path(int(seats), keys).read_text())
    click.echo(
        f"{name} at {address} is the ceremony's (vk sha256 {transcript['verificationKeySha256']})"
    )
    if zkey is not None:
        click.echo(f"{zkey} is its proving key (sha256 {transcript['provingKeySha256']})")


def main(argv: Sequence[str] | None = None) -> None:
    """Command line entry (``python -m gridset.netting.ceremony``)."""
    cli.main(args=argv, prog_name="python -m gridset.netting.ceremony")


if __name__ == "__main__":
    main()
