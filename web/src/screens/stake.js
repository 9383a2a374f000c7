import { localTime, parseWatt, watt } from "../format.js";
import { card, dl, field, h } from "../ui.js";

export default {
  id: "stake",
  title: "Stake",
  requires: ["StakingVault", "PaymentToken"],
  async render(app) {
    if (!app.account) return h("p", {}, "Connect a wallet to see and post your stake.");
    const me = app.account;
    const vault = app.c.get("StakingVault");
    const [total, free, encumbered, unbonding, balance, delay] = await Promise.all([
      app.read("StakingVault", "getStake", [me]),
      app.read("StakingVault", "freeStake", [me]),
      app.read("StakingVault", "encumberedStake", [me]),
      app.read("StakingVault", "unbondingOf", [me]),
      app.read("PaymentToken", "balanceOf", [me]),
      app.read("StakingVault", "unbondingDelay"),
    ]);
    const [unbondingAmount, releaseAt] = unbonding;
    const matured = unbondingAmount > 0n && BigInt(app.now()) >= releaseAt;
    const amountInput = (id) => h("input", { "data-testid": id, inputmode: "decimal", value: "10" });
    const dep = amountInput("stake-amount"), unb = amountInput("unbond-amount");
    const deposit = async (e) => {
      e.preventDefault();
      const amount = parseWatt(dep.value);
      const allowance = await app.read("PaymentToken", "allowance", [me, vault.address]);
      if (allowance < amount && !(await app.tx("Approve WATT for the stake", "PaymentToken", "approve", [vault.address, amount]))) return;
      await app.tx("Deposit stake", "StakingVault", "depositStake", [amount]);
    };
    const unbond = (e) => { e.preventDefault(); app.tx("Request unbonding", "StakingVault", "requestUnbonding", [parseWatt(unb.value)]); };
    return h("div", { class: "cards" },
      card("Your stake", dl([
        ["Staked", watt(total), "stake-total"], ["Free (backs new asks)", watt(free), "stake-free"],
        ["Encumbered by asks", watt(encumbered), "stake-encumbered"],
        ["Unbonding", unbondingAmount > 0n ? `${watt(unbondingAmount)} · released ${localTime(releaseAt, true)}` : "none", "stake-unbonding"],
        ["WATT in wallet", watt(balance), "stake-wallet"],
      ])),
      card("Post stake", h("form", { onsubmit: deposit }, field("Amount (WATT)", dep), h("button", { "data-testid": "stake-submit", disabled: !app.ready }, "Deposit"))),
      card("Unbond", h("form", { onsubmit: unbond }, field("Amount (WATT)", unb), h("button", { "data-testid": "unbond-submit", disabled: !app.ready }, "Request unbonding")),
        h("p", { class: "note" }, `Unbonded stake can be withdrawn ${Number(delay) / 86400} days after the request.`),
        matured ? h("button", { "data-testid": "withdraw", onclick: () => app.tx("Withdraw stake", "StakingVault", "withdrawStake", [unbondingAmount]) }, `Withdraw ${watt(unbondingAmount)}`) : null),
    );
  },
};
