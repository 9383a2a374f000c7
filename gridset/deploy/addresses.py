"""The address book: where each network's deployed contracts live.

One JSON file per network in ``deployments/``:

- public networks: ``deployments/<network>-<chain id>.json``, committed
  (e.g. ``sepolia-11155111.json``);
- local dev chains (chain id 1337 eth-tester, 31337 anvil/hardhat):
  ``deployments/local-<chain id>.json`` (git-ignored; every local deployment overwrites it).

Format::

    {"network": "sepolia", "chain_id": 11155111, "deployed_at_block": 123, "deployer": "0x..",
     "contracts": {"EnergyToken": "0x..", "PanelNFT": "0x..", ...}}
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gridset.deploy.core import SUITE_CONTRACTS, Suite

DEPLOYMENTS_DIR = Path(__file__).resolve().parents[2] / "deployments"
LOCAL_CHAIN_IDS = frozenset({1337, 31337})
_ADDRESS = re.compile(r"^0x[0-9a-fA-F]{40}$")


class AddressBookError(RuntimeError):
    """The address book for a network is missing, malformed, or lacks a contract (one line)."""


@dataclass(frozen=True)
class AddressBook:
    """The deployed addresses of one network.

    Attributes:
        network: Ape network name (``"sepolia"``; ``"local"`` for a dev chain).
        chain_id: EIP-155 chain id.
        deployed_at_block: Block number at which the deployment finished.
        deployer: Address that sent the deployment transactions.
        contracts: ``{contract name: checksummed address}``.
    """

    network: str
    chain_id: int
    deployed_at_block: int
    deployer: str
    contracts: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        """Return the file text: indented JSON with a trailing newline."""
        data = {
            "network": self.network,
            "chain_id": self.chain_id,
            "deployed_at_block": self.deployed_at_block,
            "deployer": self.deployer,
            "contracts": dict(self.contracts),
        }
        return json.dumps(data, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: Any, source: str = "address book") -> AddressBook:
        """Build an AddressBook from parsed JSON, checking every field.

        Raises:
            AddressBookError: a field is missing or has the wrong type.
        """
        if not isinstance(data, dict):
            raise AddressBookError(f"{source}: expected a JSON object")
        missing = [
            k
            for k in ("network", "chain_id", "deployed_at_block", "deployer", "contracts")
            if k not in data
        ]
        if missing:
            raise AddressBookError(f"{source}: missing key(s) {', '.join(missing)}")
        contracts = data["contracts"]
        if not isinstance(contracts, dict):
            raise AddressBookError(f"{source}: 'contracts' must map names to addresses")
        for name, address in [("deployer", data["deployer"]), *contracts.items()]:
            if not isinstance(address, str) or not _ADDRESS.match(address):
                raise AddressBookError(f"{source}: {name}: {address!r} is not an address")
        for key in ("chain_id", "deployed_at_block"):
            if not isinstance(data[key], int) or isinstance(data[key], bool):
                raise AddressBookError(f"{source}: {key}: {data[key]!r} is not an integer")
        return cls(
            network=str(data["network"]),
            chain_id=data["chain_id"],
            deployed_at_block=data["deployed_at_block"],
            deployer=data["deployer"],
            contracts=dict(contracts),
        )

    def address_of(self, name: str) -> str:
        """Return the address of contract ``name``.

        Raises:
            AddressBookError: the book has no such contract.
        """
        try:
            return self.contracts[name]
        except KeyError:
            known = ", ".join(sorted(self.contracts)) or "none"
            raise AddressBookError(
                f"no {name} in the address book of {self.network} (chain {self.chain_id}); "
                f"it has: {known}"
            ) from None


def is_local_chain(chain_id: int) -> bool:
    """True for the dev chains whose address books are not committed (1337, 31337)."""
    return chain_id in LOCAL_CHAIN_IDS


def book_name(network: str, chain_id: int) -> str:
    """Return the file name for ``network`` / ``chain_id``: ``local-<id>.json`` for dev chains,
    otherwise ``<network>-<id>.json`` (network reduced to ``[a-z0-9_-]``)."""
    if is_local_chain(chain_id):
        return f"local-{chain_id}.json"
    slug = re.sub(r"[^a-z0-9_-]+", "-", network.lower()).strip("-") or "network"
    return f"{slug}-{chain_id}.json"


def book_path(network: str, chain_id: int, folder: Path = DEPLOYMENTS_DIR) -> Path:
    """Return where the address book of ``network`` / ``chain_id`` lives in ``folder``."""
    return Path(folder) / book_name(network, chain_id)


def write_address_book(book: AddressBook, folder: Path = DEPLOYMENTS_DIR) -> Path:
    """Write ``book`` to its file in ``folder`` (created if needed), replacing an older one.

    Returns:
        The path written.
    """
    path = book_path(book.network, book.chain_id, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(book.to_json())
    tmp.replace(path)
    return path


def read_address_book(network: str, chain_id: int, folder: Path = DEPLOYMENTS_DIR) -> AddressBook:
    """Read the address book of ``network`` / ``chain_id`` from ``folder``.

    Raises:
        AddressBookError: no deployment is recorded for that network, the file is not valid
            JSON of the expected form, or it records another chain.
    """
    path = book_path(network, chain_id, folder)
    if not path.is_file():
        raise AddressBookError(
            f"no deployment recorded for {network} (chain {chain_id}): {path} does not exist; "
            f"run `ape run deploy --network ...` first"
        )
    try:
        data = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as err:
        raise AddressBookError(f"{path}: {err}") from err
    book = AddressBook.from_dict(data, source=str(path))
    if book.chain_id != chain_id:
        raise AddressBookError(f"{path}: records chain {book.chain_id}, expected {chain_id}")
    return book


def book_for_suite(
    suite: Suite, network: str, chain_id: int, block: int, deployer: str
) -> AddressBook:
    """Return the AddressBook of a freshly deployed ``suite``."""
    return AddressBook(
        network=network,
        chain_id=chain_id,
        deployed_at_block=block,
        deployer=str(deployer),
        contracts=suite.addresses(),
    )


def load_contract(book: AddressBook, name: str, contract_type: str | None = None) -> Any:
    """Return an Ape ContractInstance of the book's contract ``name`` at its recorded address, on
    the connected network, with the ABI of project contract ``contract_type`` (default: ``name``).

    Raises:
        AddressBookError: the book has no such contract, the project has no such contract type, or
            there is no code at the address (e.g. a dev node restarted since the deployment).
    """
    from ape import chain, project

    address = book.address_of(name)
    type_name = contract_type or name
    try:
        container = getattr(project, type_name)
    except AttributeError:
        raise AddressBookError(f"the project has no contract type {type_name}") from None
    if not chain.provider.get_code(address):
        raise AddressBookError(
            f"no contract code at {address} ({name}) on chain {chain.chain_id}: the address book "
            f"{book_name(book.network, book.chain_id)} is stale (was the node restarted?)"
        )
    # Bind the project's own ABI and nothing else. Ape merges a contract type given for an address
    # with what its disk cache (~/.ape/<ecosystem>/<network>/contract_types) holds for that address,
    # and dev chains reuse addresses (anvil's first deployment is always at 0x5FbDB...): another
    # project's ABI would leak in. Our contracts are not proxies and have no explorer entry.
    return chain.contracts.instance_at(
        address,
        contract_type=container.contract_type,
        fetch_from_explorer=False,
        fetch_from_disk=False,
        detect_proxy=False,
        replace=True,
    )


def load_suite(book: AddressBook) -> Suite:
    """Return the core Suite recorded in ``book`` (instances bound to the connected provider).

    Raises:
        AddressBookError: a core contract is missing from the book.
    """
    return Suite(
        **{
            attr: load_contract(book, name, type_name)
            for attr, (name, type_name) in SUITE_CONTRACTS.items()
        }
    )
