import { duration, kwh, localTime, pricePerKwh } from "../format.js";
import { card, dl, h } from "../ui.js";
import { marketInfo, phaseOf, slotOf } from "./common.js";

async function slotCard(app, m, slot, label) {
  const [clearing, book] = await Promise.all([
    app.read("EnergyMarket", "getClearing", [slot]),
    app.read("EnergyMarketLens", "getOrderBook", [slot]),
  ]);
  const [prices, bids, asks] = book;
  const levels = prices.map((p, i) => ({ p, b: bids[i], a: asks[i] })).filter((l) => l.b > 0n || l.a > 0n);
  const gate = slot - m.gateLead;
  const now = BigInt(app.now());
  const canClear = clearing.isStarted && !clearing.isCleared && now >= gate;
  return card(`${label}: ${localTime(slot, true)} – ${localTime(slot + m.slotLength)}`,
    dl([
      ["Phase", h("span", { class: "phase" }, phaseOf(app, m, slot, clearing)), `phase-${slot}`],
      ["Gate closure", h("span", {}, localTime(gate), now < gate ? [" · in ", h("span", { "data-deadline": String(gate) }, duration(Number(gate - now)))] : " · passed")],
    ], `slot-${slot}`),
    levels.length
      ? h("table", { "data-testid": `book-${slot}` }, h("tr", {}, h("th", {}, "Price"), h("th", {}, "Bids"), h("th", {}, "Asks")),
          levels.reverse().map((l) => h("tr", {}, h("td", {}, pricePerKwh(l.p)), h("td", {}, kwh(l.b)), h("td", {}, kwh(l.a)))))
      : h("p", { class: "note" }, "No orders in the auction's book."),
    clearing.isCleared
      ? h("p", { "data-testid": `result-${slot}` }, clearing.volume > 0n ? `Cleared at ${pricePerKwh(clearing.clearingPrice)}: ${kwh(clearing.volume)} matched.` : "Cleared: nothing matched.")
      : null,
    canClear ? h("button", { "data-testid": `clear-${slot}`, onclick: () => app.tx(`Clear auction ${localTime(slot)}`, "EnergyMarket", "clearAuction", [slot]) }, "Clear the auction") : null,
  );
}

export default {
  id: "slots",
  title: "Slots & book",
  autoRefresh: true,
  requires: ["EnergyMarket", "EnergyMarketLens"],
  async render(app) {
    const m = await marketInfo(app);
    const current = slotOf(app.now(), m.slotLength);
    const wanted = [[current - m.slotLength, "Previous"], [current, "Current"], [current + m.slotLength, "Next"], [current + 2n * m.slotLength, "After"]];
    const extra = new URLSearchParams(location.search).get("slot");
    if (extra) wanted.push([BigInt(extra), "Selected"]);
    const cards = await Promise.all(wanted.map(([s, l]) => slotCard(app, m, s, l)));
    return h("div", {},
      h("p", { class: "note" }, `Slots of ${Number(m.slotLength) / 60} min; orders close ${Number(m.gateLead) / 60} min before a slot starts; after that anyone may clear its auction.`),
      h("div", { class: "cards" }, cards),
      h("p", { class: "note" }, app.c.has("CdaMarket") ? 'Intraday book: see the "Intraday (CDA)" screen.' : "Intraday market (CDA): not deployed in this community."),
    );
  },
};
