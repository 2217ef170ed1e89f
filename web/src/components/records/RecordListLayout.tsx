import { FilterOutlined } from "@ant-design/icons";
import type { UseQueryResult } from "@tanstack/react-query";
import { Badge, Button, Card, Flex, Grid, Switch, Table, type TableColumnsType } from "antd";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { isOneOf } from "../../lib/guards";
import type { ListCount } from "../../lib/records/useListCount";
import type { CursorPaging } from "../../lib/useCursorStack";
import { CursorPager } from "../CursorPager";
import { PageHeader } from "../PageHeader";
import { QueryError } from "../QueryError";
import { ListTotal } from "./ListTotal";
import { type ListRowSelection, tableSelection } from "./listSelection";
import { RecordSearch } from "./RecordSearch";

/** The part of `useRecordListParams()` the layout drives. */
export interface RecordListLayoutParams<Sort extends string> {
  filters: { q?: string; trash: boolean };
  update: (changes: { q?: string; trash?: boolean; sort?: Sort }) => void;
  activeFilterCount: number;
}

export interface RecordListLayoutProps<T extends { id: string }, Sort extends string> {
  /** Test ids are `<testIdPrefix>-search`, `-trash-toggle`, `-count`, `-prev` and `-next`. */
  testIdPrefix: string;
  title: ReactNode;
  /** Buttons on the right of the title (new, import, export…). */
  actions?: ReactNode;
  search: { placeholder: string; label: string };
  /** The trash switch's label; lists without a trash (the public pool) leave it out. */
  trashLabel?: ReactNode;
  params: RecordListLayoutParams<Sort>;
  /** The sort values the list accepts; a table sort outside them clears the sort. */
  sorts: readonly Sort[];
  /** The list's filter selects; on phones they fold away behind a "Filters" button. */
  filterBar: ReactNode;
  /** Next to the trash switch, e.g. the column chooser. */
  toolbarExtra?: ReactNode;
  list: UseQueryResult<{ data: T[]; nextCursor: string | null }>;
  /** How many records the list shows with its filters, beside the title. */
  count: UseQueryResult<ListCount>;
  /** Its page, kept in the URL (useUrlPaging). */
  paging: CursorPaging;
  columns: TableColumnsType<T>;
  emptyText: ReactNode;
  /** A click on a row (outside the trash). */
  onOpen: (record: T) => void;
  /** Checkboxes to pick rows (bulk actions), and what to show above the table while some are picked. */
  rowSelection?: ListRowSelection<T>;
  selectionBar?: ReactNode;
  /** Drawers and dialogs the page opens. */
  children?: ReactNode;
}

/** A record list page: title and total, search, filters, trash switch, sortable table and prev/next paging. */
export function RecordListLayout<T extends { id: string }, Sort extends string>({
  testIdPrefix,
  title,
  actions,
  search,
  trashLabel,
  params,
  sorts,
  filterBar,
  toolbarExtra,
  list,
  count,
  paging,
  columns,
  emptyText,
  onOpen,
  rowSelection,
  selectionBar,
  children,
}: RecordListLayoutProps<T, Sort>) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const trashSwitchId = useId();
  const { filters } = params;
  // On phones the filters fold away behind a button to leave room for the list.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const showFilters = screens.md || filtersOpen;

  return (
    <Flex vertical gap={16}>
      <PageHeader title={title} aside={<ListTotal count={count} testId={`${testIdPrefix}-count`} />} extra={actions} />
      <Card size="small">
        <Flex vertical gap={12}>
          <Flex wrap gap={8} align="center">
            <RecordSearch
              value={filters.q}
              onSearch={(q) => params.update({ q })}
              placeholder={search.placeholder}
              label={search.label}
              testId={`${testIdPrefix}-search`}
            />
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
            <Flex wrap gap={8} align="center" style={{ marginInlineStart: "auto" }}>
              {trashLabel && (
                <>
                  <Switch
                    id={trashSwitchId}
                    size="small"
                    checked={filters.trash}
                    onChange={(trash) => params.update({ trash, sort: undefined })}
                    data-testid={`${testIdPrefix}-trash-toggle`}
                  />
                  <label htmlFor={trashSwitchId} style={{ whiteSpace: "nowrap" }}>
                    {trashLabel}
                  </label>
                </>
              )}
              {toolbarExtra}
            </Flex>
          </Flex>
          {showFilters && filterBar}
        </Flex>
      </Card>
      {selectionBar}
      {list.isError && !list.data ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<T>
          rowKey="id"
          rowSelection={filters.trash ? undefined : tableSelection(rowSelection, list.data?.data)}
          className={filters.trash ? undefined : "clickable-rows"}
          columns={columns}
          dataSource={list.data?.data}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: "max-content" }}
          size={screens.md ? "middle" : "small"}
          locale={{ emptyText }}
          onRow={(record) =>
            filters.trash
              ? {}
              : {
                  onClick: (event) => {
                    // A click on a row's checkbox picks it; it does not open it.
                    if ((event.target as HTMLElement).closest(".ant-table-selection-column")) return;
                    onOpen(record);
                  },
                }
          }
          onChange={(_pagination, _filters, sorter) => {
            if (Array.isArray(sorter)) return;
            const key = String(sorter.columnKey ?? "");
            const sort = sorter.order === "ascend" ? key : sorter.order === "descend" ? `-${key}` : undefined;
            params.update({ sort: isOneOf(sorts, sort) ? sort : undefined });
          }}
        />
      )}
      <CursorPager
        paging={paging}
        nextCursor={list.data?.nextCursor}
        busy={list.isFetching}
        showPage
        testIdPrefix={testIdPrefix}
      />
      {children}
    </Flex>
  );
}
