import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { Provider, type Client } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it } from "vitest";

import TicketPage from "./Ticket";

type Request = { query: { definitions: { name?: { value: string } }[] }; variables: unknown };
const nameOf = (request: Request) => request.query.definitions[0].name?.value ?? "";

const ticket = (status: string) => ({
  __typename: "Ticket",
  id: "VGlja2V0OjE=",
  number: "TK-2026-00001",
  subject: "外箱破损",
  category: "DELIVERY",
  status,
  createdAt: "2026-11-28T05:00:00+00:00",
  resolvedAt: null,
  order: null,
  messages: [
    { authorEmail: "buyer@xianda.demo", fromStaff: false, body: "两箱外包装破损", createdAt: "2026-11-28T05:00:00+00:00" },
    { authorEmail: "admin@dinghuo.demo", fromStaff: true, body: "已安排补发", createdAt: "2026-11-28T06:00:00+00:00" },
  ],
});

function clientFor(status: string, sent: { name: string; variables: unknown }[]): Client {
  return {
    executeQuery: () => fromValue({ data: { node: ticket(status) }, stale: false, hasNext: false }),
    executeMutation: (request: Request) => {
      sent.push({ name: nameOf(request), variables: request.variables });
      return fromValue({ data: { ticketStatusChange: { errors: [], ticket: ticket("OPEN") } }, stale: false, hasNext: false });
    },
    executeSubscription: () => never,
  } as unknown as Client;
}

function show(status: string, sent: { name: string; variables: unknown }[] = []) {
  render(
    <Provider value={clientFor(status, sent)}>
      <MemoryRouter initialEntries={["/tickets/VGlja2V0OjE="]}>
        <Routes>
          <Route path="/tickets/:id" element={<TicketPage />} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
}

afterEach(cleanup);

describe("the ticket page", () => {
  it("offers reopening a closed ticket, and no reply box", async () => {
    const sent: { name: string; variables: unknown }[] = [];
    show("CLOSED", sent);
    expect(screen.getByTestId("ticket-status").textContent).toBe("已关闭");
    expect(screen.getByText("供应商客服", { exact: false })).toBeTruthy();
    expect(screen.queryByTestId("ticket-reply")).toBeNull();
    fireEvent.click(screen.getByTestId("ticket-reopen"));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ name: "TicketStatusChange", variables: { id: "VGlja2V0OjE=", action: "REOPEN" } });
  });

  it("offers replying and closing an open ticket, not reopening", () => {
    show("OPEN");
    expect(screen.getByTestId("ticket-reply")).toBeTruthy();
    expect(screen.getByTestId("ticket-close")).toBeTruthy();
    expect(screen.queryByTestId("ticket-reopen")).toBeNull();
  });
});
