import { describe, expect, it } from "vitest";

import { categoryBars, daysUntil, fromFen, linesToAdd, monthBars, monthsBetween, toFen } from "./purchases";

const spend = (key: string, amount: string, label = key) => ({ key, label, spend: { amount, currency: "CNY" }, orders: 1, units: 1 });

describe("purchase figures", () => {
  it("reads and writes amounts in fen without floating point", () => {
    expect(toFen("1234.5")).toBe(123450);
    expect(toFen("0.07")).toBe(7);
    expect(toFen("-3.10")).toBe(-310);
    expect(toFen("88")).toBe(8800);
    expect(fromFen(123450)).toBe("1234.50");
    expect(fromFen(7)).toBe("0.07");
    expect(fromFen(-310)).toBe("-3.10");
    // 0.1 + 0.2 in floating point is not 0.3; in fen it is.
    expect(fromFen(toFen("0.1") + toFen("0.2"))).toBe("0.30");
  });

  it("lists every month of the period across the new year", () => {
    expect(monthsBetween("2025-11-01", "2026-02-14")).toEqual(["2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01"]);
    expect(monthsBetween("2026-03-01", "2026-03-31")).toEqual(["2026-03-01"]);
  });

  it("draws a bar for each month, empty ones included, against the largest month", () => {
    const bars = monthBars([spend("2025-12-01", "200.00"), spend("2026-02-01", "50.00")], "2025-11-01", "2026-02-14");
    expect(bars.map((b) => [b.label, b.fen, b.share])).toEqual([
      ["2025-11", 0, 0],
      ["2025-12", 20000, 1],
      ["2026-01", 0, 0],
      ["2026-02", 5000, 0.25],
    ]);
    expect(monthBars([], "2026-01-01", "2026-01-20")).toEqual([{ key: "2026-01-01", label: "2026-01", fen: 0, share: 0 }]);
  });

  it("shows categories as shares of the total and sums the tail into one row", () => {
    const rows = ["10", "40", "20", "5", "15", "6", "4"].map((amount, i) => spend(`c${i}`, amount, `Category ${i}`));
    const bars = categoryBars(rows, 4);
    expect(bars.map((b) => [b.key, b.fen])).toEqual([
      ["c1", 4000],
      ["c2", 2000],
      ["c4", 1500],
      ["other", 2500],
    ]);
    expect(bars.reduce((sum, b) => sum + b.share, 0)).toBeCloseTo(1);
    expect(bars[0].share).toBeCloseTo(0.4);
    expect(categoryBars(rows.slice(0, 2), 4).map((b) => b.key)).toEqual(["c1", "c0"]);
  });

  it("adds suggestions the cart does not already hold, at the suggested quantity", () => {
    const suggestions = [
      { variantId: "V1", suggestedQuantity: 12 },
      { variantId: "V2", suggestedQuantity: 6 },
      { variantId: "V3", suggestedQuantity: 24 },
      { variantId: null, suggestedQuantity: 0 },
    ];
    const cart = [
      { quantity: 6, variant: { id: "V1" } },
      { quantity: 6, variant: { id: "V2" } },
    ];
    expect(linesToAdd(suggestions, cart)).toEqual([
      { variantId: "V1", quantity: 12 },
      { variantId: "V3", quantity: 24 },
    ]);
    const full = [12, 6, 30].map((quantity, i) => ({ quantity, variant: { id: `V${i + 1}` } }));
    expect(linesToAdd(suggestions, full)).toEqual([]);
  });

  it("counts days to the due date, negative when overdue", () => {
    expect(daysUntil("2026-03-05", "2026-03-01")).toBe(4);
    expect(daysUntil("2026-02-27", "2026-03-01")).toBe(-2);
    expect(daysUntil("2026-03-29", "2026-03-29")).toBe(0);
  });
});
