import { DeleteOutlined, PlusOutlined, UndoOutlined } from "@ant-design/icons";
import { App, Button, Popconfirm, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ColumnChooser } from "../../components/ColumnChooser";
import { RecordListLayout } from "../../components/records/RecordListLayout";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useCursorStack } from "../../lib/useCursorStack";
import { useCan } from "../auth/session";
import { type Customer, useCustomerList, useDeleteCustomer, useRestoreCustomer } from "./api";
import { CustomerFilterBar } from "./CustomerFilterBar";
import { CustomerFormDrawer } from "./CustomerFormDrawer";
import { COLUMN_KEYS, useColumnLabel, useCustomerColumns, useVisibleColumns } from "./customerColumns";
import { SORTS, toListQuery, useCustomerListParams } from "./useCustomerListParams";

const PAGE_SIZE = 50;

export function CustomerListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const can = useCan();
  const params = useCustomerListParams();
  const { filters } = params;
  const paging = useCursorStack(JSON.stringify(filters));
  const list = useCustomerList(toListQuery(filters, paging.cursor, PAGE_SIZE));
  const restore = useRestoreCustomer();
  const purge = useDeleteCustomer();
  const columnChoice = useVisibleColumns();
  const columnLabel = useColumnLabel();
  const [creating, setCreating] = useState(false);

  const renderTrashActions = (customer: Customer) => (
    <Space>
      <Button
        size="small"
        icon={<UndoOutlined />}
        loading={restore.isPending && restore.variables === customer.id}
        onClick={() =>
          restore.mutate(customer.id, {
            onSuccess: () => message.success(t("customers.restored", { name: customer.name })),
            onError: (error) => message.error(describe(error)),
          })
        }
      >
        {t("customers.restore")}
      </Button>
      {can("customers", "delete") && (
        <Popconfirm
          title={t("customers.purgeConfirm", { name: customer.name })}
          okText={t("customers.purge")}
          okButtonProps={{ danger: true }}
          cancelText={t("common.cancel")}
          onConfirm={() =>
            purge.mutateAsync({ id: customer.id, purge: true }).then(
              () => message.success(t("customers.purged")),
              (error: unknown) => message.error(describe(error)),
            )
          }
        >
          <Button size="small" danger icon={<DeleteOutlined />}>
            {t("customers.purge")}
          </Button>
        </Popconfirm>
      )}
    </Space>
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
        can("customers", "create") &&
        !filters.trash && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-new">
            {t("customers.new")}
          </Button>
        )
      }
      search={{ placeholder: t("customers.searchPlaceholder"), label: t("customers.search") }}
      trashLabel={t("customers.trash")}
      params={params}
      sorts={SORTS}
      filterBar={<CustomerFilterBar filters={filters} params={params} />}
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
          ? t("customers.trashEmpty")
          : params.activeFilterCount > 0 || filters.q
            ? t("customers.empty")
            : t("customers.none")
      }
      onOpen={(customer) => navigate(`/customers/${customer.id}`)}
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
