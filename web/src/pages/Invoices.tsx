import { Button, List, Tag, Typography } from "antd";
import { useContext, useState } from "react";
import { useQuery } from "urql";

import { InvoicesDocument } from "../gql/graphql";
import { LanguageContext, useT } from "../lib/i18n";
import { formatMoney } from "../lib/money";

export default function InvoicesPage() {
  const t = useT();
  const { language } = useContext(LanguageContext);
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching }] = useQuery({ query: InvoicesDocument, variables: { first: 20, after } });
  const page = data?.invoices;
  return (
    <div>
      <Typography.Title level={3}>{t("invoices")}</Typography.Title>
      <List
        bordered
        loading={fetching && !page}
        dataSource={page?.edges ?? []}
        rowKey={(edge) => edge.node.id}
        renderItem={({ node }) => (
          <List.Item>
            <span>{node.number}</span>
            <Tag>{node.status}</Tag>
            <span>
              {t("dueOn")} {node.dueOn}
            </span>
            <span className="price">{formatMoney(node.amount, language)}</span>
            {/* pdfUrl is a signed, short-lived link: a plain link works without a token. */}
            <a href={node.pdfUrl} download data-testid="invoice-pdf">
              PDF
            </a>
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
