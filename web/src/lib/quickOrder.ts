// Lines pasted from a spreadsheet: "SKU<tab>qty", "SKU qty" or "SKU,qty", one a line.

export type PastedLine = { sku: string; quantity: number };

export function parsePastedLines(text: string): { lines: PastedLine[]; bad: number[] } {
  const lines: PastedLine[] = [];
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const row = raw.trim();
    if (!row) return;
    const match = /^(\S+)[\s,;，；]+(\d+)$/.exec(row);
    if (!match) bad.push(index + 1);
    else lines.push({ sku: match[1], quantity: Number(match[2]) });
  });
  return { lines, bad };
}

/** The pasted lines as the API's `text` (one "SKU qty" a line), repeated SKUs added up. */
export function toQuickAddText(lines: PastedLine[]): string {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.sku, (totals.get(line.sku) ?? 0) + line.quantity);
  return [...totals].map(([sku, quantity]) => `${sku} ${quantity}`).join("\n");
}
