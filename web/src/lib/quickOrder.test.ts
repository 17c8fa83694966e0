import { describe, expect, it } from "vitest";

import { parsePastedLines, toQuickAddText } from "./quickOrder";

describe("pasted quick-order lines", () => {
  it("reads tab, space, comma and full-width separators and reports the lines it cannot read", () => {
    const text = "WAT-121-24\t12\nSNK-1 3\r\n\nTEA-9，4\nno quantity here\nBAD -2\n";
    const { lines, bad } = parsePastedLines(text);
    expect(lines).toEqual([
      { sku: "WAT-121-24", quantity: 12 },
      { sku: "SNK-1", quantity: 3 },
      { sku: "TEA-9", quantity: 4 },
    ]);
    expect(bad).toEqual([5, 6]);
  });

  it("adds up a SKU pasted twice", () => {
    const text = toQuickAddText([
      { sku: "A", quantity: 2 },
      { sku: "B", quantity: 1 },
      { sku: "A", quantity: 3 },
    ]);
    expect(text).toBe("A 5\nB 1");
  });
});
