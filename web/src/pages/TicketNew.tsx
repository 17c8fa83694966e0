import { Alert, Button, Form, Input, Select, Typography } from "antd";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { useMutation } from "urql";

import { type TicketCategory, TicketOpenDocument } from "../gql-more/graphql";
import { useT } from "../lib/i18n";
import { failure } from "../lib/outcome";
import "../lib/messagesMore";

const CATEGORIES: TicketCategory[] = ["QUALITY", "DELIVERY", "BILLING", "OTHER"];
type Values = { category: TicketCategory; subject: string; message: string };

/** A new ticket, about the order named in `?order=` when it came from an order's page. */
export default function TicketNewPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const orderId = params.get("order");
  const [state, open] = useMutation(TicketOpenDocument);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: Values) => {
    const r = await open({ ...values, orderId });
    const payload = r.data?.ticketCreate;
    if (payload?.ticket) navigate(`/tickets/${encodeURIComponent(payload.ticket.id)}`, { replace: true });
    else setError(failure(payload, r.error));
  };

  return (
    <div style={{ maxWidth: 640 }}>
      <Typography.Title level={3}>{t("openTicket")}</Typography.Title>
      <Form layout="vertical" initialValues={{ category: orderId ? "DELIVERY" : "OTHER" }} onFinish={(v: Values) => void submit(v)}>
        <Form.Item name="category" label={t("category")}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`category_${c}`) }))} />
        </Form.Item>
        <Form.Item name="subject" label={t("subject")} rules={[{ required: true }]}>
          <Input data-testid="ticket-subject" maxLength={200} />
        </Form.Item>
        <Form.Item name="message" label={t("message")} rules={[{ required: true }]}>
          <Input.TextArea data-testid="ticket-message" rows={4} />
        </Form.Item>
        {error !== null && <Alert type="error" showIcon message={error || "—"} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" data-testid="ticket-submit" loading={state.fetching}>
          {t("send")}
        </Button>
      </Form>
    </div>
  );
}
