"""Every custom error our contracts declare is asserted by at least one test.

Errors are the ``error Name(...)`` declarations in the project's own Solidity sources
(``contracts/`` without test helpers and generated verifiers, and ``interfaces/``); errors
inherited from OpenZeppelin are its to test. A test "asserts" an error when it names it as
``.<ErrorName>`` (the way ``ape.reverts(contract.ErrorName, ...)`` does).
"""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
# Not ours: test helpers, generated verifiers, copies of dependencies that compilation caches.
SKIPPED_PARTS = {"test", "generated", ".cache"}
ERROR_DECLARATION = re.compile(r"^\s*error (\w+)\(", re.M)


def _declared_errors() -> dict[str, str]:
    errors = {}
    for folder in ("contracts", "interfaces"):
        for path in sorted((ROOT / folder).rglob("*.sol")):
            if SKIPPED_PARTS.isdisjoint(path.relative_to(ROOT).parts):
                for name in ERROR_DECLARATION.findall(path.read_text()):
                    errors.setdefault(name, path.stem)
    return errors


def test_every_custom_error_is_asserted_by_a_test():
    test_text = "\n".join(
        p.read_text() for p in TESTS.rglob("*.py") if p.name != Path(__file__).name
    )
    declared = _declared_errors()
    assert len(declared) > 50, "error declarations not found"
    missing = sorted(f"{src}.{e}" for e, src in declared.items() if f".{e}" not in test_text)
    assert not missing, f"custom errors never asserted by a test: {missing}"
