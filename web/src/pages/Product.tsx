import { Button, Descriptions, InputNumber, message, Radio, Spin, Table, Tag, Typography } from "antd";
import { useContext, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { useMutation, useQuery } from "urql";

import { CartLineSetDocument, ProductDocument } from "../gql/graphql";
import { LanguageContext, useT, useUnit } from "../lib/i18n";
import { formatMoney } from "../lib/money";
import { useSession } from "../lib/session";

export default function ProductPage() {
  const t = useT();
  const unit = useUnit();
  const { language } = useContext(LanguageContext);
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const { slug = "" } = useParams();
  const [{ data, fetching }] = useQuery({ query: ProductDocument, variables: { slug } });
  const [chosen, setChosen] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | null>(null);
  const [adding, cartLineSet] = useMutation(CartLineSetDocument);

  const product = data?.product;
  if (!product) return fetching ? <Spin /> : null;
  const variant = product.variants.find((v) => v.id === chosen) ?? product.variants[0];
  const rules = variant?.quantityRules;
  const qty = quantity ?? rules?.minimum ?? 1;

  const add = async () => {
    if (!signedIn) return navigate("/sign-in");
    const result = await cartLineSet({ variantId: variant.id, quantity: qty });
    const errors = result.data?.cartLineSet.errors ?? [];
    if (errors.length) void message.error(errors[0].message);
    else if (!result.error) void message.success(t("added"));
  };

  return (
    <div>
      <Typography.Title level={3}>{product.name}</Typography.Title>
      {product.images[0] && (
        <img src={product.images[0].url} alt={product.images[0].alt} style={{ maxWidth: "100%", maxHeight: 280 }} />
      )}
      <Typography.Paragraph>{product.description}</Typography.Paragraph>
      {product.variants.length > 1 && (
        <Radio.Group
          value={variant.id}
          onChange={(e) => {
            setChosen(e.target.value as string);
            setQuantity(null);
          }}
          optionType="button"
          options={product.variants.map((v) => ({ value: v.id, label: v.name }))}
          style={{ marginBottom: 12 }}
        />
      )}
      {variant && (
        <>
          <Descriptions size="small" column={1} bordered title={t("specs")}>
            <Descriptions.Item label="SKU">{variant.sku}</Descriptions.Item>
            {[...product.attributes, ...variant.specs].map((a) => (
              <Descriptions.Item key={a.name} label={a.name}>
                {a.value}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t("stock")}>
              {variant.availability ? <Tag>{t(variant.availability.status)}</Tag> : "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("minimum")}>
              {rules.minimum} {unit(variant.unit)}
            </Descriptions.Item>
            <Descriptions.Item label={t("multiple")}>{rules.multiple}</Descriptions.Item>
            {rules.maximum != null && <Descriptions.Item label={t("maximum")}>{rules.maximum}</Descriptions.Item>}
          </Descriptions>
          <div style={{ margin: "16px 0" }}>
            {variant.price ? (
              <span className="price" data-testid="price" style={{ fontSize: 22 }}>
                {formatMoney(variant.price.unitPrice, language)} / {unit(variant.unit)}
              </span>
            ) : (
              <Typography.Text type="secondary">{t("signInForPrices")}</Typography.Text>
            )}
          </div>
          {variant.priceBreaks && variant.priceBreaks.length > 0 && (
            <Table
              size="small"
              pagination={false}
              rowKey="minQuantity"
              title={() => t("priceBreaks")}
              dataSource={variant.priceBreaks}
              columns={[
                { title: "≥", dataIndex: "minQuantity" },
                { title: "¥", render: (_, row) => formatMoney(row.unitPrice, language) },
              ]}
              style={{ marginBottom: 16 }}
            />
          )}
          <div className="toolbar">
            <InputNumber
              data-testid="quantity"
              min={1}
              value={qty}
              onChange={(value) => setQuantity(value)}
              addonAfter={unit(variant.unit)}
            />
            <Button type="primary" data-testid="add-to-cart" loading={adding.fetching} onClick={() => void add()}>
              {t("addToCart")}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
