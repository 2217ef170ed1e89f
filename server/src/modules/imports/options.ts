import type { Executor } from "../../platform/db/client.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import { contactColumns, customerColumns, type ExportColumn } from "../exports/columns.ts";
import { customerOptionFields } from "../option-lists/lists.ts";
import { listOptionValues } from "../option-lists/service.ts";
import type { ImportObjectType } from "./table.ts";

/**
 * Turns what a file says for a field with a list of values into the value's key: the key itself,
 * or its Chinese or English label, in any case ("信息技术", "Technology" and "technology" are one
 * value). Option lists (industry, tags, …) and the fixed choices an export writes as labels (a
 * customer's kind "公司", a contact's buying role) alike. Answers undefined for a value the list
 * does not hold.
 */
export type OptionResolver = {
  fields: ReadonlySet<string>;
  resolve(field: string, value: string): string | undefined;
  /** The field's values as the user sees them, in the import's language: what a message lists. */
  labels(field: string): string[];
};

const fold = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");

/** The export's fixed choices, so a file Rapport exported imports back: field -> folded word -> key. */
function fixedChoices<Row>(columns: ExportColumn<Row>[], locale: Locale) {
  const byField = new Map<string, Map<string, string>>();
  const labelsOf = new Map<string, string[]>();
  for (const column of columns) {
    if (!column.labels) continue;
    const lookup = new Map<string, string>();
    for (const [key, labels] of Object.entries(column.labels))
      for (const word of [key, ...labels]) lookup.set(fold(word), key);
    byField.set(column.key, lookup);
    labelsOf.set(
      column.key,
      Object.values(column.labels).map(([en, zh]) => (locale === "zh-CN" ? zh : en)),
    );
  }
  return { byField, labelsOf };
}

export async function loadOptionResolver(
  db: Executor,
  organizationId: string,
  objectType: ImportObjectType,
  locale: Locale = "en",
): Promise<OptionResolver> {
  const fields: Record<string, string> = objectType === "customer" ? customerOptionFields : {};
  const listKeys = Object.values(fields);
  const values = listKeys.length > 0 ? await listOptionValues(db, organizationId, listKeys) : [];
  const byList = new Map<string, Map<string, string>>();
  const labelsByList = new Map<string, string[]>();
  for (const v of values) {
    if (v.archivedAt) continue;
    const lookup = byList.get(v.listKey) ?? new Map<string, string>();
    byList.set(v.listKey, lookup);
    labelsByList.set(v.listKey, [...(labelsByList.get(v.listKey) ?? []), locale === "zh-CN" ? v.labelZh : v.labelEn]);
    for (const word of [v.key, v.labelEn, v.labelZh]) if (!lookup.has(fold(word))) lookup.set(fold(word), v.key);
  }
  const { byField: fixed, labelsOf } =
    objectType === "customer" ? fixedChoices(customerColumns, locale) : fixedChoices(contactColumns, locale);
  return {
    fields: new Set([...Object.keys(fields), ...fixed.keys()]),
    resolve(field, value) {
      const listKey = fields[field];
      if (listKey) return byList.get(listKey)?.get(fold(value));
      return fixed.has(field) ? fixed.get(field)?.get(fold(value)) : value;
    },
    labels(field) {
      const listKey = fields[field];
      return (listKey ? labelsByList.get(listKey) : labelsOf.get(field)) ?? [];
    },
  };
}
