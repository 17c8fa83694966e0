import { Button, DatePicker, Descriptions, Space, Spin, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useContext, useState } from "react";
import { useQuery } from "urql";

import { StatementDocument } from "../../gql-more/graphql";
import { LanguageContext, type MessageKey, useT } from "../../lib/i18n";
import { formatMoney, type Money } from "../../lib/money";
import "../../lib/messagesMore";

/** 对账单: the company's ledger over a period (last month by default), with the signed PDF. */
export default function StatementsPage() {
  const t = useT();
  const { language } = useContext(LanguageContext);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => {
    const last = dayjs().subtract(1, "month");
    return [last.startOf("month"), last.endOf("month")];
  });
  const [{ data, fetching }] = useQuery({
    query: StatementDocument,
    variables: { start: range[0].format("YYYY-MM-DD"), end: range[1].format("YYYY-MM-DD") },
  });
  const statement = data?.statement;
  const money = (m?: Money | null) => (m ? formatMoney(m, language) : "");

  return (
    <div>
      <Typography.Title level={3}>{t("statements")}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(value) => value?.[0] && value[1] && setRange([value[0], value[1]])}
        />
        {statement && (
          <a href={statement.pdfUrl} download data-testid="statement-pdf">
            <Button>{t("downloadPdf")}</Button>
          </a>
        )}
      </Space>
      {!statement ? (
        fetching && <Spin />
      ) : (
        <>
          <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t("openingBalance")}>{money(statement.openingBalance)}</Descriptions.Item>
            <Descriptions.Item label={t("closingBalance")}>
              <span data-testid="closing-balance">{money(statement.closingBalance)}</span>
            </Descriptions.Item>
          </Descriptions>
          <Table
            style={{ marginTop: 12 }}
            size="small"
            pagination={false}
            scroll={{ x: true }}
            rowKey={(_, i) => String(i)}
            dataSource={statement.entries}
            columns={[
              { title: t("date"), dataIndex: "date" },
              { title: t("entryKind"), dataIndex: "kind", render: (k: string) => t(`ledger_${k}` as MessageKey) },
              { title: t("reference"), dataIndex: "reference" },
              { title: t("debit"), dataIndex: "debit", align: "right", render: money },
              { title: t("credit"), dataIndex: "credit", align: "right", render: money },
              { title: t("balance"), dataIndex: "balance", align: "right", render: money },
            ]}
          />
        </>
      )}
    </div>
  );
}
