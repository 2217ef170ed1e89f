import { DownloadOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useTranslation } from "react-i18next";
import { useCan } from "../auth/session";

export type ExportObject = "customers" | "contacts";

/** Columns the export knows; a list column without an export counterpart is left out. */
const exportable: Record<ExportObject, readonly string[]> = {
  customers: [
    "name",
    "kind",
    "industry",
    "size",
    "level",
    "source",
    "lifecycleStage",
    "tags",
    "phone",
    "email",
    "website",
    "city",
    "address",
    "ownerName",
    "notes",
    "lastFollowUpAt",
    "nextFollowUpAt",
    "createdAt",
    "updatedAt",
    "id",
  ],
  contacts: [
    "name",
    "customerName",
    "title",
    "department",
    "phones",
    "emails",
    "im",
    "birthday",
    "buyingRole",
    "isPrimary",
    "ownerName",
    "notes",
    "createdAt",
    "updatedAt",
    "id",
  ],
};

/** The download link for what the list shows: its filters, search, sort and visible columns. */
export function exportUrl(
  objectType: ExportObject,
  query: Record<string, unknown>,
  columns: readonly string[],
  format: "csv" | "xlsx",
  lang: string,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "" && !["limit", "cursor", "deleted"].includes(key))
      params.set(key, String(value));
  }
  const known = columns.filter((c) => exportable[objectType].includes(c));
  if (known.length > 0) params.set("columns", known.join(","));
  params.set("format", format);
  params.set("lang", lang.startsWith("zh") ? "zh-CN" : "en");
  return `/api/v1/exports/${objectType}?${params.toString()}`;
}

/** Export (CSV / Excel) of the list as it is shown; only for users with the export permission. */
export function ExportButton({
  objectType,
  query,
  columns,
}: {
  objectType: ExportObject;
  query: Record<string, unknown>;
  columns: readonly string[];
}) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  if (!can(objectType, "export")) return null;
  const item = (format: "csv" | "xlsx", label: string) => ({
    key: format,
    label: (
      <a href={exportUrl(objectType, query, columns, format, i18n.language)} download data-testid={`export-${format}`}>
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
