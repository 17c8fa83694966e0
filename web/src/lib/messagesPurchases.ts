// Messages of the purchases page, added to i18n's when the page loads (a first visit does not
// download them).
import { useContext } from "react";

import { addMessages, LanguageContext, type MessageKey, translate } from "./i18n";

export const zhPurchases = {
  spendByMonth: "月度采购额",
  spendByCategory: "按分类",
  topSkus: "采购最多的商品",
  reorderSuggestions: "智能补货",
  reorderHelp: "按贵司以往的订货周期，这些商品快到补货时间了；数量已按起订量和倍数调整。",
  noPurchases: "近十二个月还没有采购记录",
  noSuggestions: "暂时没有需要补货的商品",
  addAllToCart: "全部加入购物车",
  addedAll: "已加入购物车（{n} 项）",
  alreadyInCart: "购物车里已经有这些数量",
  inCart: "已在购物车",
  product: "商品",
  spend: "采购额",
  units: "数量",
  ordersCount: "订单数",
  uncategorised: "未分类",
  otherCategories: "其他",
  periodFrom: "{start} 至 {end}",
  dueIn: "{n} 天后到期",
  dueToday: "今天到期",
  overdue: "已超期 {n} 天",
  everyDays: "约每 {n} 天订一次",
  lastOrdered: "上次订购 {date}",
  suggested: "建议 {n}",
};

export type PurchasesKey = keyof typeof zhPurchases;

export const enPurchases: Record<PurchasesKey, string> = {
  spendByMonth: "Spend by month",
  spendByCategory: "By category",
  topSkus: "Top SKUs",
  reorderSuggestions: "Reorder suggestions",
  reorderHelp: "From your usual ordering cadence these are due soon; quantities already fit the minimum and multiple.",
  noPurchases: "No purchases in the last twelve months",
  noSuggestions: "Nothing is due for reordering",
  addAllToCart: "Add all to cart",
  addedAll: "Added to cart ({n} lines)",
  alreadyInCart: "The cart already holds these quantities",
  inCart: "In cart",
  product: "Product",
  spend: "Spend",
  units: "Units",
  ordersCount: "Orders",
  uncategorised: "Uncategorised",
  otherCategories: "Other",
  periodFrom: "{start} to {end}",
  dueIn: "Due in {n}d",
  dueToday: "Due today",
  overdue: "Overdue {n}d",
  everyDays: "About every {n} days",
  lastOrdered: "Last ordered {date}",
  suggested: "Suggested {n}",
};

addMessages({ "zh-Hans": zhPurchases, en: enPurchases });

/** useT for the page's own keys (and the shared ones). */
export function usePurchasesT() {
  const { language } = useContext(LanguageContext);
  return (key: PurchasesKey | MessageKey, params?: Record<string, string | number>) =>
    translate(language, key as MessageKey, params);
}
