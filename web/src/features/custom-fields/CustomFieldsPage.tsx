import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Flex, Popconfirm, Segmented, Space, Switch, type TableColumnsType, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocalized } from "../../components/custom-fields/labels";
import { PageHeader } from "../../components/PageHeader";
import { QueryError } from "../../components/QueryError";
import { SortableTable } from "../../components/SortableTable";
import { useShowError } from "../../components/useShowError";
import {
  type CustomField,
  type CustomObjectType,
  useCustomFields,
  useReorderCustomFields,
  useSetCustomFieldState,
} from "./api";
import { CustomFieldForm } from "./CustomFieldForm";

const OBJECT_TYPES: CustomObjectType[] = ["customer", "contact"];

/** Settings → Custom fields: per object, add, edit, reorder, archive, restore and delete fields. */
export function CustomFieldsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useShowError();
  const localized = useLocalized();
  const [objectType, setObjectType] = useState<CustomObjectType>("customer");
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<CustomField | "new">();
  const fields = useCustomFields(objectType, { archived: showArchived });
  const reorder = useReorderCustomFields();
  const setState = useSetCustomFieldState();

  if (fields.isError) return <QueryError error={fields.error} onRetry={() => fields.refetch()} />;
  const rows = fields.data ?? [];

  const act = (field: CustomField, action: "archive" | "restore" | "delete") =>
    setState.mutate(
      { id: field.id, action },
      { onSuccess: () => message.success(t(`customFields.done.${action}`, { name: localized(field.label) })), onError },
    );

  const columns: TableColumnsType<CustomField> = [
    {
      key: "label",
      title: t("customFields.label"),
      render: (_, field) => (
        <Space wrap size={4}>
          <span>{localized(field.label)}</span>
          {field.state === "archived" && <Tag>{t("customFields.archived")}</Tag>}
        </Space>
      ),
    },
    { key: "key", title: t("customFields.key"), render: (_, field) => <code>{field.key}</code> },
    {
      key: "type",
      title: t("customFields.type"),
      // A money field's currency is part of what it holds: ¥ and $ amounts do not mix.
      render: (_, field) =>
        field.type === "money" && field.currency
          ? t("customFields.moneyIn", { currency: field.currency })
          : t(`customFields.types.${field.type}`),
    },
    {
      key: "flags",
      title: t("customFields.flags"),
      render: (_, field) => (
        <Space wrap size={4}>
          {field.required && <Tag color="red">{t("customFields.required")}</Tag>}
          {field.unique && <Tag color="purple">{t("customFields.unique")}</Tag>}
          {(field.indexed || field.unique) && (
            <Tag color={field.indexStatus === "ready" ? "green" : "gold"}>
              {t(`customFields.index.${field.indexStatus === "ready" ? "ready" : "building"}`)}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      key: "actions",
      title: t("common.actions"),
      render: (_, field) => (
        <Space wrap size={4}>
          {field.state === "active" ? (
            <>
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(field)}
                data-testid={`field-edit-${field.key}`}
              >
                {t("common.edit")}
              </Button>
              <Popconfirm
                title={t("customFields.archiveConfirm", { name: localized(field.label) })}
                okText={t("customFields.archive")}
                cancelText={t("common.cancel")}
                onConfirm={() => act(field, "archive")}
              >
                <Button size="small" data-testid={`field-archive-${field.key}`}>
                  {t("customFields.archive")}
                </Button>
              </Popconfirm>
            </>
          ) : (
            <>
              <Button size="small" onClick={() => act(field, "restore")}>
                {t("customFields.restore")}
              </Button>
              <Popconfirm
                title={t("customFields.deleteConfirm", { name: localized(field.label) })}
                okText={t("customFields.delete")}
                okButtonProps={{ danger: true }}
                cancelText={t("common.cancel")}
                onConfirm={() => act(field, "delete")}
              >
                <Button size="small" danger>
                  {t("customFields.delete")}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("customFields.title")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="field-new">
            {t("customFields.new")}
          </Button>
        }
      />
      <Card>
        <Flex vertical gap={12}>
          <Flex justify="space-between" wrap gap={8}>
            <Segmented<CustomObjectType>
              value={objectType}
              onChange={setObjectType}
              options={OBJECT_TYPES.map((type) => ({ value: type, label: t(`customFields.objects.${type}`) }))}
              data-testid="field-object"
            />
            <Space>
              <Switch checked={showArchived} onChange={setShowArchived} aria-label={t("customFields.showArchived")} />
              <span>{t("customFields.showArchived")}</span>
            </Space>
          </Flex>
          {/* Reordered by drag and drop; with archived fields shown the order is not theirs to change. */}
          <SortableTable<CustomField>
            size="small"
            loading={fields.isLoading}
            columns={columns}
            dataSource={rows}
            rowName={(field) => localized(field.label)}
            onReorder={(ids) => reorder.mutate({ objectType, ids }, { onError })}
            disabled={showArchived || reorder.isPending}
            pagination={false}
            scroll={{ x: "max-content" }}
            locale={{ emptyText: t("customFields.none") }}
          />
        </Flex>
      </Card>
      <CustomFieldForm
        objectType={objectType}
        field={editing === "new" ? undefined : editing}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
      />
    </Flex>
  );
}
