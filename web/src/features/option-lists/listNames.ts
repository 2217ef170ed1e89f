import { useTranslation } from "react-i18next";

/** The lists the settings page shows, grouped by the object whose fields use them. */
export const LIST_GROUPS = [
  {
    object: "customers",
    lists: [
      "customer.industry",
      "customer.size",
      "customer.level",
      "customer.source",
      "customer.lifecycleStage",
      "customer.tags",
    ],
  },
] as const;

/** A list's name: the field that uses it; a list added later (e.g. a custom field's) shows its key. */
export function useListName() {
  const { t } = useTranslation();
  const names: Record<string, string> = {
    "customer.industry": t("customers.fields.industry"),
    "customer.size": t("customers.fields.size"),
    "customer.level": t("customers.fields.level"),
    "customer.source": t("customers.fields.source"),
    "customer.lifecycleStage": t("customers.fields.lifecycleStage"),
    "customer.tags": t("customers.fields.tags"),
  };
  return (listKey: string) => names[listKey] ?? listKey;
}
