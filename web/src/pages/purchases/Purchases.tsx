import { Alert, Button, Card, Empty, List, message, Space, Spin, Table, Tag, Typography } from "antd";
import { useContext } from "react";
import { useMutation, useQuery } from "urql";

import { PurchasesDocument, ReorderLinesSetDocument } from "../../gql-more/graphql";
import { LanguageContext } from "../../lib/i18n";
import { usePurchasesT } from "../../lib/messagesPurchases";
import { formatMoney } from "../../lib/money";
import { announce } from "../../lib/outcome";
import { type Bar, categoryBars, daysUntil, fromFen, linesToAdd, monthBars, type Suggestion } from "../../lib/purchases";
import { CategoryChart, MonthChart } from "./Charts";

/** 采购分析: the company's spend over the last twelve months and 智能补货, its reorder suggestions. */
export default function PurchasesPage() {
  const t = usePurchasesT();
  const { language } = useContext(LanguageContext);
  const [{ data, fetching, error }] = useQuery({ query: PurchasesDocument });
  const [adding, setLines] = useMutation(ReorderLinesSetDocument);
  const analysis = data?.purchaseAnalysis;
  if (!analysis) {
    if (fetching) return <Spin />;
    // A refusal (signed out, or a role that may not read the company's orders) says why.
    return error ? <Alert type="warning" showIcon message={error.graphQLErrors[0]?.message ?? error.message} /> : null;
  }

  const currency = analysis.byMonth[0]?.spend.currency ?? analysis.byCategory[0]?.spend.currency ?? "CNY";
  const money = (fen: number) => formatMoney({ amount: fromFen(fen), currency }, language);
  const months = monthBars(analysis.byMonth, analysis.start, analysis.end);
  const categories = categoryBars(analysis.byCategory);
  const categoryLabel = (bar: Bar) =>
    bar.key === "other" ? t("otherCategories") : bar.key === "" ? t("uncategorised") : bar.label;
  const suggestions = data.reorderSuggestions;
  const cartLines = data.cart?.lines ?? [];

  const add = async (chosen: Suggestion[]) => {
    const lines = linesToAdd(chosen, cartLines);
    if (!lines.length) {
      void message.info(t("alreadyInCart"));
      return;
    }
    const result = await setLines({ lines });
    announce(result.data?.cartLinesSet, result.error, t("addedAll", { n: lines.length }));
  };

  return (
    <div>
      <Typography.Title level={3}>{t("purchases")}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t("periodFrom", { start: analysis.start, end: analysis.end })}
      </Typography.Paragraph>

      <Card size="small" title={t("reorderSuggestions")} style={{ marginBottom: 12 }} data-testid="reorder-card"
        extra={suggestions.length > 0 && (
          <Button type="primary" size="small" data-testid="reorder-add-all" loading={adding.fetching} onClick={() => void add(suggestions)}>
            {t("addAllToCart")}
          </Button>
        )}
      >
        {suggestions.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("noSuggestions")} />
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t("reorderHelp")}</Typography.Paragraph>
            <List
              dataSource={suggestions}
              rowKey="sku"
              renderItem={(s) => {
                const days = s.nextDue ? daysUntil(s.nextDue, analysis.end) : null;
                const held = cartLines.find((l) => l.variant.id === s.variantId)?.quantity ?? 0;
                return (
                  <List.Item
                    data-testid="reorder-line"
                    actions={[
                      held >= s.suggestedQuantity ? (
                        <Tag key="in" color="green">{t("inCart")}</Tag>
                      ) : (
                        <Button key="add" size="small" data-testid="reorder-add" disabled={!s.variantId} onClick={() => void add([s])}>
                          {t("addToCart")}
                        </Button>
                      ),
                    ]}
                  >
                    <List.Item.Meta
                      title={<span>{s.productName} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.sku}</Typography.Text></span>}
                      description={
                        <Space size={[8, 0]} wrap>
                          {days !== null && (
                            <Tag color={days < 0 ? "red" : "orange"}>
                              {days < 0 ? t("overdue", { n: -days }) : days === 0 ? t("dueToday") : t("dueIn", { n: days })}
                            </Tag>
                          )}
                          {s.usualIntervalDays != null && <span>{t("everyDays", { n: Math.round(s.usualIntervalDays) })}</span>}
                          <span>{t("lastOrdered", { date: s.lastOrdered })}</span>
                          <strong>{t("suggested", { n: s.suggestedQuantity })}</strong>
                        </Space>
                      }
                    />
                  </List.Item>
                );
              }}
            />
          </>
        )}
      </Card>

      {analysis.byMonth.length === 0 ? (
        <Empty description={t("noPurchases")} />
      ) : (
        <>
          <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(300px, 1fr))" }}>
            <Card size="small" title={t("spendByMonth")}>
              <MonthChart bars={months} money={money} />
            </Card>
            <Card size="small" title={t("spendByCategory")}>
              <CategoryChart bars={categories} money={money} label={categoryLabel} />
            </Card>
          </div>
          <Card size="small" title={t("topSkus")} style={{ marginTop: 12 }}>
            <Table
              data-testid="top-skus"
              size="small"
              pagination={false}
              scroll={{ x: true }}
              rowKey="key"
              dataSource={analysis.topSkus}
              columns={[
                { title: "SKU", dataIndex: "key", onCell: () => ({ style: { whiteSpace: "nowrap" } }) },
                { title: t("product"), dataIndex: "label" },
                { title: t("units"), dataIndex: "units", align: "right" },
                // Phones leave out the order count so the name keeps room.
                { title: t("ordersCount"), dataIndex: "orders", align: "right", responsive: ["sm"] },
                { title: t("spend"), dataIndex: "spend", align: "right", render: (m: { amount: string; currency: string }) => formatMoney(m, language) },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
