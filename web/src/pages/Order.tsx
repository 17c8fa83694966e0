import { Alert, Badge, Button, Card, Descriptions, List, Spin, Tag, Timeline, Typography } from "antd";
import { useContext } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { useMutation, useQuery, useSubscription } from "urql";

import { CartReorderDocument, OrderDetailDocument, OrderUpdatesDocument, ViewerDocument } from "../gql/graphql";
import { LanguageContext, type MessageKey, useT, useUnit } from "../lib/i18n";
import { useLiveConnected } from "../lib/live";
import { formatMoney } from "../lib/money";
import { OrderActions } from "./order/OrderActions";
import { Shipments } from "./order/Shipments";
import "../lib/messagesMore";

export default function OrderPage() {
  const t = useT();
  const unit = useUnit();
  const { language } = useContext(LanguageContext);
  const navigate = useNavigate();
  const { id = "" } = useParams();
  const [{ data, fetching }] = useQuery({ query: OrderDetailDocument, variables: { id } });
  // Updates arrive for all the company's orders; the normalized cache applies each one to the
  // order it names, so this page changes without a reload when staff review it elsewhere.
  useSubscription({ query: OrderUpdatesDocument });
  const live = useLiveConnected();
  const [reordering, reorder] = useMutation(CartReorderDocument);
  const [{ data: viewer }] = useQuery({ query: ViewerDocument });

  const order = data?.node?.__typename === "Order" ? data.node : null;
  if (!order) return fetching ? <Spin /> : null;
  const invoice = order.invoice;

  return (
    <div>
      <Typography.Title level={3}>
        {order.number}{" "}
        <Tag color="orange" data-testid="order-status">
          {t(order.status as MessageKey)}
        </Tag>
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t("total")}>{formatMoney(order.total, language)}</Descriptions.Item>
        <Descriptions.Item label={t("amountDue")}>{formatMoney(order.amountDue, language)}</Descriptions.Item>
        <Descriptions.Item label={t("paymentMethod")}>{t(order.paymentMethod)}</Descriptions.Item>
        <Descriptions.Item label={t("paymentStatus")}>
          <span data-testid="payment-status">{t(order.paymentStatus)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("poNumber")}>{order.poNumber || "—"}</Descriptions.Item>
        <Descriptions.Item label={t("address")}>
          {order.shippingAddress.recipient} {order.shippingAddress.phone} {order.shippingAddress.region}{" "}
          {order.shippingAddress.line}
        </Descriptions.Item>
        {invoice && (
          <Descriptions.Item label={t("invoice")}>
            {/* pdfUrl is a signed, short-lived link: a plain link works without a token. */}
            <a href={invoice.pdfUrl} download data-testid="invoice-pdf">
              {invoice.number} · {t("downloadPdf")}
            </a>
          </Descriptions.Item>
        )}
      </Descriptions>
      {order.bankTransfer && Number(order.amountDue.amount) > 0 && (
        <Alert
          data-testid="bank-details"
          type="info"
          style={{ marginTop: 12 }}
          message={t("payTo")}
          description={
            <div>
              <div>
                {t("bankName")}: {order.bankTransfer.bankName}
              </div>
              <div>
                {t("accountName")}: {order.bankTransfer.accountName}
              </div>
              <div>
                {t("accountNumber")}: {order.bankTransfer.accountNumber}
              </div>
              <div>
                {t("reference")}: <strong>{order.bankTransfer.reference}</strong>
              </div>
            </div>
          }
        />
      )}
      <List
        style={{ marginTop: 12 }}
        size="small"
        bordered
        dataSource={order.lines}
        rowKey="sku"
        renderItem={(line) => (
          <List.Item>
            <span>
              {line.name} ({line.sku})
            </span>
            <span>
              {line.quantity} {unit(line.unit)} × {formatMoney(line.unitPrice, language)} ={" "}
              {formatMoney(line.lineTotal, language)}
            </span>
          </List.Item>
        )}
      />
      <Shipments shipments={order.shipments} />
      <OrderActions order={order} permissions={viewer?.me?.permissions ?? []} />
      <Button
        style={{ marginTop: 12 }}
        loading={reordering.fetching}
        onClick={() => void reorder({ orderId: order.id }).then(() => navigate("/cart"))}
      >
        {t("reorder")}
      </Button>
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={
          <>
            {t("timeline")}{" "}
            <Badge data-testid="live" data-connected={live} status={live ? "processing" : "default"} text={t("live")} />
          </>
        }
      >
        <Timeline
          items={order.events.map((event) => ({
            children: (
              <>
                <div>
                  {t(`event_${event.kind}` as MessageKey)}
                  {event.toStatus && event.toStatus !== event.fromStatus && ` → ${t(event.toStatus)}`}
                  <small> · {event.actorEmail}</small>
                </div>
                <small>{new Date(event.createdAt).toLocaleString(language === "en" ? "en-US" : "zh-CN")}</small>
              </>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
