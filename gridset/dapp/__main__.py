"""``make dapp``: anvil with the default community deployed and seeded, the page built and served
on 127.0.0.1; prints the page's URL, the node's RPC URL, the deployer's and the households'
accounts and the address book's role holders (anvil dev keys), then runs until Ctrl-C.
Usage: ``python -m gridset.dapp [--port 5173]``."""

from __future__ import annotations

import argparse
import signal
import time

from gridset.dapp.devchain import HOUSEHOLDS, seed_community
from gridset.dapp.site import DIST_DIR, build_site, publish_deployment, serve
from gridset.deploy.local_node import anvil_node


def main() -> None:
    """Bring the development community and its page up; stop both on Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=5173, help="port of the page (0: any free)")
    args = parser.parse_args()

    from ape import accounts, networks

    # `kill <pid>` stops the node and the server as Ctrl-C does (the with-blocks clean up).
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    started = time.monotonic()
    summary = build_site()
    with anvil_node(accounts=12) as rpc, networks.parse_network_choice(rpc):
        community = seed_community()
        publish_deployment(community.book_path, rpc, DIST_DIR)
        with serve(DIST_DIR, args.port) as url:
            test_accounts = [accounts.test_accounts[i] for i in range(len(accounts.test_accounts))]
            keys = {str(a.address): a.private_key for a in test_accounts}
            held: dict[str, list[str]] = {}
            for role, holders in community.book["roles"].items():
                for address in holders:
                    held.setdefault(address, []).append(role)
            print(f"\nGridSet dApp ready in {time.monotonic() - started:.1f} s")
            print(f"  page:          {url}")
            print(f"  chain:         {rpc} (chain id {community.book['chain_id']})")
            print(f"  address book:  {community.book_path}")
            print(f"  bundle:        {summary['gzip_bytes'] / 1024:.1f} kB gzipped")
            print("  accounts (anvil dev keys; import a household's key into your wallet):")
            for name, address in community.accounts.items():
                role = "household" if name in HOUSEHOLDS else "deployer"
                print(f"    {name:<10} {address}  {keys[address]}  ({role})")
            print("  role holders (the address book's roles):")
            for address, roles in held.items():
                if address in keys:
                    print(f"    {address}  {keys[address]}  ({', '.join(roles)})")
            print("Ctrl-C stops the node and the page.")
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                print("stopped")


if __name__ == "__main__":
    main()
