import { and, eq, sql } from "drizzle-orm";
import { type Database, type Executor, queryRows } from "../../platform/db/client.ts";
import { newId } from "../../platform/db/columns.ts";
import { auditLog } from "../../platform/db/platform.table.ts";
import { AppError } from "../../platform/errors.ts";
import { releaseReferences } from "../../platform/references.ts";
import { tableOf } from "./plan.ts";
import { importBatches, importRows } from "./table.ts";

type Batch = typeof importBatches.$inferSelect;

/** Rows whose record was changed (or trashed, or deleted) after the import wrote it. */
export function changedSince(db: Executor, batch: Batch) {
  const t = tableOf(batch.objectType);
  return queryRows<{ row_number: number; record_id: string }>(
    db,
    sql`select r.row_number, r.record_id from ${importRows} r left join ${t} c on c.id = r.record_id
        where r.batch_id = ${batch.id} and r.outcome in ('created', 'updated')
          and (c.id is null or c.version <> r.record_version or c.deleted_at is not null)
        order by r.row_number`,
  );
}

/**
 * Takes a batch back in one transaction: records it created are deleted, records it updated get
 * their previous values. A record changed since the import is left as it is; without `force` any
 * such record refuses the whole undo (409, naming the rows).
 */
export async function revertBatch(
  db: Database,
  batchId: string,
  opts: { force: boolean; actorId?: string; failedWith?: string },
): Promise<{ reverted: number; kept: number }> {
  return db.transaction(async (tx) => {
    const [batch] = await tx.select().from(importBatches).where(eq(importBatches.id, batchId)).for("update");
    if (!batch) throw new AppError("not_found", "Import not found");
    const t = tableOf(batch.objectType);
    const changed = await changedSince(tx, batch);
    if (changed.length > 0 && !opts.force) {
      throw new AppError(
        "conflict",
        `${changed.length} imported records were changed since; undo with force=true to keep those and revert the rest`,
        changed
          .slice(0, 100)
          .map((c) => ({ path: `rows.${c.row_number}`, message: `record ${c.record_id} changed since the import` })),
      );
    }
    const actorId = opts.actorId ?? batch.createdBy;
    const unchanged = sql`r.batch_id = ${batch.id} and c.id = r.record_id and c.version = r.record_version
                          and c.deleted_at is null and c.organization_id = ${batch.organizationId}`;
    const stamp = JSON.stringify([{ field: "importBatch", from: batch.id, to: null }]);
    await tx.execute(
      sql`insert into ${auditLog} (id, organization_id, entity_type, entity_id, action, actor_id, changes)
          select gen_random_uuid(), ${batch.organizationId}, ${batch.objectType}, c.id, 'purge', ${actorId}, ${stamp}::jsonb
          from ${importRows} r join ${t} c on ${unchanged} where r.outcome = 'created'`,
    );
    const doomed = await queryRows<{ id: string }>(
      tx,
      sql`select c.id from ${importRows} r join ${t} c on ${unchanged} where r.outcome = 'created'`,
    );
    // Tasks, shares and the like added since to a record about to go let go of it.
    const by = { organizationId: batch.organizationId, userId: actorId };
    await releaseReferences(
      tx,
      by,
      batch.objectType,
      doomed.map((r) => r.id),
    );
    const deleted = await queryRows<{ id: string }>(
      tx,
      sql`delete from ${t} c using ${importRows} r where ${unchanged} and r.outcome = 'created' returning c.id`,
    );
    const updated = await queryRows<{
      record_id: string;
      before: Record<string, unknown>;
      current: Record<string, unknown>;
    }>(
      tx,
      sql`select r.record_id, r.before, to_jsonb(c) as current from ${importRows} r join ${t} c on ${unchanged}
          where r.outcome = 'updated'`,
    );
    for (const row of updated) {
      const fields = Object.keys(row.before);
      // to_jsonb names columns in snake_case; the before-image is keyed by the Drizzle field names.
      const columns = t as unknown as Record<string, { name: string }>;
      const set = Object.fromEntries(fields.map((f) => [f, row.before[f]]));
      await tx
        .update(t)
        .set({ ...set, version: sql`${t.version} + 1`, updatedAt: new Date() } as never)
        .where(eq(t.id, row.record_id));
      await tx.insert(auditLog).values({
        id: newId(),
        organizationId: batch.organizationId,
        entityType: batch.objectType,
        entityId: row.record_id,
        action: "update",
        actorId,
        changes: [
          { field: "importBatch", from: batch.id, to: null },
          ...fields.map((f) => ({ field: f, from: row.current[columns[f]?.name ?? f] ?? null, to: row.before[f] })),
        ],
      });
    }
    const reverted = deleted.length + updated.length;
    await tx
      .update(importBatches)
      .set(
        opts.failedWith
          ? { status: "failed", error: opts.failedWith.slice(0, 2000), finishedAt: new Date(), updatedAt: new Date() }
          : { status: "undone", undoneAt: new Date(), updatedAt: new Date() },
      )
      .where(and(eq(importBatches.id, batch.id)));
    return { reverted, kept: changed.length };
  });
}
