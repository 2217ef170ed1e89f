import { HolderOutlined } from "@ant-design/icons";
import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  type Modifier,
  MouseSensor,
  TouchSensor,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { Button, Table, type TableColumnsType, type TableProps, theme } from "antd";
import { createContext, type HTMLAttributes, useContext, useMemo } from "react";
import { useTranslation } from "react-i18next";

type Handle = Pick<ReturnType<typeof useSortable>, "setActivatorNodeRef" | "listeners" | "attributes">;
const HandleContext = createContext<Handle | null>(null);

/** Rows only move up and down. */
const vertical: Modifier = ({ transform }) => ({ ...transform, x: 0 });

function SortableRow(props: HTMLAttributes<HTMLTableRowElement> & { "data-row-key": string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { setNodeRef, setActivatorNodeRef, listeners, attributes, transform, transition, isDragging } = useSortable({
    id: props["data-row-key"],
    attributes: { roleDescription: t("sortable.roleDescription") },
  });
  const handle = useMemo(
    () => ({ setActivatorNodeRef, listeners, attributes }),
    [setActivatorNodeRef, listeners, attributes],
  );
  const style = {
    ...props.style,
    transform: CSS.Translate.toString(transform),
    transition,
    ...(isDragging ? { position: "relative" as const, zIndex: 10, background: token.colorBgContainer } : {}),
  };
  return (
    <HandleContext.Provider value={handle}>
      <tr {...props} ref={setNodeRef} style={style} />
    </HandleContext.Provider>
  );
}

/** antd also renders its "no data" row with the row component: that one is not sortable. */
function Row(props: HTMLAttributes<HTMLTableRowElement> & { "data-row-key"?: string }) {
  const key = props["data-row-key"];
  return key === undefined ? <tr {...props} /> : <SortableRow {...props} data-row-key={key} />;
}

function DragHandle({ label }: { label: string }) {
  const handle = useContext(HandleContext);
  return (
    <Button
      type="text"
      size="small"
      icon={<HolderOutlined />}
      ref={handle?.setActivatorNodeRef}
      {...handle?.attributes}
      {...handle?.listeners}
      aria-label={label}
      // The handle takes touches for dragging, so the page still scrolls from anywhere else.
      style={{ cursor: "grab", touchAction: "none" }}
      data-testid="sortable-handle"
    />
  );
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

/**
 * An antd table whose rows reorder by drag and drop on a handle column: mouse, touch (the handle
 * only, so a phone still scrolls) and keyboard (focus the handle, Space, arrows, Space; Escape cancels).
 */
export function SortableTable<T extends { id: string }>({
  dataSource,
  columns,
  rowName,
  onReorder,
  disabled,
  ...tableProps
}: SortableTableProps<T>) {
  const { t } = useTranslation();
  const ids = dataSource.map((row) => row.id);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const nameOf = (id: UniqueIdentifier) => {
    const row = dataSource.find((r) => r.id === id);
    return row ? rowName(row) : String(id);
  };
  const place = (id: UniqueIdentifier | undefined) => ({
    position: id === undefined ? 0 : ids.indexOf(String(id)) + 1,
    total: ids.length,
  });
  const announcements: Announcements = {
    onDragStart: ({ active }) => t("sortable.picked", { name: nameOf(active.id), ...place(active.id) }),
    onDragOver: ({ active, over }) =>
      over ? t("sortable.over", { name: nameOf(active.id), ...place(over.id) }) : undefined,
    onDragEnd: ({ active, over }) =>
      over ? t("sortable.dropped", { name: nameOf(active.id), ...place(over.id) }) : undefined,
    onDragCancel: ({ active }) => t("sortable.cancelled", { name: nameOf(active.id) }),
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onReorder(arrayMove(ids, ids.indexOf(String(active.id)), ids.indexOf(String(over.id))));
  };
  const handleColumn: TableColumnsType<T>[number] = {
    key: "sortable-handle",
    title: t("sortable.order"),
    width: 56,
    align: "center",
    render: (_, row) => <DragHandle label={t("sortable.handle", { name: rowName(row) })} />,
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      modifiers={[vertical]}
      onDragEnd={onDragEnd}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t("sortable.instructions") } }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy} disabled={disabled}>
        <Table<T>
          {...tableProps}
          rowKey="id"
          dataSource={dataSource}
          columns={[handleColumn, ...columns]}
          components={{ body: { row: Row } }}
        />
      </SortableContext>
    </DndContext>
  );
}
