// Hubs of the LEG marketplace (compute, storage and heat between the community's hubs): the GRID
// licence (sGRID staked in GridStaking), hub registration, the hub's offers, orders with their
// escrow shown before signing, the offers book, each trade's lifecycle (usage record, confirm,
// settle, cancel) and the hub's credited proceeds with their withdrawal. Units: compute in kWh of job energy (Wh on chain), storage in GB, heat in kWh
// thermal; prices in WATT per kWh or per GB-month (payment-token base units on chain).
import { hexToString, stringToHex } from "viem";
import { kwh, localTime, parseWatt, shortAddress, token, watt, whFromKwh } from "../format.js";
import { card, dl, field, h } from "../ui.js";

const LEG = "LegMarketplace";
const HUBS = "LegHubRegistry";
const RESOURCES = [
  { name: "compute", unit: "kWh", per: "kWh", toChain: whFromKwh, show: (a) => kwh(a) },
  { name: "storage", unit: "GB", per: "GB-month", toChain: (t) => BigInt(String(t).trim() || "0"), show: (a) => `${a} GB` },
  { name: "heat", unit: "kWh thermal", per: "kWh thermal", toChain: whFromKwh, show: (a) => `${kwh(a)} thermal` },
];
const STATUS = ["", "pending", "confirmed", "disputed", "settled", "cancelled"];
const STORAGE = 1;
const OFFERS_READ = 60;

const priceText = (price, r) => `${watt(price, 6)}/${RESOURCES[r].per}`;

// Escrow of an order (base units), as postOrder computes it.
export function legEscrow(resource, amount, maxPrice, months) {
  if (resource === STORAGE) return amount * maxPrice * months;
  return (amount * maxPrice + 999n) / 1000n;
}

const resourceSelect = (testid) => h("select", { "data-testid": testid }, RESOURCES.map((r, i) => h("option", { value: String(i) }, r.name)));

async function licenceCard(app, me) {
  if (!app.c.has("GridStaking", "GridToken")) return null;
  const staking = app.c.get("GridStaking").address;
  const [staked, threshold, licensed, grid] = await Promise.all([
    app.read("GridStaking", "balanceOf", [me]),
    app.read("GridStaking", "licenceThreshold"),
    app.read("GridStaking", "hasLicence", [me]),
    app.read("GridToken", "balanceOf", [me]),
  ]);
  const short = threshold > staked ? threshold - staked : 0n;
  const amount = h("input", { "data-testid": "licence-amount", inputmode: "decimal", value: (Number(short || threshold) / 1e18).toString() });
  const stake = async (e) => {
    e.preventDefault();
    const assets = parseWatt(amount.value);
    const allowance = await app.read("GridToken", "allowance", [me, staking]);
    if (allowance < assets && !(await app.tx("Approve GRID for staking", "GridToken", "approve", [staking, assets]))) return;
    await app.tx("Stake GRID (sGRID)", "GridStaking", "deposit", [assets, me]);
  };
  return card("Hub licence",
    dl([
      // A stake counts for the licence once held since before the block (no same-block licence).
      ["Licence", licensed ? "yes" : short === 0n ? "yes, from the next block" : `no: stake ${token(short, "GRID", 18, 2)} more`, "licence-status"],
      ["Staked", token(staked, "sGRID", 18, 2), "licence-staked"],
      ["Threshold", token(threshold, "GRID", 18, 2)],
      ["GRID in wallet", token(grid, "GRID", 18, 2)],
    ]),
    h("form", { onsubmit: stake }, field("GRID to stake", amount), h("button", { "data-testid": "licence-submit", disabled: !app.ready }, "Stake GRID")),
    h("p", { class: "note" }, "Hubs hold a licence while their staked GRID (sGRID, earning the staking yield) is at the threshold; staked GRID votes through sGRID."));
}

async function hubCard(app, me, hubId, params) {
  if (hubId === 0n) {
    const zone = h("input", { "data-testid": "hub-zone", value: "zone-1" });
    const caps = RESOURCES.map((r, i) => h("input", { "data-testid": `hub-capacity-${r.name}`, inputmode: "decimal", value: i === STORAGE ? "100" : "10" }));
    const register = (e) => {
      e.preventDefault();
      const capacity = RESOURCES.map((r, i) => r.toChain(caps[i].value));
      app.tx("Register hub", HUBS, "registerHub", [stringToHex(zone.value.trim(), { size: 32 }), capacity]);
    };
    return card("Your hub", h("p", {}, "You run no hub yet."),
      h("form", { onsubmit: register }, field("Zone", zone), RESOURCES.map((r, i) => field(`Capacity: ${r.name} (${r.unit})`, caps[i])),
        h("button", { "data-testid": "hub-register", disabled: !app.ready }, "Register hub")));
  }
  const [hub, level, score, proceeds] = await Promise.all([app.read(HUBS, "hub", [hubId]), app.read(HUBS, "level", [hubId]), app.read(HUBS, "score", [hubId]), app.read(LEG, "proceeds", [hubId])]);
  const offerIds = await Promise.all(RESOURCES.map((_, r) => app.read(LEG, "offerOf", [hubId, r])));
  const offers = await Promise.all(offerIds.map((id) => (id ? app.read(LEG, "offer", [id]) : null)));
  const resource = resourceSelect("offer-resource");
  const amount = h("input", { "data-testid": "offer-amount", inputmode: "decimal", value: "5" });
  const price = h("input", { "data-testid": "offer-price", inputmode: "decimal", value: "0.120" });
  const post = async (e) => {
    e.preventDefault();
    const r = Number(resource.value), units = RESOURCES[r].toChain(amount.value);
    if (r === 2) {
      const market = app.c.get(LEG).address;
      const allowance = await app.read("HeatCredit", "allowance", [me, market]);
      if (allowance < units && !(await app.tx("Approve heat credits", "HeatCredit", "approve", [market, units]))) return;
    }
    await app.tx(`Offer ${RESOURCES[r].name}`, LEG, "postOffer", [r, units, parseWatt(price.value)]);
  };
  return card(`Your hub #${hubId}`,
    dl([
      ["Zone", zoneText(hub.zone)],
      ["Level", `${level} (score ${score})`, "hub-level"],
      ["Capacity", RESOURCES.map((r, i) => `${r.name} ${r.show(hub.capacity[i])}`).join(", ")],
      ["Completed / late / disputes lost", `${hub.completed} / ${hub.late} / ${hub.disputesLost}`],
      ["Proceeds to withdraw", exactWatt(proceeds), "hub-proceeds"],
    ], "hub"),
    proceedsForm(app, hubId, proceeds),
    h("table", {}, h("tr", {}, h("th", {}, "Offer"), h("th", {}, "Available"), h("th", {}, "Price"), h("th", {})),
      offers.map((o, r) => o && o.available > 0n
        ? h("tr", { "data-testid": `my-offer-${RESOURCES[r].name}` }, h("td", {}, `#${offerIds[r]} ${RESOURCES[r].name}`), h("td", {}, RESOURCES[r].show(o.available)),
            h("td", {}, priceText(BigInt(o.priceLevel) * params.ticks[r], r)),
            h("td", {}, h("button", { class: "secondary", "data-testid": `offer-cancel-${offerIds[r]}`, onclick: () => app.tx("Withdraw offer", LEG, "cancelOffer", [offerIds[r]]) }, "Withdraw")))
        : null)),
    h("form", { onsubmit: post }, field("Resource", resource), field("Amount (kWh, GB or kWh thermal)", amount), field("Minimum price (WATT per kWh or GB-month)", price),
      h("button", { "data-testid": "offer-submit", disabled: !app.ready }, "Post offer")),
    h("p", { class: "note" }, "One offer per resource; a new one replaces it. Heat offers escrow the heat credits offered."));
}

// Money the page signs for is shown to the last base unit (no truncation).
const exactWatt = (amount) => watt(amount, 18);

// The hub's credited proceeds (settled trades, storage months, returned dispute bonds) wait in the
// marketplace; withdraw(hubId) pays all of it to the hub's operator in one transfer.
function proceedsForm(app, hubId, proceeds) {
  const withdraw = (e) => {
    e.preventDefault();
    app.tx(`Withdraw ${exactWatt(proceeds)} of hub #${hubId}'s proceeds`, LEG, "withdraw", [hubId]);
  };
  return h("form", { onsubmit: withdraw },
    h("p", { class: "escrow", "data-testid": "hub-withdraw-preview" }, proceeds > 0n
      ? `Withdrawing sends ${exactWatt(proceeds)} from the marketplace to the hub's operator (your wallet) in one transfer.`
      : "Nothing to withdraw: settled trades, billed storage months and returned dispute bonds are credited here."),
    h("button", { "data-testid": "hub-withdraw", disabled: !app.ready || proceeds === 0n }, "Withdraw proceeds"));
}

const zoneBytes = (text) => stringToHex(text.trim(), { size: 32 });
const zoneText = (bytes) => hexToString(bytes, { size: 32 }).replace(/\0+$/, "");

function orderCard(app, me, params, balance, zone) {
  // Markets that trade within a grid zone take the order's zone as postOrder's last argument.
  const zoned = app.c.get(LEG).abi.find((x) => x.type === "function" && x.name === "postOrder")?.inputs.some((i) => i.name === "zone");
  const zoneInput = h("input", { "data-testid": "leg-order-zone", value: zone });
  const resource = resourceSelect("leg-order-resource");
  const amount = h("input", { "data-testid": "leg-order-amount", inputmode: "decimal", value: "2" });
  const maxPrice = h("input", { "data-testid": "leg-order-price", inputmode: "decimal", value: "0.150" });
  const months = h("input", { "data-testid": "leg-order-months", inputmode: "numeric", value: "0" });
  const preferred = h("input", { "data-testid": "leg-order-hub", inputmode: "numeric", value: "0" });
  const minLevel = h("input", { "data-testid": "leg-order-level", inputmode: "numeric", value: "0" });
  const preview = h("p", { class: "escrow", "data-testid": "leg-order-escrow" });
  let current = null;
  const update = () => {
    try {
      const r = Number(resource.value);
      const a = RESOURCES[r].toChain(amount.value), p = parseWatt(maxPrice.value), m = BigInt(months.value.trim() || "0");
      const args = [r, a, p, m, BigInt(preferred.value.trim() || "0"), Number(minLevel.value.trim() || "0")];
      current = { args: zoned ? [...args, zoneBytes(zoneInput.value)] : args, escrow: legEscrow(r, a, p, m) };
      preview.textContent = `This order escrows ${watt(current.escrow)} from your wallet (you hold ${watt(balance)}): ${RESOURCES[r].show(a)} at up to ${priceText(p, r)}`
        + (r === STORAGE ? ` for ${m} month(s)` : "") + "; you pay the seller's price for what is used, the rest comes back at settlement.";
    } catch { current = null; preview.textContent = "Enter an amount and a maximum price."; }
  };
  for (const el of [resource, amount, maxPrice, months]) el.addEventListener("input", update);
  update();
  const submit = async (e) => {
    e.preventDefault();
    update();
    if (!current) return;
    const market = app.c.get(LEG).address;
    const allowance = await app.read("PaymentToken", "allowance", [me, market]);
    if (allowance < current.escrow && !(await app.tx("Approve WATT for the LEG escrow", "PaymentToken", "approve", [market, current.escrow]))) return;
    await app.tx(`Order ${RESOURCES[current.args[0]].name}`, LEG, "postOrder", current.args);
  };
  return card("Buy from a hub",
    h("form", { onsubmit: submit, "data-testid": "leg-order-form" }, field("Resource", resource), field("Amount (kWh, GB or kWh thermal)", amount), field("Maximum price (WATT per kWh or GB-month)", maxPrice),
      field(`Storage term (months, ${params.noticeMonths}–${params.maxMonths}; 0 otherwise)`, months), field("Preferred hub (0: none)", preferred), field("Lowest hub level (0–7)", minLevel),
      zoned ? field("Grid zone (a hub's zone; yours if you run a hub)", zoneInput) : null,
      preview, h("button", { "data-testid": "leg-order-submit", disabled: !app.ready }, "Sign and post")),
    h("p", { class: "note" }, "Matched at once with the cheapest eligible offer (then the best-reputed, then the earliest); otherwise it waits and anyone may match it later."));
}

async function bookCard(app) {
  const posted = await app.logs(LEG, "OfferPosted");
  // The latest offers only: anyone may post, and a hub's new offer replaces its older one.
  const ids = [...new Set(posted.map((l) => l.args.offerId))].slice(-OFFERS_READ);
  const offers = (await Promise.all(ids.map(async (id) => ({ id, o: await app.read(LEG, "offer", [id]), ev: posted.find((l) => l.args.offerId === id).args }))))
    .filter(({ o }) => o.available > 0n);
  return card("Offers", offers.length
    ? h("table", { "data-testid": "leg-offers" }, h("tr", {}, h("th", {}, "Hub"), h("th", {}, "Resource"), h("th", {}, "Available"), h("th", {}, "Price"), h("th", {}, "Level")),
        offers.map(({ id, o, ev }) => h("tr", { "data-testid": `leg-offer-${id}` }, h("td", {}, `#${o.hubId}`), h("td", {}, RESOURCES[o.resource].name), h("td", {}, RESOURCES[o.resource].show(o.available)), h("td", {}, priceText(ev.price, o.resource)), h("td", {}, String(o.level)))))
    : h("p", { class: "note" }, "No hub offers anything right now."));
}

async function ordersCard(app, me) {
  const posted = await app.logs(LEG, "OrderPosted", { buyer: me });
  const open = (await Promise.all(posted.map(async (l) => ({ id: l.args.orderId, o: await app.read(LEG, "order", [l.args.orderId]) })))).filter(({ o }) => o.remaining > 0n);
  if (!open.length) return null;
  const best = await Promise.all(open.map(({ id }) => app.read(LEG, "bestOffer", [id])));
  return card("Your open orders", h("table", {}, open.map(({ id, o }, i) => h("tr", { "data-testid": `leg-order-${id}` },
    h("td", {}, `#${id} ${RESOURCES[o.resource].name}`), h("td", {}, `${RESOURCES[o.resource].show(o.remaining)} at up to ${priceText(o.maxPrice, o.resource)}`), h("td", {}, watt(o.escrow)),
    h("td", {}, best[i] ? h("button", { "data-testid": `leg-match-${id}`, onclick: () => app.tx("Match order", LEG, "matchOrder", [id]) }, "Match now") : "no eligible offer", " ",
      h("button", { class: "secondary", "data-testid": `leg-order-cancel-${id}`, onclick: () => app.tx("Cancel order", LEG, "cancelOrder", [id]) }, "Cancel"))))));
}

function tradeActions(app, id, t, seller, buyer, params, now) {
  const out = [];
  const btn = (testid, label, fn, args) => h("button", { "data-testid": `${testid}-${id}`, onclick: () => app.tx(label, LEG, fn, args) }, label);
  if (t.status === 1 && t.usageAt === 0) {
    if (seller) {
      const used = h("input", { "data-testid": `usage-used-${id}`, inputmode: "decimal", value: t.resource === STORAGE ? String(t.amount) : (Number(t.amount) / 1000).toString() });
      const heat = h("input", { "data-testid": `usage-heat-${id}`, inputmode: "decimal", value: "0" });
      const record = (e) => { e.preventDefault(); app.tx("Record usage", LEG, "recordUsage", [id, RESOURCES[t.resource].toChain(used.value), t.resource === 0 ? whFromKwh(heat.value) : 0n]); };
      out.push(h("form", { onsubmit: record }, field(`Used (${RESOURCES[t.resource].unit})`, used), t.resource === 0 ? field("Heat generated (kWh thermal)", heat) : null, h("button", { "data-testid": `usage-submit-${id}` }, "Record usage")));
    }
    if (seller || (buyer && now >= BigInt(t.createdAt) + BigInt(params.usageTimeout))) out.push(btn("trade-cancel", "Cancel trade", "cancelTrade", [id]));
  }
  if (t.status === 1 && t.usageAt > 0 && (buyer || now >= BigInt(t.usageAt) + BigInt(params.confirmTimeout))) out.push(btn("trade-confirm", "Confirm usage", "confirm", [id]));
  if (t.status === 2 && t.resource !== STORAGE) {
    const readyAt = BigInt(t.confirmedAt) + BigInt(params.disputeWindow);
    out.push(now >= readyAt ? btn("trade-settle", "Settle", "settle", [id]) : h("span", { class: "note" }, `settles from ${localTime(readyAt, true)}`));
    if (buyer && now < readyAt) out.push(" ", btn("trade-dispute", "Dispute", "openDispute", [id]));
  }
  if (t.status === 2 && t.resource === STORAGE) out.push(btn("trade-bill", "Bill elapsed months", "billStorage", [id]));
  // Settlement leaves the heat credits in the trade (heatWh): a compute job's heat for the hub, a
  // heat trade's credits for the buyer; claimHeat delivers them to that owner.
  if (t.status === 4 && t.heatWh > 0) out.push(btn("trade-claim-heat", `Claim ${kwh(t.heatWh)} thermal of heat credits`, "claimHeat", [id]));
  return out;
}

async function tradesCard(app, me, hubId, params) {
  const matched = await app.logs(LEG, "TradeMatched");
  const mine = matched.filter((l) => l.args.buyer.toLowerCase() === me.toLowerCase() || (hubId && l.args.sellerHub === hubId)).reverse().slice(0, 12);
  if (!mine.length) return card("Your LEG trades", h("p", { class: "note" }, "No trade yet."));
  const [trades, settled] = await Promise.all([
    Promise.all(mine.map((l) => app.read(LEG, "trade", [l.args.tradeId]))),
    app.logs(LEG, "TradeSettled"),
  ]);
  const paid = new Map(settled.map((l) => [l.args.tradeId, l.args]));
  const now = BigInt(app.now());
  return card("Your LEG trades", h("table", { "data-testid": "leg-trades" },
    h("tr", {}, h("th", {}, "Trade"), h("th", {}, "Role"), h("th", {}, "Amount"), h("th", {}, "Price"), h("th", {}, "Status"), h("th", {}, "")),
    mine.map((l, i) => {
      const id = l.args.tradeId, t = trades[i];
      const seller = Boolean(hubId) && l.args.sellerHub === hubId, buyer = t.buyer.toLowerCase() === me.toLowerCase();
      const s = paid.get(id);
      const status = STATUS[t.status] + (t.usageAt > 0 && t.status === 1 ? `: used ${RESOURCES[t.resource].show(t.used)}` : "")
        + (s ? `: ${watt(s.paid)} credited to the hub's proceeds, fee ${watt(s.fee)}, ${watt(s.refund)} back to the buyer` : "");
      return h("tr", { "data-testid": `leg-trade-${id}` },
        h("td", {}, `#${id} ${RESOURCES[t.resource].name}`), h("td", {}, seller ? `seller (buyer ${shortAddress(t.buyer)})` : `buyer (hub #${l.args.sellerHub})`),
        h("td", {}, RESOURCES[t.resource].show(t.amount)), h("td", {}, priceText(t.price, t.resource)),
        h("td", { "data-testid": `leg-trade-status-${id}` }, status), h("td", {}, tradeActions(app, id, t, seller, buyer, params, now)));
    })));
}

export default {
  id: "leg",
  title: "Hubs (LEG)",
  requires: [LEG, HUBS, "PaymentToken"],
  async render(app) {
    const [p, ticks] = await Promise.all([app.read(LEG, "params"), Promise.all(RESOURCES.map((_, r) => app.read(LEG, "tick", [r])))]);
    const params = { ...p, ticks };
    const me = app.account;
    const intro = h("p", { class: "note" }, `Compute, storage and heat between the community's hubs. Network fee ${Number(p.feeBps) / 100} %; a buyer may dispute a usage record for ${Number(p.disputeWindow) / 3600} h after confirming.`);
    if (!me) return h("div", {}, intro, h("div", { class: "cards" }, await bookCard(app)));
    const [hubId, balance] = await Promise.all([app.read(HUBS, "hubOf", [me]), app.read("PaymentToken", "balanceOf", [me])]);
    // The order's default zone: the buyer's hub's, else the first hub's.
    const zoneHub = hubId || ((await app.read(HUBS, "hubCount")) > 0n ? 1n : 0n);
    const zone = zoneHub ? zoneText((await app.read(HUBS, "hub", [zoneHub])).zone) : "zone-1";
    const [cards, wide] = await Promise.all([
      Promise.all([licenceCard(app, me), hubCard(app, me, hubId, params), orderCard(app, me, params, balance, zone)]),
      Promise.all([bookCard(app), ordersCard(app, me), tradesCard(app, me, hubId, params)]),
    ]);
    return h("div", {}, intro, h("div", { class: "cards" }, cards), h("div", { class: "cards wide" }, wide));
  },
};
