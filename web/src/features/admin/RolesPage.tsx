import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Flex, Popconfirm, Space, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/PageHeader";
import { QueryError } from "../../components/QueryError";
import { useShowError } from "../../components/useShowError";
import { type Role, useDeleteRole, useRoles } from "./api";
import { RoleDrawer } from "./RoleDrawer";

export function RolesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const roles = useRoles();
  const remove = useDeleteRole();
  // undefined: closed; null: creating; a role: editing it.
  const [editing, setEditing] = useState<Role | null | undefined>(undefined);

  if (roles.isError) return <QueryError error={roles.error} onRetry={() => roles.refetch()} />;

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("admin.roles.title")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="role-new">
            {t("admin.roles.new")}
          </Button>
        }
      />
      <Table<Role>
        rowKey="id"
        loading={roles.isFetching}
        dataSource={roles.data}
        pagination={false}
        scroll={{ x: "max-content" }}
        columns={[
          { key: "name", title: t("admin.roles.name"), dataIndex: "name" },
          { key: "description", title: t("admin.roles.description"), render: (_, role) => role.description || "—" },
          {
            key: "modules",
            title: t("admin.roles.moduleCount"),
            render: (_, role) => Object.keys(role.permissions).length,
          },
          {
            key: "actions",
            title: t("common.actions"),
            render: (_, role) => (
              <Space>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t("admin.roles.editTitle", { name: role.name })}
                  onClick={() => setEditing(role)}
                />
                <Popconfirm
                  title={t("admin.roles.deleteConfirm", { name: role.name })}
                  okText={t("common.delete")}
                  okButtonProps={{ danger: true }}
                  cancelText={t("common.cancel")}
                  onConfirm={() =>
                    remove.mutateAsync(role.id).then(() => message.success(t("admin.roles.deleted")), showError)
                  }
                >
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t("admin.roles.deleteLabel", { name: role.name })}
                  />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <RoleDrawer open={editing !== undefined} role={editing ?? undefined} onClose={() => setEditing(undefined)} />
    </Flex>
  );
}
