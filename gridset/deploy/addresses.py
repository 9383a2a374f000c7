"""The address book: where each network's deployed contracts live and who holds which role.

One JSON file per network, ``deployments/<network>-<chain id>.json``, written by
``ape run deploy`` and read by every command (``deploy``, ``govern``, ``broker``, ``netting``)
through this module only. Public networks' books are committed (e.g. ``sepolia-11155111.json``);
development chains (chain id 1337 eth-tester, 31337 anvil/hardhat) are recorded as network
``local`` (``local-31337.json``, git-ignored; every local deployment overwrites it).

Format::

    {"network": "sepolia", "chain_id": 11155111, "block": 123, "deployer": "0x..",
     "contracts": {"EnergyToken": "0x..", "EnergyBrokerRouter": "0x..", ...},
     "roles": {"PanelNFT.INSTALLER_ROLE": ["0x.."], "EnergyOracle.operator": ["0x..", ...]}}

``block`` is the block at which the deployment finished; ``roles`` maps
``<Contract>.<ROLE>`` to the holders at that block (AccessControl roles read from the chain,
plus the oracle's operators and the DAO's guardian).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any

from eth_utils import is_address, to_checksum_address
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

DEPLOYMENTS_DIR = Path(__file__).resolve().parents[2] / "deployments"
#: Chain ids of development nodes (eth-tester / geth --dev / ganache 1337, anvil / hardhat 31337).
DEV_CHAIN_IDS = frozenset({1337, 31337})
#: Network name under which development chains are recorded.
LOCAL_NETWORK = "local"
#: Ape names every network reached by a bare URL "custom"; public ones are recognised by chain id.
URI_NETWORK_NAME = "custom"
_ADDRESS = re.compile(r"^0x[0-9a-fA-F]{40}$")


class AddressBookError(RuntimeError):
    """The address book for a network is missing, malformed, or lacks a contract (one line)."""


def _address(value: Any) -> str:
    if not isinstance(value, str) or not _ADDRESS.match(value) or not is_address(value):
        raise ValueError(f"{value!r} is not an address")
    return to_checksum_address(value)


Address = Annotated[str, BeforeValidator(_address)]


class AddressBook(BaseModel):
    """The deployed addresses of one network.

    Attributes:
        network: Ape network name (``"sepolia"``; ``"local"`` for a development chain).
        chain_id: EIP-155 chain id.
        block: Block number at which the deployment finished.
        deployer: Address that sent the deployment transactions.
        contracts: ``{contract name: checksummed address}``.
        roles: ``{"<Contract>.<ROLE>": [holder addresses]}``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    network: str
    chain_id: int
    block: int
    deployer: Address
    contracts: dict[str, Address] = {}
    roles: dict[str, tuple[Address, ...]] = {}

    def to_json(self) -> str:
        """Return the file text: indented JSON with a trailing newline."""
        data = self.model_dump()
        data["roles"] = {role: list(holders) for role, holders in self.roles.items()}
        return json.dumps(data, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: Any, source: str = "address book") -> AddressBook:
        """Build an AddressBook from parsed JSON, checking every field.

        Raises:
            AddressBookError: a field is missing, unknown or has the wrong type.
        """
        if not isinstance(data, dict):
            raise AddressBookError(f"{source}: expected a JSON object")
        data = {**data, "roles": {k: tuple(v) for k, v in (data.get("roles") or {}).items()}}
        try:
            return cls.model_validate(data)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            message = first["msg"].removeprefix("Value error, ")
            raise AddressBookError(f"{source}: {where}: {message}") from None

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


def is_development_chain(chain_id: int) -> bool:
    """True for development chains (1337, 31337): test accounts hold the operational roles,
    governance runs on development timings, chain time may be moved, books are not committed."""
    return chain_id in DEV_CHAIN_IDS


def network_label(network: Any, chain_id: int) -> str:
    """Return the name under which ``network`` (an Ape NetworkAPI) is recorded.

    ``"local"`` for development chains; for a network reached by URL, the name of the
    ecosystem's public network with the same chain id (``"sepolia"``) when there is one;
    otherwise Ape's name.
    """
    if is_development_chain(chain_id):
        return LOCAL_NETWORK
    if network.name != URI_NETWORK_NAME:
        return network.name
    for name, known in network.ecosystem.networks.items():
        if name == LOCAL_NETWORK or name.endswith("-fork"):
            continue
        if known.chain_id == chain_id:
            return name
    return network.name


def book_name(network: str, chain_id: int) -> str:
    """Return the file name for ``network`` / ``chain_id``: ``<network>-<id>.json`` (network
    reduced to ``[a-z0-9_-]``; ``local`` for development chains)."""
    if is_development_chain(chain_id):
        network = LOCAL_NETWORK
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


def read_address_book_file(path: Path) -> AddressBook:
    """Read the address book at ``path``.

    Raises:
        AddressBookError: no such file, not valid JSON, or not of the expected form.
    """
    path = Path(path)
    if not path.is_file():
        raise AddressBookError(
            f"no deployment recorded: {path} does not exist; run `ape run deploy --network ...` "
            f"first"
        )
    try:
        data = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as err:
        raise AddressBookError(f"{path}: {err}") from err
    return AddressBook.from_dict(data, source=str(path))


def read_address_book(network: str, chain_id: int, folder: Path = DEPLOYMENTS_DIR) -> AddressBook:
    """Read the address book of ``network`` / ``chain_id`` from ``folder``.

    Raises:
        AddressBookError: no deployment is recorded for that network, the file is not valid
            JSON of the expected form, or it records another chain.
    """
    path = book_path(network, chain_id, folder)
    book = read_address_book_file(path)
    if book.chain_id != chain_id:
        raise AddressBookError(f"{path}: records chain {book.chain_id}, expected {chain_id}")
    return book


def connected_address_book(
    explicit: Path | None = None, folder: Path = DEPLOYMENTS_DIR
) -> AddressBook:
    """The address book of the connected network: ``explicit`` if given, else the book
    ``ape run deploy`` wrote for it in ``folder`` (what every command uses).

    Raises:
        AddressBookError: as :func:`read_address_book_file`, or an explicit book recording
            another chain than the connected one.
    """
    from ape import chain, networks

    chain_id = chain.chain_id
    if explicit is None:
        return read_address_book(
            network_label(networks.provider.network, chain_id), chain_id, folder
        )
    book = read_address_book_file(explicit)
    if book.chain_id != chain_id:
        raise AddressBookError(
            f"{explicit}: records chain {book.chain_id}, but the connected chain is {chain_id}"
        )
    return book


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
