import { DownloadOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Flex, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ColumnChooser } from "../../components/ColumnChooser";
import { CustomFieldFilters } from "../../components/custom-fields/CustomFieldFilters";
import { useCustomListParams } from "../../components/custom-fields/useCustomListParams";
import { RecordListLayout } from "../../components/records/RecordListLayout";
import { TrashActions } from "../../components/records/TrashActions";
import { useUrlPaging } from "../../lib/useUrlPaging";
import { useCan } from "../auth/session";
import { BulkActionBar } from "../bulk/BulkActionBar";
import { filterOf, useSelection } from "../bulk/useSelection";
import { ExportButton } from "../exports/ExportButton";
import { ImportButton } from "../imports/ImportButton";
import { useListView } from "../saved-views/useListView";
import { ViewSwitcher } from "../saved-views/ViewSwitcher";
import {
  type Contact,
  exportVcfUrl,
  useContactCount,
  useContactList,
  useDeleteContact,
  useRestoreContact,
} from "./api";
import { ContactFilterBar } from "./ContactFilterBar";
import { ContactFormDrawer } from "./ContactFormDrawer";
import { useColumnKeys, useColumnLabel, useContactColumns, useVisibleColumns } from "./contactColumns";
import { ImportVcfModal } from "./ImportVcfModal";
import { type ContactSort, SORTS, toListQuery, useContactListParams } from "./useContactListParams";

const PAGE_SIZE = 50;

export function ContactListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const params = useContactListParams();
  const { filters } = params;
  const custom = useCustomListParams("contact");
  const paging = useUrlPaging();
  // Custom field filters and sort ride along in the URL (`custom.<key>…`) and the API query.
  const query = { ...toListQuery(filters, paging.cursor, PAGE_SIZE), ...custom.query };
  const list = useContactList(query);
  const count = useContactCount(query);
  const restore = useRestoreContact();
  const purge = useDeleteContact();
  // The open saved view (?view=) supplies filters, sort and columns; without one, the browser's column choice.
  const view = useListView("contacts", useVisibleColumns());
  const columnChoice = view.columns;
  const columnLabel = useColumnLabel();
  const columnKeys = useColumnKeys();
  const [creating, setCreating] = useState(false);
  const selection = useSelection<Contact>(JSON.stringify([filters, custom.query]));
  const [importing, setImporting] = useState(false);

  const renderTrashActions = (contact: Contact) => (
    <TrashActions module="contacts" record={contact} restore={restore} purge={purge} />
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
          {!filters.trash && (
            <ExportButton
              objectType="contacts"
              query={query}
              columns={columnChoice.visible}
              viewName={view.current?.name}
            />
          )}
          {!filters.trash && <ImportButton objectType="contact" />}
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
      sorts={[...SORTS, ...custom.sorts] as ContactSort[]}
      filterBar={
        <Flex wrap gap={8} align="center">
          <ContactFilterBar filters={filters} params={params} />
          <CustomFieldFilters objectType="contact" params={custom} />
        </Flex>
      }
      toolbarExtra={
        !filters.trash && (
          <Flex gap={8} wrap align="center">
            <ViewSwitcher objectType="contacts" view={view} />
            <ColumnChooser
              columns={columnKeys.map((key) => ({ key, label: columnLabel(key), locked: key === "name" }))}
              visible={columnChoice.visible}
              onChange={columnChoice.change}
              onReset={columnChoice.reset}
            />
          </Flex>
        )
      }
      list={list}
      count={count}
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
      rowSelection={selection.rowSelection}
      selectionBar={
        <BulkActionBar
          objectType="contacts"
          selection={selection}
          filter={filterOf(query)}
          columns={columnChoice.visible}
        />
      }
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
