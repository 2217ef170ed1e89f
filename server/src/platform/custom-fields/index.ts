import { and, asc, eq, ne } from "drizzle-orm";
import type { Executor } from "../db/client.ts";
import { customFields } from "./table.ts";
import type { CustomFieldDefinition } from "./values.ts";

export { customValuesSchema } from "./schema.ts";
export type { CustomFieldDefinition, CustomValues } from "./values.ts";
export { mergeCustomValues, validateCustomValues } from "./values.ts";

/**
 * Field definitions change rarely and are read on every request of their objects: each process keeps
 * them a few seconds, and forgets at once the ones it changed itself. A list served by another process
 * may show the old definitions for at most CACHE_MS; writes read them `fresh`, so a value is never
 * checked against a field's old rules (a new required or unique flag, a new field).
 */
const CACHE_MS = 5_000;
const cache = new Map<string, { until: number; fields: Promise<CustomFieldDefinition[]> }>();

/** An organization's fields of one object type, active and archived (not purged), in display order. */
export function loadCustomFields(
  db: Executor,
  organizationId: string,
  objectType: string,
  options: { fresh?: boolean } = {},
): Promise<CustomFieldDefinition[]> {
  const cacheKey = `${organizationId}:${objectType}`;
  const hit = cache.get(cacheKey);
  if (hit && hit.until > Date.now() && !options.fresh) return hit.fields;
  const fields = Promise.resolve(
    db
      .select()
      .from(customFields)
      .where(
        and(
          eq(customFields.organizationId, organizationId),
          eq(customFields.objectType, objectType),
          ne(customFields.state, "purged"),
        ),
      )
      .orderBy(asc(customFields.position), asc(customFields.createdAt)),
  );
  const entry = { until: Date.now() + CACHE_MS, fields };
  cache.set(cacheKey, entry);
  fields.catch(() => cache.delete(cacheKey));
  return fields;
}

/** Call after changing an organization's field definitions. */
export function invalidateCustomFields(organizationId: string, objectType: string): void {
  cache.delete(`${organizationId}:${objectType}`);
}
