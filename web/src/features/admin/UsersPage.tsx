import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/PageHeader";
import { QueryError } from "../../components/QueryError";
import { type User, useDepartments, useRoles, useUsers } from "./api";
import { UserFormModal } from "./UserFormModal";

export function UsersPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const departments = useDepartments();
  const roles = useRoles();
  // undefined: closed; null: creating; a user: editing that user.
  const [editing, setEditing] = useState<User | null | undefined>(undefined);

  const departmentName = new Map((departments.data ?? []).map((d) => [d.id, d.name]));
  const roleName = new Map((roles.data ?? []).map((r) => [r.id, r.name]));

  if (users.isError) return <QueryError error={users.error} onRetry={() => users.refetch()} />;

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("admin.users.title")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="user-new">
            {t("admin.users.new")}
          </Button>
        }
      />
      <Table<User>
        rowKey="id"
        className="clickable-rows"
        loading={users.isFetching}
        dataSource={users.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: "max-content" }}
        onRow={(user) => ({ onClick: () => setEditing(user) })}
        columns={[
          { key: "name", title: t("admin.users.name"), dataIndex: "name", fixed: "left" },
          { key: "email", title: t("admin.users.email"), dataIndex: "email" },
          {
            key: "department",
            title: t("admin.users.department"),
            render: (_, user) => (user.departmentId ? (departmentName.get(user.departmentId) ?? "—") : "—"),
          },
          {
            key: "roles",
            title: t("admin.users.roles"),
            render: (_, user) => user.roleIds.map((id) => <Tag key={id}>{roleName.get(id) ?? id}</Tag>),
          },
          {
            key: "status",
            title: t("admin.users.status"),
            render: (_, user) => (
              <>
                {user.isAdmin && <Tag color="purple">{t("admin.users.admin")}</Tag>}
                <Tag color={user.active ? "green" : "default"}>
                  {user.active ? t("admin.users.activeTag") : t("admin.users.inactiveTag")}
                </Tag>
              </>
            ),
          },
          {
            key: "actions",
            title: t("common.actions"),
            render: (_, user) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                aria-label={t("admin.users.editTitle", { name: user.name })}
                onClick={(event) => {
                  event.stopPropagation();
                  setEditing(user);
                }}
              />
            ),
          },
        ]}
      />
      <UserFormModal open={editing !== undefined} user={editing ?? undefined} onClose={() => setEditing(undefined)} />
    </Flex>
  );
}
