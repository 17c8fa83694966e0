// The company's order approval rules (内部审批) in words, and the threshold as typed turned into
// the API's Decimal: amounts stay decimal strings, never floats.
import type { MessageKey } from "./i18n";

export type ApprovalRules = { approvalThreshold?: { amount: string; currency: string } | null; approvalForPurchasers: boolean };

/** "100", " 99.5 ", "1,000.00" → "100", "99.5", "1000.00"; "" → null (no threshold);
 * undefined when it is not an amount of yuan with at most two decimals. */
export function parseThreshold(text: string): string | null | undefined {
  const cleaned = text.replace(/[,，\s]/g, "");
  if (!cleaned) return null;
  return /^\d{1,12}(\.\d{1,2})?$/.test(cleaned) ? cleaned : undefined;
}

/** The sentences that say which orders wait for the approver. */
export function ruleMessages(rules: ApprovalRules): { key: MessageKey; amount?: ApprovalRules["approvalThreshold"] }[] {
  const said: { key: MessageKey; amount?: ApprovalRules["approvalThreshold"] }[] = [];
  if (rules.approvalThreshold) said.push({ key: "approvalRuleAbove", amount: rules.approvalThreshold });
  if (rules.approvalForPurchasers) said.push({ key: "approvalRulePurchasers" });
  return said.length ? said : [{ key: "approvalRuleNone" }];
}
