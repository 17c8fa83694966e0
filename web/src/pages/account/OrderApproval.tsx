import { Button, Checkbox, Form, Input, Typography } from "antd";
import { useContext } from "react";
import { useMutation, useQuery } from "urql";

import { OrderApprovalDocument, OrderApprovalSetDocument } from "../../gql-more/graphql";
import { parseThreshold, ruleMessages } from "../../lib/approvalRules";
import { LanguageContext, useT } from "../../lib/i18n";
import { formatMoney } from "../../lib/money";
import { announce } from "../../lib/outcome";
import "../../lib/messagesMore";

type Values = { threshold: string; forPurchasers: boolean };

/** Which of the company's orders wait for its approver: everyone reads the rule, the owner
 * changes it. */
export function OrderApproval() {
  const t = useT();
  const { language } = useContext(LanguageContext);
  const [{ data }] = useQuery({ query: OrderApprovalDocument });
  const [saving, save] = useMutation(OrderApprovalSetDocument);
  const company = data?.me?.company;
  if (!company) return null;
  const owner = data.me?.user.companyRole === "OWNER";

  const submit = async (values: Values) => {
    const r = await save({
      input: { approvalThreshold: parseThreshold(values.threshold) ?? null, approvalForPurchasers: values.forPurchasers },
    });
    announce(r.data?.companyOrderApprovalSet, r.error, t("saved"));
  };

  return (
    <div data-testid="order-approval" style={{ marginTop: 24 }}>
      <Typography.Title level={4}>{t("orderApproval")}</Typography.Title>
      {ruleMessages(company).map(({ key, amount }) => (
        <Typography.Paragraph key={key} data-testid="approval-rule" style={{ marginBottom: 4 }}>
          {t(key, amount ? { amount: formatMoney(amount, language) } : {})}
        </Typography.Paragraph>
      ))}
      {owner && (
        <Form
          layout="vertical"
          style={{ marginTop: 12 }}
          initialValues={{ threshold: company.approvalThreshold?.amount ?? "", forPurchasers: company.approvalForPurchasers }}
          onFinish={(values: Values) => void submit(values)}
        >
          <Form.Item
            name="threshold"
            label={t("approvalThresholdLabel")}
            rules={[
              {
                validator: async (_, value: string | undefined) => {
                  if (parseThreshold(value ?? "") === undefined) throw new Error(t("invalidAmount"));
                },
              },
            ]}
          >
            <Input inputMode="decimal" prefix="¥" style={{ maxWidth: 200 }} data-testid="approval-threshold" />
          </Form.Item>
          <Form.Item name="forPurchasers" valuePropName="checked">
            <Checkbox data-testid="approval-purchasers">{t("approvalForPurchasersLabel")}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="approval-save" loading={saving.fetching}>
            {t("save")}
          </Button>
        </Form>
      )}
    </div>
  );
}
