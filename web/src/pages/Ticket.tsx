import { Button, Card, Descriptions, Input, Space, Spin, Tag, Typography } from "antd";
import { useContext, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useMutation, useQuery } from "urql";

import { TicketDetailDocument, TicketReplyDocument, TicketStatusChangeDocument } from "../gql-more/graphql";
import { LanguageContext, type MessageKey, useT } from "../lib/i18n";
import { announce } from "../lib/outcome";
import "../lib/messagesMore";

export default function TicketPage() {
  const t = useT();
  const { language } = useContext(LanguageContext);
  const { id = "" } = useParams();
  const [{ data, fetching }] = useQuery({ query: TicketDetailDocument, variables: { id } });
  const [replying, reply] = useMutation(TicketReplyDocument);
  const [changing, change] = useMutation(TicketStatusChangeDocument);
  const [text, setText] = useState("");

  const ticket = data?.node?.__typename === "Ticket" ? data.node : null;
  if (!ticket) return fetching ? <Spin /> : null;
  const closed = ticket.status === "CLOSED" || ticket.status === "RESOLVED";
  const locale = language === "en" ? "en-US" : "zh-CN";

  const send = async () => {
    const r = await reply({ id: ticket.id, message: text });
    if (announce(r.data?.ticketReply, r.error, t("sent"))) setText("");
  };
  const move = async (action: "CLOSE" | "REOPEN") => {
    const r = await change({ id: ticket.id, action });
    announce(r.data?.ticketStatusChange, r.error, t(`TICKET_${r.data?.ticketStatusChange.ticket?.status ?? "OPEN"}` as MessageKey));
  };

  return (
    <div style={{ maxWidth: 760 }}>
      <Typography.Title level={3}>
        {ticket.number} <Tag data-testid="ticket-status">{t(`TICKET_${ticket.status}` as MessageKey)}</Tag>
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t("subject")}>{ticket.subject}</Descriptions.Item>
        <Descriptions.Item label={t("category")}>{t(`category_${ticket.category}`)}</Descriptions.Item>
        {ticket.order && (
          <Descriptions.Item label={t("orders")}>
            <Link to={`/orders/${encodeURIComponent(ticket.order.id)}`}>{ticket.order.number}</Link>
          </Descriptions.Item>
        )}
      </Descriptions>
      <div style={{ marginTop: 12, display: "flex", flexDirection: "column", gap: 8 }}>
        {ticket.messages.map((m, i) => (
          <Card
            key={i}
            size="small"
            data-testid="ticket-message"
            style={{ background: m.fromStaff ? "#fff7ed" : undefined }}
            title={
              <small>
                {m.fromStaff ? t("supplier") : m.authorEmail} · {new Date(m.createdAt).toLocaleString(locale)}
              </small>
            }
          >
            <div style={{ whiteSpace: "pre-wrap" }}>{m.body}</div>
          </Card>
        ))}
      </div>
      {ticket.status !== "CLOSED" && (
        <div style={{ marginTop: 12 }}>
          <Input.TextArea rows={3} value={text} data-testid="ticket-reply" onChange={(e) => setText(e.target.value)} />
          <Space wrap style={{ marginTop: 8 }}>
            <Button type="primary" data-testid="ticket-send" disabled={!text.trim()} loading={replying.fetching} onClick={() => void send()}>
              {t("reply")}
            </Button>
            <Button data-testid="ticket-close" loading={changing.fetching} onClick={() => void move("CLOSE")}>
              {t("closeTicket")}
            </Button>
          </Space>
        </div>
      )}
      {closed && (
        <Button style={{ marginTop: 12 }} data-testid="ticket-reopen" loading={changing.fetching} onClick={() => void move("REOPEN")}>
          {t("reopenTicket")}
        </Button>
      )}
    </div>
  );
}
