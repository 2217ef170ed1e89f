import type { Executor } from "../../platform/db/client.ts";
import { customerOptionFields } from "../option-lists/lists.ts";
import { listOptionValues } from "../option-lists/service.ts";
import type { ImportObjectType } from "./table.ts";

/**
 * Turns what a file says for an option-list field into the list's key: the key itself, or its
 * Chinese or English label, in any case ("信息技术", "Technology" and "technology" are one value).
 * Answers undefined for a value the list does not hold.
 */
export type OptionResolver = { fields: ReadonlySet<string>; resolve(field: string, value: string): string | undefined };

const fold = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");

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
  return {
    fields: new Set(Object.keys(fields)),
    resolve(field, value) {
      const listKey = fields[field];
      return listKey ? byList.get(listKey)?.get(fold(value)) : value;
    },
  };
}
