# GridSet developer commands. Every target sets up what it needs (idempotent, offline-safe:
# PyPI and npm only). The README's two commands are `make simulate` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
SOLC_STAMP := .solcx/.installed
WEB_STAMP := web/node_modules/.installed
SIM_ARGS ?=

.PHONY: setup simulate test lint slither unit bench clean dapp browser chromium

setup: $(PY_STAMP) $(NODE_STAMP) $(SOLC_STAMP) $(WEB_STAMP) chromium

$(PY_STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# `npm install` (not `npm ci`): it installs exactly what package-lock.json pins, but tolerates the
# lockfile lacking anvil's binaries for other platforms, which registry mirrors may not carry
# (`npm ci` refuses such a lockfile as "out of sync").
$(NODE_STAMP): package.json package-lock.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

# The web page's own packages (viem, esbuild), exactly as web/package-lock.json pins them.
$(WEB_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(SOLC_STAMP): $(PY_STAMP) $(NODE_STAMP) gridset/toolchain/solc.py gridset/toolchain/solc_bridge.cjs
	$(BIN)/python -m gridset.toolchain.solc .
	touch $@

## The main job: one simulated day of a 20-household community on the local chain.
simulate: setup
	$(BIN)/ape run simulate $(SIM_ARGS)

## Everything CI checks: lint, static analysis, the test suite.
test: setup lint slither unit

lint: setup
	$(BIN)/ruff check gridset scripts tests
	$(BIN)/ruff format --check gridset scripts tests

slither: setup
	$(BIN)/python -m gridset.toolchain.slither .

# One pytest process per test folder (and one for the top-level files): a test that leaves the
# local chain's snapshot isolation broken for its worker cannot leak state into another area's
# tests. Tests that switch Ape to an anvil node in-process run last, in a process of their own.
# pytest's exit code 5 (a folder without tests of that kind) is not a failure. The contracts are
# compiled once first: parallel workers of a fresh clone would otherwise each unpack the
# OpenZeppelin dependency into contracts/.cache at the same moment, and all but one fail.
unit: setup
	$(BIN)/ape compile
	@for target in $(sort $(wildcard tests/*/)) "$(wildcard tests/test_*.py)"; do \
	    echo "== $$target"; \
	    $(BIN)/ape test $$target -n auto -q -m "not slow and not anvil"; rc=$$?; \
	    if [ $$rc -ne 0 ] && [ $$rc -ne 5 ]; then exit $$rc; fi; \
	done
	# `--dist loadgroup`: the browser tests (xdist group "browser") share one chain and Chromium.
	$(BIN)/ape test tests -n auto --dist loadgroup -m "anvil and not slow"

## Debian's Chromium for the browser tests (Playwright cannot download its own browser here):
## installed with apt-get as root (CI), with sudo otherwise; nothing to do when present.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

## The browser tests alone: headless Chromium against anvil with the seeded community.
browser: setup
	$(BIN)/ape test tests/dapp -q -s

bench: setup
	$(BIN)/ape run bench

clean:
	rm -rf .build contracts/.cache out crytic-export web/dist

## The web page on a local chain: anvil + the default community deployed and seeded + the page
## served on 127.0.0.1 (URL and test accounts printed). Needs abi/ (`ape run abi`).
dapp: setup
	$(BIN)/python -m gridset.dapp $(DAPP_ARGS)
