import { PlusOutlined, StopOutlined } from "@ant-design/icons";
import { App, Button, Flex, Popconfirm, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/PageHeader";
import { QueryError } from "../../components/QueryError";
import { useShowError } from "../../components/useShowError";
import { useFormat } from "../../lib/useFormat";
import { CreateApiKeyModal, NewApiKeyModal } from "./ApiKeyModals";
import { type ApiKey, type CreatedApiKey, useApiKeys, useRevokeApiKey } from "./api";

function keyStatus(key: ApiKey, now: number): "revoked" | "expired" | "active" {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return "expired";
  return "active";
}

const statusColors = { active: "green", expired: "orange", revoked: "default" } as const;

export function ApiKeysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const format = useFormat();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey>();
  const now = Date.now();

  if (keys.isError) return <QueryError error={keys.error} onRetry={() => keys.refetch()} />;

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("admin.apiKeys.title")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="api-key-new">
            {t("admin.apiKeys.new")}
          </Button>
        }
      />
      <Table<ApiKey>
        rowKey="id"
        loading={keys.isFetching}
        dataSource={keys.data}
        pagination={false}
        scroll={{ x: "max-content" }}
        columns={[
          { key: "name", title: t("admin.apiKeys.name"), dataIndex: "name" },
          { key: "prefix", title: t("admin.apiKeys.prefix"), render: (_, key) => <code>{key.prefix}…</code> },
          {
            key: "status",
            title: t("admin.apiKeys.status"),
            render: (_, key) => {
              const status = keyStatus(key, now);
              return <Tag color={statusColors[status]}>{t(`admin.apiKeys.statusValue.${status}`)}</Tag>;
            },
          },
          { key: "createdAt", title: t("admin.apiKeys.createdAt"), render: (_, key) => format.dateTime(key.createdAt) },
          {
            key: "lastUsedAt",
            title: t("admin.apiKeys.lastUsedAt"),
            render: (_, key) => (key.lastUsedAt ? format.dateTime(key.lastUsedAt) : t("admin.apiKeys.never")),
          },
          {
            key: "expiresAt",
            title: t("admin.apiKeys.expiresAt"),
            render: (_, key) => (key.expiresAt ? format.date(key.expiresAt) : t("admin.apiKeys.noExpiry")),
          },
          {
            key: "actions",
            title: t("common.actions"),
            render: (_, key) =>
              key.revokedAt ? null : (
                <Popconfirm
                  title={t("admin.apiKeys.revokeConfirm", { name: key.name })}
                  description={t("admin.apiKeys.revokeBody")}
                  okText={t("admin.apiKeys.revoke")}
                  okButtonProps={{ danger: true }}
                  cancelText={t("common.cancel")}
                  onConfirm={() =>
                    revoke.mutateAsync(key.id).then(() => message.success(t("admin.apiKeys.revoked")), showError)
                  }
                >
                  <Button size="small" danger icon={<StopOutlined />}>
                    {t("admin.apiKeys.revoke")}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <CreateApiKeyModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
        }}
      />
      <NewApiKeyModal apiKey={created} onClose={() => setCreated(undefined)} />
    </Flex>
  );
}
