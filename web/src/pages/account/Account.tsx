import { Card, Typography } from "antd";
import { Link } from "react-router-dom";

import { type MessageKey, useT } from "../../lib/i18n";
import "../../lib/messagesMore";

const PAGES: { to: string; key: MessageKey }[] = [
  { to: "/purchases", key: "purchases" },
  { to: "/account/addresses", key: "addresses" },
  { to: "/account/statements", key: "statements" },
  { to: "/invoices", key: "invoices" },
  { to: "/tickets", key: "tickets" },
  { to: "/account/members", key: "members" },
  { to: "/account/settings", key: "settings" },
];

export default function AccountPage() {
  const t = useT();
  return (
    <div>
      <Typography.Title level={3}>{t("account")}</Typography.Title>
      <div className="grid">
        {PAGES.map((p) => (
          <Link key={p.to} to={p.to} data-testid={`account-${p.key}`}>
            <Card size="small" hoverable>
              {t(p.key)}
            </Card>
          </Link>
        ))}
      </div>
    </div>
  );
}
