import { Button, Descriptions, Form, Input, Radio, Spin, Typography } from "antd";
import { useContext } from "react";
import { useMutation, useQuery } from "urql";

import { ViewerDocument } from "../../gql/graphql";
import { type LanguageCode, ProfileUpdateDocument } from "../../gql-more/graphql";
import { type Language, LanguageContext, type MessageKey, useT } from "../../lib/i18n";
import { announce } from "../../lib/outcome";
import "../../lib/messagesMore";
import { OrderApproval } from "./OrderApproval";

type Values = { fullName: string; languageCode: LanguageCode };

// The API's language codes and the page's.
const toPage: Record<LanguageCode, Language> = { ZH_HANS: "zh-Hans", EN: "en" };
const toApi: Record<Language, LanguageCode> = { "zh-Hans": "ZH_HANS", en: "EN" };

/** Profile and language: the language is the user's (mail and documents follow it) and the
 * page switches to it at once; then the company's order approval rules. */
export default function SettingsPage() {
  const t = useT();
  const { language, setLanguage } = useContext(LanguageContext);
  const [{ data, fetching }] = useQuery({ query: ViewerDocument });
  const [saving, save] = useMutation(ProfileUpdateDocument);
  const me = data?.me;
  if (!me) return fetching ? <Spin /> : null;

  const submit = async (values: Values) => {
    const r = await save({ input: values });
    if (announce(r.data?.profileUpdate, r.error, t("saved"))) setLanguage(toPage[values.languageCode]);
  };

  return (
    <div style={{ maxWidth: 560 }}>
      <Typography.Title level={3}>{t("settings")}</Typography.Title>
      <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("email")}>{me.user.email}</Descriptions.Item>
        {me.user.companyRole && (
          <Descriptions.Item label={t("role")}>{t(`role_${me.user.companyRole}` as MessageKey)}</Descriptions.Item>
        )}
        {me.company && <Descriptions.Item label={t("companyName")}>{me.company.name}</Descriptions.Item>}
      </Descriptions>
      <Form
        layout="vertical"
        initialValues={{ fullName: me.user.fullName, languageCode: me.user.language ?? toApi[language] }}
        onFinish={(values: Values) => void submit(values)}
      >
        <Form.Item name="fullName" label={t("fullName")} rules={[{ required: true }]}>
          <Input data-testid="profile-name" />
        </Form.Item>
        <Form.Item name="languageCode" label={t("language")}>
          <Radio.Group>
            <Radio value="ZH_HANS">中文</Radio>
            <Radio value="EN">English</Radio>
          </Radio.Group>
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="profile-save" loading={saving.fetching}>
          {t("save")}
        </Button>
      </Form>
      {me.company && <OrderApproval />}
    </div>
  );
}
