import type { TableColumnsType } from "antd";
import { useSearchParams } from "react-router";
import { type CustomObjectType, useCustomFields } from "../../features/custom-fields/api";
import { CustomFieldValue } from "./CustomFieldValue";
import { useLocalized } from "./labels";

/**
 * List columns for an object's custom fields, keyed `custom.<fieldKey>` so column choosers and saved
 * views treat them like the built-in ones; the sort arrow follows the URL's `sort`.
 */
export function useCustomFieldColumns<Row extends { custom: Record<string, unknown> }>(objectType: CustomObjectType) {
  const fields = useCustomFields(objectType).data ?? [];
  const sort = useSearchParams()[0].get("sort");
  const localized = useLocalized();
  const keys = fields.map((f) => `custom.${f.key}`);
  const columns: Record<string, TableColumnsType<Row>[number]> = {};
  const labels: Record<string, string> = {};
  for (const field of fields) {
    const key = `custom.${field.key}`;
    labels[key] = localized(field.label);
    columns[key] = {
      title: labels[key],
      key,
      // Multiple choice lists have no order to sort by.
      sorter: field.type !== "multiChoice",
      sortOrder: sort === key ? "ascend" : sort === `-${key}` ? "descend" : null,
      render: (_: unknown, row: Row) => <CustomFieldValue field={field} value={row.custom?.[field.key]} />,
    };
  }
  return { keys, columns, label: (key: string) => labels[key] ?? key };
}
