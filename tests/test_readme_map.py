"""The README's repository map matches the tree: every folder it names exists, and every
top-level folder and every area folder of contracts/ and gridset/ is named."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _map_paths() -> set[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Repository map", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE))


def _tracked_folders() -> set[str]:
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    folders = set()
    for f in files:
        parts = f.split("/")
        if len(parts) > 1:
            folders.add(parts[0] + "/")
        if len(parts) > 2 and parts[0] in ("contracts", "gridset"):
            folders.add(f"{parts[0]}/{parts[1]}/")
    return folders


def test_readme_map__names_only_paths_that_exist():
    missing = sorted(p for p in _map_paths() if not (ROOT / p).exists())
    assert missing == []


def test_readme_map__names_every_top_level_and_area_folder():
    named = _map_paths()
    unnamed = sorted(
        f for f in _tracked_folders() if f not in named and f not in {"contracts/", "gridset/"}
    )
    assert unnamed == []
