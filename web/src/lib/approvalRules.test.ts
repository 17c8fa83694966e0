import { describe, expect, it } from "vitest";

import { parseThreshold, ruleMessages } from "./approvalRules";

describe("the approval threshold as typed", () => {
  it("keeps amounts of yuan as decimal strings, without separators", () => {
    expect(parseThreshold("100")).toBe("100");
    expect(parseThreshold(" 99.5 ")).toBe("99.5");
    expect(parseThreshold("1,000.00")).toBe("1000.00");
    expect(parseThreshold("2，500")).toBe("2500");
  });

  it("reads nothing as no threshold", () => {
    expect(parseThreshold("")).toBeNull();
    expect(parseThreshold("   ")).toBeNull();
  });

  it("refuses what is not an amount", () => {
    for (const text of ["-5", "1.005", "abc", "1e3", "12.", "0x10"]) expect(parseThreshold(text), text).toBeUndefined();
  });
});

describe("the approval rules in words", () => {
  const amount = { amount: "100.00", currency: "CNY" };

  it("says when no order waits", () => {
    expect(ruleMessages({ approvalThreshold: null, approvalForPurchasers: false })).toEqual([{ key: "approvalRuleNone" }]);
  });

  it("names the threshold and the purchasers' rule, each once", () => {
    expect(ruleMessages({ approvalThreshold: amount, approvalForPurchasers: true })).toEqual([
      { key: "approvalRuleAbove", amount },
      { key: "approvalRulePurchasers" },
    ]);
    expect(ruleMessages({ approvalForPurchasers: true })).toEqual([{ key: "approvalRulePurchasers" }]);
  });
});
