// The intraday market (CdaMarket, a continuous double auction per delivery slot): the book of the
// slots around now, an order form with the escrow or stake shown before signing, the household's
// CDA orders with cancel and claim, its positions and fills, and its internal balance on the CDA
// (claims, cancels and sales credit it; bids spend it first) with its withdrawal. Units as everywhere: kWh on screen (Wh
// on chain), WATT/kWh (base units per kWh), local time.
import { duration, kwh, localTime, parseWatt, pricePerKwh, watt, whFromKwh } from "../format.js";
import { card, dl, field, h } from "../ui.js";
import { marketInfo, slotOf } from "./common.js";

const CDA = "CdaMarket";
const ZONES = 16; // CdaMarket.MAX_ZONES
const SLOTS_SHOWN = 3;

// A slot's price grid and collateral: fixed when its book opened, else the parameters new books get.
async function terms(app, slot) {
  const [floor, tick, collateral, gateClosure] = await app.read(CDA, "bookOf", [slot]);
  if (gateClosure > 0n) return { floor, tick, collateral };
  const [pf, ts, cp] = await app.read(CDA, "parameters");
  return { floor: pf, tick: ts, collateral: cp };
}

// Escrow a bid takes (base units): quantity x (price + the highest grid fee the buyer may pay).
export function cdaBidEscrow(wh, price, feeBps) {
  const unit = price / 1000n;
  return wh * (unit + (unit * feeBps) / 10_000n);
}
export const cdaAskCollateral = (wh, collateralPerKWh) => wh * (collateralPerKWh / 1000n);

function phase(now, w, clearing, auctionGate) {
  if (clearing.isStarted && !clearing.isCleared && now >= auctionGate) return "waiting for the auction to be cleared";
  if (now < w.opensAt) return "opens after the auction's gate closure";
  if (now < w.gateClosure) return "open for continuous trading";
  return "closed";
}

async function slotCard(app, m, slot) {
  const now = BigInt(app.now());
  const [[opensAt, gateClosure], clearing, bids, asks, trades] = await Promise.all([
    app.read(CDA, "tradingWindow", [slot]),
    app.read("EnergyMarket", "getClearing", [slot]),
    app.read(CDA, "getBook", [slot, true]),
    app.read(CDA, "getBook", [slot, false]),
    app.logs(CDA, "Traded", { slot }),
  ]);
  const w = { opensAt, gateClosure };
  const auctionGate = slot - m.gateLead;
  const mustClear = clearing.isStarted && !clearing.isCleared && now >= auctionGate;
  const countdown = (t) => (now < t ? [" · in ", h("span", { "data-deadline": String(t) }, duration(Number(t - now)))] : " · passed");
  const rows = [...asks].reverse().map((l) => h("tr", { class: "ask" }, h("td", {}, pricePerKwh(l.price)), h("td", {}), h("td", {}, kwh(l.quantity))))
    .concat(bids.map((l) => h("tr", { class: "bid" }, h("td", {}, pricePerKwh(l.price)), h("td", {}, kwh(l.quantity)), h("td", {}))));
  const last = trades.slice(-5).reverse();
  return card(`Slot ${localTime(slot, true)} – ${localTime(slot + m.slotLength)}`,
    dl([
      ["Phase", phase(now, w, clearing, auctionGate), `cda-phase-${slot}`],
      ["Opens", h("span", {}, localTime(opensAt), countdown(opensAt))],
      ["Gate closure", h("span", {}, localTime(gateClosure), countdown(gateClosure))],
    ]),
    rows.length
      ? h("table", { "data-testid": `cda-book-${slot}` }, h("tr", {}, h("th", {}, "Price"), h("th", {}, "Bids"), h("th", {}, "Asks")), rows)
      : h("p", { class: "note", "data-testid": `cda-book-${slot}` }, "No resting order."),
    last.length
      ? h("table", { "data-testid": `cda-trades-${slot}` }, h("tr", {}, h("th", {}, "Block"), h("th", {}, "Taker"), h("th", {}, "Price"), h("th", {}, "Quantity")),
          last.map((t) => h("tr", {}, h("td", {}, String(t.blockNumber)), h("td", {}, t.args.takerIsBid ? "buyer" : "seller"), h("td", {}, pricePerKwh(t.args.price)), h("td", {}, kwh(t.args.quantity)))))
      : null,
    mustClear ? h("button", { "data-testid": `cda-clear-${slot}`, onclick: () => app.tx(`Clear auction ${localTime(slot)}`, "EnergyMarket", "clearAuction", [slot]) }, "Clear the auction first") : null,
  );
}

function orderForm(app, open, free, balance, credited) {
  if (!open.length) return card("Place an order", h("p", { class: "note", "data-testid": "cda-none-open" }, "No slot is open for intraday trading right now: a slot opens when its auction's gate closes."));
  const slotSel = h("select", { "data-testid": "cda-slot" }, open.map((s) => h("option", { value: String(s) }, localTime(s, true))));
  const side = h("select", { "data-testid": "cda-side" }, h("option", { value: "bid" }, "Buy (bid)"), h("option", { value: "ask" }, "Sell (ask)"));
  const price = h("input", { "data-testid": "cda-price", inputmode: "decimal", value: "0.100" });
  const qty = h("input", { "data-testid": "cda-quantity", inputmode: "decimal", value: "1.000" });
  const ioc = h("input", { type: "checkbox", "data-testid": "cda-ioc" });
  const preview = h("p", { class: "escrow", "data-testid": "cda-escrow" }, "…");
  let current = null, asked = 0;
  const update = async () => {
    const mine = ++asked; // a slower earlier preview must not overwrite a later one
    try {
      const slot = BigInt(slotSel.value), p = parseWatt(price.value), wh = whFromKwh(qty.value), bid = side.value === "bid";
      const t = await terms(app, slot);
      const zone = await app.read(CDA, "zoneOf", [app.account]);
      const fees = await Promise.all(Array.from({ length: ZONES }, (_, z) => app.read(CDA, "zoneFee", [zone, BigInt(z)])));
      const feeBps = fees.reduce((a, b) => (b > a ? b : a), 0n);
      if (mine !== asked) return;
      const onGrid = p >= t.floor && (p - t.floor) % t.tick === 0n && (p - t.floor) / t.tick <= 255n;
      current = { slot, p, wh, bid, onGrid, escrow: cdaBidEscrow(wh, p, feeBps) };
      const source = credited > 0n
        ? `from your CDA balance first (${watt(credited)}), the rest from your wallet (you hold ${watt(balance)})`
        : `from your wallet (you hold ${watt(balance)})`;
      preview.textContent = (bid
        ? `This bid takes at most ${watt(current.escrow)} ${source}: ${kwh(wh)} at ${pricePerKwh(p)}` + (feeBps ? ` plus grid fees up to ${Number(feeBps) / 100} %` : "") + "; a trade at a better resting price costs less, and what stays unfilled comes back on cancel or claim."
        : `This ask encumbers ${watt(cdaAskCollateral(wh, t.collateral))} of your stake (free: ${watt(free)}); the part sold stays as your delivery obligation, the rest is released on cancel or claim.`)
        + (onGrid ? "" : ` Note: ${pricePerKwh(p)} is not on this slot's grid (from ${pricePerKwh(t.floor)} in steps of ${pricePerKwh(t.tick)}).`);
    } catch { if (mine === asked) { current = null; preview.textContent = "Enter a price in WATT/kWh and a quantity in kWh."; } }
  };
  for (const el of [slotSel, side, price, qty]) el.addEventListener("input", update);
  update();
  const submit = async (e) => {
    e.preventDefault();
    await update();
    if (!current) return;
    const { slot, p, wh, bid, onGrid, escrow } = current;
    if (bid && onGrid) { // off the grid: no approval, the simulation shows the market's error
      const cda = app.c.get(CDA).address;
      // CdaMarket pays a bid from the internal balance first, by transferFrom for the rest.
      const pulled = escrow > credited ? escrow - credited : 0n;
      const allowance = await app.read("PaymentToken", "allowance", [app.account, cda]);
      if (allowance < pulled && !(await app.tx("Approve WATT for the CDA bid", "PaymentToken", "approve", [cda, pulled]))) return;
    }
    await app.tx(`Place CDA ${bid ? "bid" : "ask"}`, CDA, "placeOrder", [slot, bid, p, wh, ioc.checked]);
  };
  return card("Place an order",
    h("form", { onsubmit: submit, "data-testid": "cda-form" },
      field("Slot", slotSel), field("Side", side), field("Limit price (WATT/kWh)", price), field("Quantity (kWh)", qty),
      h("label", {}, ioc, " Immediate or cancel (nothing rests in the book)"), preview,
      h("button", { "data-testid": "cda-submit", disabled: !app.ready }, "Sign and place")),
    h("p", { class: "note" }, "Trades at the resting order's price, best price first; what does not trade rests until cancelled or the CDA's gate closure."));
}

// The CDA credits proceeds and refunds to the trader's internal balance; withdraw(amount) pays it out.
function balanceCard(app, credited) {
  const withdraw = (e) => {
    e.preventDefault();
    app.tx(`Withdraw ${watt(credited, 18)} from the CDA`, CDA, "withdraw", [credited]);
  };
  return card("Your CDA balance",
    dl([["Credited to you (proceeds and refunds)", watt(credited, 18), "cda-balance"]]),
    h("form", { onsubmit: withdraw },
      h("p", { class: "escrow", "data-testid": "cda-withdraw-preview" }, credited > 0n
        ? `Withdrawing sends ${watt(credited, 18)} from the CDA to your wallet in one transfer; your bids spend this balance first.`
        : "Nothing to withdraw: claimed sales, refunds of cancelled or closed bids and sales at once are credited here."),
      h("button", { "data-testid": "cda-withdraw", disabled: !app.ready || credited === 0n }, "Withdraw")));
}

async function myOrders(app) {
  const me = app.account;
  const [placed, cancelled, claimed, taken] = await Promise.all([
    app.logs(CDA, "OrderPlaced", { trader: me }),
    app.logs(CDA, "OrderCancelled", { trader: me }),
    app.logs(CDA, "OrderClaimed", { trader: me }),
    app.logs(CDA, "Traded", { taker: me }),
  ]);
  const now = BigInt(app.now());
  const gone = new Set(cancelled.map((l) => l.args.orderId));
  const orders = await Promise.all(placed.map(async (l) => ({ ev: l.args, o: await app.read(CDA, "getOrder", [l.args.orderId]), w: await app.read(CDA, "tradingWindow", [l.args.slot]) })));
  const rows = orders.reverse().map(({ ev, o, w }) => {
    const id = ev.orderId, open = now < w[1];
    const status = o.isActive
      ? o.filled > 0n ? `filled ${kwh(o.filled)}: claim it`
        : open ? (o.quantity > 0n ? "resting" : "filled and claimed") : "closed at gate closure: claim to close it"
      : gone.has(id) ? "cancelled" : "claimed";
    const actions = [];
    if (o.isActive && open && o.quantity > o.filled) actions.push(h("button", { class: "secondary", "data-testid": `cda-cancel-${id}`, onclick: () => app.tx("Cancel CDA order", CDA, "cancelOrder", [id]) }, "Cancel"));
    if (o.isActive && (o.filled > 0n || !open)) actions.push(h("button", { "data-testid": `cda-claim-${id}`, onclick: () => app.tx("Claim CDA order", CDA, "claim", [id]) }, "Claim"));
    return h("tr", { "data-testid": `cda-order-${id}` },
      h("td", {}, localTime(ev.slot)), h("td", {}, ev.isBid ? "buy" : "sell"), h("td", {}, pricePerKwh(ev.price)), h("td", {}, kwh(ev.quantity)),
      h("td", { "data-testid": `cda-status-${id}` }, status), h("td", {}, actions));
  });
  const slots = [...new Set([...placed.map((l) => l.args.slot), ...taken.map((l) => l.args.slot)])].sort((a, b) => (a < b ? 1 : -1)).slice(0, 6);
  const positions = await Promise.all(slots.map((s) => app.read(CDA, "getPosition", [s, me])));
  const fills = [
    ...taken.map((l) => ({ b: l.blockNumber, what: `${l.args.takerIsBid ? "bought" : "sold"} ${kwh(l.args.quantity)} at ${pricePerKwh(l.args.price)} (taker; grid fee ${watt(l.args.gridFee)})` })),
    ...claimed.map((l) => ({ b: l.blockNumber, what: `claimed ${kwh(l.args.filled)} filled: ${watt(l.args.paid)} paid, ${l.args.refund > 0n ? watt(l.args.refund) + " back" : "nothing back"}` })),
  ].sort((a, b) => (a.b < b.b ? 1 : -1)).slice(0, 10);
  return [
    card("Your intraday positions and fills",
      slots.length ? dl(slots.map((s, i) => [localTime(s, true), `bought ${kwh(positions[i].bought)}, sold ${kwh(positions[i].sold)}, ${positions[i].openOrders} open`, `cda-position-${s}`])) : h("p", { class: "note" }, "None yet."),
      fills.length ? h("ul", { "data-testid": "cda-fills" }, fills.map((f) => h("li", {}, `block ${f.b}: ${f.what}`))) : null),
    card("Your CDA orders", rows.length
      ? h("table", { "data-testid": "cda-orders" }, h("tr", {}, h("th", {}, "Slot"), h("th", {}, "Side"), h("th", {}, "Limit"), h("th", {}, "Placed"), h("th", {}, "Status"), h("th", {}, "")), rows)
      : h("p", { class: "note" }, "No intraday order yet.")),
  ];
}

export default {
  id: "cda",
  title: "Intraday (CDA)",
  requires: [CDA, "EnergyMarket", "PaymentToken", "StakingVault"],
  async render(app) {
    const m = await marketInfo(app);
    const now = BigInt(app.now());
    const next = slotOf(now, m.slotLength) + m.slotLength;
    const slots = Array.from({ length: SLOTS_SHOWN }, (_, i) => next + BigInt(i) * m.slotLength);
    const windows = await Promise.all(slots.map((s) => app.read(CDA, "tradingWindow", [s])));
    const clearings = await Promise.all(slots.map((s) => app.read("EnergyMarket", "getClearing", [s])));
    const open = slots.filter((s, i) => now >= windows[i][0] && now + 5n < windows[i][1] && !(clearings[i].isStarted && !clearings[i].isCleared));
    const me = app.account;
    const [free, balance, credited] = me
      ? await Promise.all([app.read("StakingVault", "freeStake", [me]), app.read("PaymentToken", "balanceOf", [me]), app.read(CDA, "internalBalanceOf", [me])])
      : [0n, 0n, 0n];
    return h("div", {},
      h("p", { class: "note" }, `After a slot's auction closes (${Number(m.gateLead) / 60} min before it starts) its intraday book trades continuously until shortly before delivery.`),
      h("div", { class: "cards" }, await Promise.all(slots.map((s) => slotCard(app, m, s)))),
      me ? await (async () => {
        const [fills, orders] = await myOrders(app);
        return [h("div", { class: "cards" }, orderForm(app, open, free, balance, credited), fills, balanceCard(app, credited)), h("div", { class: "cards wide" }, orders)];
      })() : h("p", {}, "Connect a wallet to trade intraday."),
    );
  },
};
