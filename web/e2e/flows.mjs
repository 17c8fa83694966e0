// The buyer's after-sales and account flows, run by run.mjs on the page it signed in with.
export const PASSWORD = "Demo1234";

export function step(name) {
  console.log(`e2e: ${name}`);
}

/** Before a screenshot: no "saved" or "sent" toast left over the page. */
export const settled = (page) =>
  page.waitForFunction(() => !document.querySelector(".ant-message-notice"), null, { timeout: 10_000 });

export function makeApi(base) {
  const api = async (query, variables = {}, token) => {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const signIn = async (email) =>
    (await api(`mutation($e: String!, $p: String!) { tokenCreate(input: { email: $e, password: $p }) { accessToken } }`, {
      e: email,
      p: PASSWORD,
    })).tokenCreate.accessToken;
  return { api, signIn };
}

const orderId = (page) => decodeURIComponent(page.url().split("/orders/")[1]);

/** Staff ship the whole order (from whichever warehouse holds it); the page hears it live, and
 * the buyer confirms receipt (签收) and asks to return one unit. */
export async function receiveAndReturn(page, { api }, staffToken) {
  step("staff ship the order; the buyer confirms receipt");
  const id = orderId(page);
  const { node } = await api(`query($id: ID!) { node(id: $id) { ... on Order { lines { sku quantity } } } }`, { id }, staffToken);
  const { warehouses } = await api(`{ warehouses { id } }`, {}, staffToken);
  const lines = node.lines.map(({ sku, quantity }) => ({ sku, quantity }));
  let shipped = null;
  for (const warehouse of warehouses) {
    const data = await api(
      `mutation($o: ID!, $w: ID!, $l: [ShipmentLineInput!]!) {
        shipmentCreate(input: { orderId: $o, warehouseId: $w, lines: $l, carrier: "sf", trackingNumber: "SF1234567890" }) {
          errors { message } shipment { number } } }`,
      { o: id, w: warehouse.id, l: lines },
      staffToken,
    );
    if (data.shipmentCreate.shipment) {
      shipped = data.shipmentCreate.shipment.number;
      break;
    }
  }
  if (!shipped) throw new Error("no warehouse could ship the order");
  await page.getByTestId("order-status").getByText("已发货").waitFor();
  await page.getByTestId("shipment-receive").click();
  await page.getByTestId("order-status").getByText("已签收").waitFor();
  await page.getByTestId("shipment-status").getByText("已签收").waitFor();

  step("request a return");
  await page.getByTestId("order-return").click();
  const quantity = page.getByTestId("return-quantity").first();
  await quantity.fill("1");
  await quantity.press("Tab"); // the number input commits its value on blur
  await page.getByTestId("confirm-return").click();
  // Either the confirmation or the refusal the page shows: a refusal fails with its words.
  const done = page.getByText(/退货申请 RT.* 已提交/);
  const refused = page.locator(".ant-message-error");
  await done.or(refused).first().waitFor();
  if (await refused.count()) throw new Error(`return refused: ${await refused.first().innerText()}`);
}

/** From the order's page: a ticket about it, then a reply in its conversation. */
export async function openTicket(page, shots) {
  step("open a ticket about the order and follow it");
  await page.getByTestId("order-ticket").click();
  await page.waitForURL(/\/tickets\/new/);
  await page.getByTestId("ticket-subject").fill("外箱破损");
  await page.getByTestId("ticket-message").fill("两箱外包装破损，请协助处理。");
  await page.getByTestId("ticket-submit").click();
  await page.getByTestId("ticket-status").getByText("待处理").waitFor();
  await page.getByTestId("ticket-reply").fill("补充：破损照片稍后上传。");
  await page.getByTestId("ticket-send").click();
  await page.getByTestId("ticket-message").nth(1).waitFor();
  await settled(page);
  await page.screenshot({ path: `${shots}/ticket.png`, fullPage: true });
  await page.getByTestId("nav-tickets").click();
  await page.getByTestId("ticket-row").filter({ hasText: "外箱破损" }).waitFor();
}

/** Staff answer the ticket openTicket left and close it (through the API); the buyer reads the
 * answer on the ticket's page and opens the ticket again. */
export async function reopenTicket(page, { api }, staffToken, shots) {
  step("staff answer and close the ticket; the buyer reopens it");
  await page.getByTestId("ticket-row").filter({ hasText: "外箱破损" }).first().getByRole("link").click();
  await page.getByTestId("ticket-status").getByText("待处理").waitFor();
  const id = decodeURIComponent(page.url().split("/tickets/")[1]);
  for (const [mutation, input] of [
    ["ticketReply", `{ id: $id, message: "已安排补发两箱，请查收。" }`],
    ["ticketStatusChange", `{ id: $id, action: CLOSE }`],
  ]) {
    const data = await api(`mutation($id: ID!) { ${mutation}(input: ${input}) { errors { message } } }`, { id }, staffToken);
    if (data[mutation].errors.length) throw new Error(JSON.stringify(data[mutation].errors));
  }
  await page.reload();
  await page.getByTestId("ticket-status").getByText("已关闭").waitFor();
  await page.getByTestId("ticket-message").filter({ hasText: "已安排补发两箱" }).getByText("供应商客服").waitFor();
  if (await page.getByTestId("ticket-reply").count()) throw new Error("a closed ticket still takes replies");
  await page.screenshot({ path: `${shots}/ticket-closed.png`, fullPage: true });
  await page.getByTestId("ticket-reopen").click();
  await page.getByTestId("ticket-status").getByText("待处理").waitFor();
  await page.getByTestId("ticket-reply").waitFor();
  if (await page.getByTestId("ticket-reopen").count()) throw new Error("an open ticket still offers reopening");
  await page.getByTestId("nav-tickets").click();
  await page.getByTestId("ticket-row").filter({ hasText: "外箱破损" }).getByText("待处理").waitFor();
}

/** Quick order one line, check out with the payment method given, land on the order. */
export async function placeOrder(page, payment, crates = 6) {
  await page.getByTestId("nav-cart").click();
  await page.getByTestId("quick-order").fill(`WAT-122-12\t${crates}\n`);
  await page.getByTestId("quick-order-add").click();
  await page.getByTestId("cart-line").first().waitFor();
  await page.getByTestId("checkout").click();
  const choice = page.getByTestId(payment);
  await page.getByTestId("place-order").waitFor();
  if (!(await choice.count())) return false;
  await choice.click();
  await page.getByTestId("place-order").click();
  await page.waitForURL(/\/orders\//);
  await page.getByTestId("order-status").waitFor();
  return true;
}

export async function cancelOrder(page) {
  step("place an order, change a quantity, then cancel it");
  await placeOrder(page, "pay-bank");
  await page.getByTestId("order-modify").click();
  await page.getByTestId("modify-quantity").first().fill("12");
  await page.getByTestId("confirm-modify").click();
  await page.getByText("12 箱").waitFor();
  await page.getByTestId("order-cancel").click();
  await page.getByTestId("confirm-cancel").click();
  await page.getByTestId("order-status").getByText("已取消").waitFor();
  if (await page.getByTestId("order-cancel").count()) throw new Error("a cancelled order still offers cancelling");
}

/** Card through Stripe Elements (Stripe.js from the address the API gives: localstripe's
 * stand-in in tests); the order turns paid when Stripe's webhook arrives, without a reload. */
export async function payByCard(page, shots) {
  step("pay by card");
  if (!(await placeOrder(page, "pay-card"))) {
    console.log("e2e: card payment skipped (the server offers no card payment)");
    return false;
  }
  const card = page.getByTestId("card-element");
  await card.locator("input[placeholder=number]").fill("4242424242424242");
  await card.locator("input[placeholder=exp_month]").fill("12");
  await card.locator("input[placeholder=exp_year]").fill("30");
  await card.locator("input[placeholder=cvc]").fill("123");
  await card.locator("input[placeholder=postal_code]").fill("200120");
  await settled(page);
  await page.screenshot({ path: `${shots}/card.png`, fullPage: true });
  await page.getByTestId("card-pay").click();
  await page.getByTestId("card-sent").waitFor();
  await page.getByTestId("payment-status").getByText("已付款").waitFor({ timeout: 20_000 });
  return true;
}

export async function editAddress(page, shots) {
  step("address book: edit an address and make it the default");
  await page.getByTestId("nav-account").click();
  await page.getByTestId("account-addresses").click();
  await page.getByTestId("address-row").first().waitFor();
  await page.getByTestId("address-edit").first().click();
  await page.getByTestId("address-line").fill("张江路 88 号 2 号楼（端到端）");
  await page.getByTestId("address-save").click();
  await page.getByTestId("address-row").filter({ hasText: "张江路 88 号 2 号楼（端到端）" }).waitFor();
  await page.getByTestId("address-new").click();
  await page.getByTestId("address-label").fill("二号仓");
  await page.getByTestId("address-recipient").fill("王仓管");
  await page.getByTestId("address-phone").fill("13800000000");
  await page.getByTestId("address-region").fill("上海市浦东新区");
  await page.getByTestId("address-line").fill("川沙路 1 号");
  await page.getByTestId("address-save").click();
  const added = page.getByTestId("address-row").filter({ hasText: "二号仓" });
  await added.getByTestId("address-default").click();
  await added.getByText("默认").waitFor();
  await settled(page);
  await page.screenshot({ path: `${shots}/addresses.png`, fullPage: true });
}

/** Account pages after switching to English: they speak English, statements link their PDF. */
export async function accountInEnglish(page) {
  step("account pages in English");
  await page.getByTestId("nav-account").click();
  await page.getByTestId("account-statements").getByText("Statements").click();
  await page.getByTestId("statement-pdf").waitFor();
  await page.getByTestId("closing-balance").waitFor();
  await page.getByTestId("nav-account").click();
  await page.getByTestId("account-members").click();
  await page.getByTestId("member-row").first().waitFor();
  await page.getByText("The company's owner manages members and roles").waitFor();
}

/** The signed-in pages at 360 px: nothing wider than the screen. */
export async function phonePages(browser, context, base, paths, shots) {
  step("signed-in pages on a 360 px phone");
  const phone = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    locale: "zh-CN",
    storageState: await context.storageState(),
  });
  const page = await phone.newPage();
  page.setDefaultTimeout(15_000);
  for (const [name, path, ready] of paths) {
    await page.goto(`${base}${path}`);
    await page.getByTestId(ready).first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: `${shots}/phone-${name}.png`, fullPage: true });
    if (overflow > 0) throw new Error(`${path} is ${overflow} px wider than a 360 px screen`);
  }
  await phone.close();
}

/** 采购分析: the company's spend charted by month and category, and its reorder suggestions
 * put in the cart in one click (the demo history gives the buyer both). */
export async function purchases(page, shots) {
  step("purchase analysis and reorder suggestions");
  await page.getByTestId("nav-purchases").click();
  await page.getByTestId("month-chart").waitFor();
  const drawn = await page.locator('[data-testid="month-bar"] rect:not([height="0"])').count();
  if (!drawn) throw new Error("the spend-by-month chart has no bar");
  await page.getByTestId("category-row").first().waitFor();
  await page.getByTestId("top-skus").waitFor();
  await page.getByTestId("reorder-line").first().waitFor();
  // The demo buyer's company orders several SKUs every week: each is due within the week, so
  // the list never hangs on one suggestion at the edge of it.
  const due = await page.getByTestId("reorder-line").count();
  if (due < 3) throw new Error(`expected several reorder suggestions, got ${due}`);
  await page.screenshot({ path: `${shots}/purchases.png`, fullPage: true });
  await page.getByTestId("reorder-add-all").click();
  await page.getByText(`Added to cart (${due} lines)`, { exact: true }).waitFor();
  await page.getByTestId("nav-cart").click();
  await page.getByTestId("cart-line").nth(due - 1).waitFor();
}
