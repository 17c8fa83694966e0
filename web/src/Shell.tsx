import { Alert, Badge, Button, Layout, Segmented, Space } from "antd";
import { type ReactNode, useContext } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useQuery } from "urql";

import { ViewerDocument } from "./gql/graphql";
import { LanguageContext, type Language, useT } from "./lib/i18n";
import { useSession } from "./lib/session";

export function Shell({ children }: { children: ReactNode }) {
  const t = useT();
  const { language, setLanguage } = useContext(LanguageContext);
  const { signedIn, signOut } = useSession();
  const navigate = useNavigate();
  const [{ data }] = useQuery({ query: ViewerDocument, pause: !signedIn });
  const me = signedIn ? data?.me : null;
  const pending = me?.company && me.company.status !== "ACTIVE";

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header className="header">
        <Link to="/" className="brand">
          {t("brand")}
        </Link>
        <nav className="nav">
          <Link to="/">{t("catalog")}</Link>
          {signedIn && (
            <>
              <Link to="/cart" data-testid="nav-cart">
                {t("cart")}
              </Link>
              <Link to="/orders" data-testid="nav-orders">
                {t("orders")}
              </Link>
              <Link to="/purchases" data-testid="nav-purchases">
                {t("purchases")}
              </Link>
              <Link to="/invoices">{t("invoices")}</Link>
              <Link to="/tickets" data-testid="nav-tickets">
                {t("tickets")}
              </Link>
              <Link to="/account" data-testid="nav-account">
                {t("account")}
              </Link>
            </>
          )}
        </nav>
        <Space size="small" wrap className="header-actions">
          <Segmented
            size="small"
            data-testid="language"
            value={language}
            onChange={(value) => setLanguage(value as Language)}
            options={[
              { label: "中文", value: "zh-Hans" },
              { label: "EN", value: "en" },
            ]}
          />
          {signedIn ? (
            <Button
              size="small"
              data-testid="nav-sign-out"
              onClick={() => {
                void signOut();
                navigate("/");
              }}
            >
              {t("signOut")}
            </Button>
          ) : (
            <Button size="small" type="primary" data-testid="nav-sign-in" onClick={() => navigate("/sign-in")}>
              {t("signIn")}
            </Button>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content className="content">
        {me?.company && (
          <div className="company-line">
            <Badge status={pending ? "warning" : "success"} text={me.company.name} />
          </div>
        )}
        {pending && <Alert type="warning" showIcon message={t("pendingCompany")} style={{ marginBottom: 12 }} />}
        {children}
      </Layout.Content>
    </Layout>
  );
}
