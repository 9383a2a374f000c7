// ABIs come from abi/ (bundled at build time, see build.mjs); addresses from the address book
// deployments/<network>-<chain id>.json, fetched at load time. Nothing is copied by hand.
import abis from "gridset:abis";

export const ERRORS_ABI = abis.GridSetErrors || [];
// Address-book names whose ABI is another contract's (any fee-less ERC-20 may pay; WATT's ABI covers it).
const ABI_OF = { PaymentToken: "WattToken" };
const ERROR_ITEMS = ERRORS_ABI.filter((x) => x.type === "error");

function withSuiteErrors(abi) {
  const have = new Set(abi.filter((x) => x.type === "error").map((x) => x.name));
  return [...abi, ...ERROR_ITEMS.filter((x) => !have.has(x.name))];
}

// Which address book: ?book=<file stem> or the first local one, else the first listed.
export async function loadBook(search = location.search) {
  const want = new URLSearchParams(search).get("book");
  const index = await (await fetch("deployments/index.json", { cache: "no-store" })).json();
  const file = want ? `${want}.json` : index.find((f) => f.startsWith("local-")) || index[0];
  if (!file || !index.includes(file)) {
    throw new Error(want ? `no address book ${want}.json in deployments/` : "no address book in deployments/: deploy first (`make dapp` does it)");
  }
  const book = await (await fetch(`deployments/${file}`, { cache: "no-store" })).json();
  return {
    ...book,
    file,
    block: BigInt(book.block ?? 0),
    roles: book.roles || {},
  };
}

export function makeContracts(book) {
  const table = {};
  for (const [name, address] of Object.entries(book.contracts || {})) {
    const abi = abis[ABI_OF[name] || name];
    if (abi) table[name] = { name, address, abi: withSuiteErrors(abi) };
  }
  // The payment token under its contract's name (a book that records WATT as WattToken).
  if (!table.PaymentToken && table.WattToken) table.PaymentToken = { ...table.WattToken, name: "PaymentToken" };
  return {
    has: (...names) => names.every((n) => table[n]),
    get(name) {
      if (!table[name]) throw new Error(`${name} is not in the address book ${book.file}`);
      return table[name];
    },
    all: table,
  };
}
export const availableAbis = Object.keys(abis);
