import { Button, Input, InputNumber, Modal, Select, Space } from "antd";
import { lazy, Suspense, useState } from "react";
import { useNavigate } from "react-router-dom";
import { useMutation } from "urql";

import {
  type OrderDetailFieldsFragment,
  OrderApprovalRejectDocument,
  OrderApproveDocument,
  OrderCancelDocument,
  OrderModifyDocument,
  type Permission,
  type ReturnReason,
  ReturnRequestDocument,
  ShipmentReceiveDocument,
} from "../../gql-more/graphql";
import { useT } from "../../lib/i18n";
import { changedLines, orderActions, receivable, returnable } from "../../lib/orderActions";
import { announce } from "../../lib/outcome";
import "../../lib/messagesMore";


// Stripe.js and the card form load only when a card order with money due is opened.
const CardPayment = lazy(() => import("./CardPayment"));

const REASONS: ReturnReason[] = ["DAMAGED", "WRONG_ITEM", "QUALITY", "EXPIRED", "OTHER"];
type Dialog = null | "reject" | "cancel" | "modify" | "return";

export function OrderActions({ order, permissions }: { order: OrderDetailFieldsFragment; permissions: readonly Permission[] }) {
  const t = useT();
  const navigate = useNavigate();
  const actions = orderActions(order, permissions);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [text, setText] = useState("");
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [reason, setReason] = useState<ReturnReason>("DAMAGED");
  const [approving, approve] = useMutation(OrderApproveDocument);
  const [rejecting, reject] = useMutation(OrderApprovalRejectDocument);
  const [cancelling, cancel] = useMutation(OrderCancelDocument);
  const [modifying, modify] = useMutation(OrderModifyDocument);
  const [receiving, receive] = useMutation(ShipmentReceiveDocument);
  const [returning, requestReturn] = useMutation(ReturnRequestDocument);
  const left = returnable(order);

  const open = (next: Dialog) => {
    setText("");
    setQuantities(next === "modify" ? Object.fromEntries(order.lines.map((l) => [l.sku, l.quantity])) : {});
    setDialog(next);
  };
  const close = (worked: boolean) => worked && setDialog(null);

  return (
    <>
      <Space wrap style={{ marginTop: 12 }} data-testid="order-actions">
        {actions.has("approve") && (
          <Button
            type="primary"
            data-testid="order-approve"
            loading={approving.fetching}
            onClick={async () => {
              const r = await approve({ id: order.id, comment: "" });
              announce(r.data?.orderApprove, r.error, t("approved"));
            }}
          >
            {t("approve")}
          </Button>
        )}
        {actions.has("reject") && (
          <Button danger data-testid="order-reject" onClick={() => open("reject")}>
            {t("rejectApproval")}
          </Button>
        )}
        {actions.has("modify") && (
          <Button data-testid="order-modify" onClick={() => open("modify")}>
            {t("modifyOrder")}
          </Button>
        )}
        {receivable(order).map((shipment) => (
          <Button
            key={shipment.id}
            type="primary"
            data-testid="shipment-receive"
            loading={receiving.fetching}
            onClick={async () => {
              const r = await receive({ shipmentId: shipment.id });
              announce(r.data?.shipmentReceive, r.error, t("received"));
            }}
          >
            {t("confirmReceipt", { number: shipment.number })}
          </Button>
        ))}
        {actions.has("return") && (
          <Button data-testid="order-return" onClick={() => open("return")}>
            {t("requestReturn")}
          </Button>
        )}
        <Button data-testid="order-ticket" onClick={() => navigate(`/tickets/new?order=${encodeURIComponent(order.id)}`)}>
          {t("openTicket")}
        </Button>
        {actions.has("cancel") && (
          <Button danger data-testid="order-cancel" onClick={() => open("cancel")}>
            {t("cancelOrder")}
          </Button>
        )}
      </Space>
      {actions.has("pay") && (
        <Suspense fallback={null}>
          <CardPayment orderId={order.id} amountDue={order.amountDue} />
        </Suspense>
      )}

      <Modal
        open={dialog === "reject"}
        title={t("rejectApproval")}
        okButtonProps={{ danger: true, disabled: !text.trim(), "data-testid": "confirm-reject" }}
        confirmLoading={rejecting.fetching}
        onCancel={() => setDialog(null)}
        onOk={async () => {
          const r = await reject({ id: order.id, comment: text });
          close(announce(r.data?.orderApprovalReject, r.error, t("REJECTED")));
        }}
      >
        <Input.TextArea rows={3} placeholder={t("rejectComment")} value={text} onChange={(e) => setText(e.target.value)} />
      </Modal>

      <Modal
        open={dialog === "cancel"}
        title={t("cancelOrder")}
        okText={t("cancelOrder")}
        okButtonProps={{ danger: true, "data-testid": "confirm-cancel" }}
        confirmLoading={cancelling.fetching}
        onCancel={() => setDialog(null)}
        onOk={async () => {
          const r = await cancel({ id: order.id, reason: text });
          close(announce(r.data?.orderCancel, r.error, t("CANCELLED")));
        }}
      >
        <p>{t("cancelConfirm", { number: order.number })}</p>
        <Input.TextArea rows={2} placeholder={t("cancelReason")} value={text} onChange={(e) => setText(e.target.value)} />
      </Modal>

      <Modal
        open={dialog === "modify"}
        title={t("modifyOrder")}
        okButtonProps={{ "data-testid": "confirm-modify" }}
        confirmLoading={modifying.fetching}
        onCancel={() => setDialog(null)}
        onOk={async () => {
          const lines = changedLines(order.lines, quantities);
          if (!lines.length) return setDialog(null);
          const r = await modify({ id: order.id, lines });
          close(announce(r.data?.orderModify, r.error, t("orderModified")));
        }}
      >
        <p>{t("modifyHelp")}</p>
        {order.lines.map((line) => (
          <div key={line.sku} className="cart-line" style={{ marginBottom: 8 }}>
            <span>
              {line.name} ({line.sku})
            </span>
            <InputNumber
              min={0}
              step={line.variant?.quantityRules.multiple ?? 1}
              value={quantities[line.sku]}
              data-testid="modify-quantity"
              onChange={(value) => setQuantities((q) => ({ ...q, [line.sku]: Number(value ?? 0) }))}
            />
          </div>
        ))}
      </Modal>

      <Modal
        open={dialog === "return"}
        title={t("requestReturn")}
        okButtonProps={{ "data-testid": "confirm-return" }}
        confirmLoading={returning.fetching}
        onCancel={() => setDialog(null)}
        onOk={async () => {
          const lines = Object.entries(quantities)
            .filter(([, n]) => n > 0)
            .map(([sku, quantity]) => ({ sku, quantity }));
          const r = await requestReturn({ orderId: order.id, lines, reason, description: text });
          const payload = r.data?.returnCreate;
          close(announce(payload, r.error, t("returnRequested", { number: payload?.returnRequest?.number ?? "" })));
        }}
      >
        {order.lines
          .filter((line) => left.has(line.sku))
          .map((line) => (
            <div key={line.sku} className="cart-line" style={{ marginBottom: 8 }}>
              <span>
                {line.name} ({line.sku}) · {t("returnable", { n: left.get(line.sku) ?? 0 })}
              </span>
              <InputNumber
                min={0}
                max={left.get(line.sku)}
                value={quantities[line.sku] ?? 0}
                data-testid="return-quantity"
                onChange={(value) => setQuantities((q) => ({ ...q, [line.sku]: Number(value ?? 0) }))}
              />
            </div>
          ))}
        <Select
          style={{ width: "100%", marginBottom: 8 }}
          value={reason}
          onChange={setReason}
          options={REASONS.map((r) => ({ value: r, label: t(`reason_${r}`) }))}
        />
        <Input.TextArea rows={2} placeholder={t("returnDescription")} value={text} onChange={(e) => setText(e.target.value)} />
      </Modal>
    </>
  );
}
