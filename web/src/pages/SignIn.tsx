import { Alert, Button, Form, Input, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useMutation } from "urql";

import { SignInDocument, type TokenCreateInput } from "../gql/graphql";
import { useT } from "../lib/i18n";
import { useSession } from "../lib/session";

export default function SignInPage() {
  const t = useT();
  const navigate = useNavigate();
  const { signIn } = useSession();
  const [state, tokenCreate] = useMutation(SignInDocument);
  const [error, setError] = useState<string | null>(null);

  const submit = async (input: TokenCreateInput) => {
    const result = await tokenCreate({ input });
    const payload = result.data?.tokenCreate;
    if (payload?.accessToken && payload.refreshToken && payload.accessTokenExpiresAt && payload.refreshTokenExpiresAt) {
      signIn({
        accessToken: payload.accessToken,
        accessTokenExpiresAt: payload.accessTokenExpiresAt,
        refreshToken: payload.refreshToken,
        refreshTokenExpiresAt: payload.refreshTokenExpiresAt,
      });
      navigate("/");
    } else setError(payload?.errors[0]?.message ?? result.error?.message ?? "");
  };

  return (
    <div className="narrow">
      <Typography.Title level={3}>{t("signIn")}</Typography.Title>
      <Form layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item name="email" label={t("email")} rules={[{ required: true }]}>
          <Input data-testid="email" type="email" autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t("password")} rules={[{ required: true }]}>
          <Input.Password data-testid="password" autoComplete="current-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" block data-testid="sign-in" loading={state.fetching}>
          {t("signIn")}
        </Button>
      </Form>
      <p style={{ marginTop: 16 }}>
        {t("noAccount")} <Link to="/register">{t("register")}</Link>
      </p>
    </div>
  );
}
