"""A throwaway PostgreSQL cluster (Debian binaries) in a temporary folder, on a Unix socket."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gridset.deploy.local_node import free_port


def postgres_bin() -> Path | None:
    """The folder of ``initdb``/``pg_ctl`` (newest installed major version), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Create, start, yield the SQLAlchemy URL of, stop and delete a PostgreSQL cluster.

    As root the server runs as the ``postgres`` system user (initdb refuses root).

    Raises:
        RuntimeError: PostgreSQL binaries are missing.
        subprocess.CalledProcessError: initdb or pg_ctl failed.
    """
    bindir = postgres_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL binaries (initdb, pg_ctl) not found")
    folder = Path(tempfile.mkdtemp(prefix="leg-pg-"))
    data, socket_dir = folder / "data", folder / "sock"
    socket_dir.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(socket_dir, "postgres", "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    run = {"check": True, "capture_output": True, "timeout": 120}
    port = free_port()
    try:
        subprocess.run(
            [
                *prefix,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "leg",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
            ],
            **run,
        )
        options = f"-k {socket_dir} -p {port} -c listen_addresses='' -c fsync=off"
        subprocess.run(
            [
                *prefix,
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(folder / "log"),
                "-w",
                "-o",
                options,
                "start",
            ],
            **run,
        )
        try:
            yield f"postgresql+psycopg://leg@/postgres?host={socket_dir}&port={port}"
        finally:
            subprocess.run(
                [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                check=False,
                capture_output=True,
                timeout=60,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
