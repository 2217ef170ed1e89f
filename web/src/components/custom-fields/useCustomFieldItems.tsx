import { type CustomObjectType, useCustomFields } from "../../features/custom-fields/api";
import { CustomFieldValue } from "./CustomFieldValue";
import { useLocalized } from "./labels";

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);

/** A record's custom fields as Descriptions items for its detail page; `empty` when it holds no value. */
export function useCustomFieldItems(objectType: CustomObjectType, custom: Record<string, unknown> | undefined) {
  const fields = useCustomFields(objectType).data ?? [];
  const localized = useLocalized();
  return fields.map((field) => ({
    key: `custom.${field.key}`,
    label: localized(field.label),
    span: field.type === "longText" ? ("filled" as const) : undefined,
    children: <CustomFieldValue field={field} value={custom?.[field.key]} />,
    empty: isEmpty(custom?.[field.key]),
  }));
}
