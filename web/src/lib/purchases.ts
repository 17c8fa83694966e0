// The purchases page's arithmetic, apart from React so it is tested on its own. Money stays a
// decimal string; sums are taken in fen (integers), and only bar lengths are fractions.

export type Spend = { key: string; label: string; spend: { amount: string; currency: string }; orders: number; units: number };
export type Bar = { key: string; label: string; fen: number; share: number };

/** "12.30" -> 1230. Amounts come from the API with at most two decimals. */
export function toFen(amount: string): number {
  const negative = amount.trim().startsWith("-");
  const [whole, fraction = ""] = amount.trim().replace(/^[-+]/, "").split(".");
  const fen = Number(whole || "0") * 100 + Number((fraction + "00").slice(0, 2));
  return negative ? -fen : fen;
}

/** 1230 -> "12.30", for formatMoney. */
export function fromFen(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** The months from `start` to `end` (ISO dates), as "YYYY-MM-01" keys. */
export function monthsBetween(start: string, end: string): string[] {
  let [year, month] = start.split("-").map(Number);
  const [lastYear, lastMonth] = end.split("-").map(Number);
  const keys: string[] = [];
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    keys.push(`${year}-${String(month).padStart(2, "0")}-01`);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return keys;
}

/**
 * One bar a month over the whole period: the API lists only months with purchases, and a chart
 * that skipped the empty ones would hide the gaps. `share` is the bar's length against the
 * largest month (0–1).
 */
export function monthBars(byMonth: Spend[], start: string, end: string): Bar[] {
  const spent = new Map(byMonth.map((m) => [m.key.slice(0, 7), toFen(m.spend.amount)]));
  const bars = monthsBetween(start, end).map((key) => ({ key, label: key.slice(0, 7), fen: spent.get(key.slice(0, 7)) ?? 0, share: 0 }));
  const largest = Math.max(0, ...bars.map((b) => b.fen));
  return bars.map((b) => ({ ...b, share: largest > 0 ? Math.max(0, b.fen) / largest : 0 }));
}

/**
 * The categories as parts of the whole, most spent first; past `limit` rows the rest are summed
 * into one row keyed "other" so a phone screen shows a short list. `share` is of the total.
 */
export function categoryBars(byCategory: Spend[], limit = 6): Bar[] {
  const rows = byCategory.map((c) => ({ key: c.key, label: c.label, fen: toFen(c.spend.amount), share: 0 }));
  rows.sort((a, b) => b.fen - a.fen);
  const shown = rows.length > limit ? rows.slice(0, limit - 1) : rows;
  if (rows.length > limit) {
    const rest = rows.slice(limit - 1).reduce((sum, r) => sum + r.fen, 0);
    shown.push({ key: "other", label: "", fen: rest, share: 0 });
  }
  const total = rows.reduce((sum, r) => sum + Math.max(0, r.fen), 0);
  return shown.map((r) => ({ ...r, share: total > 0 ? Math.max(0, r.fen) / total : 0 }));
}

export type Suggestion = { variantId?: string | null; suggestedQuantity: number };
export type CartHolding = { quantity: number; variant: { id: string } };

/**
 * The cart lines that put suggestions in the cart: each line set to the suggested quantity, or
 * left alone when the cart already holds at least that much. Setting (not adding) makes a second
 * click harmless, and the suggested quantity is the one the API made valid for the rules.
 */
export function linesToAdd(suggestions: Suggestion[], cart: CartHolding[]): { variantId: string; quantity: number }[] {
  const held = new Map(cart.map((l) => [l.variant.id, l.quantity]));
  const lines: { variantId: string; quantity: number }[] = [];
  for (const s of suggestions) {
    if (!s.variantId || s.suggestedQuantity <= 0) continue;
    if ((held.get(s.variantId) ?? 0) >= s.suggestedQuantity) continue;
    if (lines.some((l) => l.variantId === s.variantId)) continue;
    lines.push({ variantId: s.variantId, quantity: s.suggestedQuantity });
  }
  return lines;
}

/** Whole days from `today` to `due` (negative: overdue); both ISO dates. */
export function daysUntil(due: string, today: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
