"""Multi-party trusted setup on the 2-seat circuit: a local phase 1 of the lowest power that fits,
three contributions and a beacon, verification (and what it detects), export, and one real
proof from the ceremony's key verified on chain by the exported (ZoKrates, MIT) verifier."""

import fcntl
import json
import shutil
import subprocess

import ape
import pytest
from ape.contracts import ContractContainer
from click.testing import CliRunner
from ethpm_types import ContractType

from gridset.netting import ceremony, zk
from gridset.reference.netting import settle
from gridset.toolchain.solc import pinned_solc_version, solc_folder

BEACON = "0x" + "5eed" * 16


@pytest.fixture(scope="session")
def sealed(tmp_path_factory, worker_id, zk_two_seats):
    """A sealed 2-seat ceremony: local phase 1, contributions of alice, bob and carol, beacon.

    Run once for all test workers (in their common temporary folder, under a lock)."""
    root = tmp_path_factory.getbasetemp()
    root = root if worker_id == "master" else root.parent  # the workers' common folder
    work = ceremony.work_dir(2, root / "ceremony")
    with open(root / "ceremony.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (work / "key0004.zkey").exists():
            ceremony.init(2, work, phase1_entropy="ci phase 1")
            for name in ("alice", "bob", "carol"):
                ceremony.contribute(work, name, entropy=f"{name}'s secret")
            ceremony.beacon(work, BEACON)
    return work, _transcript(work)


@pytest.fixture(scope="module")
def inspection(sealed):
    work, _ = sealed
    return ceremony.inspect(work)


def _transcript(work):
    return json.loads((work / ceremony.TRANSCRIPT).read_text())


def _compile(source, name):
    """Compile a one-file contract with the project's solc (standard JSON)."""
    solc = solc_folder(zk.ROOT) / f"solc-v{pinned_solc_version(zk.ROOT)}"
    request = {
        "language": "Solidity",
        "sources": {"Verifier.sol": {"content": source}},
        "settings": {"outputSelection": {"*": {"*": ["abi", "evm.bytecode.object"]}}},
    }
    answer = json.loads(
        subprocess.run(
            [str(solc), "--standard-json"],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    output = answer["contracts"]["Verifier.sol"][name]
    return ContractContainer(
        ContractType(
            contractName=name,
            abi=output["abi"],
            deploymentBytecode={"bytecode": "0x" + output["evm"]["bytecode"]["object"]},
        )
    )


def test_init__local_phase_1__lowest_power_that_fits(sealed):
    transcript = sealed[1]
    assert transcript["constraints"] == 1720
    assert transcript["phase1"]["local"] is True
    assert transcript["phase1"]["power"] == 11 == ceremony.phase1_power(1720, 2)  # 2^11 >= 1726


def test_verify__honest_ceremony__no_problems(sealed, inspection):
    work, _ = sealed
    transcript = _transcript(work)
    assert [c["name"] for c in inspection["contributions"]] == ["alice", "bob", "carol", "beacon"]
    assert inspection["contributions"][-1]["beacon"] == BEACON[2:]
    assert ceremony.problems(transcript, inspection) == []


def test_verify__transcript_hash_changed__detected(sealed, inspection):
    transcript = _transcript(sealed[0])
    transcript["contributions"][1]["hash"] = "00" * 64  # bob's hash swapped for a forged one

    assert ceremony.problems(transcript, inspection) == [
        "the key's contributions differ from the transcript's"
    ]


def test_verify__final_key_not_the_transcripts__detected(sealed, inspection):
    transcript = _transcript(sealed[0])
    transcript["verificationKeySha256"] = "11" * 32

    assert ceremony.problems(transcript, inspection) == [
        "the final verification key differs from the transcript's"
    ]


def test_verify__tampered_contribution__detected(sealed, tmp_path):
    work, _ = sealed
    tampered = tmp_path / "tampered.zkey"
    data = bytearray((work / "key0004.zkey").read_bytes())
    data[-200] ^= 0x01  # inside the contributions section (the file's last section)
    tampered.write_bytes(bytes(data))

    assert ceremony.verify(work, zkey=tampered) != []


@pytest.mark.slow
def test_verify__contribution_on_another_circuit__detected(sealed, tmp_path):
    """A key grown from the commitment program (another circuit) does not pass as this one's."""
    work, _ = sealed
    other = tmp_path / "other"
    ceremony._run("compile", {"source": str(zk.ZK_DIR / "commitment.zok"), "outDir": str(other)})
    ceremony._run(
        "new",
        {
            "r1cs": str(other / "circuit.r1cs"),
            "ptau": str(work / "phase1.ptau"),
            "out": str(other / "key0000.zkey"),
        },
    )

    problems = ceremony.verify(work, zkey=other / "key0000.zkey")

    assert problems == ["the key does not verify against the circuit and phase 1"]


def test_contribute__after_beacon__refused(sealed, tmp_path):
    work = tmp_path / "copy"
    shutil.copytree(sealed[0], work)
    with pytest.raises(ceremony.CeremonyError, match="sealed"):
        ceremony.contribute(work, "mallory", entropy="late")


def test_export__proof_from_ceremony_key__verified_on_chain(sealed, admin, households, tmp_path):
    work, _ = sealed
    path = ceremony.export(work, tmp_path)
    transcript = json.loads(ceremony.transcript_path(2, tmp_path).read_text())
    assert transcript["verificationKeySha256"] in path.read_text()
    assert "multi-party ceremony" in path.read_text()
    assert "SPDX-License-Identifier: MIT" in path.read_text()
    raw = ceremony._run("export", {"zkey": str(work / "key0004.zkey")})["verifier"]
    verifier = admin.deploy(_compile(raw, "Verifier"))
    dutility = admin.deploy(ape.project.DUtility, admin)
    dutility.setVerifier(2, verifier, sender=admin)
    members = households[:2]
    for member in members:
        dutility.addHousehold(member, sender=admin)
    balances = [100, -60]
    before = [(b, zk.random_salt()) for b in balances]
    after = [(a, zk.random_salt()) for a in settle(balances, exact_shares=True).after]
    before_c, after_c = zk.commitments(before), zk.commitments(after)
    for member, commitment in zip(members, before_c, strict=True):
        dutility.commitBalance(member, commitment, sender=member)
    dutility.closeRound(1, sender=admin)

    proof = ceremony.prove(work, zk.witness_args(2, 1, before, after, before_c, after_c))
    tx = dutility.submitNetting(1, before_c, after_c, proof.contract_proof(), sender=admin)

    assert tx.events[-1].event_name == "NettingSuccess"
    assert [dutility.commitmentOf(m) for m in members] == after_c


def test_cli__contribute_before_init__refused(tmp_path):
    result = CliRunner().invoke(
        ceremony.cli,
        ["contribute", "--seats", "2", "--dir", str(tmp_path), "--name", "alice"],
        input="my entropy\n",
    )

    assert isinstance(result.exception, ceremony.CeremonyError)
    assert "run `init` first" in str(result.exception)
