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
import { Button, theme } from "antd";
import { type CSSProperties, createContext, type ReactNode, useContext, useMemo } from "react";
import { useTranslation } from "react-i18next";

type Handle = Pick<ReturnType<typeof useSortable>, "setActivatorNodeRef" | "listeners" | "attributes">;
const HandleContext = createContext<Handle | null>(null);

/** Items only move up and down. */
const vertical: Modifier = ({ transform }) => ({ ...transform, x: 0 });

type SortableListProps = {
  /** Every item's id, in the current order. */
  ids: string[];
  /** An item's name, for what screen readers announce. */
  nameOf: (id: string) => string;
  /** Called once per drop that changes the order, with every id in the new order. */
  onReorder: (ids: string[]) => void;
  disabled?: boolean;
  children: ReactNode;
};

/**
 * A vertical list whose items (see useSortableItem) reorder by drag and drop on their DragHandle:
 * mouse, touch (the handle only, so a phone still scrolls) and keyboard (focus the handle, Space,
 * arrows, Space; Escape cancels), each step announced to screen readers.
 */
export function SortableList({ ids, nameOf, onReorder, disabled, children }: SortableListProps) {
  const { t } = useTranslation();
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const name = (id: UniqueIdentifier) => nameOf(String(id));
  const place = (id: UniqueIdentifier | undefined) => ({
    position: id === undefined ? 0 : ids.indexOf(String(id)) + 1,
    total: ids.length,
  });
  const announcements: Announcements = {
    onDragStart: ({ active }) => t("sortable.picked", { name: name(active.id), ...place(active.id) }),
    onDragOver: ({ active, over }) =>
      over ? t("sortable.over", { name: name(active.id), ...place(over.id) }) : undefined,
    onDragEnd: ({ active, over }) =>
      over ? t("sortable.dropped", { name: name(active.id), ...place(over.id) }) : undefined,
    onDragCancel: ({ active }) => t("sortable.cancelled", { name: name(active.id) }),
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onReorder(arrayMove(ids, ids.indexOf(String(active.id)), ids.indexOf(String(over.id))));
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
        {children}
      </SortableContext>
    </DndContext>
  );
}

/**
 * One item of a SortableList: give `ref` and `style` to the item's element and render the item inside
 * `withHandle`, so a DragHandle anywhere in it moves it.
 */
export function useSortableItem(id: string, style?: CSSProperties) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { setNodeRef, setActivatorNodeRef, listeners, attributes, transform, transition, isDragging } = useSortable({
    id,
    attributes: { roleDescription: t("sortable.roleDescription") },
  });
  const handle = useMemo(
    () => ({ setActivatorNodeRef, listeners, attributes }),
    [setActivatorNodeRef, listeners, attributes],
  );
  return {
    ref: setNodeRef,
    style: {
      ...style,
      transform: CSS.Translate.toString(transform),
      transition,
      ...(isDragging ? { position: "relative" as const, zIndex: 10, background: token.colorBgContainer } : {}),
    },
    withHandle: (children: ReactNode) => <HandleContext.Provider value={handle}>{children}</HandleContext.Provider>,
  };
}

/** The grip that moves its sortable item; `label` names the item ("Move Industry"). */
export function DragHandle({ label }: { label: string }) {
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
