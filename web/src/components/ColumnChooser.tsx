import { SettingOutlined } from "@ant-design/icons";
import { Button, Checkbox, Flex, Popover, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { DragHandle, SortableList, useSortableItem } from "./Sortable";

type Column = { key: string; label: string; locked?: boolean };

interface ColumnChooserProps {
  columns: Column[];
  visible: string[];
  onChange: (visible: string[]) => void;
  onReset: () => void;
}

function ColumnCheckbox({ column, checked, onToggle }: { column: Column; checked: boolean; onToggle(): void }) {
  return (
    <Checkbox checked={checked} disabled={column.locked} onChange={onToggle} style={{ flex: 1 }}>
      {column.label}
    </Checkbox>
  );
}

/** A shown column: its checkbox hides it, its handle moves it. */
function ShownColumn({ column, onHide }: { column: Column; onHide(): void }) {
  const { t } = useTranslation();
  const item = useSortableItem(column.key);
  return (
    <Flex ref={item.ref} style={item.style} align="center" gap={4} data-testid={`column-${column.key}`}>
      {item.withHandle(<DragHandle label={t("sortable.handle", { name: column.label })} />)}
      <ColumnCheckbox column={column} checked onToggle={onHide} />
    </Flex>
  );
}

/**
 * Popover with one checkbox per table column: locked columns first (always shown), then the shown
 * ones in their order, dragged by their handles to reorder, then the hidden ones. `visible` is
 * ordered: the table shows columns in it.
 */
export function ColumnChooser({ columns, visible, onChange, onReset }: ColumnChooserProps) {
  const { t } = useTranslation();
  const byKey = new Map(columns.map((column) => [column.key, column]));
  const shownColumns = visible.flatMap((key) => {
    const column = byKey.get(key);
    return column && !column.locked ? [column] : [];
  });
  const shown = shownColumns.map((column) => column.key);
  // Locked and hidden columns line up with the shown ones' checkboxes, past the handle's width.
  const indent = { paddingInlineStart: 28 };
  const content = (
    <Flex vertical gap={4} style={{ minWidth: 220, maxHeight: 420, overflowY: "auto" }}>
      <Typography.Text type="secondary">{t("common.visibleColumns")}</Typography.Text>
      {columns
        .filter((column) => column.locked)
        .map((column) => (
          <Flex key={column.key} style={indent}>
            <ColumnCheckbox column={column} checked onToggle={() => undefined} />
          </Flex>
        ))}
      <SortableList ids={shown} nameOf={(key) => byKey.get(key)?.label ?? key} onReorder={onChange}>
        {shownColumns.map((column) => (
          <ShownColumn
            key={column.key}
            column={column}
            onHide={() => onChange(shown.filter((key) => key !== column.key))}
          />
        ))}
      </SortableList>
      {columns
        .filter((column) => !column.locked && !shown.includes(column.key))
        .map((column) => (
          <Flex key={column.key} style={indent}>
            <ColumnCheckbox column={column} checked={false} onToggle={() => onChange([...shown, column.key])} />
          </Flex>
        ))}
      <Button size="small" type="link" onClick={onReset} style={{ alignSelf: "flex-start", padding: 0 }}>
        {t("common.resetColumns")}
      </Button>
    </Flex>
  );
  return (
    <Popover trigger="click" placement="bottomRight" content={content}>
      <Button icon={<SettingOutlined />} aria-label={t("common.columns")} data-testid="column-chooser" />
    </Popover>
  );
}
