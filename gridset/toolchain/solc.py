"""Install the Solidity compiler that ape-solidity uses, without downloading native solc.

ape-solidity asks py-solc-x for an executable named ``solc-v<version>`` in the folder named by
the ``SOLCX_BINARY_PATH`` environment variable. This module fills a project-local folder
(``.solcx/``) with either a link to a native solc of the pinned version, when one is already
installed, or a small launcher of ``solc_bridge.cjs``, which answers solc's ``--version`` and
``--standard-json`` calls with solc-js from ``node_modules``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import site
import subprocess
import sys
from pathlib import Path

import yaml

BRIDGE = Path(__file__).with_name("solc_bridge.cjs")
PTH_FILE = "gridset_solcx.pth"
_VERSION_RE = re.compile(r"Version: (\d+\.\d+\.\d+)\+commit\.\w+")


class ToolchainError(RuntimeError):
    """The compiler cannot be installed: a missing npm package or a version mismatch."""


def pinned_solc_version(project_root: Path) -> str:
    """Return the solc version pinned in ``package.json`` (``dependencies.solc``), e.g. ``0.8.28``.

    Raises:
        ToolchainError: ``package.json`` has no exact ``solc`` pin.
    """
    deps = json.loads((project_root / "package.json").read_text())["dependencies"]
    version = deps.get("solc", "")
    if not re.fullmatch(r"\d+\.\d+\.\d+", version):
        raise ToolchainError(f"package.json must pin solc exactly, found {version!r}")
    return version


def solc_folder(project_root: Path) -> Path:
    """Return the project-local compiler folder that ``SOLCX_BINARY_PATH`` points at."""
    return project_root / ".solcx"


def pinned_compiler(project_root: Path) -> Path:
    """Return the project's pinned compiler ``.solcx/solc-v<version>`` (``make setup`` installs it).

    Raises:
        ToolchainError: the compiler is missing, or ``package.json`` pins no exact version.
    """
    path = solc_folder(project_root) / f"solc-v{pinned_solc_version(project_root)}"
    if not path.exists():
        raise ToolchainError(f"{path} is missing: run `make setup`")
    return path


def executable_version(executable: Path | str) -> str | None:
    """Return the ``x.y.z`` version a solc executable reports, or None if it does not run."""
    try:
        out = subprocess.run(
            [str(executable), "--version"], capture_output=True, text=True, timeout=60
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = _VERSION_RE.search(out)
    return match.group(1) if match else None


def find_native_solc(version: str) -> Path | None:
    """Return a native solc of exactly ``version``: ``solc`` on PATH or in ``~/.solcx``."""
    candidates = [shutil.which("solc"), Path.home() / ".solcx" / f"solc-v{version}"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and executable_version(candidate) == version:
            return Path(candidate)
    return None


def project_settings(project_root: Path) -> dict:
    """solc standard-JSON ``settings`` equivalent to ``ape-config.yaml``'s ``solidity`` section
    (optimizer and runs, EVM version, via-IR), so that a file compiled outside Ape gets the
    bytecode Ape would produce (up to the metadata, which names the file's path)."""
    config = yaml.safe_load((project_root / "ape-config.yaml").read_text()) or {}
    solidity = config.get("solidity") or {}
    return {
        "optimizer": {
            "enabled": bool(solidity.get("optimize", True)),
            "runs": int(solidity.get("optimization_runs", 200)),
        },
        "evmVersion": solidity.get("evm_version", "cancun"),
        "viaIR": bool(solidity.get("via_ir", False)),
        "outputSelection": {"*": {"*": ["abi", "evm.bytecode.object", "evm.deployedBytecode"]}},
    }


def compile_files(project_root: Path, files: dict[str, str], contract: str) -> dict:
    """Compile ``files`` (``{name: source}``, imports relative among them) with the project's
    solc and settings (:func:`project_settings`).

    Returns:
        ``{"abi": [...], "bytecode": "0x..", "runtime": "0x.."}`` of ``contract`` (its file
        is the one that declares it).

    Raises:
        ToolchainError: the compiler is missing or reports errors.
    """
    solc = pinned_compiler(project_root)
    request = {
        "language": "Solidity",
        "sources": {name: {"content": text} for name, text in files.items()},
        "settings": project_settings(project_root),
    }
    proc = subprocess.run(
        [str(solc), "--standard-json"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=False,
    )
    answer = json.loads(proc.stdout or "{}")
    errors = [e["formattedMessage"] for e in answer.get("errors", []) if e["severity"] == "error"]
    if proc.returncode != 0 or errors or "contracts" not in answer:
        raise ToolchainError("solc failed: " + ("\n".join(errors) or proc.stderr.strip()))
    for outputs in answer["contracts"].values():
        if contract in outputs:
            output = outputs[contract]
            return {
                "abi": output["abi"],
                "bytecode": "0x" + output["evm"]["bytecode"]["object"],
                "runtime": "0x" + output["evm"]["deployedBytecode"]["object"],
            }
    raise ToolchainError(f"no contract {contract} in {sorted(files)}")


def install_compiler(project_root: Path, prefer_native: bool = True) -> Path:
    """Put ``solc-v<pinned>`` into ``.solcx/`` and return its path (idempotent).

    A native solc of the pinned version is linked when present and ``prefer_native`` is set;
    otherwise a launcher for the solc-js bridge is written.

    Raises:
        ToolchainError: ``node_modules/solc`` is missing (run ``npm ci``) or the installed
            compiler reports another version than the pin.
    """
    version = pinned_solc_version(project_root)
    folder = solc_folder(project_root)
    folder.mkdir(exist_ok=True)
    target = folder / f"solc-v{version}"
    for stale in folder.glob("solc-v*"):
        if stale != target:
            stale.unlink()
    native = find_native_solc(version) if prefer_native else None
    if target.is_symlink() or target.exists():
        target.unlink()
    if native is not None:
        target.symlink_to(native)
    else:
        if not (project_root / "node_modules" / "solc" / "package.json").exists():
            raise ToolchainError("node_modules/solc is missing: run `npm ci` first")
        node = shutil.which("node") or "node"
        target.write_text(f'#!/bin/sh\nexec "{node}" "{BRIDGE}" "$@"\n')
        target.chmod(0o755)
    found = executable_version(target)
    if found != version:
        raise ToolchainError(f"{target} reports version {found}, expected {version}")
    return target


def register_in_environment(project_root: Path) -> Path:
    """Make every Python of the active environment see ``SOLCX_BINARY_PATH`` (idempotent).

    Writes a ``.pth`` start-up line into the environment's site-packages, so ``ape compile``,
    ``ape test`` and slither find the project's compiler without exporting anything.
    Returns the ``.pth`` file's path.
    """
    if sys.prefix == sys.base_prefix:
        raise ToolchainError("run this with the project's virtual environment (.venv/bin/python)")
    folder = solc_folder(project_root).resolve()
    line = f"import os; os.environ.setdefault('SOLCX_BINARY_PATH', {str(folder)!r})\n"
    pth = Path(site.getsitepackages()[0]) / PTH_FILE
    if not pth.exists() or pth.read_text() != line:
        pth.write_text(line)
    os.environ.setdefault("SOLCX_BINARY_PATH", str(folder))
    return pth


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m gridset.toolchain.solc [project_root]``; exit 1 on failure."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0] if args else ".").resolve()
    try:
        target = install_compiler(root)
        register_in_environment(root)
    except ToolchainError as err:
        print(f"solc install failed: {err}", file=sys.stderr)
        return 1
    kind = "native" if target.is_symlink() else "solc-js bridge"
    print(f"solc {pinned_solc_version(root)} ready ({kind}): {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
