// Slot arithmetic and cached market parameters shared by the market screens.
let cached = null;

export async function marketInfo(app) {
  if (cached && cached.book === app.book) return cached;
  const [slotLength, gateLead, params] = await Promise.all([
    app.read("EnergyMarket", "slotLength"),
    app.read("EnergyMarket", "gateClosureLead"),
    app.read("EnergyMarket", "marketParameters"),
  ]);
  const [priceFloor, tickSize, collateralPerKWh, minOrderWh, maxLeadTime] = params;
  cached = { book: app.book, slotLength, gateLead, priceFloor, tickSize, collateralPerKWh, minOrderWh, maxLeadTime };
  return cached;
}

export function slotOf(now, slotLength) {
  return (BigInt(now) / slotLength) * slotLength;
}

// Slots that still accept orders: gate closure at least `margin` s ahead, within the max lead time.
export function tradableSlots(app, m, count = 8, margin = 5n) {
  const now = BigInt(app.now());
  let slot = slotOf(now, m.slotLength) + m.slotLength;
  const out = [];
  while (out.length < count && slot - now <= m.maxLeadTime) {
    if (slot - m.gateLead > now + margin) out.push(slot);
    slot += m.slotLength;
  }
  return out;
}

export function recentSlots(app, m, count) {
  const current = slotOf(app.now(), m.slotLength);
  return Array.from({ length: count }, (_, i) => current - BigInt(count - 1 - i) * m.slotLength);
}

// What a household should know about a slot right now.
export function phaseOf(app, m, slot, clearing) {
  const now = BigInt(app.now());
  if (now < slot - m.gateLead) return "open for orders";
  if (now < slot) return clearing.isCleared ? "cleared, awaiting delivery" : clearing.isStarted ? "gate closed: ready to clear" : "gate closed: no orders";
  if (now < slot + m.slotLength) return "delivering";
  return clearing.isCleared ? "delivered: reporting and settlement" : clearing.isStarted ? "past: not cleared" : "past";
}
