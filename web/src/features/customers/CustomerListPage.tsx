import { DeleteOutlined, FilterOutlined, PlusOutlined, UndoOutlined } from "@ant-design/icons";
import { App, Badge, Button, Card, Flex, Grid, Popconfirm, Space, Switch, Table, Typography } from "antd";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ColumnChooser } from "../../components/ColumnChooser";
import { QueryError } from "../../components/QueryError";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useCursorStack } from "../../lib/useCursorStack";
import { useCan } from "../auth/session";
import { type Customer, useCustomerList, useDeleteCustomer, useRestoreCustomer } from "./api";
import { CustomerFilterBar, CustomerSearch } from "./CustomerFilterBar";
import { CustomerFormDrawer } from "./CustomerFormDrawer";
import { COLUMN_KEYS, useColumnLabel, useCustomerColumns, useVisibleColumns } from "./customerColumns";
import { isOneOf } from "./enums";
import { SORTS, toListQuery, useCustomerListParams } from "./useCustomerListParams";

const PAGE_SIZE = 50;

export function CustomerListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const trashSwitchId = useId();
  const params = useCustomerListParams();
  const { filters } = params;
  const paging = useCursorStack(JSON.stringify(filters));
  const list = useCustomerList(toListQuery(filters, paging.cursor, PAGE_SIZE));
  const restore = useRestoreCustomer();
  const purge = useDeleteCustomer();
  const columnChoice = useVisibleColumns();
  const columnLabel = useColumnLabel();
  const [creating, setCreating] = useState(false);
  // On phones the filters fold away behind a button to leave room for the list.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const showFilters = screens.md || filtersOpen;

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
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {filters.trash ? t("customers.trashTitle") : t("customers.title")}
        </Typography.Title>
        {can("customers", "create") && !filters.trash && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-new">
            {t("customers.new")}
          </Button>
        )}
      </Flex>
      <Card size="small">
        <Flex vertical gap={12}>
          <Flex wrap gap={8} align="center">
            <CustomerSearch value={filters.q} onSearch={(q) => params.update({ q })} />
            {!screens.md && (
              <Badge count={params.activeFilterCount} size="small">
                <Button
                  icon={<FilterOutlined />}
                  aria-expanded={filtersOpen}
                  onClick={() => setFiltersOpen((open) => !open)}
                >
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
                data-testid="customer-trash-toggle"
              />
              <label htmlFor={trashSwitchId}>{t("customers.trash")}</label>
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
          {showFilters && <CustomerFilterBar filters={filters} params={params} />}
        </Flex>
      </Card>
      {list.isError && !list.data ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<Customer>
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
              ? t("customers.trashEmpty")
              : params.activeFilterCount > 0 || filters.q
                ? t("customers.empty")
                : t("customers.none"),
          }}
          onRow={(customer) => (filters.trash ? {} : { onClick: () => navigate(`/customers/${customer.id}`) })}
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
        <Button disabled={!paging.hasPrevious || list.isFetching} onClick={paging.previous} data-testid="customer-prev">
          {t("common.previous")}
        </Button>
        <Button
          disabled={!list.data?.nextCursor || list.isFetching}
          onClick={() => {
            if (list.data?.nextCursor) paging.next(list.data.nextCursor);
          }}
          data-testid="customer-next"
        >
          {t("common.next")}
        </Button>
      </Flex>
      <CustomerFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(customer) => {
          setCreating(false);
          navigate(`/customers/${customer.id}`);
        }}
      />
    </Flex>
  );
}
