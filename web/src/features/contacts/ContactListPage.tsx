import { DeleteOutlined, DownloadOutlined, PlusOutlined, UndoOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Popconfirm, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ColumnChooser } from "../../components/ColumnChooser";
import { RecordListLayout } from "../../components/records/RecordListLayout";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useCursorStack } from "../../lib/useCursorStack";
import { useCan } from "../auth/session";
import { type Contact, exportVcfUrl, useContactList, useDeleteContact, useRestoreContact } from "./api";
import { ContactFilterBar } from "./ContactFilterBar";
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
    <RecordListLayout
      testIdPrefix="contact"
      title={filters.trash ? t("contacts.trashTitle") : t("contacts.title")}
      actions={
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
      }
      search={{ placeholder: t("contacts.searchPlaceholder"), label: t("contacts.search") }}
      trashLabel={t("contacts.trash")}
      params={params}
      sorts={SORTS}
      filterBar={<ContactFilterBar filters={filters} params={params} />}
      toolbarExtra={
        !filters.trash && (
          <ColumnChooser
            columns={COLUMN_KEYS.map((key) => ({ key, label: columnLabel(key), locked: key === "name" }))}
            visible={columnChoice.visible}
            onChange={columnChoice.change}
            onReset={columnChoice.reset}
          />
        )
      }
      list={list}
      paging={paging}
      columns={columns}
      emptyText={
        filters.trash
          ? t("contacts.trashEmpty")
          : params.activeFilterCount > 0 || filters.q
            ? t("contacts.empty")
            : t("contacts.none")
      }
      onOpen={(contact) => navigate(`/contacts/${contact.id}`)}
    >
      <ContactFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(contact) => {
          setCreating(false);
          navigate(`/contacts/${contact.id}`);
        }}
      />
      <ImportVcfModal open={importing} onClose={() => setImporting(false)} />
    </RecordListLayout>
  );
}
