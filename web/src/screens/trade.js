import { parseSignature } from "viem";
import { kwh, localTime, parseWatt, pricePerKwh, watt, whFromKwh } from "../format.js";
import { field, h } from "../ui.js";
import { marketInfo, tradableSlots } from "./common.js";

// Escrow a bid takes (payment-token base units) and stake an ask encumbers, as the market computes.
export const bidEscrow = (wh, price) => (wh * price) / 1000n;
export const askCollateral = (wh, m) => (wh * m.collateralPerKWh) / 1000n;

async function placeBid(app, m, slot, price, wh) {
  const escrow = bidEscrow(wh, price);
  const market = app.c.get("EnergyMarket");
  const allowance = await app.read("PaymentToken", "allowance", [app.account, market.address]);
  if (allowance >= escrow) return app.tx("Place bid", "EnergyMarket", "placeBid", [slot, price, wh]);
  if (market.abi.some((x) => x.name === "placeBidWithPermit")) {
    // One transaction: the escrow's allowance is a signed EIP-2612 permit.
    try {
      const token = app.c.get("PaymentToken");
      const [, name, version] = await app.read("PaymentToken", "eip712Domain");
      const nonce = await app.read("PaymentToken", "nonces", [app.account]);
      const deadline = BigInt(app.now() + 3600);
      const signature = await app.session.walletClient().signTypedData({
        account: app.account,
        domain: { name, version, chainId: app.book.chain_id, verifyingContract: token.address },
        types: { Permit: [{ name: "owner", type: "address" }, { name: "spender", type: "address" }, { name: "value", type: "uint256" }, { name: "nonce", type: "uint256" }, { name: "deadline", type: "uint256" }] },
        primaryType: "Permit",
        message: { owner: app.account, spender: market.address, value: escrow, nonce, deadline },
      });
      const { r, s, v, yParity } = parseSignature(signature);
      return app.tx("Place bid (permit)", "EnergyMarket", "placeBidWithPermit", [slot, price, wh, deadline, Number(v ?? 27n + BigInt(yParity)), r, s]);
    } catch (err) {
      app.showError(err);
      return null;
    }
  }
  const approved = await app.tx("Approve WATT for the bid's escrow", "PaymentToken", "approve", [market.address, escrow]);
  return approved && app.tx("Place bid", "EnergyMarket", "placeBid", [slot, price, wh]);
}

export default {
  id: "trade",
  title: "Bid & ask",
  requires: ["EnergyMarket", "PaymentToken", "StakingVault"],
  async render(app) {
    const m = await marketInfo(app);
    const slots = tradableSlots(app, m);
    if (!slots.length) return h("p", {}, "No slot accepts orders right now.");
    const me = app.account;
    const [balance, free] = me
      ? await Promise.all([app.read("PaymentToken", "balanceOf", [me]), app.read("StakingVault", "freeStake", [me])])
      : [0n, 0n];
    const top = m.priceFloor + 255n * m.tickSize;
    const slotSel = h("select", { name: "slot", "data-testid": "trade-slot" }, slots.map((s) => h("option", { value: String(s) }, `${localTime(s, true)} (gate closes ${localTime(s - m.gateLead)})`)));
    const side = h("select", { name: "side", "data-testid": "trade-side" }, h("option", { value: "bid" }, "Buy (bid)"), h("option", { value: "ask" }, "Sell (ask)"));
    const price = h("input", { name: "price", "data-testid": "trade-price", inputmode: "decimal", value: String((Number(m.priceFloor + 25n * m.tickSize) / 1e18).toFixed(3)) });
    const qty = h("input", { name: "quantity", "data-testid": "trade-quantity", inputmode: "decimal", value: "1.000" });
    const preview = h("p", { class: "escrow", "data-testid": "trade-escrow" });
    const read = () => {
      const p = parseWatt(price.value), wh = whFromKwh(qty.value);
      return { p, wh, slot: BigInt(slotSel.value), bid: side.value === "bid" };
    };
    const update = () => {
      try {
        const { p, wh, bid } = read();
        const onGrid = p >= m.priceFloor && p <= top && (p - m.priceFloor) % m.tickSize === 0n;
        preview.textContent = (bid
          ? `This bid escrows ${watt(bidEscrow(wh, p))} from your wallet (you hold ${watt(balance)}); unfilled parts and the difference to the clearing price come back when the order is claimed.`
          : `This ask encumbers ${watt(askCollateral(wh, m))} of your stake (free: ${watt(free)}); it is released for what is delivered.`)
          + (onGrid ? "" : ` Note: ${pricePerKwh(p)} is not on the price grid (${pricePerKwh(m.priceFloor)} to ${pricePerKwh(top)} in steps of ${pricePerKwh(m.tickSize)}).`);
      } catch { preview.textContent = "Enter a price in WATT/kWh and a quantity in kWh."; }
    };
    for (const el of [slotSel, side, price, qty]) el.addEventListener("input", update);
    update();
    const submit = async (event) => {
      event.preventDefault();
      const { p, wh, slot, bid } = read();
      if (bid) await placeBid(app, m, slot, p, wh);
      else await app.tx("Place ask", "EnergyMarket", "placeAsk", [slot, p, wh]);
    };
    return h("div", {},
      h("form", { onsubmit: submit, "data-testid": "trade-form" },
        field("Slot", slotSel), field("Side", side), field("Limit price (WATT/kWh)", price), field("Quantity (kWh)", qty),
        preview,
        h("button", { type: "submit", "data-testid": "trade-submit", disabled: !app.ready }, app.ready ? "Sign and place the order" : "Connect a wallet on the community's chain"),
      ),
      h("p", { class: "note" }, `Price grid ${pricePerKwh(m.priceFloor)} – ${pricePerKwh(top)} in steps of ${pricePerKwh(m.tickSize)}; at least ${kwh(m.minOrderWh)} per order. One clearing price per slot (pay-as-clear).`),
    );
  },
};
