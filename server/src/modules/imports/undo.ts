import { and, eq, sql } from "drizzle-orm";
import { type Database, queryRows, type Transaction } from "../../platform/db/client.ts";
import { newId } from "../../platform/db/columns.ts";
import { auditLog } from "../../platform/db/platform.table.ts";
import { AppError } from "../../platform/errors.ts";
import { referencedIds, releaseReferences, uuidArray } from "../../platform/references.ts";
import { customers } from "../customers/table.ts";
import { tableOf } from "./plan.ts";
import { importBatches, importRows } from "./table.ts";

type Batch = typeof importBatches.$inferSelect;

/** A row the undo keeps: its record changed since, or what now points at it (reference names). */
type KeptRow = { rowNumber: number; recordId: string; changed: boolean; pointedAtBy: string[] };

/**
 * Rows the undo leaves alone: records changed (or trashed, or deleted) after the import wrote them,
 * and created records that something added since points at (follow-ups, contacts, tasks, team
 * members): deleting those would destroy or detach the users' work.
 */
async function keptRows(tx: Transaction, batch: Batch): Promise<KeptRow[]> {
  const t = tableOf(batch.objectType);
  // Locked first: a follow-up or contact saved meanwhile waits for the undo instead of being deleted with it.
  await tx.execute(
    sql`select c.id from ${t} c join ${importRows} r on c.id = r.record_id
        where r.batch_id = ${batch.id} and r.outcome = 'created' for update of c`,
  );
  const rows = await queryRows<{ row_number: number; record_id: string; outcome: string; changed: boolean }>(
    tx,
    sql`select r.row_number, r.record_id, r.outcome,
               (c.id is null or c.version <> r.record_version or c.deleted_at is not null) as changed
        from ${importRows} r left join ${t} c on c.id = r.record_id
        where r.batch_id = ${batch.id} and r.outcome in ('created', 'updated')
        order by r.row_number`,
  );
  const created = rows.filter((r) => r.outcome === "created" && !r.changed).map((r) => r.record_id);
  const pointedAt = await referencedIds(tx, batch.organizationId, batch.objectType, created);
  return rows.flatMap((r) => {
    const pointedAtBy = [...new Set(pointedAt.get(r.record_id))];
    return r.changed || pointedAtBy.length > 0
      ? [{ rowNumber: r.row_number, recordId: r.record_id, changed: r.changed, pointedAtBy }]
      : [];
  });
}

/**
 * The customers a contact import created for the companies its file named: once its contacts are
 * gone, those unchanged since and that nothing else points at are deleted too. Answers how many.
 */
async function removeCreatedCustomers(tx: Transaction, batch: Batch, actorId: string): Promise<number> {
  const ids = batch.options?.createdCustomers ?? [];
  if (ids.length === 0) return 0;
  const untouched = await queryRows<{ id: string }>(
    tx,
    sql`select id from ${customers} where id = any(${uuidArray(ids)}) and organization_id = ${batch.organizationId}
        and version = 1 and deleted_at is null for update`,
  );
  const pointedAt = await referencedIds(
    tx,
    batch.organizationId,
    "customer",
    untouched.map((c) => c.id),
  );
  const doomed = untouched.map((c) => c.id).filter((id) => !pointedAt.get(id)?.length);
  if (doomed.length === 0) return 0;
  const stamp = JSON.stringify([{ field: "importBatch", from: batch.id, to: null }]);
  await tx.execute(
    sql`insert into ${auditLog} (id, organization_id, entity_type, entity_id, action, actor_id, changes)
        select gen_random_uuid(), ${batch.organizationId}, 'customer', id, 'purge', ${actorId}, ${stamp}::jsonb
        from unnest(${uuidArray(doomed)}) as id`,
  );
  await releaseReferences(tx, { organizationId: batch.organizationId, userId: actorId }, "customer", doomed);
  await tx.execute(sql`delete from ${customers} where id = any(${uuidArray(doomed)})`);
  return doomed.length;
}

/**
 * Takes a batch back in one transaction: records it created are deleted, records it updated get
 * their previous values. A record changed since the import, or one something added since points
 * at, is left as it is; without `force` any such record refuses the whole undo (409, naming the
 * rows and why). The kept rows' report says why they stayed.
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
    const kept = await keptRows(tx, batch);
    if (kept.length > 0 && !opts.force) {
      throw new AppError(
        "conflict",
        `${kept.length} imported records were changed or got related records since; undo with force=true to keep those and revert the rest`,
        kept
          .flatMap((k) =>
            (k.changed
              ? [`record ${k.recordId} changed since the import`]
              : k.pointedAtBy.map((name) => `record ${k.recordId} has ${name} added since the import`)
            ).map((message) => ({ path: `rows.${k.rowNumber}`, message })),
          )
          .slice(0, 100),
      );
    }
    const actorId = opts.actorId ?? batch.createdBy;
    const keptIds = uuidArray(kept.map((k) => k.recordId));
    const unchanged = sql`r.batch_id = ${batch.id} and c.id = r.record_id and c.version = r.record_version
                          and c.deleted_at is null and c.organization_id = ${batch.organizationId}
                          and c.id <> all(${keptIds})`;
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
    // Nothing pointed at these when checked; whatever was added since (no row lock stops a task) lets go.
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
    // The report says why each kept row stayed.
    const notes = kept.map((k) => ({
      row: k.rowNumber,
      note: (k.changed
        ? ["kept by the undo: changed since the import"]
        : k.pointedAtBy.map((name) => `kept by the undo: ${name} added since the import`)
      ).join("; "),
    }));
    await tx.execute(
      sql`update ${importRows} r set message = concat_ws('; ', r.message, n->>'note')
          from jsonb_array_elements(${JSON.stringify(notes)}::jsonb) n
          where r.batch_id = ${batch.id} and r.row_number = (n->>'row')::int`,
    );
    const reverted = deleted.length + updated.length + (await removeCreatedCustomers(tx, batch, actorId));
    await tx
      .update(importBatches)
      .set(
        opts.failedWith
          ? { status: "failed", error: opts.failedWith.slice(0, 2000), finishedAt: new Date(), updatedAt: new Date() }
          : { status: "undone", undoneAt: new Date(), updatedAt: new Date() },
      )
      .where(and(eq(importBatches.id, batch.id)));
    return { reverted, kept: kept.length };
  });
}
