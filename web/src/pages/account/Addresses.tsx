import { Button, Checkbox, Form, Input, List, Modal, Popconfirm, Space, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { useMutation, useQuery } from "urql";

import {
  AddressAddDocument,
  type AddressFieldsFragment,
  AddressDefaultSetDocument,
  AddressesDocument,
  AddressRemoveDocument,
  AddressUpdateDocument,
  type CompanyAddressCreateInput,
} from "../../gql-more/graphql";
import { useT } from "../../lib/i18n";
import { announce, failure } from "../../lib/outcome";
import "../../lib/messagesMore";

/** The company's address book: add, edit, remove, and the default one checkout picks. */
export default function AddressesPage() {
  const t = useT();
  const [{ data, fetching }, refetch] = useQuery({ query: AddressesDocument });
  const [editing, setEditing] = useState<AddressFieldsFragment | "new" | null>(null);
  const [form] = Form.useForm<CompanyAddressCreateInput>();
  const [adding, add] = useMutation(AddressAddDocument);
  const [updating, update] = useMutation(AddressUpdateDocument);
  const [, setDefault] = useMutation(AddressDefaultSetDocument);
  const [, remove] = useMutation(AddressRemoveDocument);

  const company = data?.me?.company;
  if (!company) return fetching ? <Spin /> : null;
  // Every member of the company keeps the book (the API allows all buyer roles).
  const manage = true;
  // A new default or a removal changes other rows: read the book again rather than guess.
  const reload = () => refetch({ requestPolicy: "network-only" });

  const start = (address: AddressFieldsFragment | "new") => {
    form.resetFields();
    if (address !== "new") {
      const { id: _id, ...values } = address;
      form.setFieldsValue(values);
    }
    setEditing(address);
  };
  const save = async (input: CompanyAddressCreateInput) => {
    const r = editing === "new" || editing === null ? await add({ input }) : await update({ input: { ...input, id: editing.id } });
    const payload = r.data && ("companyAddressCreate" in r.data ? r.data.companyAddressCreate : r.data.companyAddressUpdate);
    const problem = failure(payload, r.error);
    if (problem === null) {
      setEditing(null);
      reload();
      return;
    }
    const fields = payload?.errors.filter((e) => e.field) ?? [];
    if (fields.length) form.setFields(fields.map((e) => ({ name: e.field as [keyof CompanyAddressCreateInput], errors: [e.message] })));
    else announce(payload, r.error, "");
  };

  return (
    <div style={{ maxWidth: 760 }}>
      <Typography.Title level={3}>{t("addresses")}</Typography.Title>
      {manage && (
        <Button type="primary" data-testid="address-new" style={{ marginBottom: 12 }} onClick={() => start("new")}>
          {t("newAddress")}
        </Button>
      )}
      <List
        bordered
        dataSource={company.addresses}
        rowKey="id"
        renderItem={(a) => (
          <List.Item data-testid="address-row">
            <div>
              <div>
                <strong>{a.label || a.recipient}</strong> {a.isDefault && <Tag color="orange">{t("default")}</Tag>}
              </div>
              <div>
                {a.recipient} {a.phone}
              </div>
              <div>
                {a.region} {a.line} {a.postalCode}
              </div>
            </div>
            {manage && (
              <Space wrap>
                <Button size="small" data-testid="address-edit" onClick={() => start(a)}>
                  {t("edit")}
                </Button>
                {!a.isDefault && (
                  <Button
                    size="small"
                    data-testid="address-default"
                    onClick={async () => {
                      const r = await setDefault({ id: a.id });
                      if (announce(r.data?.companyAddressDefaultSet, r.error, t("saved"))) reload();
                    }}
                  >
                    {t("setDefault")}
                  </Button>
                )}
                <Popconfirm
                  title={t("removeAddress")}
                  onConfirm={async () => {
                    const r = await remove({ id: a.id });
                    if (announce(r.data?.companyAddressDelete, r.error, t("removed"))) reload();
                  }}
                >
                  <Button size="small" danger data-testid="address-remove">
                    {t("remove")}
                  </Button>
                </Popconfirm>
              </Space>
            )}
          </List.Item>
        )}
      />
      <Modal
        open={editing !== null}
        title={editing === "new" ? t("newAddress") : t("editAddress")}
        okText={t("save")}
        okButtonProps={{ "data-testid": "address-save" }}
        confirmLoading={adding.fetching || updating.fetching}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(values) => void save(values)}>
          <Form.Item name="label" label={t("addressLabel")}>
            <Input data-testid="address-label" />
          </Form.Item>
          <Form.Item name="recipient" label={t("recipient")} rules={[{ required: true }]}>
            <Input data-testid="address-recipient" />
          </Form.Item>
          <Form.Item name="phone" label={t("phone")} rules={[{ required: true }]}>
            <Input data-testid="address-phone" />
          </Form.Item>
          <Form.Item name="region" label={t("region")} rules={[{ required: true }]}>
            <Input data-testid="address-region" />
          </Form.Item>
          <Form.Item name="line" label={t("line")} rules={[{ required: true }]}>
            <Input data-testid="address-line" />
          </Form.Item>
          <Form.Item name="postalCode" label={t("postalCode")}>
            <Input />
          </Form.Item>
          <Form.Item name="isDefault" valuePropName="checked">
            <Checkbox>{t("setDefault")}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
