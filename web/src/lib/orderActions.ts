// What the signed-in buyer may do to an order now. The API decides in the end (and says why
// not); the page only offers the actions that can succeed, following the order's state machine
// (domain/ordering/states.py) and the company role's permissions.
import type { OrderStatus, Permission } from "../gql/graphql";

export type OrderAction = "approve" | "reject" | "modify" | "cancel" | "receive" | "return" | "pay";

type Shipment = { id: string; status: string; lines: { sku: string; quantity: number }[] };
type Line = { sku: string; quantity: number; returnedQuantity: number };
export type ActionableOrder = {
  status: OrderStatus;
  paymentStatus: string;
  paymentMethod: string;
  amountDue: { amount: string };
  lines: Line[];
  shipments: Shipment[];
};

const CANCELLABLE: OrderStatus[] = ["PENDING_APPROVAL", "PENDING_REVIEW", "CONFIRMED", "PROCESSING"];
const MODIFIABLE: OrderStatus[] = ["PENDING_APPROVAL", "PENDING_REVIEW"];
const ENDED: OrderStatus[] = ["CANCELLED", "REJECTED"];

/** Per SKU, how many delivered units have not been returned yet. */
export function returnable(order: Pick<ActionableOrder, "lines" | "shipments">): Map<string, number> {
  const delivered = new Map<string, number>();
  for (const shipment of order.shipments) {
    if (shipment.status !== "DELIVERED") continue;
    for (const line of shipment.lines) delivered.set(line.sku, (delivered.get(line.sku) ?? 0) + line.quantity);
  }
  const left = new Map<string, number>();
  for (const line of order.lines) {
    const n = (delivered.get(line.sku) ?? 0) - line.returnedQuantity;
    if (n > 0) left.set(line.sku, n);
  }
  return left;
}

/** Shipments on their way that the buyer can sign for (签收). */
export function receivable<S extends Shipment>(order: { shipments: readonly S[] }): S[] {
  return order.shipments.filter((s) => s.status === "SHIPPED");
}

export function orderActions(order: ActionableOrder, permissions: readonly Permission[]): Set<OrderAction> {
  const can = (p: Permission) => permissions.includes(p);
  const places = can("ORDERS_PLACE");
  const actions = new Set<OrderAction>();
  if (order.status === "PENDING_APPROVAL" && can("ORDERS_APPROVE")) {
    actions.add("approve");
    actions.add("reject");
  }
  // No change once money was received for it: the amount paid would no longer match.
  if (places && MODIFIABLE.includes(order.status) && order.paymentStatus === "UNPAID") actions.add("modify");
  if ((places || can("ORDERS_APPROVE")) && CANCELLABLE.includes(order.status)) actions.add("cancel");
  if (places && receivable(order).length) actions.add("receive");
  if (places && returnable(order).size) actions.add("return");
  if (
    places &&
    order.paymentMethod === "CARD" &&
    !ENDED.includes(order.status) &&
    Number(order.amountDue.amount) > 0
  )
    actions.add("pay");
  return actions;
}

/** The lines to send to orderModify: only those whose quantity changed (0 removes one). */
export function changedLines(
  before: readonly { sku: string; quantity: number }[],
  after: Record<string, number>,
): { sku: string; quantity: number }[] {
  return before
    .filter((line) => after[line.sku] !== undefined && after[line.sku] !== line.quantity)
    .map((line) => ({ sku: line.sku, quantity: after[line.sku] }));
}
