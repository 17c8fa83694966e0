import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { Provider, type Client } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it } from "vitest";

import CartPage from "./Cart";

const money = (amount: string) => ({ amount, currency: "CNY" });
const cart = {
  subtotal: money("30.34"),
  canPlace: false,
  lines: [
    {
      quantity: 1,
      unitPrice: money("30.34"),
      lineTotal: money("30.34"),
      priceChanged: false,
      quantityAvailable: 100,
      problems: [{ field: ["quantity"], code: "BELOW_MINIMUM", message: "WAT-121-24 起订量为 6。" }],
      variant: {
        id: "VmFyaWFudDox",
        sku: "WAT-121-24",
        name: "550毫升×24瓶",
        unit: "CASE",
        quantityRules: { minimum: 6, multiple: 6, maximum: null },
        product: { id: "UHJvZHVjdDox", slug: "water-1-2", name: "农夫山泉矿泉水" },
      },
    },
  ],
};

// The page against a client that answers the cart query and records mutations: what the page
// shows and sends is under test, not the network.
function clientWith(mutations: unknown[]): Client {
  return {
    executeQuery: () => fromValue({ data: { cart }, stale: false, hasNext: false }),
    executeMutation: (request: { variables: unknown }) => {
      mutations.push(request.variables);
      return never;
    },
    executeSubscription: () => never,
  } as unknown as Client;
}

afterEach(cleanup);

describe("the cart page", () => {
  it("shows a line's problem on the line and fixes it in place to the nearest allowed quantity", () => {
    const mutations: unknown[] = [];
    render(
      <Provider value={clientWith(mutations)}>
        <MemoryRouter>
          <CartPage />
        </MemoryRouter>
      </Provider>,
    );
    const line = screen.getByTestId("cart-line");
    expect(line.textContent).toContain("起订量为 6");
    // The unit by its name in the chosen language, not the API's code.
    expect(line.textContent).toContain("箱");
    expect(line.textContent).not.toContain("CASE");
    expect((screen.getByTestId("checkout") as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByTestId("fix-line"));
    expect(mutations).toEqual([{ variantId: "VmFyaWFudDox", quantity: 6 }]);
  });
});
