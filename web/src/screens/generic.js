// Screens for contracts built on other branches (the intraday CDA, the LEG marketplace): they
// light up as soon as one of their contract names is in the address book (and its ABI in abi/),
// and then show the contract's recent events and a form per action, all read from its ABI.
import { decodeEventLog } from "viem";
import { shortAddress } from "../format.js";
import { card, field, h } from "../ui.js";

function parseArg(type, text) {
  const t = text.trim();
  if (/^u?int/.test(type)) return BigInt(t);
  if (type === "bool") return t === "true" || t === "1";
  if (type.endsWith("]") || type.startsWith("tuple")) return JSON.parse(t, (_, v) => (typeof v === "string" && /^-?\d+$/.test(v) ? BigInt(v) : v));
  return t;
}
function show(v) {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v)) return shortAddress(v);
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  return String(v);
}

export function contractScreen({ id, title, candidates, actions }) {
  return {
    id,
    title,
    live: (c) => Boolean(c.first(candidates)),
    requires: [],
    async render(app) {
      const contract = app.c.first(candidates);
      const logs = await app.session.pub.getLogs({ address: contract.address, fromBlock: app.book.block, toBlock: "latest" });
      const events = logs.slice(-20).reverse().map((log) => {
        try {
          const { eventName, args } = decodeEventLog({ abi: contract.abi, data: log.data, topics: log.topics });
          return h("tr", {}, h("td", {}, String(log.blockNumber)), h("td", {}, eventName), h("td", {}, Object.entries(args || {}).map(([k, v]) => `${k} ${show(v)}`).join(", ")));
        } catch { return null; }
      });
      const fns = contract.abi.filter((x) => x.type === "function" && x.stateMutability === "nonpayable" && actions.test(x.name));
      const forms = fns.map((fn) => {
        const inputs = fn.inputs.map((inp) => h("input", { name: inp.name, "data-testid": `${id}-${fn.name}-${inp.name}`, placeholder: inp.type }));
        const submit = (e) => {
          e.preventDefault();
          try { app.tx(`${contract.name}.${fn.name}`, contract.name, fn.name, fn.inputs.map((inp, i) => parseArg(inp.type, inputs[i].value))); } catch (err) { app.showError(err); }
        };
        return card(fn.name, h("form", { onsubmit: submit }, fn.inputs.map((inp, i) => field(`${inp.name} (${inp.type})`, inputs[i])), h("button", { "data-testid": `${id}-${fn.name}`, disabled: !app.ready }, "Sign and send")));
      });
      return h("div", {},
        h("p", { class: "note" }, `${contract.name} at ${contract.address}`),
        h("div", { class: "cards" }, forms),
        card("Recent events", events.length ? h("table", {}, events) : h("p", { class: "note" }, "None yet.")),
      );
    },
  };
}
