import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useUsers } from "../../features/admin/api";
import { type CustomObjectType, useCustomFields } from "../../features/custom-fields/api";
import { useFormat } from "../../lib/useFormat";
import { optionLabel, useLocalized } from "./labels";

/**
 * Labels for `custom.<key>` changes in a record's history and timeline: the field's name and its
 * values as text. Each answers undefined for any other field, so callers fall back to their own.
 */
export function useCustomHistoryLabels(objectType: CustomObjectType) {
  const { t } = useTranslation();
  const format = useFormat();
  const localized = useLocalized();
  // Archived fields too: their old changes stay readable.
  const fields = useCustomFields(objectType, { archived: true }).data;
  const users = useUsers().data;

  return useMemo(() => {
    const fieldOf = (name: string) =>
      name.startsWith("custom.") ? fields?.find((f) => f.key === name.slice("custom.".length)) : undefined;
    return {
      field: (name: string): string | undefined => {
        const field = fieldOf(name);
        return field ? localized(field.label) : name.startsWith("custom.") ? name.slice(7) : undefined;
      },
      value: (name: string, raw: unknown): string | undefined => {
        const field = fieldOf(name);
        if (!field) return undefined;
        if (raw === null || raw === undefined) return "—";
        switch (field.type) {
          case "number":
            return format.number(raw as number);
          case "money":
            return field.currency ? format.money({ amount: String(raw), currency: field.currency }) : String(raw);
          case "date":
            return format.day(raw as string);
          case "dateTime":
            return format.dateTime(raw as string);
          case "checkbox":
            return raw ? t("customFields.yes") : t("customFields.no");
          case "singleChoice":
            return optionLabel(field, String(raw), localized);
          case "multiChoice":
            return (raw as string[]).map((key) => optionLabel(field, key, localized)).join(", ");
          case "user":
            return users?.find((u) => u.id === raw)?.name ?? String(raw);
          default:
            return String(raw);
        }
      },
    };
  }, [fields, users, format, localized, t]);
}
