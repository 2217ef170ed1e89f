import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/client.ts";
import { textTypes, valueExpression } from "./query.ts";
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

/**
 * Whether a stored value (SQL text) is the same unique value as a given one, in a form the field's
 * index serves (indexes.ts: lower(...) for text-like fields): other text keeps its case, so the
 * index finds the case variants and the plain comparison keeps the one that matches exactly.
 */
function sameValue(field: CustomFieldDefinition, stored: SQL, given: SQL): SQL {
  const same = sql`${uniqueKey(field, stored)} = ${uniqueKey(field, given)}`;
  if (field.type === "email" || !textTypes.has(field.type)) return same;
  return sql`lower(${stored}) = lower(${given}) and ${same}`;
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
  const rows = await queryRows<{ id: string; given: string }>(db, holdersQuery(organizationId, table, field, texts));
  for (const row of rows) holders.set(row.given, [...(holders.get(row.given) ?? []), row.id]);
  return holders;
}

/**
 * The query of holdersOfValues. The values come as one array that unnest reads: PostgreSQL then
 * plans for as many values as there are (one, when a record is saved) and looks each up in the
 * field's index, where a set-returning function planned for 100 would scan the table (a test
 * checks the plan).
 */
export function holdersQuery(
  organizationId: string,
  table: CustomObjectTable,
  field: CustomFieldDefinition,
  texts: string[],
): SQL {
  const stored = valueExpression(table, { ...field, type: "text" });
  return sql`select ${table.id} as id, v.given
      from unnest(${sql.param([...new Set(texts)])}::text[]) as v(given)
      join ${table} on ${table.organizationId} = ${organizationId} and ${table.deletedAt} is null
        and ${sameValue(field, stored, sql`v.given`)}`;
}
