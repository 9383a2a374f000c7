// Units shown to households: energy in kWh (chain: Wh), prices in WATT/kWh (chain: base units per
// kWh, 18 decimals), money in WATT, times in the browser's local time (chain: Unix seconds).
import { formatUnits, parseUnits } from "viem";

export const WATT_DECIMALS = 18;

export function kwh(wh, digits = 3) {
  return `${(Number(wh) / 1000).toFixed(digits)} kWh`;
}
export function whFromKwh(text) {
  return parseUnits(String(text).trim() || "0", 3); // 1 Wh = 0.001 kWh
}
export function token(amount, symbol = "WATT", decimals = WATT_DECIMALS, digits = 4) {
  const s = formatUnits(BigInt(amount), decimals);
  const [i, f = ""] = s.split(".");
  const frac = f.slice(0, digits).replace(/0+$/, "");
  return `${i}${frac ? "." + frac : ""} ${symbol}`;
}
export function watt(amount, digits = 4) {
  return token(amount, "WATT", WATT_DECIMALS, digits);
}
export function pricePerKwh(price) {
  // At least 3 decimals (the grid's tick is 0.002 WATT/kWh), more only when the price has them.
  const [i, f = ""] = formatUnits(BigInt(price), WATT_DECIMALS).split(".");
  const frac = f.slice(0, 6).replace(/0+$/, "").padEnd(3, "0");
  return `${i}.${frac} WATT/kWh`;
}
export function parseWatt(text) {
  return parseUnits(String(text).trim() || "0", WATT_DECIMALS);
}
export function localTime(unixSeconds, withDate = false) {
  const d = new Date(Number(unixSeconds) * 1000);
  const opts = { hour: "2-digit", minute: "2-digit" };
  if (withDate) Object.assign(opts, { day: "2-digit", month: "short" });
  return d.toLocaleString(undefined, opts);
}
export function duration(seconds) {
  const s = Math.max(0, Math.round(Number(seconds)));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return h ? `${h} h ${m} min` : m ? `${m} min ${r} s` : `${r} s`;
}
export function shortAddress(a) {
  return a ? `${a.slice(0, 6)}…${a.slice(-4)}` : "";
}
