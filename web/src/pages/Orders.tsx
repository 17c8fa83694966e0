import { Button, List, Select, Tag, Typography } from "antd";
import { useContext, useState } from "react";
import { Link } from "react-router-dom";
import { useQuery } from "urql";

import { type OrderStatus, OrdersDocument } from "../gql/graphql";
import { LanguageContext, useT } from "../lib/i18n";
import { formatMoney } from "../lib/money";

const STATUSES: OrderStatus[] = ["PENDING_APPROVAL", "PENDING_REVIEW", "CONFIRMED", "SHIPPED", "COMPLETED", "CANCELLED"];

export default function OrdersPage() {
  const t = useT();
  const { language } = useContext(LanguageContext);
  const [status, setStatus] = useState<OrderStatus | undefined>();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching }] = useQuery({
    query: OrdersDocument,
    variables: { filter: { status: status ? [status] : null }, first: 20, after },
  });
  const page = data?.orders;

  return (
    <div>
      <Typography.Title level={3}>{t("orders")}</Typography.Title>
      <Select
        allowClear
        placeholder={t("status")}
        value={status}
        onChange={(value?: OrderStatus) => {
          setAfter(null);
          setStatus(value);
        }}
        options={STATUSES.map((s) => ({ value: s, label: t(s) }))}
        style={{ width: 180, marginBottom: 12 }}
      />
      <List
        bordered
        loading={fetching && !page}
        dataSource={page?.edges ?? []}
        rowKey={(edge) => edge.node.id}
        renderItem={({ node }) => (
          <List.Item data-testid="order-row">
            <Link to={`/orders/${node.id}`}>{node.number}</Link>
            <Tag>{t(node.status)}</Tag>
            <span>{node.createdAt.slice(0, 10)}</span>
            <span className="price">{formatMoney(node.total, language)}</span>
          </List.Item>
        )}
      />
      {page?.pageInfo.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => setAfter(page.pageInfo.endCursor ?? null)}>
          {t("loadMore")}
        </Button>
      )}
    </div>
  );
}
