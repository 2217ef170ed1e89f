import { PlusOutlined } from "@ant-design/icons";
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
import { type Customer, useCustomerCount, useCustomerList, useDeleteCustomer, useRestoreCustomer } from "./api";
import { CustomerFilterBar } from "./CustomerFilterBar";
import { CustomerFormDrawer } from "./CustomerFormDrawer";
import { useColumnKeys, useColumnLabel, useCustomerColumns, useVisibleColumns } from "./customerColumns";
import { type CustomerSort, SORTS, toListQuery, useCustomerListParams } from "./useCustomerListParams";

const PAGE_SIZE = 50;

export function CustomerListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const params = useCustomerListParams();
  const { filters } = params;
  const custom = useCustomListParams("customer");
  const paging = useUrlPaging();
  // Custom field filters and sort ride along in the URL (`custom.<key>…`) and the API query.
  const listQuery = (cursor: string | undefined) => ({ ...toListQuery(filters, cursor, PAGE_SIZE), ...custom.query });
  const list = useCustomerList(listQuery(paging.cursor));
  const count = useCustomerCount(listQuery(undefined));
  const restore = useRestoreCustomer();
  const purge = useDeleteCustomer();
  // The open saved view (?view=) supplies filters, sort and columns; without one, the browser's column choice.
  const view = useListView("customers", useVisibleColumns());
  const columnChoice = view.columns;
  const columnLabel = useColumnLabel();
  const columnKeys = useColumnKeys();
  const [creating, setCreating] = useState(false);
  const selection = useSelection<Customer>(JSON.stringify([filters, custom.query]));

  const renderTrashActions = (customer: Customer) => (
    <TrashActions module="customers" record={customer} restore={restore} purge={purge} />
  );

  const columns = useCustomerColumns({
    sort: filters.sort,
    visible: columnChoice.visible,
    trash: filters.trash,
    renderActions: renderTrashActions,
  });

  return (
    <RecordListLayout
      testIdPrefix="customer"
      title={filters.trash ? t("customers.trashTitle") : t("customers.title")}
      actions={
        !filters.trash && (
          <Space wrap>
            <ExportButton
              objectType="customers"
              query={listQuery(undefined)}
              columns={columnChoice.visible}
              viewName={view.current?.name}
            />
            <ImportButton objectType="customer" />
            {can("customers", "create") && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="customer-new"
              >
                {t("customers.new")}
              </Button>
            )}
          </Space>
        )
      }
      search={{ placeholder: t("customers.searchPlaceholder"), label: t("customers.search") }}
      trashLabel={t("customers.trash")}
      params={params}
      sorts={[...SORTS, ...custom.sorts] as CustomerSort[]}
      filterBar={
        <Flex wrap gap={8} align="center">
          <CustomerFilterBar filters={filters} params={params} />
          <CustomFieldFilters objectType="customer" params={custom} />
        </Flex>
      }
      toolbarExtra={
        !filters.trash && (
          <Flex gap={8} wrap align="center">
            <ViewSwitcher objectType="customers" view={view} />
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
          ? t("customers.trashEmpty")
          : params.activeFilterCount > 0 || filters.q
            ? t("customers.empty")
            : t("customers.none")
      }
      onOpen={(customer) => navigate(`/customers/${customer.id}`)}
      rowSelection={selection.rowSelection}
      selectionBar={
        <BulkActionBar
          objectType="customers"
          selection={selection}
          filter={filterOf(listQuery(undefined))}
          columns={columnChoice.visible}
        />
      }
    >
      <CustomerFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(customer) => {
          setCreating(false);
          navigate(`/customers/${customer.id}`);
        }}
      />
    </RecordListLayout>
  );
}
