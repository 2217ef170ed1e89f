import { and, eq, sql } from "drizzle-orm";
import { type Database, queryRows, type Transaction } from "../../platform/db/client.ts";
import { newId } from "../../platform/db/columns.ts";
import { auditLog } from "../../platform/db/platform.table.ts";
import { AppError } from "../../platform/errors.ts";
import { defineJob } from "../../platform/jobs/queue.ts";
import { referencedIds, releaseReferences, uuidArray } from "../../platform/references.ts";
import { customers } from "../customers/table.ts";
import { tableOf } from "./plan.ts";
import { type ImportStatus, importBatches, importRows } from "./table.ts";

type Batch = typeof importBatches.$inferSelect;

/**
 * A row the undo keeps: its record changed or moved to the trash since (a trashed record stays
 * restorable, as its owner left it), or what now points at it (reference names).
 */
type KeptRow = { rowNumber: number; recordId: string; since: "changed" | "trashed" | null; pointedAtBy: string[] };

/** The undo's look at its rows: those it keeps, and those whose record was deleted for good since. */
type Verdict = { kept: KeptRow[]; gone: Set<string> };

/** A row that created or updated a record, as the import recorded it. */
type ImportedRow = {
  rowNumber: number;
  recordId: string;
  outcome: "created" | "updated";
  recordVersion: number;
  before: Record<string, unknown> | null;
};

/**
 * Records per statement. Every statement of the undo names its records by primary key
 * (`id = any($ids)`): joined to the freshly written import rows, which the planner takes for one
 * row until they are analyzed, the undo of 10,000 rows ran for minutes (nested loops over the
 * organization's records).
 */
const CHUNK = 5000;
const chunksOf = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** The batch's rows that created or updated a record and the undo has yet to deal with, by the import rows' primary key. */
async function importedRows(
  tx: Transaction,
  batchId: string,
  page: { after: number; limit: number } = { after: 0, limit: 1_000_000_000 },
): Promise<ImportedRow[]> {
  const rows = await queryRows<{
    row_number: number;
    record_id: string;
    outcome: "created" | "updated";
    record_version: number;
    before: Record<string, unknown> | null;
  }>(
    tx,
    sql`select row_number, record_id, outcome, record_version, before from ${importRows}
        where batch_id = ${batchId} and row_number > ${page.after} and outcome in ('created', 'updated')
          and record_id is not null and record_version is not null
        order by row_number limit ${page.limit}`,
  );
  return rows.map((r) => ({
    rowNumber: r.row_number,
    recordId: r.record_id,
    outcome: r.outcome,
    recordVersion: Number(r.record_version),
    before: r.before,
  }));
}

/**
 * Rows the undo leaves alone: records changed or trashed after the import wrote them, and created
 * records that something added since points at (follow-ups, contacts, tasks, team members): deleting
 * those would destroy or detach the users' work. Records deleted for good since are gone: there is
 * nothing to take back. With `lock` the records are locked on the way: a follow-up or contact saved
 * meanwhile waits for the undo instead of being deleted with it.
 */
async function keptRows(tx: Transaction, batch: Batch, rows: ImportedRow[], opts: { lock: boolean }): Promise<Verdict> {
  const t = tableOf(batch.objectType);
  const current = new Map<string, { version: number; trashed: boolean }>();
  for (const ids of chunksOf(rows.map((r) => r.recordId))) {
    const found = await queryRows<{ id: string; version: number; trashed: boolean }>(
      tx,
      sql`select id, version, deleted_at is not null as trashed from ${t}
          where id = any(${uuidArray(ids)}) and organization_id = ${batch.organizationId}
          order by id ${opts.lock ? sql`for update` : sql``}`,
    );
    for (const c of found) current.set(c.id, { version: Number(c.version), trashed: c.trashed });
  }
  const sinceOf = (r: ImportedRow): KeptRow["since"] => {
    const c = current.get(r.recordId);
    if (c?.trashed) return "trashed";
    return c && c.version !== r.recordVersion ? "changed" : null;
  };
  const gone = new Set(rows.filter((r) => !current.has(r.recordId)).map((r) => r.recordId));
  const pointedAt = new Map<string, string[]>();
  const untouched = rows.filter((r) => r.outcome === "created" && !gone.has(r.recordId) && !sinceOf(r));
  for (const ids of chunksOf(untouched.map((r) => r.recordId))) {
    for (const [id, names] of await referencedIds(tx, batch.organizationId, batch.objectType, ids))
      pointedAt.set(id, names);
  }
  const kept = rows.flatMap((r) => {
    const since = sinceOf(r);
    const pointedAtBy = [...new Set(pointedAt.get(r.recordId))];
    return since || pointedAtBy.length > 0
      ? [{ rowNumber: r.rowNumber, recordId: r.recordId, since, pointedAtBy }]
      : [];
  });
  return { kept, gone };
}

/** Why the undo keeps a row: as the 409's details name the record, and as the report's note says it. */
function keptReasons(k: KeptRow): { detail: string; note: string }[] {
  const record = `record ${k.recordId}`;
  if (k.since === "trashed")
    return [
      {
        detail: `${record} moved to the trash since the import`,
        note: "kept by the undo: moved to the trash since the import",
      },
    ];
  if (k.since === "changed")
    return [{ detail: `${record} changed since the import`, note: "kept by the undo: changed since the import" }];
  return k.pointedAtBy.map((name) => ({
    detail: `${record} has ${name} added since the import`,
    note: `kept by the undo: ${name} added since the import`,
  }));
}

/**
 * The customers a contact import created for the companies its file named: once its contacts are
 * gone, those unchanged since and that nothing else points at are deleted too. Answers how many
 * went, and how many stay (changed since, or something points at them), as the undo reports rows.
 */
async function removeCreatedCustomers(
  tx: Transaction,
  batch: Batch,
  actorId: string,
): Promise<{ removed: number; kept: number }> {
  const ids = batch.options?.createdCustomers ?? [];
  if (ids.length === 0) return { removed: 0, kept: 0 };
  const existing = await queryRows<{ id: string; untouched: boolean }>(
    tx,
    sql`select id, version = 1 and deleted_at is null as untouched from ${customers}
        where id = any(${uuidArray(ids)}) and organization_id = ${batch.organizationId} order by id for update`,
  );
  const untouched = existing.filter((c) => c.untouched).map((c) => c.id);
  const pointedAt = await referencedIds(tx, batch.organizationId, "customer", untouched);
  const doomed = untouched.filter((id) => !pointedAt.get(id)?.length);
  const kept = existing.length - doomed.length;
  if (doomed.length === 0) return { removed: 0, kept };
  const stamp = JSON.stringify([{ field: "importBatch", from: batch.id, to: null }]);
  await tx.execute(
    sql`insert into ${auditLog} (id, organization_id, entity_type, entity_id, action, actor_id, changes)
        select gen_random_uuid(), ${batch.organizationId}, 'customer', id, 'purge', ${actorId}, ${stamp}::jsonb
        from unnest(${uuidArray(doomed)}) as id`,
  );
  await releaseReferences(tx, { organizationId: batch.organizationId, userId: actorId }, "customer", doomed);
  await tx.execute(sql`delete from ${customers} where id = any(${uuidArray(doomed)})`);
  return { removed: doomed.length, kept };
}

/** The rows an undo's 409 names at most (the web says "at least" when it names as many). */
const KEPT_ROWS_NAMED = 100;

/** The 409 of an undo that would have to keep rows, naming the rows (the first 100) and why. */
function keptConflict(kept: KeptRow[]): AppError {
  return new AppError(
    "conflict",
    `${kept.length} imported records were changed or got related records since; undo with force=true to keep those and revert the rest`,
    kept
      .slice(0, KEPT_ROWS_NAMED)
      .flatMap((k) => keptReasons(k).map((reason) => ({ path: `rows.${k.rowNumber}`, message: reason.detail }))),
  );
}

/**
 * Takes back one chunk of the batch's rows in the caller's transaction: records they created are
 * deleted, records they updated get their previous values; a record changed since the import, or
 * one something added since points at, is left as it is, and the row's report says why. The rows
 * are then marked dealt with (record_version null) and the batch's undo counters move on.
 */
async function revertRows(tx: Transaction, batch: Batch, rows: ImportedRow[], actorId: string): Promise<void> {
  const t = tableOf(batch.objectType);
  const { kept, gone } = await keptRows(tx, batch, rows, { lock: true });
  const keptIds = new Set(kept.map((k) => k.recordId));
  const goneRows = rows.filter((r) => gone.has(r.recordId));
  const reverting = rows.filter((r) => !keptIds.has(r.recordId) && !gone.has(r.recordId));
  const stamp = JSON.stringify([{ field: "importBatch", from: batch.id, to: null }]);
  const doomed = reverting.filter((r) => r.outcome === "created").map((r) => r.recordId);
  let deleted = 0;
  if (doomed.length > 0) {
    await tx.execute(
      sql`insert into ${auditLog} (id, organization_id, entity_type, entity_id, action, actor_id, changes)
          select gen_random_uuid(), ${batch.organizationId}, ${batch.objectType}, id, 'purge', ${actorId}, ${stamp}::jsonb
          from unnest(${uuidArray(doomed)}) as id`,
    );
    // Nothing pointed at these when checked; whatever was added since (no row lock stops a task) lets go.
    await releaseReferences(tx, { organizationId: batch.organizationId, userId: actorId }, batch.objectType, doomed);
    const gone = await queryRows<{ id: string }>(
      tx,
      sql`delete from ${t} where id = any(${uuidArray(doomed)}) and organization_id = ${batch.organizationId} returning id`,
    );
    deleted = gone.length;
  }
  const restoring = reverting.filter((r) => r.outcome === "updated");
  const current =
    restoring.length === 0
      ? []
      : await queryRows<{ id: string; current: Record<string, unknown> }>(
          tx,
          sql`select c.id, to_jsonb(c) as current from ${t} c where c.id = any(${uuidArray(restoring.map((r) => r.recordId))})`,
        );
  const currentById = new Map(current.map((c) => [c.id, c.current]));
  // to_jsonb names columns in snake_case; the before-image is keyed by the Drizzle field names.
  const columns = t as unknown as Record<string, { name: string }>;
  for (const row of restoring) {
    const now = currentById.get(row.recordId) ?? {};
    const before = row.before ?? {};
    const fields = Object.keys(before);
    await tx
      .update(t)
      .set({ ...before, version: sql`${t.version} + 1`, updatedAt: new Date() } as never)
      .where(eq(t.id, row.recordId));
    await tx.insert(auditLog).values({
      id: newId(),
      organizationId: batch.organizationId,
      entityType: batch.objectType,
      entityId: row.recordId,
      action: "update",
      actorId,
      changes: [
        { field: "importBatch", from: batch.id, to: null },
        ...fields.map((f) => ({ field: f, from: now[columns[f]?.name ?? f] ?? null, to: before[f] })),
      ],
    });
  }
  const notes = [
    ...kept.map((k) => ({
      row: k.rowNumber,
      note: keptReasons(k)
        .map((reason) => reason.note)
        .join("; "),
    })),
    ...goneRows.map((r) => ({ row: r.rowNumber, note: "nothing to undo: deleted for good since the import" })),
  ];
  await tx.execute(
    sql`update ${importRows} r set message = concat_ws('; ', r.message, n->>'note')
        from jsonb_array_elements(${JSON.stringify(notes)}::jsonb) n
        where r.batch_id = ${batch.id} and r.row_number = (n->>'row')::int`,
  );
  const numbers = `{${rows.map((r) => r.rowNumber).join(",")}}`;
  await tx.execute(
    sql`update ${importRows} set record_version = null
        where batch_id = ${batch.id} and row_number = any(${numbers}::int[])`,
  );
  await tx
    .update(importBatches)
    .set({
      undoneRows: sql`${importBatches.undoneRows} + ${rows.length}`,
      revertedCount: sql`${importBatches.revertedCount} + ${deleted + restoring.length}`,
      keptCount: sql`${importBatches.keptCount} + ${kept.length}`,
      goneCount: sql`${importBatches.goneCount} + ${goneRows.length}`,
      updatedAt: new Date(),
    })
    .where(eq(importBatches.id, batch.id));
}

/**
 * Takes a batch back chunk by chunk, each chunk (its records, their audit entries, the rows marked
 * dealt with, the progress) one transaction: a crash loses at most the chunk in hand, and a rerun
 * resumes after the rows already dealt with. The last transaction removes the customers a contact
 * import created and sets the batch undone (or, when a run given up is taken back, failed). Stops
 * at once when the batch is no longer in one of the `from` states (another run finished it).
 */
export async function revertBatch(
  db: Database,
  batchId: string,
  opts: { from: ImportStatus[]; actorId?: string; failedWith?: string },
): Promise<void> {
  let after = 0;
  for (let finished = false; !finished; ) {
    finished = await db.transaction(async (tx) => {
      const [batch] = await tx.select().from(importBatches).where(eq(importBatches.id, batchId)).for("update");
      if (!batch || !opts.from.includes(batch.status)) return true;
      const actorId = opts.actorId ?? batch.createdBy;
      const rows = await importedRows(tx, batch.id, { after, limit: CHUNK });
      const last = rows.at(-1);
      if (last) {
        await revertRows(tx, batch, rows, actorId);
        after = last.rowNumber;
        return false;
      }
      const customersLeft = await removeCreatedCustomers(tx, batch, actorId);
      await tx
        .update(importBatches)
        .set({
          revertedCount: sql`${importBatches.revertedCount} + ${customersLeft.removed}`,
          keptCount: sql`${importBatches.keptCount} + ${customersLeft.kept}`,
          updatedAt: new Date(),
          ...(opts.failedWith
            ? { status: "failed", error: opts.failedWith.slice(0, 2000), finishedAt: new Date() }
            : { status: "undone", undoneAt: new Date() }),
        })
        .where(eq(importBatches.id, batch.id));
      return true;
    });
  }
}

const UNDO_ATTEMPTS = 5;

/** What went wrong, without the query text and its thousands of ids that a failed query's message carries. */
const reasonOf = (error: unknown) => {
  const e = error as Error & { cause?: Error };
  return String(e.cause?.message ?? e.message ?? error);
};

/** The undo of a finished import, in the background: the web polls the batch's undoneRows. */
export const undoJob = defineJob<{ batchId: string; actorId: string }>({
  queue: "import-undo",
  maxAttempts: UNDO_ATTEMPTS,
  async handle({ db, payload, job }) {
    try {
      await revertBatch(db, payload.batchId, { from: ["undoing"], actorId: payload.actorId });
    } catch (error) {
      if (job.attempts < UNDO_ATTEMPTS) throw error;
      // Given up: the batch is a finished import again, less the rows already taken back; undoing
      // it again resumes after those.
      await db
        .update(importBatches)
        .set({ status: "done", error: reasonOf(error).slice(0, 2000), updatedAt: new Date() })
        .where(and(eq(importBatches.id, payload.batchId), eq(importBatches.status, "undoing")));
    }
  },
});

/**
 * Starts the undo of a finished import (the caller checked the permission): refuses with 409
 * when records were changed or got related records since, unless `force`, then sets the batch
 * undoing and schedules the job in the same transaction. Asked again while it runs, answers the
 * batch as it is.
 */
export async function startUndo(db: Database, batchId: string, force: boolean, actorId: string): Promise<Batch> {
  return db.transaction(async (tx) => {
    const [batch] = await tx.select().from(importBatches).where(eq(importBatches.id, batchId)).for("update");
    if (!batch) throw new AppError("not_found", "Import not found");
    if (batch.status === "undoing") return batch;
    if (batch.status !== "done")
      throw new AppError("conflict", `Only a finished import can be undone (this one is ${batch.status})`);
    if (!force) {
      // Checked without locks: what changes between here and the job is kept by the job.
      const { kept } = await keptRows(tx, batch, await importedRows(tx, batch.id), { lock: false });
      if (kept.length > 0) throw keptConflict(kept);
    }
    const [undoing] = await tx
      .update(importBatches)
      .set({ status: "undoing", error: null, updatedAt: new Date() })
      .where(eq(importBatches.id, batch.id))
      .returning();
    await undoJob.enqueue(tx, {
      key: `${batch.id}:${newId()}`,
      payload: { batchId: batch.id, actorId },
      runAt: new Date(),
      organizationId: batch.organizationId,
    });
    return undoing as Batch;
  });
}
