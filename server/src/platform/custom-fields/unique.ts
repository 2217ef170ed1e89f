import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/client.ts";
import { valueExpression } from "./query.ts";
import type { CustomObjectTable } from "./registry.ts";
import type { CustomFieldDefinition } from "./values.ts";

const numeric = new Set(["number", "money"]);

/**
 * What makes two values of a unique field the same: emails without case, numbers by value ("1e21"
 * and "1000000000000000000000"), anything else as stored. `text` is a value as SQL text.
 */
export function uniqueKey(field: CustomFieldDefinition, text: SQL): SQL {
  if (field.type === "email") return sql`lower(${text})`;
  return numeric.has(field.type) ? sql`(${text})::numeric` : text;
}

/** The same in JavaScript, for the lock of a value (numbers arrive normalized, as JSON numbers or money text). */
const lockText = (field: CustomFieldDefinition, text: string) => (field.type === "email" ? text.toLowerCase() : text);

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
  const keys = [...new Set(texts.map((text) => `${organizationId}:custom:${field.id}:${lockText(field, text)}`))];
  // In one order for every writer, so two batches of values cannot wait on each other.
  await queryRows(
    db,
    sql`select pg_advisory_xact_lock(hashtextextended(k, 0))
        from (select k from jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb) as k order by k) as keys`,
  );
}

/** The live records holding each of the values (compared by `uniqueKey`): value as given → their ids. */
export async function holdersOfValues(
  db: Executor,
  organizationId: string,
  table: CustomObjectTable,
  field: CustomFieldDefinition,
  texts: string[],
): Promise<Map<string, string[]>> {
  const holders = new Map<string, string[]>();
  if (texts.length === 0) return holders;
  const stored = uniqueKey(field, valueExpression(table, { ...field, type: "text" }));
  const rows = await queryRows<{ id: string; given: string }>(
    db,
    sql`select ${table.id} as id, v.given
        from jsonb_array_elements_text(${JSON.stringify([...new Set(texts)])}::jsonb) as v(given)
        join ${table} on ${table.organizationId} = ${organizationId} and ${table.deletedAt} is null
          and ${stored} = ${uniqueKey(field, sql`v.given`)}`,
  );
  for (const row of rows) holders.set(row.given, [...(holders.get(row.given) ?? []), row.id]);
  return holders;
}
