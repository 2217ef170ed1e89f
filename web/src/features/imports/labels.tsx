import { Flex, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type en from "../../locales/en.json";
import { useContactLabels } from "../contacts/labels";
import { useCustomerLabels } from "../customers/labels";
import { OptionTag } from "../option-lists/OptionTag";
import type { ImportBatch, ImportObjectType } from "./api";
import { importResult } from "./results";

type TargetKey = keyof typeof en.imports.target;

/** Targets whose import label says more than the record page's: how the file names the person or company. */
const describedTargets = new Set(["owner", "customer"]);

/** The labels the customer or contact pages use, custom fields by their label in the UI language. */
function useRecordLabels(objectType: ImportObjectType) {
  const customer = useCustomerLabels();
  const contact = useContactLabels();
  return objectType === "customer" ? customer : contact;
}

/**
 * A mapping target's label: a built-in field as the record's pages name it ("Lifecycle stage"), a
 * custom field by its label ("合同编号"); parts such as "address.city" and "phones.mobile", and the
 * owner and company (which say how the file should name them), by the import's own words.
 */
export function useTargetLabel(objectType: ImportObjectType) {
  const { t, i18n } = useTranslation();
  const labels = useRecordLabels(objectType);
  return (target: string) => {
    if (!describedTargets.has(target)) {
      const label = labels.field(target);
      if (label !== target) return label;
    }
    const key = `imports.target.${target.replace(".", "_") as TargetKey}` as const;
    return i18n.exists(key) ? t(key) : target;
  };
}

/** One previewed row as the record's page shows it: option labels, tags, address as text, custom fields formatted. */
export function PreviewValues({
  objectType,
  values,
}: {
  objectType: ImportObjectType;
  values: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const labels = useRecordLabels(objectType);
  const items: { key: string; label: string; value: ReactNode }[] = [];
  const empty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
  for (const [key, value] of Object.entries(values)) {
    if (empty(value) || (key === "customerId" && values.customer)) continue;
    if (key === "custom") {
      for (const [field, raw] of Object.entries(value as Record<string, unknown>))
        items.push({
          key: `custom.${field}`,
          label: labels.field(`custom.${field}`),
          value: labels.value(`custom.${field}`, raw),
        });
    } else if (key === "owner") items.push({ key, label: t("customers.fields.ownerId"), value: String(value) });
    else if (key === "customer") items.push({ key, label: t("contacts.fields.customerId"), value: String(value) });
    else if (key === "tags" && objectType === "customer")
      items.push({
        key,
        label: labels.field(key),
        value: (value as string[]).map((tag) => <OptionTag key={tag} listKey="customer.tags" value={tag} />),
      });
    else items.push({ key, label: labels.field(key), value: labels.value(key, value) });
  }
  return (
    <Flex wrap gap="2px 12px">
      {items.map((item) => (
        <span key={item.key}>
          <Typography.Text type="secondary">{t("imports.labelled", { label: item.label })}</Typography.Text>
          {item.value}
        </span>
      ))}
    </Flex>
  );
}

/** importResult in the UI's language. */
export function useImportResults() {
  const { t } = useTranslation();
  return (batch: ImportBatch) => importResult(t, batch);
}

/** The undo's question: created records (the customers a contact import created among them) go, updated ones get their old values. */
export function useUndoQuestion() {
  const { t } = useTranslation();
  return (batch: ImportBatch) => {
    const created = batch.createdCount + batch.createdCustomers;
    const lines = [
      created > 0 && batch.createdCustomers > 0
        ? t("imports.undoDeletesWithCustomers", { count: created, customers: batch.createdCustomers })
        : created > 0 && t("imports.undoDeletes", { count: created }),
      batch.updatedCount > 0 && t("imports.undoRestores", { count: batch.updatedCount }),
    ];
    return lines.filter((line): line is string => Boolean(line));
  };
}
