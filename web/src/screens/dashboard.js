import { kwh, localTime, pricePerKwh } from "../format.js";
import { barChart, card, h, legend, lineChart } from "../ui.js";
import { marketInfo, recentSlots } from "./common.js";

const SLOTS = 12;

export default {
  id: "dashboard",
  title: "Dashboard",
  autoRefresh: true,
  requires: ["EnergyMarket", "EnergyOracle", "PanelRegistry"],
  async render(app) {
    const m = await marketInfo(app);
    const slots = recentSlots(app, m, SLOTS);
    const me = app.account;
    const cda = app.c.has("CdaMarket");
    const none = { bought: 0n, sold: 0n };
    // Intraday volume per slot from the CDA's trades (one log query, filtered on the twelve slots).
    const intraday = new Map();
    if (cda) {
      const trades = await app.logs("CdaMarket", "Traded", { slot: slots });
      for (const t of trades) intraday.set(t.args.slot, (intraday.get(t.args.slot) || 0n) + t.args.quantity);
    }
    const rows = await Promise.all(slots.map(async (slot) => {
      const [community, clearing, mine, position, cdaPosition] = await Promise.all([
        app.read("EnergyOracle", "getTotalProductionInSlot", [slot]),
        app.read("EnergyMarket", "getClearing", [slot]),
        me ? app.read("PanelRegistry", "ownerProductionOf", [me, slot]) : 0n,
        me ? app.read("EnergyMarket", "previewPosition", [slot, me]) : none, // fills before the claim settlement folds in
        me && cda ? app.read("CdaMarket", "getPosition", [slot, me]) : none,
      ]);
      return { slot, community, clearing, mine, position, cdaPosition, intraday: intraday.get(slot) || 0n };
    }));
    const labels = rows.map((r) => localTime(r.slot));
    const k = (wh) => Number(wh) / 1000;
    const community = [
      { name: "community production", color: "#f2a900", values: rows.map((r) => k(r.community)) },
      { name: "traded in the auction", color: "#1f6feb", values: rows.map((r) => k(r.clearing.volume)) },
      ...(cda ? [{ name: "traded intraday", color: "#8250df", values: rows.map((r) => k(r.intraday)) }] : []),
    ];
    const household = [
      { name: "your production", color: "#f2a900", values: rows.map((r) => k(r.mine)) },
      { name: "bought (your consumption from the market)", color: "#1f6feb", values: rows.map((r) => k(r.position.bought + r.cdaPosition.bought)) },
      { name: "sold", color: "#d2691e", values: rows.map((r) => k(r.position.sold + r.cdaPosition.sold)) },
    ];
    const prices = rows.map((r) => (r.clearing.isCleared && r.clearing.volume > 0n ? Number(r.clearing.clearingPrice) / 1e18 : null));
    const last = [...rows].reverse().find((r) => r.clearing.isCleared && r.clearing.volume > 0n);
    return h("div", {},
      h("p", { class: "note" }, `The last ${SLOTS} slots of ${Number(m.slotLength) / 60} min, local time. Production is what the meter oracles finalised.${cda ? " Bought and sold: auction plus intraday (a resting intraday order's fills count once claimed)." : ""}`),
      h("div", { class: "cards charts" },
        card("Community", legend(community), barChart({ labels, series: community, unit: "kWh", testid: "chart-community" })),
        card(me ? "Your household" : "Your household (connect a wallet)", legend(household), barChart({ labels, series: household, unit: "kWh", testid: "chart-household" })),
        card("Clearing prices", lineChart({ labels, values: prices, unit: "WATT/kWh", testid: "chart-prices" }),
          h("p", { "data-testid": "last-price" }, last ? `Last: ${pricePerKwh(last.clearing.clearingPrice)} for ${kwh(last.clearing.volume)} (slot ${localTime(last.slot)})` : "No cleared trade in these slots.")),
      ),
    );
  },
};
