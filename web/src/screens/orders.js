import { kwh, localTime, pricePerKwh, watt } from "../format.js";
import { card, dl, h } from "../ui.js";
import { marketInfo } from "./common.js";

function status(order, clearing, now, m) {
  if (order.isActive) {
    if (clearing.isCleared) return "cleared: claim your fill";
    return now < order.timeSlot - m.gateLead ? "open" : "gate closed: the auction can be cleared";
  }
  return order.filledQuantity > 0n ? `filled ${kwh(order.filledQuantity)}` : clearing.isCleared ? "claimed: not filled" : "cancelled";
}

async function slotSection(app, m, slot, orders) {
  const me = app.account;
  const now = BigInt(app.now());
  const [clearing, position, record, readyAt, executed] = await Promise.all([
    app.read("EnergyMarket", "getClearing", [slot]),
    app.read("EnergyMarket", "getPosition", [slot, me]),
    app.read("SettlementEngine", "getSettlementRecord", [slot, me]),
    app.read("SettlementEngine", "settlementReadyAt", [slot]),
    app.logs("SettlementEngine", "SettlementExecuted", { slot, participant: me }),
  ]);
  const rows = orders.map((o) => {
    const actions = [];
    if (o.isActive && now < o.timeSlot - m.gateLead) actions.push(h("button", { class: "secondary", "data-testid": `cancel-${o.orderId}`, onclick: () => app.tx("Cancel order", "EnergyMarket", "cancelOrder", [o.orderId]) }, "Cancel"));
    if (o.isActive && clearing.isCleared) actions.push(h("button", { "data-testid": `claim-${o.orderId}`, onclick: () => app.tx("Claim order", "EnergyMarket", "claimOrder", [o.orderId]) }, "Claim"));
    return h("tr", { "data-testid": `order-${o.orderId}` },
      h("td", {}, o.isBid ? "buy" : "sell"), h("td", {}, pricePerKwh(o.price)), h("td", {}, kwh(o.quantity)),
      h("td", { "data-testid": `order-status-${o.orderId}` }, status(o, clearing, now, m)), h("td", {}, actions));
  });
  const traded = position.bought > 0n || position.sold > 0n;
  const canClear = clearing.isStarted && !clearing.isCleared && now >= slot - m.gateLead;
  const canSettle = traded && !record.isSettled && position.openOrders === 0n && readyAt > 0n && now >= readyAt;
  const ev = executed[0]?.args;
  return card(`Slot ${localTime(slot, true)}`,
    h("table", {}, h("tr", {}, h("th", {}, "Side"), h("th", {}, "Limit"), h("th", {}, "Quantity"), h("th", {}, "Status"), h("th", {}, "")), rows),
    clearing.isCleared ? h("p", {}, clearing.volume > 0n ? `Clearing price ${pricePerKwh(clearing.clearingPrice)}.` : "The auction matched nothing.") : null,
    traded ? dl([["Bought", kwh(position.bought)], ["Sold", kwh(position.sold)]]) : null,
    record.isSettled
      ? h("div", { "data-testid": `settled-${slot}` }, h("p", {}, "Settled:"), dl([
          ["Produced", kwh(record.energyProduced)],
          ["Received", kwh(record.energyConsumed), `received-${slot}`],
          ...(ev?.sellerSide ? [["Delivered", kwh(ev.energyDelivered), `delivered-${slot}`]] : []),
          ["Payment", `${record.paymentAmount < 0n ? "paid " + watt(-record.paymentAmount) : "received " + watt(record.paymentAmount)}`, `payment-${slot}`],
          ["Penalty", ev ? watt(ev.penalty) : "—"],
        ]))
      : traded ? h("p", { class: "note" }, readyAt > 0n ? (now >= readyAt ? "Ready to settle." : `Settlement opens ${localTime(readyAt, true)}.`) : "Settlement waits for the meter data.") : null,
    canClear ? h("button", { "data-testid": `clear-${slot}`, onclick: () => app.tx(`Clear auction ${localTime(slot)}`, "EnergyMarket", "clearAuction", [slot]) }, "Clear the auction") : null,
    canSettle ? h("button", { "data-testid": `settle-${slot}`, onclick: () => app.tx("Settle my slot", "SettlementEngine", "settleParticipant", [slot, me]) }, "Settle") : null,
  );
}

export default {
  id: "orders",
  title: "My orders",
  requires: ["EnergyMarket", "SettlementEngine"],
  async render(app) {
    if (!app.account) return h("p", {}, "Connect a wallet to see your orders, fills and settlements.");
    const m = await marketInfo(app);
    const placed = await app.logs("EnergyMarket", "OrderPlaced", { trader: app.account });
    const orders = await Promise.all(placed.map((l) => app.read("EnergyMarket", "getOrder", [l.args.orderId])));
    const bySlot = new Map();
    for (const o of orders) bySlot.set(o.timeSlot, [...(bySlot.get(o.timeSlot) || []), o]);
    const slots = [...bySlot.keys()].sort((a, b) => (a < b ? 1 : -1));
    if (!slots.length) return h("p", { "data-testid": "no-orders" }, "You have placed no order yet.");
    return h("div", { class: "cards wide" }, await Promise.all(slots.map((s) => slotSection(app, m, s, bySlot.get(s)))));
  },
};
