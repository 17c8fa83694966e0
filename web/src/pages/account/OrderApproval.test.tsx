import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { Provider, type Client } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it } from "vitest";

import { OrderApproval } from "./OrderApproval";

type Request = { query: { definitions: { name?: { value: string } }[] }; variables: unknown };
const nameOf = (request: Request) => request.query.definitions[0].name?.value ?? "";
const company = { id: "Q29tcGFueTox", approvalThreshold: { amount: "100.00", currency: "CNY" }, approvalForPurchasers: false };

function clientFor(role: string, sent: unknown[]): Client {
  return {
    executeQuery: () =>
      fromValue({ data: { me: { user: { id: "VXNlcjox", companyRole: role }, company } }, stale: false, hasNext: false }),
    executeMutation: (request: Request) => {
      sent.push({ name: nameOf(request), variables: request.variables });
      return fromValue({ data: { companyOrderApprovalSet: { errors: [], company } }, stale: false, hasNext: false });
    },
    executeSubscription: () => never,
  } as unknown as Client;
}

const show = (role: string, sent: unknown[] = []) =>
  render(
    <Provider value={clientFor(role, sent)}>
      <OrderApproval />
    </Provider>,
  );

afterEach(cleanup);

describe("the company's order approval", () => {
  it("tells a purchaser the rule without offering to change it", () => {
    show("PURCHASER");
    expect(screen.getByTestId("approval-rule").textContent).toBe("超过 ¥100.00 的订单需审批人审批");
    expect(screen.queryByTestId("approval-threshold")).toBeNull();
  });

  it("lets the owner set a threshold and the purchasers' rule", async () => {
    const sent: unknown[] = [];
    show("OWNER", sent);
    fireEvent.change(screen.getByTestId("approval-threshold"), { target: { value: "2,000" } });
    fireEvent.click(screen.getByTestId("approval-purchasers"));
    fireEvent.click(screen.getByTestId("approval-save"));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      name: "OrderApprovalSet",
      variables: { input: { approvalThreshold: "2000", approvalForPurchasers: true } },
    });
  });

  it("sends no threshold when the owner empties it, and refuses a non-amount", async () => {
    const sent: unknown[] = [];
    show("OWNER", sent);
    fireEvent.change(screen.getByTestId("approval-threshold"), { target: { value: "abc" } });
    fireEvent.click(screen.getByTestId("approval-save"));
    await screen.findByText("请输入金额，最多两位小数");
    expect(sent).toHaveLength(0);
    fireEvent.change(screen.getByTestId("approval-threshold"), { target: { value: "" } });
    fireEvent.click(screen.getByTestId("approval-save"));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      name: "OrderApprovalSet",
      variables: { input: { approvalThreshold: null, approvalForPurchasers: false } },
    });
  });
});
