import { Table, type TableColumnsType, type TableProps } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { DragHandle, SortableList, useSortableItem } from "./Sortable";

function SortableRow(props: HTMLAttributes<HTMLTableRowElement> & { "data-row-key": string }) {
  const item = useSortableItem(props["data-row-key"], props.style);
  return item.withHandle(<tr {...props} ref={item.ref} style={item.style} />);
}

/** antd also renders its "no data" row with the row component: that one is not sortable. */
function Row(props: HTMLAttributes<HTMLTableRowElement> & { "data-row-key"?: string }) {
  const key = props["data-row-key"];
  return key === undefined ? <tr {...props} /> : <SortableRow {...props} data-row-key={key} />;
}

type SortableTableProps<T> = Omit<TableProps<T>, "rowKey" | "dataSource" | "columns" | "components"> & {
  dataSource: readonly T[];
  columns: TableColumnsType<T>;
  /** The row's name, for the handle's label and what screen readers announce. */
  rowName: (row: T) => string;
  /** Called once per drop that changes the order, with every row id in the new order. */
  onReorder: (ids: string[]) => void;
  disabled?: boolean;
};

/** An antd table whose rows reorder by drag and drop on a handle column (see SortableList). */
export function SortableTable<T extends { id: string }>({
  dataSource,
  columns,
  rowName,
  onReorder,
  disabled,
  ...tableProps
}: SortableTableProps<T>) {
  const { t } = useTranslation();
  const nameOf = (id: string) => {
    const row = dataSource.find((r) => r.id === id);
    return row ? rowName(row) : id;
  };
  const handleColumn: TableColumnsType<T>[number] = {
    key: "sortable-handle",
    title: t("sortable.order"),
    width: 56,
    align: "center",
    render: (_, row) => <DragHandle label={t("sortable.handle", { name: rowName(row) })} />,
  };

  return (
    <SortableList ids={dataSource.map((row) => row.id)} nameOf={nameOf} onReorder={onReorder} disabled={disabled}>
      <Table<T>
        {...tableProps}
        rowKey="id"
        dataSource={dataSource}
        columns={[handleColumn, ...columns]}
        components={{ body: { row: Row } }}
      />
    </SortableList>
  );
}
