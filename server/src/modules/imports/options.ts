import type { Executor } from "../../platform/db/client.ts";
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
export type OptionResolver = { fields: ReadonlySet<string>; resolve(field: string, value: string): string | undefined };

const fold = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");

/** The export's fixed choices, so a file Rapport exported imports back: field -> folded word -> key. */
function fixedChoices<Row>(columns: ExportColumn<Row>[]): Map<string, Map<string, string>> {
  const byField = new Map<string, Map<string, string>>();
  for (const column of columns) {
    if (!column.labels) continue;
    const lookup = new Map<string, string>();
    for (const [key, labels] of Object.entries(column.labels))
      for (const word of [key, ...labels]) lookup.set(fold(word), key);
    byField.set(column.key, lookup);
  }
  return byField;
}

export async function loadOptionResolver(
  db: Executor,
  organizationId: string,
  objectType: ImportObjectType,
): Promise<OptionResolver> {
  const fields: Record<string, string> = objectType === "customer" ? customerOptionFields : {};
  const listKeys = Object.values(fields);
  const values = listKeys.length > 0 ? await listOptionValues(db, organizationId, listKeys) : [];
  const byList = new Map<string, Map<string, string>>();
  for (const v of values) {
    if (v.archivedAt) continue;
    const lookup = byList.get(v.listKey) ?? new Map<string, string>();
    byList.set(v.listKey, lookup);
    for (const word of [v.key, v.labelEn, v.labelZh]) if (!lookup.has(fold(word))) lookup.set(fold(word), v.key);
  }
  const fixed = objectType === "customer" ? fixedChoices(customerColumns) : fixedChoices(contactColumns);
  return {
    fields: new Set([...Object.keys(fields), ...fixed.keys()]),
    resolve(field, value) {
      const listKey = fields[field];
      if (listKey) return byList.get(listKey)?.get(fold(value));
      return fixed.has(field) ? fixed.get(field)?.get(fold(value)) : value;
    },
  };
}
