import {
  DeleteOutlined,
  DownloadOutlined,
  FilterOutlined,
  PlusOutlined,
  UndoOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import { App, Badge, Button, Card, Flex, Grid, Popconfirm, Space, Switch, Table, Typography } from "antd";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ColumnChooser } from "../../components/ColumnChooser";
import { QueryError } from "../../components/QueryError";
import { useErrorMessage } from "../../components/useErrorMessage";
import { isOneOf } from "../../lib/guards";
import { useCursorStack } from "../../lib/useCursorStack";
import { useCan } from "../auth/session";
import { type Contact, exportVcfUrl, useContactList, useDeleteContact, useRestoreContact } from "./api";
import { ContactFilterBar, ContactSearch } from "./ContactFilterBar";
import { ContactFormDrawer } from "./ContactFormDrawer";
import { COLUMN_KEYS, useColumnLabel, useContactColumns, useVisibleColumns } from "./contactColumns";
import { ImportVcfModal } from "./ImportVcfModal";
import { SORTS, toListQuery, useContactListParams } from "./useContactListParams";

const PAGE_SIZE = 50;

export function ContactListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const trashSwitchId = useId();
  const params = useContactListParams();
  const { filters } = params;
  const paging = useCursorStack(JSON.stringify(filters));
  const query = toListQuery(filters, paging.cursor, PAGE_SIZE);
  const list = useContactList(query);
  const restore = useRestoreContact();
  const purge = useDeleteContact();
  const columnChoice = useVisibleColumns();
  const columnLabel = useColumnLabel();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const showFilters = screens.md || filtersOpen;

  const renderTrashActions = (contact: Contact) => (
    <Space>
      <Button
        size="small"
        icon={<UndoOutlined />}
        loading={restore.isPending && restore.variables === contact.id}
        onClick={() =>
          restore.mutate(contact.id, {
            onSuccess: () => message.success(t("contacts.restored", { name: contact.name })),
            onError: (error) => message.error(describe(error)),
          })
        }
      >
        {t("contacts.restore")}
      </Button>
      {can("contacts", "delete") && (
        <Popconfirm
          title={t("contacts.purgeConfirm", { name: contact.name })}
          okText={t("contacts.purge")}
          okButtonProps={{ danger: true }}
          cancelText={t("common.cancel")}
          onConfirm={() =>
            purge.mutateAsync({ id: contact.id, purge: true }).then(
              () => message.success(t("contacts.purged")),
              (error: unknown) => message.error(describe(error)),
            )
          }
        >
          <Button size="small" danger icon={<DeleteOutlined />}>
            {t("contacts.purge")}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  const columns = useContactColumns({
    sort: filters.sort,
    visible: columnChoice.visible,
    trash: filters.trash,
    renderActions: renderTrashActions,
  });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {filters.trash ? t("contacts.trashTitle") : t("contacts.title")}
        </Typography.Title>
        <Space wrap>
          {can("contacts", "export") && (
            <Button
              icon={<DownloadOutlined />}
              href={exportVcfUrl(query)}
              download="contacts.vcf"
              data-testid="contact-export"
            >
              {t("contacts.export")}
            </Button>
          )}
          {can("contacts", "import") && can("contacts", "create") && !filters.trash && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="contact-import">
              {t("contacts.import.button")}
            </Button>
          )}
          {can("contacts", "create") && !filters.trash && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="contact-new">
              {t("contacts.new")}
            </Button>
          )}
        </Space>
      </Flex>
      <Card size="small">
        <Flex vertical gap={12}>
          <Flex wrap gap={8} align="center">
            <ContactSearch value={filters.q} onSearch={(q) => params.update({ q })} />
            {!screens.md && (
              <Badge count={params.activeFilterCount} size="small">
                <Button icon={<FilterOutlined />} aria-expanded={filtersOpen} onClick={() => setFiltersOpen((o) => !o)}>
                  {t("common.filters")}
                </Button>
              </Badge>
            )}
            <Flex gap={8} align="center" style={{ marginInlineStart: "auto" }}>
              <Switch
                id={trashSwitchId}
                size="small"
                checked={filters.trash}
                onChange={(trash) => params.update({ trash, sort: undefined })}
                data-testid="contact-trash-toggle"
              />
              <label htmlFor={trashSwitchId}>{t("contacts.trash")}</label>
              {!filters.trash && (
                <ColumnChooser
                  columns={COLUMN_KEYS.map((key) => ({ key, label: columnLabel(key), locked: key === "name" }))}
                  visible={columnChoice.visible}
                  onChange={columnChoice.change}
                  onReset={columnChoice.reset}
                />
              )}
            </Flex>
          </Flex>
          {showFilters && <ContactFilterBar filters={filters} params={params} />}
        </Flex>
      </Card>
      {list.isError && !list.data ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<Contact>
          rowKey="id"
          className={filters.trash ? undefined : "clickable-rows"}
          columns={columns}
          dataSource={list.data?.data}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: "max-content" }}
          size={screens.md ? "middle" : "small"}
          locale={{
            emptyText: filters.trash
              ? t("contacts.trashEmpty")
              : params.activeFilterCount > 0 || filters.q
                ? t("contacts.empty")
                : t("contacts.none"),
          }}
          onRow={(contact) => (filters.trash ? {} : { onClick: () => navigate(`/contacts/${contact.id}`) })}
          onChange={(_pagination, _filters, sorter) => {
            if (Array.isArray(sorter)) return;
            const key = String(sorter.columnKey ?? "");
            const sort = sorter.order === "ascend" ? key : sorter.order === "descend" ? `-${key}` : undefined;
            params.update({ sort: isOneOf(SORTS, sort) ? sort : undefined });
          }}
        />
      )}
      <Flex justify="flex-end" align="center" gap={8}>
        <Typography.Text type="secondary">{t("common.page", { page: paging.page })}</Typography.Text>
        <Button disabled={!paging.hasPrevious || list.isFetching} onClick={paging.previous} data-testid="contact-prev">
          {t("common.previous")}
        </Button>
        <Button
          disabled={!list.data?.nextCursor || list.isFetching}
          onClick={() => {
            if (list.data?.nextCursor) paging.next(list.data.nextCursor);
          }}
          data-testid="contact-next"
        >
          {t("common.next")}
        </Button>
      </Flex>
      <ContactFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(contact) => {
          setCreating(false);
          navigate(`/contacts/${contact.id}`);
        }}
      />
      <ImportVcfModal open={importing} onClose={() => setImporting(false)} />
    </Flex>
  );
}
