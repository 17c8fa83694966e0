import { Button, List, Select, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { useQuery } from "urql";

import { type TicketStatus, TicketsDocument } from "../gql-more/graphql";
import { type MessageKey, useT } from "../lib/i18n";
import "../lib/messagesMore";

const STATUSES: TicketStatus[] = ["OPEN", "IN_PROGRESS", "RESOLVED", "CLOSED"];

export default function TicketsPage() {
  const t = useT();
  const [status, setStatus] = useState<TicketStatus | undefined>();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching }] = useQuery({ query: TicketsDocument, variables: { status: status ?? null, first: 20, after } });
  const page = data?.tickets;

  return (
    <div>
      <Typography.Title level={3}>{t("tickets")}</Typography.Title>
      <div className="toolbar">
        <Select
          allowClear
          placeholder={t("status")}
          value={status}
          onChange={(value?: TicketStatus) => {
            setAfter(null);
            setStatus(value);
          }}
          options={STATUSES.map((s) => ({ value: s, label: t(`TICKET_${s}` as MessageKey) }))}
          style={{ width: 160 }}
        />
        <Link to="/tickets/new">
          <Button type="primary" data-testid="new-ticket">
            {t("openTicket")}
          </Button>
        </Link>
      </div>
      <List
        bordered
        loading={fetching && !page}
        dataSource={page?.edges ?? []}
        rowKey={(edge) => edge.node.id}
        renderItem={({ node }) => (
          <List.Item data-testid="ticket-row">
            <Link to={`/tickets/${encodeURIComponent(node.id)}`}>
              {node.number} · {node.subject}
            </Link>
            <Tag>{t(`TICKET_${node.status}` as MessageKey)}</Tag>
            <span>{node.order?.number ?? ""}</span>
            <span>{node.createdAt.slice(0, 10)}</span>
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
