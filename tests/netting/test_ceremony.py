"""Multi-party trusted setup on the 2-seat circuit: a local phase 1 of the lowest power that fits,
three contributions and a beacon, verification (and what it detects), export, and one real
proof from the ceremony's key verified on chain by the exported (ZoKrates, MIT) verifier."""

import fcntl
import importlib.util
import json
import shutil
import subprocess

import ape
import pytest
from ape.contracts import ContractContainer
from click.testing import CliRunner
from ethpm_types import ContractType

from gridset.netting import ceremony, deploy, keys, private_round, zk
from gridset.reference.netting import settle
from gridset.toolchain.solc import pinned_solc_version, solc_folder

BEACON = "0x" + "5eed" * 16
ROOT = zk.ROOT
#: Circuit sizes whose ceremony is committed in zk/keys/.
COMMITTED = sorted(
    int(p.stem.removeprefix("NettingCeremony")) for p in ceremony.KEYS_DIR.glob("*.json")
)


@pytest.fixture(scope="session")
def sealed(tmp_path_factory, worker_id, zk_two_seats):
    """A sealed and exported 2-seat ceremony: local phase 1, contributions of alice, bob and
    carol, beacon, export into ``<root>/exported`` (and the work folder).

    Run once for all test workers (in their common temporary folder, under a lock)."""
    root = tmp_path_factory.getbasetemp()
    root = root if worker_id == "master" else root.parent  # the workers' common folder
    work = ceremony.work_dir(2, root / "ceremony")
    with open(root / "ceremony.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "exported" / "NettingCeremony2.json").exists():
            ceremony.init(2, work, phase1_entropy="ci phase 1")
            for name in ("alice", "bob", "carol"):
                ceremony.contribute(work, name, entropy=f"{name}'s secret")
            ceremony.beacon(work, BEACON)
            ceremony.export(work, root / "exported")
    return work, _transcript(work)


@pytest.fixture(scope="session")
def exported(sealed):
    """The folder the sealed ceremony was exported to (verifier, pairing, transcript)."""
    return sealed[0].parents[1] / "exported"


@pytest.fixture
def ceremony_keys(sealed, monkeypatch):
    """The sealed ceremony's keys configured for proving and deploying (2 seats)."""
    monkeypatch.setenv(keys.ENV, str(sealed[0].parent))
    return sealed[0]


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


def test_export__proof_from_ceremony_key__verified_on_chain(sealed, exported, admin, households):
    work, transcript = sealed
    path = exported / "NettingVerifier2.sol"
    public = json.loads(ceremony.transcript_path(2, exported).read_text())
    assert public == {k: v for k, v in transcript.items() if k != "seconds"}
    assert public["verificationKeySha256"] in path.read_text()
    assert public["provingKeySha256"] == ceremony.sha256(work / "key0004.zkey")
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


def test_private_round__ceremony_keys_configured__proven_and_verified_with_them(
    ceremony_keys, exported, admin, households, zk_two_seats
):
    dutility, verifiers = deploy.deploy_dutility(admin, seats=(2,))
    members = households[:2]
    private_round.register_households(dutility, admin, members)
    dutility.grantRole(dutility.METER_ROLE(), admin, sender=admin)

    result = private_round.run_private_round(dutility, admin, members, [7_200, -3_600], admin)

    code = bytes(ape.chain.provider.get_code(verifiers[2].address))
    assert ceremony.check_code(2, code, exported) == []
    assert dutility.nettingOf(result.round_id) != b"\0" * 32
    assert [dutility.commitmentOf(m) for m in members] != [0, 0]
    # Same ZoKrates template as the demo verifier: verification gas within 5 % of the demo's.
    demo = admin.deploy(ape.project.NettingVerifier2)
    demo_proof = zk.prove(2, _args(2))
    demo_gas = demo.verifyTx.transact(
        demo_proof.contract_proof(), list(demo_proof.inputs), sender=admin
    ).gas_used
    proof = result.proof
    gas = (
        verifiers[2]
        .verifyTx.transact(proof.contract_proof(), list(proof.inputs), sender=admin)
        .gas_used
    )
    assert abs(gas - demo_gas) <= demo_gas * 0.05


def _args(seats):
    """Witness arguments of a valid 2-household netting in round 1."""
    before = [(b, zk.random_salt()) for b in (100, -60)]
    after = [(a, zk.random_salt()) for a in settle([100, -60], exact_shares=True).after]
    return zk.witness_args(seats, 1, before, after, zk.commitments(before), zk.commitments(after))


def test_check_keys__ceremony_configured__public_chain_accepted(ceremony_keys):
    deploy.check_keys(2, 11155111)  # Sepolia: the demo keys are refused there


def test_check_keys__no_ceremony__public_chain_refused(monkeypatch):
    monkeypatch.delenv(keys.ENV, raising=False)
    with pytest.raises(deploy.DemoKeysError, match="NettingVerifier2 has the demo trusted setup"):
        deploy.check_keys(2, 11155111)


def test_check_code__demo_verifier_deployed__detected(exported, admin):
    demo = admin.deploy(ape.project.NettingVerifier2)
    code = bytes(ape.chain.provider.get_code(demo.address))

    assert ceremony.check_code(2, code, exported) == [
        "the deployed code is not the transcript's verifier"
    ]


def test_check_code__no_contract__detected(exported):
    assert ceremony.check_code(2, b"", exported) == ["no contract at that address"]


def test_check_source__transcript_key_altered__detected(exported, tmp_path):
    folder = _copy(exported, tmp_path)
    transcript = json.loads((folder / "NettingCeremony2.json").read_text())
    transcript["verificationKey"]["alpha"][0] = "0x" + "01" * 32
    (folder / "NettingCeremony2.json").write_text(json.dumps(transcript))

    assert ceremony.check_source(2, folder) == [
        "the transcript's verification key does not match its recorded sha256"
    ]


def test_check_source__verifier_with_another_key__detected(exported, tmp_path):
    """A verifier whose key constants are not the transcript's (a coordinate replaced), even
    with the transcript's hash in its header."""
    folder = _copy(exported, tmp_path)
    transcript = json.loads((folder / "NettingCeremony2.json").read_text())
    first = transcript["verificationKey"]["gamma_abc"][1][0][2:]
    source = folder / "NettingVerifier2.sol"
    source.write_text(source.read_text().replace(first, "0" * 63 + "1"))

    assert ceremony.check_source(2, folder) == [
        "the verifier source does not hold the transcript's verification key"
    ]


def test_export__proving_key_archive__named_by_its_transcript_sha256(sealed):
    work, transcript = sealed
    archives = list((work / ceremony.PUBLISH).iterdir())

    assert [a.name for a in archives] == [
        f"NettingProvingKey2-{transcript['provingKeySha256']}.zkey"
    ]
    assert ceremony.sha256(archives[0]) == transcript["provingKeySha256"]
    assert archives[0].read_bytes() == (work / "key0004.zkey").read_bytes()


def test_publish_key__not_exported__refused(sealed, tmp_path):
    work = tmp_path / "copy"
    shutil.copytree(sealed[0], work)
    transcript = _transcript(work)
    del transcript["provingKeySha256"]
    (work / ceremony.TRANSCRIPT).write_text(json.dumps(transcript))

    with pytest.raises(ceremony.CeremonyError, match="export the ceremony before publishing"):
        ceremony.publish_key(work, tmp_path / "out")


def test_publish_key__final_key_replaced__refused(sealed, tmp_path):
    work = tmp_path / "copy"
    shutil.copytree(sealed[0], work)
    shutil.copyfile(work / "key0003.zkey", work / "key0004.zkey")  # the key before the beacon

    with pytest.raises(ceremony.CeremonyError, match=r"key0004\.zkey is not the proving key"):
        ceremony.publish_key(work, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_check_key__published_key__accepted(sealed, exported):
    work, transcript = sealed
    archive = work / ceremony.PUBLISH / ceremony.key_archive_name(2, transcript["provingKeySha256"])

    assert ceremony.check_key(2, archive, exported) == []


def test_check_key__tampered_byte__refused(sealed, exported, tmp_path):
    """One byte changed in the contributions section: same verification key, another file."""
    tampered = tmp_path / "tampered.zkey"
    data = bytearray((sealed[0] / "key0004.zkey").read_bytes())
    data[-200] ^= 0x01
    tampered.write_bytes(bytes(data))

    assert ceremony.check_key(2, tampered, exported) == [
        "the proving key's sha256 is not the transcript's"
    ]


def test_check_key__key_before_the_beacon__refused(sealed, exported):
    """A key the ceremony did produce, but not its final one: its proofs fail on the verifier."""
    assert ceremony.check_key(2, sealed[0] / "key0003.zkey", exported) == [
        "the proving key's sha256 is not the transcript's",
        "the proving key's verification key is not the transcript's",
    ]


def test_check_key__not_a_zkey__refused(exported, tmp_path):
    junk = tmp_path / "junk.zkey"
    junk.write_bytes(b"<html>404 Not Found</html>")

    assert ceremony.check_key(2, junk, exported) == [
        "the proving key's sha256 is not the transcript's",
        "the proving key cannot be read (not a Groth16 .zkey)",
    ]


def test_check_key__transcript_without_key_hash__refused(sealed, exported, tmp_path):
    folder = _copy(exported, tmp_path)
    transcript = json.loads((folder / "NettingCeremony2.json").read_text())
    del transcript["provingKeySha256"]
    (folder / "NettingCeremony2.json").write_text(json.dumps(transcript))

    assert ceremony.check_key(2, sealed[0] / "key0004.zkey", folder) == [
        "the transcript records no proving-key sha256"
    ]


@pytest.mark.parametrize("seats", COMMITTED)
def test_committed_ceremony__transcript_and_verifier__consistent(seats):
    transcript = json.loads(ceremony.transcript_path(seats, ceremony.KEYS_DIR).read_text())

    assert ceremony.check_source(seats, ceremony.KEYS_DIR) == []
    assert transcript["beacon"] and len(transcript["contributions"]) >= 3
    assert transcript["r1csSha256"]  # the circuit; `verify --transcript` checks it with the key


def _copy(folder, tmp_path):
    copy = tmp_path / "keys"
    shutil.copytree(folder, copy)
    return copy


def _netting_script():
    spec = importlib.util.spec_from_file_location("netting_script", ROOT / "scripts" / "netting.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli__ape_run_netting_ceremony_contribute_before_init__refused(tmp_path):
    """`ape run netting ceremony contribute ...`: the script's group runs the ceremony's steps."""
    result = CliRunner().invoke(
        _netting_script().cli,
        ["ceremony", "contribute", "--seats", "2", "--dir", str(tmp_path), "--name", "alice"],
        input="my entropy\n",
    )

    assert isinstance(result.exception, ceremony.CeremonyError)
    assert "run `init` first" in str(result.exception)


def test_cli__check_deployed_verifier_and_tampered_zkey__exit_1(
    sealed, ceremony_keys, exported, admin, tmp_path
):
    """`ape run netting ceremony check --zkey`: the verifier is the ceremony's, the key is not."""
    verifier = admin.deploy(keys.verifier_container(2))
    tampered = tmp_path / "tampered.zkey"
    data = bytearray((sealed[0] / "key0004.zkey").read_bytes())
    data[-200] ^= 0x01
    tampered.write_bytes(bytes(data))
    command = ["ceremony", "check", "--seats", "2", "--address", verifier.address]
    command += ["--keys", str(exported)]

    good = CliRunner().invoke(
        _netting_script().cli, [*command, "--zkey", str(sealed[0] / "key0004.zkey")]
    )
    bad = CliRunner().invoke(_netting_script().cli, [*command, "--zkey", str(tampered)])

    assert good.exit_code == 0, good.output
    assert f"is its proving key (sha256 {sealed[1]['provingKeySha256']})" in good.output
    assert bad.exit_code == 1
    assert bad.output.splitlines() == ["FAIL: the proving key's sha256 is not the transcript's"]
