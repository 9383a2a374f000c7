import broker from "./broker.js";
import cda from "./cda.js";
import dashboard from "./dashboard.js";
import governance from "./governance.js";
import leg from "./leg.js";
import orders from "./orders.js";
import panels from "./panels.js";
import slots from "./slots.js";
import stake from "./stake.js";
import trade from "./trade.js";
import wallet from "./wallet.js";

export const SCREENS = [dashboard, slots, trade, orders, cda, stake, wallet, panels, broker, governance, leg];
