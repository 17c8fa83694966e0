import { Alert, Button, Form, Input, List, Popconfirm, Select, Space, Spin, Tag, Typography } from "antd";
import { useMutation, useQuery } from "urql";

import {
  type CompanyRole,
  InvitationCreateDocument,
  type InvitationCreateInput,
  InvitationsDocument,
  MemberDeactivateDocument,
  MemberRoleUpdateDocument,
  MembersDocument,
} from "../../gql-more/graphql";
import { type MessageKey, useT } from "../../lib/i18n";
import { announce } from "../../lib/outcome";
import "../../lib/messagesMore";

const ROLES: CompanyRole[] = ["OWNER", "PURCHASER", "APPROVER", "VIEWER"];

/** The company's people: the owner invites, changes roles and deactivates; others read. */
export default function MembersPage() {
  const t = useT();
  const [{ data, fetching }] = useQuery({ query: MembersDocument });
  const [inviting, invite] = useMutation(InvitationCreateDocument);
  const [, changeRole] = useMutation(MemberRoleUpdateDocument);
  const [, deactivate] = useMutation(MemberDeactivateDocument);
  const [form] = Form.useForm<InvitationCreateInput>();
  const me = data?.me;
  const admin = me?.permissions.includes("COMPANY_USERS_MANAGE") ?? false;
  const [{ data: invitations }, refetchInvitations] = useQuery({ query: InvitationsDocument, pause: !admin });

  if (!me?.company) return fetching ? <Spin /> : null;
  const roleLabel = (role: CompanyRole) => t(`role_${role}` as MessageKey);
  const roles = ROLES.map((r) => ({ value: r, label: roleLabel(r) }));

  const send = async (input: InvitationCreateInput) => {
    const r = await invite({ input });
    if (announce(r.data?.invitationCreate, r.error, t("invited", { email: input.email }))) {
      form.resetFields();
      refetchInvitations({ requestPolicy: "network-only" });
    }
  };

  return (
    <div style={{ maxWidth: 760 }}>
      <Typography.Title level={3}>{t("members")}</Typography.Title>
      {!admin && <Alert type="info" showIcon message={t("ownerOnly")} style={{ marginBottom: 12 }} />}
      <List
        bordered
        dataSource={me.company.users}
        rowKey="id"
        renderItem={(user) => (
          <List.Item data-testid="member-row">
            <div>
              <div>
                {user.fullName} {!user.isActive && <Tag>{t("deactivated")}</Tag>}
              </div>
              <small>{user.email}</small>
            </div>
            {admin && user.isActive && user.id !== me.user.id ? (
              <Space wrap>
                <Select
                  size="small"
                  style={{ width: 120 }}
                  value={user.companyRole ?? undefined}
                  options={roles}
                  data-testid="member-role"
                  onChange={async (role: CompanyRole) => {
                    const r = await changeRole({ userId: user.id, role });
                    announce(r.data?.companyUserRoleUpdate, r.error, t("saved"));
                  }}
                />
                <Popconfirm
                  title={t("deactivateConfirm", { email: user.email })}
                  onConfirm={async () => {
                    const r = await deactivate({ userId: user.id });
                    announce(r.data?.companyUserDeactivate, r.error, t("deactivated"));
                  }}
                >
                  <Button size="small" danger data-testid="member-deactivate">
                    {t("deactivate")}
                  </Button>
                </Popconfirm>
              </Space>
            ) : (
              user.companyRole && <Tag>{roleLabel(user.companyRole)}</Tag>
            )}
          </List.Item>
        )}
      />
      {admin && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t("invite")}
          </Typography.Title>
          <Form form={form} layout="inline" initialValues={{ role: "PURCHASER" }} onFinish={(v) => void send(v)}>
            <Form.Item name="email" rules={[{ required: true, type: "email" }]}>
              <Input placeholder={t("email")} data-testid="invite-email" />
            </Form.Item>
            <Form.Item name="role">
              <Select style={{ width: 120 }} options={roles} />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="invite-send" loading={inviting.fetching}>
              {t("invite")}
            </Button>
          </Form>
          <List
            style={{ marginTop: 12 }}
            size="small"
            header={t("invitations")}
            dataSource={invitations?.companyInvitations.edges ?? []}
            rowKey={(edge) => edge.node.id}
            renderItem={({ node }) => (
              <List.Item data-testid="invitation-row">
                <span>{node.email}</span>
                <Tag>{roleLabel(node.role)}</Tag>
                <small>{node.acceptedAt ? t("accepted") : `${t("expires")} ${node.expiresAt.slice(0, 10)}`}</small>
              </List.Item>
            )}
          />
        </>
      )}
    </div>
  );
}
