import { kwh, localTime } from "../format.js";
import { card, dl, h } from "../ui.js";
import { marketInfo, recentSlots } from "./common.js";

export default {
  id: "panels",
  title: "Panels",
  requires: ["PanelNFT", "PanelRegistry", "EnergyOracle", "EnergyMarket"],
  async render(app) {
    if (!app.account) return h("p", {}, "Connect a wallet to see your panels.");
    const me = app.account;
    const m = await marketInfo(app);
    const received = await app.logs("PanelNFT", "Transfer", { to: me });
    const ids = [...new Set(received.map((l) => l.args.tokenId))];
    const owned = [];
    for (const id of ids) {
      try { if ((await app.read("PanelNFT", "ownerOf", [id])).toLowerCase() === me.toLowerCase()) owned.push(id); } catch { /* retired */ }
    }
    if (!owned.length) return h("p", { "data-testid": "no-panels" }, "You own no PanelNFT. An installer mints one for your panel; then register it here.");
    const slots = recentSlots(app, m, 8);
    const finalised = await Promise.all(slots.map((s) => app.read("EnergyOracle", "isTimeSlotFinalized", [s])));
    return h("div", { class: "cards" }, await Promise.all(owned.map(async (id) => {
      const [meta, record] = await Promise.all([app.read("PanelNFT", "getPanelMetadata", [id]), app.read("PanelRegistry", "getPanelRecord", [id])]);
      const production = await Promise.all(slots.map((s) => app.read("PanelRegistry", "productionOf", [id, s])));
      return card(`Panel #${id}`,
        dl([
          ["Capacity", `${(Number(meta.capacityWatt ?? record.capacityWatt) / 1000).toFixed(1)} kW`],
          ["Registered", record.isRegistered ? "yes" : "no", `panel-registered-${id}`],
          ["Total production", kwh(record.totalEnergyProduced)],
        ]),
        record.isRegistered ? null : h("button", { "data-testid": `register-${id}`, onclick: () => app.tx(`Register panel #${id}`, "PanelRegistry", "registerPanel", [id, me, meta.capacityWatt]) }, "Register"),
        h("table", {}, h("tr", {}, h("th", {}, "Slot"), h("th", {}, "Production"), h("th", {}, "")),
          slots.map((s, i) => h("tr", {}, h("td", {}, localTime(s)), h("td", {}, kwh(production[i])), h("td", { class: "note" }, finalised[i] ? "finalised" : "not final")))),
      );
    })));
  },
};
