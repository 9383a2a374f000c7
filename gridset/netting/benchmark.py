"""Figures of the private netting per circuit size, for ``benchmarks/zk.json``.

Per size N: constraints, compile and setup seconds (from the build, ``zk/build/netting<N>/
meta.json``), proving-key size, witness and proving seconds, and gas of a full community of N
households on the connected chain: the verifier alone (``verifyTx`` sent as a transaction:
21,000 base + calldata + verification) and ``DUtility.submitNetting`` (receipt: verification,
commitment checks and storage of the after-commitments). Timings are wall-clock seconds on this
machine.
"""

from __future__ import annotations

import itertools
import json
import os
import platform
from collections.abc import Sequence
from pathlib import Path

from ape.api import AccountAPI

from gridset.netting import build, ceremony, deploy, keys, zk
from gridset.netting.private_round import demo_balances, register_households, run_private_round
from gridset.reference.netting import settle


def measure(admin: AccountAPI, seats: int) -> dict:
    """Build (if needed), prove and verify on chain one netting of ``seats`` households.

    Raises:
        ZkError: the circuit could not be built or proven.
    """
    build.ensure_built(seats)
    meta = json.loads((zk.circuit_dir(seats) / "meta.json").read_text())
    dutility, verifiers = deploy.deploy_dutility(admin, seats=(seats,))
    households = [f"0x{0xB0B0 + i:040x}" for i in range(seats)]
    register_households(dutility, admin, households)
    dutility.grantRole(dutility.METER_ROLE(), admin, sender=admin)
    result = run_private_round(
        dutility, admin, households, demo_balances(seats, seed=seats), reporter=admin
    )
    # The verifier alone, sent as a transaction so that the receipt gives its exact gas.
    verifier_gas = (
        verifiers[seats]
        .verifyTx.transact(result.proof.contract_proof(), list(result.proof.inputs), sender=admin)
        .gas_used
    )
    return {
        "seats": seats,
        "publicInputs": len(result.proof.inputs),
        "constraints": meta["constraints"],
        "compileSeconds": round(meta["compileSeconds"], 1),
        "setupSeconds": round(meta["setupSeconds"], 1),
        "provingKeyBytes": (zk.circuit_dir(seats) / "proving.key").stat().st_size,
        "witnessSeconds": round(result.witness_seconds, 2),
        "provingSeconds": round(result.proving_seconds, 1),
        "verifierGas": verifier_gas,
        "submitNettingGas": result.netting_gas,
        "commitBalanceGasPerHousehold": result.commitment_gas // seats,
    }


def measure_ceremony(
    seats: int, root: Path, ptau: Path | None = None, admin: AccountAPI | None = None
) -> dict:
    """Time a ceremony of the ``seats`` circuit in ``root``: phase 1 (local unless ``ptau``),
    initial key, three contributions, beacon, export, then :func:`ceremony_figures` (with the
    verifier's gas when ``admin`` is given) and ``"loadAverage1m"``: the mean of the 1-minute
    load average after each step.

    Raises:
        ZkError: a step failed.
    """
    build.ensure_built(seats)
    work = ceremony.work_dir(seats, root)
    loads = []  # 1-minute load average after each step
    ceremony.init(seats, work, ptau, phase1_entropy="bench")
    loads.append(os.getloadavg()[0])
    for i in range(3):
        ceremony.contribute(work, f"p{i}", entropy=f"bench {i}")
        loads.append(os.getloadavg()[0])
    ceremony.beacon(work, "0x" + "be" * 32)
    loads.append(os.getloadavg()[0])
    ceremony.export(work, root / "exported")  # verifies; the verifier whose gas is measured
    loads.append(os.getloadavg()[0])
    return {**ceremony_figures(work, admin), "loadAverage1m": round(sum(loads) / len(loads), 1)}


def ceremony_figures(work: Path, admin: AccountAPI | None = None) -> dict:
    """Timings of the sealed ceremony in ``work``: its steps' (from the transcript), one
    verification of every contribution (the one `export` ran, else :func:`ceremony.inspect`)
    and one proof with its final key (a full community of demo balances); with ``admin`` on
    the connected chain, also the gas of the exported verifier checking that proof (deployed
    by ``admin``; ``verifyTx`` sent as a transaction, as ``verifierGas`` of :func:`measure`).

    Returns:
        ``{"seats", "phase1Power", "phase1Seconds", "newKeySeconds", "contributionSeconds"
        (mean), "beaconSeconds", "verifySeconds", "provingSeconds"}`` (wall-clock seconds) and
        ``"verifierGas"`` (gas) with ``admin``.

    Raises:
        ZkError: verification or proving failed.
    """
    transcript = json.loads((work / ceremony.TRANSCRIPT).read_text())
    seats = transcript["seats"]
    verify_seconds = transcript["seconds"].get("verify")  # measured by `export`
    if verify_seconds is None:
        verify_seconds = ceremony.inspect(work)["seconds"]
    build.ensure_commitment_program()
    balances = demo_balances(seats, seed=seats)
    before = [(b, zk.random_salt()) for b in balances]
    after = [(a, zk.random_salt()) for a in settle(balances, exact_shares=True).after]
    args = zk.witness_args(seats, 1, before, after, zk.commitments(before), zk.commitments(after))
    proof = ceremony.prove(work, args)
    contributions = transcript["contributions"]
    figures = {
        "seats": seats,
        "phase1Power": transcript["phase1"].get("power"),
        "phase1Seconds": transcript["seconds"]["phase1"],
        "newKeySeconds": transcript["seconds"]["newKey"],
        "contributionSeconds": round(
            sum(c["seconds"] for c in contributions) / len(contributions), 1
        ),
        "beaconSeconds": transcript["beacon"]["seconds"],
        "verifySeconds": round(verify_seconds, 1),
        "provingSeconds": round(proof.proving_seconds, 1),
    }
    if admin is not None:
        verifier = admin.deploy(keys.ceremony_verifier(seats, work))
        receipt = verifier.verifyTx.transact(
            proof.contract_proof(), list(proof.inputs), sender=admin
        )
        figures["verifierGas"] = receipt.gas_used
    return figures


def growth_per_household(rows: Sequence[dict], key: str) -> dict[str, float]:
    """Gas added per household between consecutive sizes, ``{"2->4": gas, ...}``."""
    ordered = sorted(rows, key=lambda r: r["seats"])
    return {
        f"{a['seats']}->{b['seats']}": round((b[key] - a[key]) / (b["seats"] - a["seats"]))
        for a, b in itertools.pairwise(ordered)
    }


def write_ceremony(rows: Sequence[dict], path: Path) -> dict:
    """Merge ceremony timings (:func:`measure_ceremony`) into ``path`` under ``"ceremony"``,
    keeping the other figures and the other sizes' timings."""
    data = json.loads(path.read_text()) if path.exists() else {}
    by_seats = {row["seats"]: row for row in data.get("ceremony", [])}
    by_seats.update({row["seats"]: row for row in rows})
    data["ceremony"] = [by_seats[s] for s in sorted(by_seats)]
    data["ceremonyMachine"] = {
        "cpus": os.cpu_count(),
        "loadAverage1m": round(os.getloadavg()[0], 1),
    }
    path.write_text(json.dumps(data, indent=2) + "\n")
    return data


def write(rows: Sequence[dict], path: Path) -> dict:
    """Write the figures with their growth per household and the machine to ``path`` (JSON)."""
    data = {
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "loadAverage1m": round(os.getloadavg()[0], 1),
        },
        "zokrates": json.loads((zk.circuit_dir(rows[0]["seats"]) / "meta.json").read_text())[
            "zokratesVersion"
        ],
        "circuits": sorted(rows, key=lambda r: r["seats"]),
        "verifierGasPerHousehold": growth_per_household(rows, "verifierGas"),
        "submitNettingGasPerHousehold": growth_per_household(rows, "submitNettingGas"),
    }
    old = json.loads(path.read_text()) if path.exists() else {}
    data.update({k: old[k] for k in ("ceremony", "ceremonyMachine") if k in old})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")
    return data
