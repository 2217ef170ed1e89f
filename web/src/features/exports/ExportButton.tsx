import { DownloadOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useTranslation } from "react-i18next";
import { useCan } from "../auth/session";
import { useCustomFields } from "../custom-fields/api";
import { type ExportObject, exportColumns } from "./exportColumns";

export type { ExportObject };

/** exportColumns of the list's visible columns, with the object's custom fields as the list has them. */
export function useExportColumns(objectType: ExportObject, visible: readonly string[]): string[] {
  const fields = useCustomFields(objectType === "customers" ? "customer" : "contact").data ?? [];
  return exportColumns(
    objectType,
    visible,
    fields.map((field) => `custom.${field.key}`),
  );
}

/** The download link for what the list shows: its filters, search, sort and `columns` (see exportColumns). */
export function exportUrl(
  objectType: ExportObject,
  query: Record<string, unknown>,
  columns: readonly string[],
  format: "csv" | "xlsx",
  lang: string,
  viewName?: string,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "" && !["limit", "cursor", "deleted"].includes(key))
      params.set(key, String(value));
  }
  if (columns.length > 0) params.set("columns", columns.join(","));
  params.set("format", format);
  params.set("lang", lang.startsWith("zh") ? "zh-CN" : "en");
  if (viewName) params.set("viewName", viewName);
  return `/api/v1/exports/${objectType}?${params.toString()}`;
}

/** Export (CSV / Excel) of the list as it is shown; only for users with the export permission. */
export function ExportButton({
  objectType,
  query,
  columns,
  viewName,
}: {
  objectType: ExportObject;
  query: Record<string, unknown>;
  /** The list's visible columns, as its column chooser or saved view has them. */
  columns: readonly string[];
  /** The saved view the list shows, whose name the file takes. */
  viewName?: string;
}) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const shown = useExportColumns(objectType, columns);
  if (!can(objectType, "export")) return null;
  const item = (format: "csv" | "xlsx", label: string) => ({
    key: format,
    label: (
      <a
        href={exportUrl(objectType, query, shown, format, i18n.language, viewName)}
        download
        data-testid={`export-${format}`}
      >
        {label}
      </a>
    ),
  });
  return (
    <Dropdown menu={{ items: [item("csv", t("exports.csv")), item("xlsx", t("exports.xlsx"))] }} trigger={["click"]}>
      <Button icon={<DownloadOutlined />} data-testid={`${objectType}-export-file`}>
        {t("exports.button")}
      </Button>
    </Dropdown>
  );
}
