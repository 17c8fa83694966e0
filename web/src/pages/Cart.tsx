import { Alert, Button, Card, Empty, Input, InputNumber, List, Space, Spin, Typography } from "antd";
import { useContext, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useMutation, useQuery } from "urql";

import { CartDocument, CartLineSetDocument, CartQuickAddDocument } from "../gql/graphql";
import { LanguageContext, useT, useUnit } from "../lib/i18n";
import { fixQuantity, formatMoney } from "../lib/money";
import { parsePastedLines, toQuickAddText } from "../lib/quickOrder";

function QuickOrder() {
  const t = useT();
  const [text, setText] = useState("");
  const [notes, setNotes] = useState<string[]>([]);
  const [state, quickAdd] = useMutation(CartQuickAddDocument);

  const submit = async () => {
    const { lines, bad } = parsePastedLines(text);
    const found: string[] = bad.length ? [t("badLines", { lines: bad.join(", ") })] : [];
    if (lines.length) {
      const result = await quickAdd({ text: toQuickAddText(lines) });
      for (const p of result.data?.cartQuickAdd.problems ?? []) found.push(`${p.sku}: ${p.message}`);
      if (!found.length) setText("");
    }
    setNotes(found);
  };

  return (
    <Card size="small" title={t("quickOrder")} style={{ marginTop: 16 }}>
      <Input.TextArea
        data-testid="quick-order"
        rows={4}
        value={text}
        placeholder={t("quickOrderHelp")}
        onChange={(e) => setText(e.target.value)}
      />
      {notes.map((note) => (
        <Alert key={note} type="warning" message={note} style={{ marginTop: 8 }} />
      ))}
      <Button style={{ marginTop: 8 }} data-testid="quick-order-add" loading={state.fetching} onClick={() => void submit()}>
        {t("quickOrderAdd")}
      </Button>
    </Card>
  );
}

export default function CartPage() {
  const t = useT();
  const unit = useUnit();
  const { language } = useContext(LanguageContext);
  const navigate = useNavigate();
  const [{ data, fetching }] = useQuery({ query: CartDocument });
  const [, cartLineSet] = useMutation(CartLineSetDocument);
  const cart = data?.cart;
  if (!cart) return fetching ? <Spin /> : null;

  const setQuantity = (variantId: string, quantity: number) => void cartLineSet({ variantId, quantity });

  return (
    <div>
      <Typography.Title level={3}>{t("cart")}</Typography.Title>
      {cart.lines.length === 0 ? (
        <Empty description={t("cartEmpty")} />
      ) : (
        <List
          bordered
          dataSource={cart.lines}
          rowKey={(line) => line.variant.id}
          renderItem={(line) => {
            const fixed = fixQuantity(line.quantity, line.variant.quantityRules);
            return (
              <List.Item data-testid="cart-line">
                <div style={{ width: "100%" }}>
                  <div className="cart-line">
                    <Link to={`/products/${line.variant.product?.slug ?? ""}`}>
                      {line.variant.product?.name} · {line.variant.name}
                    </Link>
                    <span className="price">{formatMoney(line.lineTotal, language)}</span>
                  </div>
                  <div className="cart-line" style={{ marginTop: 6 }}>
                    <Space wrap>
                      <InputNumber
                        data-testid="line-quantity"
                        min={0}
                        value={line.quantity}
                        addonAfter={unit(line.variant.unit)}
                        onBlur={(e) => {
                          const value = Number(e.target.value);
                          if (Number.isInteger(value) && value !== line.quantity) setQuantity(line.variant.id, value);
                        }}
                      />
                      <small>
                        {formatMoney(line.unitPrice, language)} · {t("minimum")} {line.variant.quantityRules.minimum} ·{" "}
                        {t("multiple")} {line.variant.quantityRules.multiple}
                      </small>
                    </Space>
                    <Button size="small" danger type="link" onClick={() => setQuantity(line.variant.id, 0)}>
                      {t("remove")}
                    </Button>
                  </div>
                  {line.problems.map((problem) => (
                    <Alert
                      key={problem.code}
                      data-testid="line-problem"
                      type="error"
                      showIcon
                      style={{ marginTop: 6 }}
                      message={problem.message}
                      action={
                        fixed !== line.quantity && fixed > 0 ? (
                          <Button size="small" data-testid="fix-line" onClick={() => setQuantity(line.variant.id, fixed)}>
                            {t("fix", { n: fixed })}
                          </Button>
                        ) : undefined
                      }
                    />
                  ))}
                </div>
              </List.Item>
            );
          }}
          footer={
            <div className="cart-line">
              <strong>
                {t("subtotal")}: <span className="price">{formatMoney(cart.subtotal, language)}</span>
              </strong>
              <Button type="primary" data-testid="checkout" disabled={!cart.canPlace} onClick={() => navigate("/checkout")}>
                {t("checkout")}
              </Button>
            </div>
          }
        />
      )}
      <QuickOrder />
    </div>
  );
}
