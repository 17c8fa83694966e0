import { Alert, Button, Form, Input, Result, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { useMutation } from "urql";

import { type CompanyRegisterInput, RegisterCompanyDocument } from "../gql/graphql";
import { useT } from "../lib/i18n";

export default function RegisterPage() {
  const t = useT();
  const [state, register] = useMutation(RegisterCompanyDocument);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [form] = Form.useForm<CompanyRegisterInput>();

  const submit = async (input: CompanyRegisterInput) => {
    const result = await register({ input });
    const payload = result.data?.companyRegister;
    if (payload?.company) return setDone(true);
    // Field errors go next to their field; the rest above the button.
    const errors = payload?.errors ?? [];
    form.setFields(errors.filter((e) => e.field).map((e) => ({ name: e.field as [keyof CompanyRegisterInput], errors: [e.message] })));
    setError(errors.find((e) => !e.field)?.message ?? result.error?.message ?? null);
  };

  if (done)
    return <Result status="success" title={t("registered")} extra={<Link to="/sign-in">{t("signIn")}</Link>} />;
  return (
    <div className="narrow">
      <Typography.Title level={3}>{t("register")}</Typography.Title>
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item name="companyName" label={t("companyName")} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="taxId" label={t("taxId")} rules={[{ required: true }]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="contactName" label={t("contactName")} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label={t("phone")}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label={t("email")} rules={[{ required: true }]}>
          <Input type="email" autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t("password")} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" block loading={state.fetching}>
          {t("register")}
        </Button>
      </Form>
    </div>
  );
}
