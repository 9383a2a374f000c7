import { getAddress, isAddress, parseUnits } from "viem";
import { kwh, token, watt } from "../format.js";
import { card, dl, field, h } from "../ui.js";

const TOKENS = {
  WATT: { name: "PaymentToken", decimals: 18 },
  "energy credits (kWh)": { name: "EnergyToken", decimals: 3 },
  GRID: { name: "GridToken", decimals: 18 },
};

export default {
  id: "wallet",
  title: "Wallet",
  requires: ["PaymentToken", "EnergyToken"],
  async render(app) {
    if (!app.account) return h("p", {}, "Connect a wallet to see your balances.");
    const me = app.account;
    const hasGrid = app.c.has("GridToken");
    const [wattBal, energy, grid, votes, delegate] = await Promise.all([
      app.read("PaymentToken", "balanceOf", [me]),
      app.read("EnergyToken", "getEnergyBalance", [me]),
      hasGrid ? app.read("GridToken", "balanceOf", [me]) : 0n,
      hasGrid ? app.read("GridToken", "getVotes", [me]) : 0n,
      hasGrid ? app.read("GridToken", "delegates", [me]) : null,
    ]);
    const tokenSel = h("select", { "data-testid": "transfer-token" }, Object.keys(TOKENS).filter((t) => app.c.has(TOKENS[t].name)).map((t) => h("option", { value: t }, t)));
    const to = h("input", { "data-testid": "transfer-to", placeholder: "0x…" });
    const amount = h("input", { "data-testid": "transfer-amount", inputmode: "decimal", value: "1" });
    const send = (e) => {
      e.preventDefault();
      if (!isAddress(to.value.trim())) return app.showError(new Error(`${to.value} is not an address.`));
      const t = TOKENS[tokenSel.value];
      app.tx(`Send ${amount.value} ${tokenSel.value}`, t.name, "transfer", [getAddress(to.value.trim()), parseUnits(amount.value.trim(), t.decimals)]);
    };
    return h("div", { class: "cards" },
      card("Balances", dl([
        ["WATT", watt(wattBal), "balance-watt"],
        ["Energy credits", `${kwh(energy.total)} (available ${kwh(energy.available)}, locked ${kwh(energy.locked)})`, "balance-credits"],
        ...(hasGrid ? [["GRID", token(grid, "GRID", 18, 2), "balance-grid"], ["GRID votes", token(votes, "votes", 18, 2), "balance-votes"]] : []),
      ])),
      hasGrid && delegate && /^0x0+$/.test(delegate)
        ? card("Voting", h("p", {}, "Your GRID does not vote until delegated."), h("button", { "data-testid": "delegate", onclick: () => app.tx("Delegate GRID votes to myself", "GridToken", "delegate", [me]) }, "Delegate to myself"))
        : null,
      card("Transfer", h("form", { onsubmit: send }, field("Token", tokenSel), field("To", to), field("Amount", amount), h("button", { "data-testid": "transfer-submit", disabled: !app.ready }, "Send"))),
    );
  },
};
