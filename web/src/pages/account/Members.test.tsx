import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { Provider, type Client } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it } from "vitest";

import MembersPage from "./Members";

type Request = { query: { definitions: { name?: { value: string } }[] }; variables: unknown };
const nameOf = (request: Request) => request.query.definitions[0].name?.value ?? "";

const users = [
  { id: "VXNlcjox", email: "owner@xianda.demo", fullName: "陈老板", companyRole: "OWNER", isActive: true },
  { id: "VXNlcjoy", email: "buyer@xianda.demo", fullName: "刘采购", companyRole: "PURCHASER", isActive: true },
];

function clientFor(permissions: string[], sent: { name: string; variables: unknown }[], asked: string[]): Client {
  const answers: Record<string, unknown> = {
    Members: { me: { permissions, user: { id: "VXNlcjox" }, company: { id: "Q29tcGFueTox", users } } },
    Invitations: { companyInvitations: { edges: [] } },
  };
  return {
    executeQuery: (request: Request) => {
      asked.push(nameOf(request));
      return fromValue({ data: answers[nameOf(request)], stale: false, hasNext: false });
    },
    executeMutation: (request: Request) => {
      sent.push({ name: nameOf(request), variables: request.variables });
      return fromValue({ data: { invitationCreate: { errors: [], invitation: null } }, stale: false, hasNext: false });
    },
    executeSubscription: () => never,
  } as unknown as Client;
}

afterEach(cleanup);

describe("the members page", () => {
  it("lets the owner invite someone with a role", async () => {
    const sent: { name: string; variables: unknown }[] = [];
    render(
      <Provider value={clientFor(["COMPANY_READ", "COMPANY_USERS_MANAGE"], sent, [])}>
        <MembersPage />
      </Provider>,
    );
    expect(screen.getAllByTestId("member-row")).toHaveLength(2);
    // The owner's own row offers no role change or deactivation; the buyer's does.
    expect(screen.getAllByTestId("member-deactivate")).toHaveLength(1);
    fireEvent.change(screen.getByTestId("invite-email"), { target: { value: "new@xianda.demo" } });
    fireEvent.click(screen.getByTestId("invite-send"));
    await waitFor(() =>
      expect(sent).toEqual([{ name: "InvitationCreate", variables: { input: { email: "new@xianda.demo", role: "PURCHASER" } } }]),
    );
  });

  it("shows others the members without asking for the owner's invitations", () => {
    const asked: string[] = [];
    render(
      <Provider value={clientFor(["COMPANY_READ", "ORDERS_PLACE"], [], asked)}>
        <MembersPage />
      </Provider>,
    );
    expect(screen.getAllByTestId("member-row")).toHaveLength(2);
    expect(screen.queryByTestId("invite-send")).toBeNull();
    expect(screen.queryByTestId("member-deactivate")).toBeNull();
    expect(asked).not.toContain("Invitations");
  });
});
