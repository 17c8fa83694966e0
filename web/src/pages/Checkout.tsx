import { Alert, Button, DatePicker, Form, Input, Radio, Spin, Typography } from "antd";
import { useContext, useMemo, useState } from "react";
import { useNavigate } from "react-router-dom";
import { useMutation, useQuery } from "urql";

import { CheckoutOptionsDocument, type PaymentMethod, PlaceOrderDocument } from "../gql/graphql";
import { LanguageContext, useT } from "../lib/i18n";
import { formatMoney } from "../lib/money";

type Values = {
  addressId: string;
  recipient?: string;
  phone?: string;
  region?: string;
  line?: string;
  poNumber?: string;
  deliveryDate?: { format: (f: string) => string };
  note?: string;
  paymentMethod: PaymentMethod;
};

const NEW = "new";

export default function CheckoutPage() {
  const t = useT();
  const { language } = useContext(LanguageContext);
  const navigate = useNavigate();
  const [{ data, fetching }] = useQuery({ query: CheckoutOptionsDocument });
  const [placing, placeOrder] = useMutation(PlaceOrderDocument);
  const [error, setError] = useState<string | null>(null);
  // One key per visit to this page: a double click or a retry places the order once.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const [form] = Form.useForm<Values>();
  const addressId = Form.useWatch("addressId", form);

  const company = data?.me?.company;
  const cart = data?.cart;
  if (!company || !cart) return fetching ? <Spin /> : null;
  const defaultAddress = company.addresses.find((a) => a.isDefault) ?? company.addresses[0];

  const submit = async (values: Values) => {
    setError(null);
    const isNew = values.addressId === NEW;
    const result = await placeOrder({
      input: {
        paymentMethod: values.paymentMethod,
        // Exactly one of the two (@oneOf): an address of the book or a new one.
        shipTo: isNew
          ? { address: { recipient: values.recipient ?? "", phone: values.phone ?? "", region: values.region ?? "", line: values.line ?? "" } }
          : { addressId: values.addressId },
        poNumber: values.poNumber ?? "",
        note: values.note ?? "",
        requestedDeliveryDate: values.deliveryDate?.format("YYYY-MM-DD") ?? null,
        idempotencyKey,
      },
    });
    const payload = result.data?.orderPlace;
    if (payload?.order) navigate(`/orders/${payload.order.id}`);
    else setError(payload?.errors[0]?.message ?? result.error?.message ?? "");
  };

  return (
    <div style={{ maxWidth: 640 }}>
      <Typography.Title level={3}>{t("checkout")}</Typography.Title>
      <Typography.Paragraph>
        {t("subtotal")}: <span className="price">{formatMoney(cart.subtotal, language)}</span>
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ addressId: defaultAddress?.id ?? NEW, paymentMethod: "BANK_TRANSFER" }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="addressId" label={t("address")}>
          <Radio.Group style={{ display: "flex", flexDirection: "column", gap: 6 }}>
            {company.addresses.map((a) => (
              <Radio key={a.id} value={a.id}>
                {a.label} {a.recipient} {a.phone} {a.region} {a.line}
              </Radio>
            ))}
            <Radio value={NEW}>{t("newAddress")}</Radio>
          </Radio.Group>
        </Form.Item>
        {addressId === NEW && (
          <>
            <Form.Item name="recipient" label={t("recipient")} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="phone" label={t("phone")} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="region" label={t("region")} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="line" label={t("line")} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </>
        )}
        <Form.Item name="poNumber" label={t("poNumber")}>
          <Input data-testid="po-number" />
        </Form.Item>
        <Form.Item name="deliveryDate" label={t("deliveryDate")}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label={t("note")}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="paymentMethod" label={t("paymentMethod")}>
          <Radio.Group style={{ display: "flex", flexDirection: "column", gap: 6 }}>
            <Radio value="BANK_TRANSFER" data-testid="pay-bank">
              {t("BANK_TRANSFER")}
            </Radio>
            {data?.cardPayments && (
              <Radio value="CARD" data-testid="pay-card">
                {t("CARD")}
              </Radio>
            )}
            {company.paymentTermsDays != null && (
              <Radio value="CREDIT_TERMS">
                {t("CREDIT_TERMS")} ({t("creditAvailable", { amount: formatMoney(company.creditAvailable, language) })})
              </Radio>
            )}
          </Radio.Group>
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" data-testid="place-order" loading={placing.fetching} disabled={!cart.canPlace}>
          {t("placeOrder")}
        </Button>
      </Form>
    </div>
  );
}
