import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/client.ts";
import { valueExpression } from "./query.ts";
import type { CustomObjectTable } from "./registry.ts";
import type { CustomFieldDefinition } from "./values.ts";

/**
 * A unique field's value is taken by one live record at most. It holds under concurrency by a
 * transaction-scoped advisory lock on (organization, field, value): a second writer of the same value
 * waits for the first to commit, then its check sees the first row. It needs no unique index, so it
 * holds from the moment the flag is set, while the (plain) index is still being built.
 */
export async function lockUniqueValues(
  db: Executor,
  organizationId: string,
  field: CustomFieldDefinition,
  texts: string[],
): Promise<void> {
  if (texts.length === 0) return;
  const keys = [...new Set(texts)].map((text) => `${organizationId}:custom:${field.id}:${text}`);
  // In one order for every writer, so two batches of values cannot wait on each other.
  await queryRows(
    db,
    sql`select pg_advisory_xact_lock(hashtextextended(k, 0))
        from (select k from jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb) as k order by k) as keys`,
  );
}

/** The live records holding each of the values (compared as text): value → their ids. */
export async function holdersOfValues(
  db: Executor,
  organizationId: string,
  table: CustomObjectTable,
  field: CustomFieldDefinition,
  texts: string[],
): Promise<Map<string, string[]>> {
  const holders = new Map<string, string[]>();
  if (texts.length === 0) return holders;
  const value = valueExpression(table, { ...field, type: "text" });
  const rows = await queryRows<{ id: string; value: string }>(
    db,
    sql`select ${table.id} as id, ${value} as value from ${table}
        where ${table.organizationId} = ${organizationId} and ${table.deletedAt} is null
          and ${value} in (select jsonb_array_elements_text(${JSON.stringify([...new Set(texts)])}::jsonb))`,
  );
  for (const row of rows) holders.set(row.value, [...(holders.get(row.value) ?? []), row.id]);
  return holders;
}
