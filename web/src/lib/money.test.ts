import { describe, expect, it } from "vitest";

import { fixQuantity, formatMoney } from "./money";

describe("quantity rules", () => {
  it("raises to the minimum and rounds up to a whole multiple", () => {
    expect(fixQuantity(1, { minimum: 6, multiple: 6 })).toBe(6);
    expect(fixQuantity(7, { minimum: 6, multiple: 6 })).toBe(12);
    expect(fixQuantity(5, { minimum: 4, multiple: 1 })).toBe(5);
  });

  it("stays within the maximum", () => {
    expect(fixQuantity(50, { minimum: 1, multiple: 4, maximum: 30 })).toBe(28);
  });
});

describe("money", () => {
  it("shows yuan in either language from the API's decimal string", () => {
    expect(formatMoney({ amount: "1234.5", currency: "CNY" }, "zh-Hans")).toBe("¥1,234.50");
    expect(formatMoney({ amount: "1234.5", currency: "CNY" }, "en")).toBe("CN¥1,234.50");
  });
});
