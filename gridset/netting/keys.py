"""Which keys the private netting proves and verifies with: the demo setup or a ceremony's.

By default every circuit size uses the demo keys (:mod:`gridset.netting.build`: the committed
``NettingVerifier<N>`` and the cached ZoKrates proving key). Setting the environment variable
``GRIDSET_NETTING_CEREMONY`` to a ceremony root (the ``--dir`` of ``ape run netting ceremony``,
default ``zk/ceremony``) switches every size with a sealed and exported ceremony there to its keys:
proofs come from the ceremony's final ``.zkey`` (:func:`gridset.netting.ceremony.prove`, snarkjs)
and :func:`gridset.netting.deploy.deploy_dutility` deploys the verifier the ceremony exported
(compiled with the project's solc and settings: same ZoKrates template as the demo verifiers,
so the same gas). Sizes without such a ceremony keep the demo keys. The simulation and
``ape run netting round`` pick this up unchanged.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from gridset.netting import build, ceremony, zk

#: Environment variable naming the ceremony root whose keys replace the demo keys.
ENV = "GRIDSET_NETTING_CEREMONY"


def ceremony_work(seats: int) -> Path | None:
    """The configured ceremony's work folder for ``seats`` if it is sealed and exported (its
    final key present, its transcript recording the verification key), else None."""
    root = os.environ.get(ENV)
    if not root:
        return None
    work = ceremony.work_dir(seats, Path(root))
    path = work / ceremony.TRANSCRIPT
    if not path.exists():
        return None
    transcript = json.loads(path.read_text())
    if not transcript.get("verificationKeySha256"):
        return None
    return work


def ensure_ready(seats: int) -> None:
    """Make the keys of ``seats`` usable: the commitment program always (commitments are
    computed by ZoKrates), the demo circuit's build unless a ceremony provides the keys.

    Raises:
        ZkError: a build failed.
    """
    if ceremony_work(seats) is None:
        build.ensure_built(seats)
    else:
        build.ensure_commitment_program()


def prove(seats: int, args: list[Any]) -> zk.Proof:
    """A Groth16 proof of ``netting<seats>`` for ``args`` (:func:`zk.witness_args`) with the
    configured keys.

    Raises:
        ZkError: an assertion of the circuit fails (the netting is not valid) or the keys are
            missing.
    """
    work = ceremony_work(seats)
    return zk.prove(seats, args) if work is None else ceremony.prove(work, args)


def verifier_container(seats: int) -> Any:
    """The ``NettingVerifier<seats>`` contract type to deploy: the project's (demo keys) or the
    configured ceremony's (``ape.contracts.ContractContainer``)."""
    from ape import project

    work = ceremony_work(seats)
    if work is None:
        return getattr(project, f"NettingVerifier{seats}")
    return ceremony_verifier(seats, work)


def ceremony_verifier(seats: int, work: Path) -> Any:
    """The verifier exported by the ceremony in ``work`` (compiled by the project's solc and
    settings), as a deployable ``ape.contracts.ContractContainer``."""
    from ape.contracts import ContractContainer
    from ethpm_types import ContractType

    artifact = ceremony.verifier_artifact(seats, work)
    return ContractContainer(
        ContractType(
            contractName=f"NettingVerifier{seats}",
            abi=artifact["abi"],
            deploymentBytecode={"bytecode": artifact["bytecode"]},
            runtimeBytecode={"bytecode": artifact["runtime"]},
        )
    )
