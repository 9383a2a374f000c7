"""Build and serve the web page (``web/``): the static site in ``web/dist`` plus the address books
and the RPC URL the page reads at load time.

``build_site`` runs ``npm ci`` in ``web/`` (its lockfile) when ``web/node_modules`` is missing,
then the committed build (``node web/build.mjs``), which bundles the ABIs of ``abi/``.
``serve`` runs a static file server on 127.0.0.1 in a background thread.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
WEB_DIR = PROJECT_ROOT / "web"
DIST_DIR = WEB_DIR / "dist"
ABI_DIR = PROJECT_ROOT / "abi"
HOST = "127.0.0.1"


class SiteError(RuntimeError):
    """The page could not be built (missing ABIs, npm or the bundler failed); one line."""


def build_site(abi_dir: Path = ABI_DIR, out_dir: Path = DIST_DIR) -> dict:
    """Build the page into ``out_dir`` and return the build summary (``web/dist/build.json``:
    raw and gzipped bytes, the gzip limit of 300 kB, ABI count).

    Raises:
        SiteError: ``abi_dir`` has no ABIs (run ``ape run abi``), or npm/esbuild failed.
    """
    if not (Path(abi_dir) / "GridSetErrors.json").is_file():
        raise SiteError(f"no ABIs in {abi_dir}: run `ape run abi` (it writes abi/<Contract>.json)")
    if not (WEB_DIR / "node_modules" / "viem").is_dir():
        _run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], "npm ci")
    _run(
        ["node", "build.mjs", "--abi", str(abi_dir), "--out", str(out_dir), "--deployments", "-"],
        "web build",
    )
    return json.loads((Path(out_dir) / "build.json").read_text())


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, cwd=WEB_DIR, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise SiteError(f"{what} failed: {(result.stderr or result.stdout).strip()}")


def publish_deployment(book_path: Path, rpc_url: str, out_dir: Path = DIST_DIR) -> None:
    """Put one address book and the node's RPC URL where the built page reads them at load time
    (``deployments/<book>``, ``deployments/index.json``, ``config.json``)."""
    target = Path(out_dir) / "deployments"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(book_path, target / Path(book_path).name)
    books = sorted(p.name for p in target.glob("*-*.json"))
    (target / "index.json").write_text(json.dumps(books) + "\n")
    (Path(out_dir) / "config.json").write_text(json.dumps({"rpc": rpc_url}) + "\n")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@contextmanager
def serve(directory: Path = DIST_DIR, port: int = 0) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (``port`` 0: a free one) while the block runs.

    Yields:
        The page's URL, ``http://127.0.0.1:<port>/``.
    """
    handler = partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer((HOST, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
