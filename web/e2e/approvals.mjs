// The company's own approval (内部审批) and its roles, each person in a browser of their own:
// the owner sets the threshold on the settings page; orders above it wait for the approver, who
// approves one and rejects the other; the owner makes a viewer an approver on the members page, and the viewer's next page
// offers what the new role may do.
import { PASSWORD, placeOrder, settled, step } from "./flows.mjs";

const OWNER = process.env.E2E_OWNER ?? "owner@xianda.demo";
const APPROVER = process.env.E2E_APPROVER ?? "approver@xianda.demo";
const VIEWER = process.env.E2E_VIEWER ?? "viewer@xianda.demo";

/** A page in a fresh browser context, signed in as `email` through the sign-in form. */
async function signedIn(browser, base, email) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (error) => console.log(`e2e: page error (${email}): ${error.message}`));
  await page.goto(`${base}/sign-in`);
  await page.getByTestId("email").fill(email);
  await page.getByTestId("password").fill(PASSWORD);
  await page.getByTestId("sign-in").click();
  await page.getByTestId("nav-orders").waitFor();
  return page;
}

/** On the members page, pick `label` in the role menu of the member `email`. */
async function setRole(page, email, label) {
  const row = page.getByTestId("member-row").filter({ hasText: email });
  await row.getByTestId("member-role").click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: label }).click();
  await page.getByText("已保存").last().waitFor();
  await row.locator(".ant-select-selection-item").filter({ hasText: label }).waitFor();
}

async function placeForApproval(page) {
  // Twenty-four crates (about 880 yuan) are well above the threshold.
  await placeOrder(page, "pay-bank", 24);
  await page.getByTestId("order-status").getByText("待审批").waitFor();
  const number = (await page.locator("h3").first().innerText()).split(/\s/)[0];
  return { number, path: new URL(page.url()).pathname };
}

export async function approvals(browser, page, base, { api, signIn }, shots) {
  step("the owner sets the company's order approval: above 150 yuan");
  const ownerPage = await signedIn(browser, base, OWNER);
  await ownerPage.getByTestId("nav-account").click();
  await ownerPage.getByTestId("account-settings").click();
  await ownerPage.getByTestId("approval-threshold").fill("abc");
  await ownerPage.getByTestId("approval-save").click();
  await ownerPage.getByText("请输入金额，最多两位小数").waitFor();
  // The demo's threshold is 100 yuan: the rule shown must change.
  await ownerPage.getByTestId("approval-threshold").fill("150");
  await ownerPage.getByTestId("approval-save").click();
  await ownerPage.getByTestId("approval-rule").getByText("超过 ¥150.00 的订单需审批人审批").waitFor();
  await settled(ownerPage);
  await ownerPage.screenshot({ path: `${shots}/approval-settings.png`, fullPage: true });
  const rules = await api(`{ me { company { approvalThreshold { amount } approvalForPurchasers } } }`, {}, await signIn(OWNER));
  if (Number(rules.me.company.approvalThreshold?.amount) !== 150) throw new Error(JSON.stringify(rules));

  step("orders above the threshold wait for the company's approver");
  const first = await placeForApproval(page);
  const second = await placeForApproval(page);

  step("a viewer sees the order waiting but may not approve it");
  const viewer = await signedIn(browser, base, VIEWER);
  await viewer.goto(`${base}${first.path}`);
  await viewer.getByTestId("order-status").getByText("待审批").waitFor();
  await viewer.getByTestId("order-actions").waitFor();
  if (await viewer.getByTestId("order-approve").count()) throw new Error("a viewer is offered approving");

  step("change a member's role: the owner makes the viewer an approver");
  await ownerPage.getByTestId("nav-account").click();
  await ownerPage.getByTestId("account-members").click();
  await ownerPage.getByTestId("member-row").filter({ hasText: VIEWER }).waitFor();
  await setRole(ownerPage, VIEWER, "审批人");
  await settled(ownerPage);
  await ownerPage.screenshot({ path: `${shots}/members.png`, fullPage: true });

  step("the new approver approves the order");
  await viewer.reload();
  await viewer.getByTestId("order-approve").waitFor();
  await viewer.getByTestId("order-reject").waitFor();
  await viewer.screenshot({ path: `${shots}/approval.png`, fullPage: true });
  await viewer.getByTestId("order-approve").click();
  await viewer.getByTestId("order-status").getByText("待审核").waitFor();
  // Approvers may still call off an order under review, viewers never.
  await viewer.getByTestId("order-cancel").waitFor();
  if (await viewer.getByTestId("order-approve").count()) throw new Error("an approved order still offers approving");

  step("the approver rejects the other order; the buyer's page follows live");
  const approver = await signedIn(browser, base, APPROVER);
  await approver.getByTestId("nav-orders").click();
  const row = approver.getByTestId("order-row").filter({ hasText: second.number });
  await row.getByText("待审批").waitFor();
  await row.getByRole("link").click();
  await approver.getByTestId("order-reject").click();
  await approver.getByTestId("confirm-reject").waitFor();
  if (await approver.getByTestId("confirm-reject").isEnabled()) throw new Error("a rejection needs no reason");
  await approver.getByPlaceholder("驳回原因（必填）").fill("本月预算已用完，下月再订。");
  await approver.getByTestId("confirm-reject").click();
  await approver.getByTestId("order-status").getByText("已驳回").waitFor();
  await page.getByTestId("order-status").getByText("已驳回").waitFor();
  await approver.getByTestId("nav-orders").click();
  await approver.getByTestId("order-row").filter({ hasText: first.number }).getByText("待审核").waitFor();

  step("the owner gives the viewer back the viewer's role");
  await setRole(ownerPage, VIEWER, "查看");
  await viewer.reload();
  await viewer.getByTestId("order-actions").waitFor();
  if (await viewer.getByTestId("order-cancel").count()) throw new Error("a viewer is offered cancelling");
  for (const p of [viewer, ownerPage, approver]) await p.context().close();
}
