import { kwh, watt, whFromKwh } from "../format.js";
import { card, dl, field, h } from "../ui.js";

// Sell energy credits (EnergyToken, 1 unit = 1 Wh) to the broker's pool for WATT, with a quote and
// a slippage limit: the swap reverts if it would pay less than quote × (1 − slippage).
export function minimumOut(quote, slippagePercent) {
  const bps = BigInt(Math.round(Number(slippagePercent) * 100));
  return (quote * (10_000n - bps)) / 10_000n;
}

export default {
  id: "broker",
  title: "Sell credits",
  requires: ["EnergyBrokerRouter", "EnergyToken", "PaymentToken"],
  async render(app) {
    const energy = app.c.get("EnergyToken").address, pay = app.c.get("PaymentToken").address;
    const router = app.c.get("EnergyBrokerRouter").address;
    const path = [energy, pay];
    const [reserves, unitQuote] = await Promise.all([
      app.read("EnergyBrokerRouter", "getReserves", [energy, pay]),
      app.read("EnergyBrokerRouter", "getAmountsOut", [1000n, path]).catch(() => null),
    ]);
    const credits = app.account ? (await app.read("EnergyToken", "getEnergyBalance", [app.account])).available : 0n;
    const amount = h("input", { "data-testid": "broker-amount", inputmode: "decimal", value: (Number(credits) / 1000).toFixed(3) });
    const slippage = h("input", { "data-testid": "broker-slippage", inputmode: "decimal", value: "1" });
    const quoteEl = h("p", { class: "escrow", "data-testid": "broker-quote" }, "…");
    let current = null;
    const update = async () => {
      try {
        const wh = whFromKwh(amount.value);
        if (wh === 0n) { quoteEl.textContent = "Enter the kWh of credits to sell."; current = null; return; }
        const out = (await app.read("EnergyBrokerRouter", "getAmountsOut", [wh, path])).at(-1);
        const min = minimumOut(out, slippage.value);
        current = { wh, min };
        quoteEl.textContent = `You receive about ${watt(out)} for ${kwh(wh)}; the sale reverts below ${watt(min)} (${slippage.value} % slippage).`;
      } catch (err) { current = null; quoteEl.textContent = "No quote: " + (err.shortMessage || err.message); }
    };
    amount.addEventListener("input", update);
    slippage.addEventListener("input", update);
    await update();
    const sell = async (e) => {
      e.preventDefault();
      await update();
      if (!current) return;
      const { wh, min } = current;
      const allowance = await app.read("EnergyToken", "allowance", [app.account, router]);
      if (allowance < wh && !(await app.tx("Approve credits for the broker", "EnergyToken", "approve", [router, wh]))) return;
      await app.tx(`Sell ${kwh(wh)} to the broker`, "EnergyBrokerRouter", "swapExactTokensForTokens", [wh, min, path, app.account, BigInt(app.now() + 600)]);
    };
    return h("div", { class: "cards" },
      card("Broker pool", dl([
        ["Credits held by the pool", kwh(reserves[0])], ["WATT held by the pool", watt(reserves[1])],
        ["Price now", unitQuote ? `${watt(unitQuote.at(-1))} per kWh (fees included)` : "—", "broker-price"],
        ["Your credits", kwh(credits), "broker-credits"],
      ])),
      card("Sell energy credits", h("form", { onsubmit: sell }, field("Credits to sell (kWh)", amount), field("Slippage limit (%)", slippage), quoteEl,
        h("button", { "data-testid": "broker-submit", disabled: !app.ready }, "Sell"))),
    );
  },
};
