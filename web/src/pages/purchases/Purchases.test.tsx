import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { Provider, type Client } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it } from "vitest";

import { LanguageContext, type Language } from "../../lib/i18n";
import PurchasesPage from "./Purchases";

type Request = { query: { definitions: { name?: { value: string } }[] }; variables: unknown };
const nameOf = (request: Request) => request.query.definitions[0].name?.value ?? "";
const money = (amount: string) => ({ amount, currency: "CNY" });
const spend = (key: string, label: string, amount: string, units = 10) => ({ key, label, spend: money(amount), orders: 2, units });

const analysis = {
  start: "2025-04-01",
  end: "2026-03-20",
  byMonth: [spend("2025-12-01", "2025-12-01", "1200.00"), spend("2026-02-01", "2026-02-01", "300.50")],
  byCategory: [spend("Q2F0ZWdvcnk6MQ==", "饮用水", "1000.50"), spend("", "", "500.00")],
  topSkus: [spend("WAT-121-24", "农夫山泉矿泉水", "1000.50", 48)],
};
const suggestions = [
  { sku: "WAT-121-24", variantId: "VmFyaWFudDox", productName: "农夫山泉矿泉水", usualIntervalDays: 13.6, lastOrdered: "2026-03-05", nextDue: "2026-03-19", suggestedQuantity: 24 },
  { sku: "TEA-500-15", variantId: "VmFyaWFudDoy", productName: "东方树叶", usualIntervalDays: 20, lastOrdered: "2026-03-01", nextDue: "2026-03-21", suggestedQuantity: 15 },
];

// The page against a client that answers its query and records the mutations it sends.
function clientWith(sent: { name: string; variables: unknown }[], data: unknown): Client {
  return {
    executeQuery: () => fromValue({ data, stale: false, hasNext: false }),
    executeMutation: (request: Request) => {
      sent.push({ name: nameOf(request), variables: request.variables });
      return fromValue({ data: { cartLinesSet: { errors: [], cart: null } }, stale: false, hasNext: false });
    },
    executeSubscription: () => never,
  } as unknown as Client;
}

function show(data: unknown, language: Language = "zh-Hans", sent: { name: string; variables: unknown }[] = []) {
  render(
    <LanguageContext.Provider value={{ language, setLanguage: () => {} }}>
      <Provider value={clientWith(sent, data)}>
        <MemoryRouter>
          <PurchasesPage />
        </MemoryRouter>
      </Provider>
    </LanguageContext.Provider>,
  );
}

afterEach(cleanup);

describe("the purchases page", () => {
  it("charts twelve months of spend, the categories and the top SKUs", () => {
    show({ purchaseAnalysis: analysis, reorderSuggestions: [], cart: { lines: [] } });
    // April to March; December the largest month, February a quarter of it.
    const heights = screen.getAllByTestId("month-bar").map((bar) => bar.querySelector("rect")?.getAttribute("height"));
    expect(heights).toEqual([..."00000000", "100", "0", "25", "0"].map(String));
    const rows = screen.getAllByTestId("category-row");
    expect(rows[0].textContent).toContain("饮用水");
    expect(rows[0].textContent).toContain("67%");
    expect(rows[1].textContent).toContain("未分类");
    expect(screen.getByTestId("top-skus").textContent).toContain("WAT-121-24");
    expect(screen.getByText("暂时没有需要补货的商品")).toBeTruthy();
  });

  it("lists the suggestions and puts them in the cart, skipping what the cart holds", async () => {
    const sent: { name: string; variables: unknown }[] = [];
    const cart = { lines: [{ quantity: 24, variant: { id: "VmFyaWFudDox" } }] };
    show({ purchaseAnalysis: analysis, reorderSuggestions: suggestions, cart }, "en", sent);
    const lines = screen.getAllByTestId("reorder-line");
    expect(lines).toHaveLength(2);
    expect(lines[0].textContent).toContain("Overdue 1d");
    expect(lines[0].textContent).toContain("In cart");
    expect(lines[1].textContent).toContain("Due in 1d");
    expect(lines[1].textContent).toContain("About every 20 days");

    fireEvent.click(screen.getByTestId("reorder-add-all"));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ name: "ReorderLinesSet", variables: { lines: [{ variantId: "VmFyaWFudDoy", quantity: 15 }] } });

    fireEvent.click(screen.getByTestId("reorder-add"));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1].variables).toEqual({ lines: [{ variantId: "VmFyaWFudDoy", quantity: 15 }] });
  });

  it("says so when the company has bought nothing yet", () => {
    show({ purchaseAnalysis: { ...analysis, byMonth: [], byCategory: [], topSkus: [] }, reorderSuggestions: [], cart: null }, "en");
    expect(screen.getByText("No purchases in the last twelve months")).toBeTruthy();
    expect(screen.queryByTestId("month-chart")).toBeNull();
  });
});
