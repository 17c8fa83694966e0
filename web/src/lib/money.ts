export type Money = { amount: string; currency: string };

/** "¥1,234.50" in the chosen language; amounts stay decimal strings until shown. */
export function formatMoney(money: Money, language: string): string {
  return new Intl.NumberFormat(language === "en" ? "en-US" : "zh-CN", {
    style: "currency",
    currency: money.currency,
  }).format(Number(money.amount));
}

/** The nearest quantity the rules accept: at least the minimum, a whole number of multiples. */
export function fixQuantity(quantity: number, rules: { minimum: number; multiple: number; maximum?: number | null }): number {
  const multiple = Math.max(1, rules.multiple);
  let fixed = Math.max(quantity, rules.minimum);
  fixed = Math.ceil(fixed / multiple) * multiple;
  if (rules.maximum != null && fixed > rules.maximum) fixed = Math.floor(rules.maximum / multiple) * multiple;
  return fixed;
}
