import broker from "./broker.js";
import dashboard from "./dashboard.js";
import { contractScreen } from "./generic.js";
import governance from "./governance.js";
import orders from "./orders.js";
import panels from "./panels.js";
import slots from "./slots.js";
import stake from "./stake.js";
import trade from "./trade.js";
import wallet from "./wallet.js";

// Contract names the other areas may record for the intraday market and the LEG marketplace.
export const CDA_NAMES = ["ContinuousDoubleAuction", "IntradayMarket", "EnergyCDA", "CDAMarket"];
export const LEG_NAMES = ["LEGMarketplace", "LegMarketplace", "LEGMarket", "LocalEnergyGridMarket"];

export const SCREENS = [
  dashboard, slots, trade, orders, stake, wallet, panels, broker, governance,
  contractScreen({ id: "cda", title: "Intraday (CDA)", candidates: CDA_NAMES, actions: /^(place|cancel|claim)/i }),
  contractScreen({ id: "leg", title: "Hubs (LEG)", candidates: LEG_NAMES, actions: /^(post|place|create|cancel|accept|fill|confirm)/i }),
];
