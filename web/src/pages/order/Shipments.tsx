import { List, Tag } from "antd";

import type { OrderDetailFieldsFragment } from "../../gql/graphql";
import { type MessageKey, useT } from "../../lib/i18n";
import "../../lib/messagesMore";

export function Shipments({ shipments }: { shipments: OrderDetailFieldsFragment["shipments"] }) {
  const t = useT();
  if (!shipments.length) return null;
  return (
    <List
      style={{ marginTop: 12 }}
      size="small"
      bordered
      header={t("shipments")}
      dataSource={shipments}
      rowKey="id"
      renderItem={(s) => (
        <List.Item data-testid="shipment">
          <span>
            {s.number} · {s.carrierName}{" "}
            {s.trackingUrl ? (
              <a href={s.trackingUrl} target="_blank" rel="noreferrer">
                {s.trackingNumber}
              </a>
            ) : (
              s.trackingNumber
            )}
          </span>
          <Tag data-testid="shipment-status">{t(`SHIPMENT_${s.status}` as MessageKey)}</Tag>
        </List.Item>
      )}
    />
  );
}
