// The household's auction orders per slot with their fills (previewed before the claim, which
// settlement folds in), settlement results, its internal WATT balance in the market and energy
// credits in the SettlementEngine (both booked by settleBatch) with their withdrawals, and a keeper
// card settling a slot's traders in one settleBatch with the skips it reported.
// Units: kWh on screen (Wh on chain), WATT/kWh, WATT (18 decimals), local time.
import { kwh, localTime, pricePerKwh, shortAddress, watt } from "../format.js";
import { card, dl, h } from "../ui.js";
import { marketInfo, recentSlots } from "./common.js";

// ISettlementEngine.SkipReason, in declaration order (the ABI carries only the uint8).
export const SKIP_REASONS = [
  ["NothingToSettle", "nothing to settle now (already settled, earlier in the batch, or no trades and no production)"],
  ["Disputed", "an open dispute"],
  ["SellersPending", "a buyer waiting for the slot's sellers to settle"],
  ["CdaOrdersOpen", "open intraday (CDA) orders in the slot"],
];
const KEEPER_SLOTS = 12; // recent slots the keeper card looks at

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
    app.read("EnergyMarket", "previewPosition", [slot, me]),
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
  // Unclaimed orders do not hold settlement back: it claims them (previewPosition shows their fills).
  const canSettle = traded && !record.isSettled && readyAt > 0n && now >= readyAt;
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

// A balance the household withdraws in full with one transaction (the exact amount shown first).
function withdrawCard(app, { title, label, shown, id, preview, empty, onWithdraw, amount }) {
  const submit = (e) => { e.preventDefault(); onWithdraw(); };
  return card(title,
    dl([[label, shown, id]]),
    h("form", { onsubmit: submit },
      h("p", { class: "escrow", "data-testid": `${id}-preview` }, amount > 0n ? preview : empty),
      h("button", { "data-testid": `${id}-withdraw`, disabled: !app.ready || amount === 0n }, "Withdraw")));
}

function balanceCards(app, credited, energy) {
  return [
    withdrawCard(app, {
      title: "Your market balance", label: "WATT credited to you in the market", shown: watt(credited, 18), id: "market-balance", amount: credited,
      preview: `Withdrawing sends ${watt(credited, 18)} from the market to your wallet in one transfer.`,
      empty: "Nothing to withdraw: a batch settlement (settleBatch) credits refunds and sales proceeds here.",
      onWithdraw: () => app.tx(`Withdraw ${watt(credited, 18)} from the market`, "EnergyMarket", "withdraw", [credited]),
    }),
    withdrawCard(app, {
      title: "Your energy credits in settlement", label: "Booked by batch settlement", shown: kwh(energy), id: "energy-credit", amount: energy,
      preview: `Withdrawing mints ${kwh(energy)} of energy credits to your wallet.`,
      empty: "Nothing to withdraw: a batch settlement books undelivered production and delivered purchases here.",
      onWithdraw: () => app.tx(`Withdraw ${kwh(energy)} of energy credits`, "SettlementEngine", "withdrawEnergy", [energy]),
    }),
  ];
}

// Keeper: the recent slots whose settlement is open, their traders (from OrderPlaced) not yet
// settled, settled in one settleBatch; the skips the slot's batches reported, by reason.
async function keeperCard(app, m) {
  const now = BigInt(app.now());
  const slots = recentSlots(app, m, KEEPER_SLOTS);
  const readyAt = await Promise.all(slots.map((s) => app.read("SettlementEngine", "settlementReadyAt", [s])));
  const ready = slots.filter((s, i) => readyAt[i] > 0n && now >= readyAt[i]).reverse();
  if (!ready.length) return card("Settle a slot (keeper)", h("p", { class: "note", "data-testid": "keeper-none" }, "No recent slot is ready to settle."));
  const maxBatch = await app.read("SettlementEngine", "MAX_BATCH_SIZE");
  const rows = await Promise.all(ready.map(async (slot) => {
    const [placed, skipped] = await Promise.all([
      app.logs("EnergyMarket", "OrderPlaced", { timeSlot: slot }),
      app.logs("SettlementEngine", "SettlementSkipped", { slot }),
    ]);
    const traders = [...new Set(placed.map((l) => l.args.trader))];
    const records = await Promise.all(traders.map((t) => app.read("SettlementEngine", "getSettlementRecord", [slot, t])));
    const pending = traders.filter((_, i) => !records[i].isSettled).slice(0, Number(maxBatch));
    const skips = skipped.slice(-10).reverse().map((l) => {
      const [name, words] = SKIP_REASONS[l.args.reason] || [`reason ${l.args.reason}`, "unknown"];
      return h("li", {}, `block ${l.blockNumber}: ${shortAddress(l.args.participant)} skipped, `, h("span", { "data-testid": "skip-reason" }, name), `: ${words}`);
    });
    return h("div", { "data-testid": `keeper-${slot}` },
      h("p", {}, `Slot ${localTime(slot, true)}: `, h("span", { "data-testid": `keeper-pending-${slot}` }, `${pending.length} of ${traders.length} traders to settle`)),
      pending.length ? h("button", { "data-testid": `settle-batch-${slot}`, disabled: !app.ready, onclick: () => app.tx(`Settle ${pending.length} participants of ${localTime(slot)}`, "SettlementEngine", "settleBatch", [slot, pending]) }, `Settle ${pending.length} in one batch`) : null,
      skips.length ? h("ul", { "data-testid": `skips-${slot}` }, skips) : null);
  }));
  return card("Settle a slot (keeper)",
    h("p", { class: "note" }, "Anyone may settle: settleBatch books what each trader is owed to their balances here (WATT in the market, energy credits in the settlement) and skips, without paying, whoever cannot be settled yet."),
    rows);
}

export default {
  id: "orders",
  title: "My orders",
  requires: ["EnergyMarket", "SettlementEngine"],
  async render(app) {
    const m = await marketInfo(app);
    const keeper = await keeperCard(app, m);
    if (!app.account) return h("div", {}, h("p", {}, "Connect a wallet to see your orders, fills and settlements."), h("div", { class: "cards" }, keeper));
    const me = app.account;
    const [placed, credited, energy] = await Promise.all([
      app.logs("EnergyMarket", "OrderPlaced", { trader: me }),
      app.read("EnergyMarket", "internalBalanceOf", [me]),
      app.read("SettlementEngine", "energyCreditOf", [me]),
    ]);
    const top = h("div", { class: "cards" }, balanceCards(app, credited, energy), keeper);
    const orders = await Promise.all(placed.map((l) => app.read("EnergyMarket", "getOrder", [l.args.orderId])));
    const bySlot = new Map();
    for (const o of orders) bySlot.set(o.timeSlot, [...(bySlot.get(o.timeSlot) || []), o]);
    const slots = [...bySlot.keys()].sort((a, b) => (a < b ? 1 : -1));
    if (!slots.length) return h("div", {}, top, h("p", { "data-testid": "no-orders" }, "You have placed no order yet."));
    return h("div", {}, top, h("div", { class: "cards wide" }, await Promise.all(slots.map((s) => slotSection(app, m, s, bySlot.get(s))))));
  },
};
