import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { Provider, type Client } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it } from "vitest";

import type { OrderDetailFieldsFragment, Permission } from "../../gql-more/graphql";
import { OrderActions } from "./OrderActions";

const money = (amount: string) => ({ amount, currency: "CNY" });
const order = (over: Partial<OrderDetailFieldsFragment> = {}) =>
  ({
    id: "T3JkZXI6MQ==",
    number: "SO20260615-0001",
    status: "PENDING_APPROVAL",
    paymentStatus: "UNPAID",
    fulfilmentStatus: "UNFULFILLED",
    paymentMethod: "BANK_TRANSFER",
    amountDue: money("182.04"),
    lines: [
      {
        sku: "WAT-121-24",
        name: "矿泉水",
        unit: "CASE",
        quantity: 6,
        shippedQuantity: 0,
        returnedQuantity: 0,
        unitPrice: money("30.34"),
        lineTotal: money("182.04"),
        variant: { id: "VmFyaWFudDox", quantityRules: { minimum: 6, multiple: 6, maximum: null } },
      },
    ],
    shipments: [],
    ...over,
  }) as OrderDetailFieldsFragment;

// Records what the page sends; answers every mutation with an order and no errors.
function clientWith(sent: { query: string; variables: unknown }[]): Client {
  return {
    executeQuery: () => never,
    executeMutation: (request: { query: { definitions: { name?: { value: string } }[] }; variables: unknown }) => {
      const name = request.query.definitions[0].name?.value ?? "";
      sent.push({ query: name, variables: request.variables });
      const field = name.charAt(0).toLowerCase() + name.slice(1);
      return fromValue({ data: { [field]: { errors: [], order: order({ status: "CANCELLED" }) } }, stale: false, hasNext: false });
    },
    executeSubscription: () => never,
  } as unknown as Client;
}

function show(o: OrderDetailFieldsFragment, permissions: Permission[], sent: { query: string; variables: unknown }[] = []) {
  render(
    <Provider value={clientWith(sent)}>
      <MemoryRouter>
        <OrderActions order={o} permissions={permissions} />
      </MemoryRouter>
    </Provider>,
  );
}

afterEach(cleanup);

describe("the order's actions", () => {
  it("shows an approver approve and reject, and a purchaser neither", () => {
    show(order(), ["ORDERS_READ", "ORDERS_APPROVE"]);
    expect(screen.queryByTestId("order-approve")).not.toBeNull();
    expect(screen.queryByTestId("order-reject")).not.toBeNull();
    cleanup();
    show(order(), ["ORDERS_READ", "ORDERS_PLACE"]);
    expect(screen.queryByTestId("order-approve")).toBeNull();
    expect(screen.queryByTestId("order-modify")).not.toBeNull();
  });

  it("cancels with the reason typed, after asking", async () => {
    const sent: { query: string; variables: unknown }[] = [];
    show(order({ status: "CONFIRMED" }), ["ORDERS_READ", "ORDERS_PLACE"], sent);
    expect(screen.queryByTestId("order-modify")).toBeNull();
    fireEvent.click(screen.getByTestId("order-cancel"));
    fireEvent.change(await screen.findByPlaceholderText("取消原因（选填）"), { target: { value: "买多了" } });
    fireEvent.click(screen.getByTestId("confirm-cancel"));
    await waitFor(() => expect(sent).toEqual([{ query: "OrderCancel", variables: { id: "T3JkZXI6MQ==", reason: "买多了" } }]));
  });

  it("confirms receipt of the shipment on its way", async () => {
    const sent: { query: string; variables: unknown }[] = [];
    const shipments = [
      {
        id: "U2hpcG1lbnQ6MQ==",
        number: "SH20260615-0001-01",
        carrierName: "顺丰",
        trackingNumber: "SF1",
        trackingUrl: null,
        status: "SHIPPED" as const,
        shippedAt: "2026-06-15T10:00:00+08:00",
        deliveredAt: null,
        lines: [{ sku: "WAT-121-24", quantity: 6 }],
      },
    ];
    show(order({ status: "SHIPPED", shipments }), ["ORDERS_READ", "ORDERS_PLACE"], sent);
    expect(screen.queryByTestId("order-cancel")).toBeNull();
    fireEvent.click(screen.getByTestId("shipment-receive"));
    await waitFor(() => expect(sent[0]).toEqual({ query: "ShipmentReceive", variables: { shipmentId: "U2hpcG1lbnQ6MQ==" } }));
  });
});
