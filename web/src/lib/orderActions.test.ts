import { describe, expect, it } from "vitest";

import type { Permission } from "../gql/graphql";
import { type ActionableOrder, changedLines, orderActions, receivable, returnable } from "./orderActions";

const PURCHASER: Permission[] = ["ORDERS_READ", "ORDERS_PLACE"];
const APPROVER: Permission[] = ["ORDERS_READ", "ORDERS_APPROVE"];
const VIEWER: Permission[] = ["ORDERS_READ"];

const order = (over: Partial<ActionableOrder> = {}): ActionableOrder => ({
  status: "PENDING_REVIEW",
  paymentStatus: "UNPAID",
  paymentMethod: "BANK_TRANSFER",
  amountDue: { amount: "120.00" },
  lines: [
    { sku: "A", quantity: 6, returnedQuantity: 0 },
    { sku: "B", quantity: 2, returnedQuantity: 1 },
  ],
  shipments: [],
  ...over,
});

describe("what a buyer may do to an order", () => {
  it("lets an approver approve or reject only while the order waits for approval", () => {
    expect([...orderActions(order({ status: "PENDING_APPROVAL" }), APPROVER)].sort()).toEqual(["approve", "cancel", "reject"]);
    expect(orderActions(order(), APPROVER).has("approve")).toBe(false);
    expect(orderActions(order({ status: "PENDING_APPROVAL" }), PURCHASER).has("approve")).toBe(false);
  });

  it("lets a purchaser change quantities before confirmation and while nothing was paid", () => {
    expect(orderActions(order(), PURCHASER).has("modify")).toBe(true);
    expect(orderActions(order({ paymentStatus: "PARTIALLY_PAID" }), PURCHASER).has("modify")).toBe(false);
    expect(orderActions(order({ status: "CONFIRMED" }), PURCHASER).has("modify")).toBe(false);
  });

  it("allows cancelling until the order ships, and nothing to a viewer", () => {
    expect(orderActions(order({ status: "CONFIRMED" }), PURCHASER).has("cancel")).toBe(true);
    expect(orderActions(order({ status: "SHIPPED" }), PURCHASER).has("cancel")).toBe(false);
    expect(orderActions(order({ status: "CANCELLED" }), PURCHASER).size).toBe(0);
    expect(orderActions(order(), VIEWER).size).toBe(0);
  });

  it("offers receipt for shipments on the way and returns for what was delivered", () => {
    const shipped = order({
      status: "SHIPPED",
      shipments: [
        { id: "s1", status: "DELIVERED", lines: [{ sku: "A", quantity: 6 }, { sku: "B", quantity: 2 }] },
        { id: "s2", status: "SHIPPED", lines: [{ sku: "A", quantity: 6 }] },
      ],
    });
    const actions = orderActions(shipped, PURCHASER);
    expect(actions.has("receive")).toBe(true);
    expect(actions.has("return")).toBe(true);
    expect(receivable(shipped).map((s) => s.id)).toEqual(["s2"]);
    // B: 2 delivered, 1 already returned.
    expect([...returnable(shipped)]).toEqual([
      ["A", 6],
      ["B", 1],
    ]);
    expect(orderActions(order(), PURCHASER).has("return")).toBe(false);
  });

  it("offers card payment for a card order with money due", () => {
    expect(orderActions(order({ paymentMethod: "CARD" }), PURCHASER).has("pay")).toBe(true);
    expect(orderActions(order({ paymentMethod: "CARD", amountDue: { amount: "0.00" } }), PURCHASER).has("pay")).toBe(false);
    expect(orderActions(order({ paymentMethod: "CARD", status: "CANCELLED" }), PURCHASER).has("pay")).toBe(false);
  });
});

describe("changed lines", () => {
  it("sends only the quantities that changed, 0 to remove a line", () => {
    const before = [
      { sku: "A", quantity: 6 },
      { sku: "B", quantity: 2 },
      { sku: "C", quantity: 1 },
    ];
    expect(changedLines(before, { A: 12, B: 2, C: 0 })).toEqual([
      { sku: "A", quantity: 12 },
      { sku: "C", quantity: 0 },
    ]);
  });
});
