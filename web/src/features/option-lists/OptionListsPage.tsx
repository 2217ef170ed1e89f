import { EditOutlined, InboxOutlined, PlusOutlined, UndoOutlined } from "@ant-design/icons";
import { App, Button, Card, Col, Flex, Grid, Menu, Row, Space, type TableColumnsType, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/PageHeader";
import { QueryError } from "../../components/QueryError";
import { SortableTable } from "../../components/SortableTable";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useShowError } from "../../components/useShowError";
import { isApiError } from "../../lib/api/errors";
import { type OptionValue, useOptionLists, useReorderOptionValues, useUpdateOptionValue } from "./api";
import { LIST_GROUPS, useListName } from "./listNames";
import { OptionValueForm } from "./OptionValueForm";
import { optionLabel } from "./useOptionList";

/** Settings → Option lists: add, rename (both languages), recolour, reorder (drag and drop) and archive list values. */
export function OptionListsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const onError = useShowError();
  const lists = useOptionLists();
  const listName = useListName();
  const reorder = useReorderOptionValues();
  const update = useUpdateOptionValue();
  const [listKey, setListKey] = useState<string>(LIST_GROUPS[0].lists[0]);
  const [editing, setEditing] = useState<OptionValue | "new">();
  const phone = Grid.useBreakpoint().sm === false;
  /** On a phone a button shows its icon only; its name is then its label and tooltip. */
  const iconOnly = (label: string) => (phone ? { "aria-label": label, title: label } : {});

  if (lists.isError) return <QueryError error={lists.error} onRetry={() => lists.refetch()} />;
  const values = lists.data?.find((list) => list.key === listKey)?.values ?? [];
  const shown = new Set<string>(LIST_GROUPS.flatMap((group) => group.lists));
  // Lists added by other modules or custom fields appear under "Other", named by their key.
  const others = (lists.data ?? []).map((list) => list.key).filter((key) => !shown.has(key));

  // A 400 here means the list changed in another session since it was loaded (the lists reload).
  const saveOrder = (ids: string[]) =>
    reorder.mutate(
      { listKey, ids },
      {
        onError: (error) =>
          message.error(isApiError(error) && error.status === 400 ? t("optionLists.orderStale") : describe(error)),
      },
    );
  const setArchived = (value: OptionValue, archived: boolean) =>
    update.mutate(
      { listKey, id: value.id, body: { version: value.version, archived } },
      {
        onSuccess: () => message.success(archived ? t("optionLists.archivedDone") : t("optionLists.restoredDone")),
        onError,
      },
    );

  const columns: TableColumnsType<OptionValue> = [
    {
      key: "label",
      title: t("optionLists.label"),
      render: (_, value) => (
        <Space wrap>
          <Tag color={value.color ?? undefined}>{value.labelZh}</Tag>
          <span>{value.labelEn}</span>
          {value.archived && <Tag>{t("optionLists.archived")}</Tag>}
        </Space>
      ),
    },
    {
      key: "key",
      title: t("optionLists.key"),
      responsive: ["md"],
      render: (_, value) => <Typography.Text code>{value.key}</Typography.Text>,
    },
    {
      key: "actions",
      title: t("common.actions"),
      // On a phone the buttons show their icons only, so both fit beside the label.
      render: (_, value) => {
        const archiveLabel = value.archived ? t("optionLists.restore") : t("optionLists.archive");
        return (
          <Space wrap>
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing(value)}
              {...iconOnly(t("common.edit"))}
            >
              {!phone && t("common.edit")}
            </Button>
            <Button
              size="small"
              icon={phone && (value.archived ? <UndoOutlined /> : <InboxOutlined />)}
              loading={update.isPending && update.variables?.id === value.id}
              onClick={() => setArchived(value, !value.archived)}
              {...iconOnly(archiveLabel)}
            >
              {!phone && archiveLabel}
            </Button>
          </Space>
        );
      },
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t("optionLists.title")} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("optionLists.intro")}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={6}>
          <Card size="small" styles={{ body: { padding: 4 } }}>
            <Menu
              mode="inline"
              selectedKeys={[listKey]}
              onClick={(item) => setListKey(item.key)}
              style={{ borderInlineEnd: "none" }}
              items={[
                ...LIST_GROUPS.map((group) => ({
                  type: "group" as const,
                  key: group.object,
                  label: t(`modules.${group.object}`),
                  children: group.lists.map((key) => ({ key, label: listName(key) })),
                })),
                ...(others.length
                  ? [
                      {
                        type: "group" as const,
                        key: "others",
                        label: t("optionLists.otherLists"),
                        children: others.map((key) => ({ key, label: listName(key) })),
                      },
                    ]
                  : []),
              ]}
              data-testid="option-lists-menu"
            />
          </Card>
        </Col>
        <Col xs={24} md={18}>
          <Card
            size="small"
            title={listName(listKey)}
            extra={
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing("new")}
                data-testid="option-value-new"
              >
                {t("optionLists.add")}
              </Button>
            }
          >
            <SortableTable<OptionValue>
              size="small"
              columns={columns}
              dataSource={values}
              rowName={(value) => optionLabel(value, i18n.resolvedLanguage)}
              onReorder={saveOrder}
              loading={lists.isPending}
              pagination={false}
              scroll={{ x: "max-content" }}
              locale={{ emptyText: t("optionLists.empty") }}
            />
          </Card>
        </Col>
      </Row>
      <OptionValueForm
        listKey={listKey}
        value={editing === "new" ? undefined : editing}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
      />
    </Flex>
  );
}
