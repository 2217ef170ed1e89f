import { eq, sql } from "drizzle-orm";
import { type Database, type Executor, isEmbedded, queryRows } from "../db/client.ts";
import { defineJob } from "../jobs/queue.ts";
import { indexExpression, textTypes } from "./query.ts";
import { customObjects } from "./registry.ts";
import { type CustomFieldRow, customFields } from "./table.ts";

export type IndexStatus = "none" | "building" | "ready";

/** One index per field, named by the field's id (never by its key): 35 characters, under PostgreSQL's 63. */
export const indexName = (fieldId: string) => `cf_${fieldId.replaceAll("-", "")}`;

/**
 * Whether an index definition (pg_get_indexdef) is on the expression the field's queries use now.
 * Text-like fields' indexes were once on the value as stored; they are on lower(...) since filters
 * compare those fields without case, and indexes built before are built again (scheduleStaleIndexes).
 */
const isCurrentDefinition = (field: CustomFieldRow, definition: string) =>
  definition.includes("lower(") === textTypes.has(field.type);

/**
 * The field's partial expression index: only its organization's live rows, on the expression filters
 * and sorts use (query.ts), with the id for keyset paging; a GIN index for multiple choice lists.
 * PostgreSQL builds it CONCURRENTLY, so writers to the table are not blocked while it builds; the one
 * connection of PGlite has no other writers to spare, so it builds plainly.
 */
async function ensureIndex(db: Database, field: CustomFieldRow, tableName: string): Promise<void> {
  const name = indexName(field.id);
  const embedded = isEmbedded(db);
  const concurrently = embedded ? "" : "concurrently";
  // A CONCURRENTLY build that failed half-way leaves an invalid index behind, and an index on an
  // expression the queries no longer use serves nothing: drop either, build again.
  const [existing] = await queryRows<{ valid: boolean; definition: string }>(
    db,
    sql`select i.indisvalid as valid, pg_get_indexdef(i.indexrelid) as definition
        from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = ${name}`,
  );
  if (existing?.valid && isCurrentDefinition(field, existing.definition)) return;
  if (existing) await db.execute(sql.raw(`drop index ${concurrently} if exists "${name}"`));
  const using =
    field.type === "multiChoice" ? `gin (${indexExpression(field)})` : `btree (${indexExpression(field)}, id)`;
  const organization = field.organizationId.replace(/[^0-9a-f-]/gi, "");
  await db.execute(
    sql.raw(
      `create index ${concurrently} if not exists "${name}" on "${tableName}" using ${using} ` +
        `where organization_id = '${organization}' and deleted_at is null`,
    ),
  );
}

/**
 * Brings a field's index and values in line with its definition: an index while it is active and
 * indexed or unique, none otherwise; a purged field's values removed from every record. Enqueued in
 * the transaction that changes the field; it reads the field as it is when it runs, so running it
 * twice, or an older job after a newer one, ends in the same state.
 */
export const customFieldSyncJob = defineJob<{ fieldId: string }>({
  queue: "custom-field-sync",
  maxAttempts: 10,
  async handle({ db, payload }) {
    const [field] = await db.select().from(customFields).where(eq(customFields.id, payload.fieldId));
    if (!field) return;
    const object = customObjects().get(field.objectType);
    if (!object) throw new Error(`no object type ${field.objectType} takes custom fields`);
    if (field.state === "active" && (field.indexed || field.unique)) await ensureIndex(db, field, object.tableName);
    else
      await db.execute(
        sql.raw(`drop index ${isEmbedded(db) ? "" : "concurrently"} if exists "${indexName(field.id)}"`),
      );
    if (field.state === "purged") {
      const t = object.table;
      await db.execute(
        sql`update ${t} set ${sql.identifier("custom")} = ${t.custom} - ${field.key}
            where ${t.organizationId} = ${field.organizationId} and ${t.custom} ? ${field.key}`,
      );
    }
  },
});

/** Schedules the sync of a field at its current version, in the caller's transaction. */
export async function scheduleFieldSync(tx: Executor, field: CustomFieldRow): Promise<void> {
  await customFieldSyncJob.enqueue(tx, {
    key: `${field.id}@${field.version}`,
    payload: { fieldId: field.id },
    runAt: new Date(),
    organizationId: field.organizationId,
  });
}

/**
 * At start: enqueues a rebuild of the indexes built on an expression the queries no longer use (text-like
 * fields' indexes from before they compared without case). Keyed by field version, so several nodes
 * starting at once, or a restart before the job ran, enqueue each rebuild once; answers how many.
 */
export async function scheduleStaleIndexes(db: Executor): Promise<number> {
  const definition = sql<string | null>`(select pg_get_indexdef(i.indexrelid) from pg_index i
    join pg_class c on c.oid = i.indexrelid where c.relname = 'cf_' || replace(${customFields.id}::text, '-', ''))`;
  const indexed = await db
    .select({ field: customFields, definition })
    .from(customFields)
    .where(sql`${customFields.state} = 'active' and (${customFields.indexed} or ${customFields.unique})`);
  // A field without its index yet has a sync job of its own on the way.
  const stale = indexed.filter((r) => r.definition !== null && !isCurrentDefinition(r.field, r.definition));
  for (const { field } of stale) {
    await customFieldSyncJob.enqueue(db, {
      key: `${field.id}@${field.version}:rebuild`,
      payload: { fieldId: field.id },
      runAt: new Date(),
      organizationId: field.organizationId,
    });
  }
  return stale.length;
}

/** Whether each field's index exists and is ready, by field id. */
export async function indexStatuses(db: Executor, fields: CustomFieldRow[]): Promise<Map<string, IndexStatus>> {
  const names = fields.map((f) => indexName(f.id));
  const rows =
    names.length === 0
      ? []
      : await queryRows<{ name: string; valid: boolean }>(
          db,
          sql`select c.relname as name, i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid
              where c.relname in (${sql.join(
                names.map((n) => sql`${n}`),
                sql`, `,
              )})`,
        );
  const found = new Map(rows.map((r) => [r.name, r.valid]));
  return new Map(
    fields.map((f) => {
      const valid = found.get(indexName(f.id));
      return [f.id, valid === undefined ? "none" : valid ? "ready" : "building"];
    }),
  );
}
