import { SettingOutlined } from "@ant-design/icons";
import { Button, Checkbox, Flex, Popover, Typography } from "antd";
import { useTranslation } from "react-i18next";

interface ColumnChooserProps {
  columns: { key: string; label: string; locked?: boolean }[];
  visible: string[];
  onChange: (visible: string[]) => void;
  onReset: () => void;
}

/** Popover with one checkbox per table column; locked columns always stay. */
export function ColumnChooser({ columns, visible, onChange, onReset }: ColumnChooserProps) {
  const { t } = useTranslation();
  const content = (
    <Flex vertical gap={4} style={{ minWidth: 180 }}>
      <Typography.Text type="secondary">{t("common.visibleColumns")}</Typography.Text>
      {columns.map((column) => (
        <Checkbox
          key={column.key}
          checked={column.locked || visible.includes(column.key)}
          disabled={column.locked}
          onChange={(event) =>
            onChange(event.target.checked ? [...visible, column.key] : visible.filter((key) => key !== column.key))
          }
        >
          {column.label}
        </Checkbox>
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
