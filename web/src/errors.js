// Every revert shown as its decoded custom error in words. Errors raised deep inside a call (the
// vault or a token under the market) decode with the suite's error ABI (abi/GridSetErrors.json).
import { BaseError, decodeErrorResult } from "viem";
import { ERRORS_ABI } from "./contracts.js";
import { kwh, localTime, pricePerKwh, shortAddress, watt } from "./format.js";

// Components, longest first: the error name starts with one of them.
const COMPONENTS = [
  ["EnergyMarket", "Energy market"], ["StakingVault", "Staking vault"], ["Settlement", "Settlement"],
  ["EnergyOracle", "Energy oracle"], ["PanelRegistry", "Panel registry"], ["PanelNFT", "Panel NFT"],
  ["EnergyToken", "Energy credits"], ["EnergyBroker", "Energy broker"], ["Watt", "WATT"],
  ["Governor", "Governance"], ["Governance", "Governance"], ["TimelockController", "Timelock"],
  ["ERC20", "Token"], ["ERC721", "Panel token"], ["ERC2612", "Permit"], ["AccessControl", "Access"],
  ["Utility", "Netting"], ["DUtility", "Private netting"], ["CdaMarket", "Intraday market"],
  ["LegMarket", "LEG marketplace"], ["LegHub", "Hub registry"], ["GridStaking", "GRID staking"], ["Grid", "GRID"],
];
// Sentences for the errors a household meets most; the rest are spelt out from name and values.
const SENTENCES = {
  EnergyMarketGateClosed: (a) => `Orders for the slot starting ${localTime(a.slot, true)} are not accepted now: gate closure was ${localTime(a.gateClosure, true)} (now ${localTime(a.nowTime, true)}).`,
  EnergyMarketPriceOffGrid: (a) => `The price ${pricePerKwh(a.price)} is not on the slot's price grid (from ${pricePerKwh(a.priceFloor)} in steps of ${pricePerKwh(a.tickSize)}).`,
  EnergyMarketQuantityOutOfRange: (a) => `The quantity ${kwh(a.quantity)} is outside the allowed range ${kwh(a.minQuantity)} – ${kwh(a.maxQuantity)}.`,
  EnergyMarketAuctionOpen: (a) => `The auction cannot be cleared before gate closure at ${localTime(a.gateClosure, true)}.`,
  StakingVaultInsufficientFreeStake: (a) => `Not enough free stake: ${watt(a.free)} free, ${watt(a.needed)} needed.`,
  StakingVaultUnbondingNotMatured: (a) => `Only ${watt(a.matured)} of unbonded stake can be withdrawn now (${watt(a.needed)} asked); the rest is released at ${localTime(a.releaseAt, true)}.`,
  StakingVaultZeroAmount: () => "The amount must be more than zero.",
  ERC20InsufficientBalance: (a) => `Insufficient token balance: ${watt(a.balance)} held, ${watt(a.needed)} needed.`,
  ERC20InsufficientAllowance: (a) => `The contract may spend only ${watt(a.allowance)} of your tokens, ${watt(a.needed)} needed.`,
  SettlementNotReady: (a) => `The slot cannot be settled yet${a.readyAt ? `: ready at ${localTime(a.readyAt, true)}` : ""}.`,
  SettlementOrdersUnclaimed: (a) => `Claim your ${a.openOrders} open order(s) of this slot first.`,
  CdaMarketGateClosed: (a) => `The intraday book of the slot starting ${localTime(a.slot, true)} closed at ${localTime(a.gateClosure, true)} (now ${localTime(a.nowTime, true)}).`,
  CdaMarketNotOpen: (a) => `The intraday book of the slot starting ${localTime(a.slot, true)} opens at ${localTime(a.opensAt, true)}, when its auction's gate closes (now ${localTime(a.nowTime, true)}).`,
  CdaMarketAuctionNotCleared: (a) => `The auction of the slot starting ${localTime(a.slot, true)} must be cleared before its intraday book opens.`,
  CdaMarketPriceOffGrid: (a) => `The price ${pricePerKwh(a.price)} is not on the slot's intraday grid (from ${pricePerKwh(a.priceFloor)} in steps of ${pricePerKwh(a.tickSize)}).`,
  CdaMarketOrderFilled: (a) => `Order ${a.orderId} is wholly filled: nothing is left to cancel; claim it instead.`,
  LegMarketNoHub: () => "You run no hub: register one first.",
  LegMarketExceedsCapacity: (a) => {
    const amount = (x) => (Number(a.resource) === 1 ? `${x} GB` : `${kwh(x)}${Number(a.resource) === 2 ? " thermal" : ""}`);
    return `Hub #${a.hubId} can offer at most ${amount(a.capacity)} of ${["compute", "storage", "heat"][Number(a.resource)]} (${amount(a.amount)} asked).`;
  },
  LegMarketTooEarly: (a) => `Too early for trade ${a.tradeId}: possible from ${localTime(a.readyAt, true)}.`,
  GovernorAlreadyCastVote: () => "You have already voted on this proposal.",
};

function words(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2").toLowerCase();
}
function value(name, v) {
  if (typeof v === "bigint") {
    const n = name.toLowerCase();
    if (/(time|deadline|closure|until|readyat|^slot$|timeslot)/.test(n) && v > 1_000_000_000n && v < 10_000_000_000n) return localTime(v, true);
    if (/price|tick|floor/.test(n)) return pricePerKwh(v);
    if (/(wh|quantity|energy|delivered|produced)/.test(n)) return kwh(v);
    if (/(amount|balance|needed|free|stake|encumbered|matured|allowance|held|requested|bond|value)/.test(n) && v >= 10n ** 12n) return watt(v);
    return v.toString();
  }
  if (typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v)) return shortAddress(v);
  return String(v);
}

export function describeError(errorName, args, inputs) {
  const named = {};
  (inputs || []).forEach((inp, i) => { named[inp.name || `arg${i}`] = Array.isArray(args) ? args[i] : undefined; });
  if (SENTENCES[errorName]) {
    try { return SENTENCES[errorName](named); } catch { /* fall through to the generic wording */ }
  }
  const [prefix, label] = COMPONENTS.find(([p]) => errorName.startsWith(p)) || ["", ""];
  const what = words(errorName.slice(prefix.length)) || words(errorName);
  const parts = Object.entries(named).map(([k, v]) => `${words(k)} ${value(k, v)}`);
  return `${label ? label + ": " : ""}${what}${parts.length ? ` (${parts.join(", ")})` : ""}.`;
}

function revertData(err) {
  let data;
  if (err instanceof BaseError) {
    err.walk((e) => {
      const d = e?.data ?? e?.cause?.data;
      if (typeof d === "string" && d.startsWith("0x") && d.length >= 10) data = d;
      else if (d && typeof d === "object" && typeof d.data === "string") data = d.data;
      return false;
    });
  }
  if (!data && typeof err?.data === "string") data = err.data;
  return data;
}

// Returns {name, text} for a revert, a rejection or any other failure.
export function explain(err) {
  if (err?.code === 4001 || /rejected|denied/i.test(err?.shortMessage || err?.message || "") && !revertData(err)) {
    return { name: "UserRejected", text: "You declined the request in your wallet: nothing was sent and nothing changed." };
  }
  const decoded = err?.cause?.data?.errorName ? err.cause.data : null;
  const data = revertData(err);
  if (decoded?.abiItem) return { name: decoded.errorName, text: describeError(decoded.errorName, decoded.args, decoded.abiItem.inputs) };
  if (data) {
    try {
      const d = decodeErrorResult({ abi: ERRORS_ABI, data });
      return { name: d.errorName, text: describeError(d.errorName, d.args, d.abiItem.inputs) };
    } catch { /* not one of ours */ }
  }
  return { name: "Error", text: err?.shortMessage || err?.message || String(err) };
}
