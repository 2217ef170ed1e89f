import { ArrowDownOutlined, ArrowUpOutlined, SettingOutlined } from "@ant-design/icons";
import { Button, Checkbox, Flex, Popover, Typography } from "antd";
import { useTranslation } from "react-i18next";

interface ColumnChooserProps {
  columns: { key: string; label: string; locked?: boolean }[];
  visible: string[];
  onChange: (visible: string[]) => void;
  onReset: () => void;
}

/**
 * Popover with one checkbox per table column, the shown ones first in their order with buttons to
 * move them; locked columns always stay. `visible` is ordered: the table shows columns in it.
 */
export function ColumnChooser({ columns, visible, onChange, onReset }: ColumnChooserProps) {
  const { t } = useTranslation();
  const shown = visible.filter((key) => columns.some((column) => column.key === key && !column.locked));
  const ordered = [
    ...columns.filter((column) => column.locked),
    ...shown.flatMap((key) => columns.filter((column) => column.key === key)),
    ...columns.filter((column) => !column.locked && !shown.includes(column.key)),
  ];
  const move = (key: string, by: -1 | 1) => {
    const next = [...shown];
    const at = next.indexOf(key);
    next.splice(at, 1);
    next.splice(at + by, 0, key);
    onChange(next);
  };
  const content = (
    <Flex vertical gap={4} style={{ minWidth: 220, maxHeight: 420, overflowY: "auto" }}>
      <Typography.Text type="secondary">{t("common.visibleColumns")}</Typography.Text>
      {ordered.map((column) => {
        const at = shown.indexOf(column.key);
        return (
          <Flex key={column.key} align="center" justify="space-between" gap={8}>
            <Checkbox
              checked={column.locked || at >= 0}
              disabled={column.locked}
              onChange={(event) =>
                onChange(event.target.checked ? [...shown, column.key] : shown.filter((key) => key !== column.key))
              }
            >
              {column.label}
            </Checkbox>
            {at >= 0 && (
              <Flex gap={2}>
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowUpOutlined />}
                  disabled={at === 0}
                  onClick={() => move(column.key, -1)}
                  aria-label={t("savedViews.moveUp", { name: column.label })}
                />
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowDownOutlined />}
                  disabled={at === shown.length - 1}
                  onClick={() => move(column.key, 1)}
                  aria-label={t("savedViews.moveDown", { name: column.label })}
                />
              </Flex>
            )}
          </Flex>
        );
      })}
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
