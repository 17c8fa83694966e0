import { createContext, useContext } from "react";

import type { UnitCode } from "../gql/graphql";
import type { MoreKey } from "./messagesMore";

export type Language = "zh-Hans" | "en";

const zh = {
  brand: "订货",
  catalog: "商品",
  cart: "购物车",
  orders: "订单",
  purchases: "采购分析",
  invoices: "发票",
  signIn: "登录",
  signOut: "退出",
  register: "企业注册",
  email: "邮箱",
  password: "密码",
  search: "搜索商品",
  allCategories: "全部分类",
  sortName: "按名称",
  sortPrice: "按价格",
  sortNewest: "最新",
  loadMore: "加载更多",
  signInForPrices: "登录并通过审核后显示价格",
  addToCart: "加入购物车",
  added: "已加入购物车",
  quantity: "数量",
  minimum: "起订量",
  multiple: "倍数",
  maximum: "最多",
  priceBreaks: "阶梯价",
  specs: "规格",
  stock: "库存",
  IN_STOCK: "有货",
  LOW_STOCK: "库存紧张",
  OUT_OF_STOCK: "缺货",
  cartEmpty: "购物车是空的",
  subtotal: "小计",
  remove: "删除",
  fix: "修正为 {n}",
  checkout: "去结算",
  quickOrder: "快速下单",
  quickOrderHelp: "从表格粘贴，每行“SKU 数量”",
  quickOrderAdd: "加入购物车",
  badLines: "无法识别的行：{lines}",
  address: "收货地址",
  newAddress: "新地址",
  recipient: "收货人",
  phone: "电话",
  region: "省市区",
  line: "详细地址",
  poNumber: "采购单号",
  deliveryDate: "期望送达日期",
  note: "备注",
  paymentMethod: "付款方式",
  BANK_TRANSFER: "银行转账",
  CREDIT_TERMS: "账期",
  CARD: "银行卡",
  creditAvailable: "可用额度 {amount}",
  placeOrder: "提交订单",
  orderPlaced: "订单 {number} 已提交",
  number: "单号",
  status: "状态",
  date: "日期",
  total: "合计",
  amountDue: "应付",
  payTo: "请转账至",
  bankName: "开户行",
  accountName: "户名",
  accountNumber: "账号",
  reference: "附言",
  timeline: "订单动态",
  live: "实时",
  invoice: "发票",
  downloadPdf: "下载 PDF",
  reorder: "再来一单",
  companyName: "企业名称",
  taxId: "统一社会信用代码",
  contactName: "联系人",
  registered: "已提交注册，等待审核",
  pendingCompany: "企业审核中，审核通过后可下单",
  dueOn: "到期日",
  noAccount: "还没有账号？",
  PENDING_APPROVAL: "待审批",
  PENDING_REVIEW: "待审核",
  CONFIRMED: "已确认",
  PROCESSING: "处理中",
  PARTIALLY_SHIPPED: "部分发货",
  SHIPPED: "已发货",
  DELIVERED: "已签收",
  COMPLETED: "已完成",
  CANCELLED: "已取消",
  REJECTED: "已驳回",
  account: "账户",
  tickets: "工单",
};

type BaseKey = keyof typeof zh;
/** Keys of the first page's messages, and of those the later pages add (messagesMore.ts). */
export type MessageKey = BaseKey | MoreKey;

const en: Record<BaseKey, string> = {
  brand: "Dinghuo",
  catalog: "Products",
  cart: "Cart",
  orders: "Orders",
  purchases: "Purchases",
  invoices: "Invoices",
  signIn: "Sign in",
  signOut: "Sign out",
  register: "Register a company",
  email: "Email",
  password: "Password",
  search: "Search products",
  allCategories: "All categories",
  sortName: "Name",
  sortPrice: "Price",
  sortNewest: "Newest",
  loadMore: "Load more",
  signInForPrices: "Prices are shown once you are signed in and approved",
  addToCart: "Add to cart",
  added: "Added to cart",
  quantity: "Quantity",
  minimum: "Minimum",
  multiple: "Multiple of",
  maximum: "At most",
  priceBreaks: "Quantity breaks",
  specs: "Specifications",
  stock: "Stock",
  IN_STOCK: "In stock",
  LOW_STOCK: "Low stock",
  OUT_OF_STOCK: "Out of stock",
  cartEmpty: "Your cart is empty",
  subtotal: "Subtotal",
  remove: "Remove",
  fix: "Change to {n}",
  checkout: "Checkout",
  quickOrder: "Quick order",
  quickOrderHelp: 'Paste from a spreadsheet, one "SKU quantity" a line',
  quickOrderAdd: "Add to cart",
  badLines: "Lines not understood: {lines}",
  address: "Shipping address",
  newAddress: "New address",
  recipient: "Recipient",
  phone: "Phone",
  region: "Province, city, district",
  line: "Street address",
  poNumber: "PO number",
  deliveryDate: "Requested delivery date",
  note: "Note",
  paymentMethod: "Payment method",
  BANK_TRANSFER: "Bank transfer",
  CREDIT_TERMS: "Credit terms",
  CARD: "Card",
  creditAvailable: "Available credit {amount}",
  placeOrder: "Place order",
  orderPlaced: "Order {number} placed",
  number: "Number",
  status: "Status",
  date: "Date",
  total: "Total",
  amountDue: "Amount due",
  payTo: "Please transfer to",
  bankName: "Bank",
  accountName: "Account name",
  accountNumber: "Account number",
  reference: "Reference",
  timeline: "Timeline",
  live: "live",
  invoice: "Invoice",
  downloadPdf: "Download PDF",
  reorder: "Order again",
  companyName: "Company name",
  taxId: "Unified social credit code",
  contactName: "Contact name",
  registered: "Registration received; waiting for review",
  pendingCompany: "Your company is under review; you can order once it is approved",
  dueOn: "Due",
  noAccount: "No account yet?",
  PENDING_APPROVAL: "Awaiting approval",
  PENDING_REVIEW: "Awaiting review",
  CONFIRMED: "Confirmed",
  PROCESSING: "Processing",
  PARTIALLY_SHIPPED: "Partly shipped",
  SHIPPED: "Shipped",
  DELIVERED: "Delivered",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
  REJECTED: "Rejected",
  account: "Account",
  tickets: "Tickets",
};

export const messages: Record<Language, Record<BaseKey, string>> = { "zh-Hans": zh, en };
const added: Record<Language, Record<string, string>> = { "zh-Hans": {}, en: {} };

export function addMessages(pack: Record<Language, Record<string, string>>): void {
  Object.assign(added["zh-Hans"], pack["zh-Hans"]);
  Object.assign(added.en, pack.en);
}

export function translate(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  // A status the API added after this build shows as itself rather than breaking the page.
  const text = messages[language][key as BaseKey] ?? added[language][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
}

// What each unit a variant is sold in is called; typed on the enum so a new unit fails `tsc`.
const unitNames: Record<Language, Record<UnitCode, string>> = {
  "zh-Hans": { PIECE: "件", BOTTLE: "瓶", CAN: "罐", BOX: "盒", CASE: "箱", BAG: "袋", PACK: "包", KG: "千克", CARTON: "纸箱" },
  en: { PIECE: "piece", BOTTLE: "bottle", CAN: "can", BOX: "box", CASE: "case", BAG: "bag", PACK: "pack", KG: "kg", CARTON: "carton" },
};

export function unitName(language: Language, unit: UnitCode): string {
  // A unit the API added after this build shows as itself.
  return unitNames[language][unit] ?? unit;
}

export function storedLanguage(): Language {
  return localStorage.getItem("dinghuo.language") === "en" ? "en" : "zh-Hans";
}

type LanguageState = { language: Language; setLanguage: (language: Language) => void };
export const LanguageContext = createContext<LanguageState>({ language: "zh-Hans", setLanguage: () => {} });

export function useUnit() {
  const { language } = useContext(LanguageContext);
  return (unit: UnitCode) => unitName(language, unit);
}

export function useT() {
  const { language } = useContext(LanguageContext);
  return (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);
}
